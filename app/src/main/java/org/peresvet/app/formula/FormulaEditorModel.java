package org.peresvet.app.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peresvet.app.Messages;
import org.peresvet.app.common.Completion;
import org.peresvet.app.common.Completions;
import org.peresvet.app.common.FormulaRef;
import org.peresvet.app.common.ValueFormat;
import org.peresvet.formula.CompiledFormula;
import org.peresvet.formula.FormulaDependencies;
import org.peresvet.formula.FormulaDiagnostics;
import org.peresvet.formula.FormulaState;
import org.peresvet.formula.Formulas;
import org.peresvet.formula.FunctionCatalogue;
import org.peresvet.formula.FunctionRegistry;
import org.peresvet.formula.TagRef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;

/**
 * The formula editor without the toolkit: the text being typed, checked on every change against
 * the model (the problem with its place, closest tag names, a would-be cycle), the inputs it
 * reads with their live values, the tags and methods that depend on its owner, the result it
 * would give now (evaluated against the current values, nothing saved), completions at the caret
 * and the test bench. Saving gives the edit for the running engine; the owner changes only then.
 *
 * <p>FX thread (or the test thread acting as it). Live values come through {@link #setValues}:
 * the controller hands in the bridge's values and calls {@link #valuesChanged()} when one changes.
 */
public final class FormulaEditorModel {

    /** One input of the formula as the side panel shows it. */
    public record InputRow(UUID id, String path, String value, String quality, boolean good) {
    }

    private final FormulaTarget target;
    private ModelSnapshot model;
    private FormulaDependencies deps;
    private final List<FunctionCatalogue.Entry> functions = FunctionCatalogue.of(FunctionRegistry.standard());
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private String savedText;
    private final ReadOnlyObjectWrapper<FormulaDiagnostics.Problem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyBooleanWrapper previewGood = new ReadOnlyBooleanWrapper(this, "previewGood", false);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty", false);
    private final ReadOnlyBooleanWrapper gone = new ReadOnlyBooleanWrapper(this, "gone", false);
    private final ObservableList<InputRow> inputs = FXCollections.observableArrayList();
    private final ObservableList<String> dependents = FXCollections.observableArrayList();
    private final TestBench bench = new TestBench();
    private CompiledFormula compiled;
    private Function<UUID, Sample> values = id -> null;
    private java.util.function.LongSupplier clock = () -> System.currentTimeMillis() * 1000;

    public FormulaEditorModel(FormulaTarget target, ModelSnapshot model) {
        if (!target.existsIn(model)) {
            throw new IllegalArgumentException(Messages.get("formula.noFormula"));
        }
        this.target = target;
        this.model = model;
        this.deps = FormulaDependencies.of(model);
        this.savedText = target.formula(model);
        text.set(savedText);
        text.addListener((obs, o, n) -> check());
        check();
        bench.startNow(clock.getAsLong(), values);
        showDependents();
    }

    public FormulaTarget target() {
        return target;
    }

    public ModelSnapshot model() {
        return model;
    }

    /** The text being edited. */
    public StringProperty textProperty() {
        return text;
    }

    public String getText() {
        return text.get();
    }

    public void setText(String t) {
        text.set(t);
    }

    /** What is wrong with the text, or null when it would be accepted. */
    public ReadOnlyObjectProperty<FormulaDiagnostics.Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public FormulaDiagnostics.Problem getProblem() {
        return problem.get();
    }

    /** One line under the editor: the problem with its place, or what the formula gives. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The result the formula as typed gives now; empty while it has an error. */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty previewGoodProperty() {
        return previewGood.getReadOnlyProperty();
    }

    /** True when the text differs from the saved formula. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** True when the owner was deleted (or lost its formula) while the editor was open. */
    public ReadOnlyBooleanProperty goneProperty() {
        return gone.getReadOnlyProperty();
    }

    public ObservableList<InputRow> inputs() {
        return inputs;
    }

    /** Paths of the calculated tags that read the owner (directly or through others), then methods. */
    public ObservableList<String> dependents() {
        return dependents;
    }

    public TestBench bench() {
        return bench;
    }

    /** The compiled formula as typed, or null while it has an error. */
    public CompiledFormula compiled() {
        return compiled;
    }

    /** The ids of the tags the formula as typed reads (what the controller watches). */
    public List<UUID> inputIds() {
        return inputs.stream().map(InputRow::id).toList();
    }

    /** Where live values come from; the preview and input rows refresh at once. */
    public void setValues(Function<UUID, Sample> source) {
        this.values = Objects.requireNonNull(source);
        bench.fillEmpty(source);
        valuesChanged();
    }

    /** The clock of the preview when no input has a value (µs since the epoch). */
    public void setClock(java.util.function.LongSupplier micros) {
        this.clock = micros;
    }

    /** The model changed (an edit from anywhere): check again against it. */
    public void modelChanged(ModelSnapshot m) {
        if (m == model) {
            return;
        }
        if (!target.existsIn(m)) {
            gone.set(true);
            status.set(Messages.get("formula.gone"));
            return;
        }
        model = m;
        deps = FormulaDependencies.of(m);
        check();
        showDependents();
    }

    /** Checks the text as it is now and refreshes everything that follows from it. */
    public void check() {
        if (gone.get()) {
            return;
        }
        String t = text.get();
        dirty.set(!t.equals(savedText));
        FormulaDiagnostics.Diagnosis d = target.check(t, model, deps);
        compiled = d.formula();
        problem.set(d.problem());
        if (d.ok()) {
            status.set(Messages.get("formula.ok", compiled.type().label(), compiled.inputs().size())
                    + (compiled.stateful() ? " " + Messages.get("formula.okStateful") : ""));
            bench.setInputs(compiled.inputs());
            bench.fillEmpty(values);
        } else {
            FormulaDiagnostics.Problem p = d.problem();
            // The closest names are offered beside the message (the editor shows them as links).
            status.set(p.cycle().isEmpty() ? Messages.get("formula.problem", p.line(), p.column(), p.message())
                    : Messages.get("formula.problemCycle", p.line(), p.column(), p.cycle().get(p.cycle().size() > 2 ? 1 : 0)));
        }
        showInputs();
    }

    /** A live value changed: refresh the input rows and the preview. */
    public void valuesChanged() {
        showInputs();
    }

    private void showInputs() {
        List<InputRow> rows = new ArrayList<>();
        if (compiled != null) {
            for (TagRef in : compiled.inputs()) {
                TagDef def = model.tag(in.id());
                Sample s = values.apply(in.id());
                rows.add(new InputRow(in.id(), in.path(), def == null ? "" : ValueFormat.value(def, s),
                        ValueFormat.quality(s), s != null && s.isGood()));
            }
        }
        if (!rows.equals(inputs)) {
            inputs.setAll(rows);
        }
        showPreview();
    }

    private void showPreview() {
        if (compiled == null) {
            preview.set("");
            previewGood.set(false);
            return;
        }
        Sample[] in = new Sample[compiled.inputs().size()];
        long time = Long.MIN_VALUE;
        for (TagRef ref : compiled.inputs()) {
            Sample s = values.apply(ref.id());
            in[ref.slot()] = s;
            if (s != null) {
                time = Math.max(time, s.x());
            }
        }
        if (time == Long.MIN_VALUE) {
            time = clock.getAsLong();
        }
        FormulaState state = compiled.newState();
        Sample r = compiled.evaluate(slot -> in[slot], state, time);
        String shown = resultText(r, state.lastError());
        if (r.isGood()) {
            TagDef out = target.resultTag(model).orElse(null);
            if (out != null) {
                try {
                    shown = ValueFormat.value(out, Sample.of(r.x(), Formulas.toTagValue(r.y(), out.type())));
                } catch (RuntimeException e) {
                    // a result the tag cannot hold was reported by the check already
                }
            }
        }
        preview.set(shown);
        previewGood.set(r.isGood());
    }

    /** A formula result in words: the value, or "bad: quality (reason)". */
    static String resultText(Sample r, String error) {
        if (r.isGood() && r.y() != null) {
            return plain(r.y());
        }
        String q = Quality.describe(r.q() == null ? Quality.BAD_DATA : r.q());
        return error == null ? Messages.get("formula.resultBad", q) : Messages.get("formula.resultError", q, error);
    }

    static String plain(Object y) {
        if (y instanceof Double d) {
            double v = d;
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            String s = String.format(java.util.Locale.ROOT, "%.6g", v);
            if (s.contains("e") || s.contains("E")) {
                return s;
            }
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.valueOf(y);
    }

    private void showDependents() {
        List<String> out = new ArrayList<>();
        if (target.ref().kind() == FormulaRef.Kind.TAG) {
            UUID id = target.ref().id();
            for (UUID t : deps.allTagsReading(id)) {
                out.add(model.tagPath(t));
            }
            for (MethodDef m : deps.methodsReading(id)) {
                out.add(Messages.get("formula.dependentMethod", m.name()));
            }
        }
        dependents.setAll(out);
    }

    /** Proposals at the caret; {@code explicit} when asked for with Ctrl+Space. */
    public List<Completion> completions(int caret, boolean explicit) {
        String t = text.get();
        int c = Math.max(0, Math.min(caret, t.length()));
        return Completions.at(t, c, model, target.basePath(model), functions, explicit);
    }

    /** Accepts a proposal: the text changes; returns the caret position after it. */
    public int accept(Completion c) {
        text.set(c.applyTo(text.get()));
        return c.caretAfter();
    }

    /** Replaces the unknown tag under the problem by a suggested path (absolute). */
    public int acceptSuggestion(String path) {
        FormulaDiagnostics.Problem p = problem.get();
        if (p == null || p.suggestions().isEmpty()) {
            return -1;
        }
        String t = text.get();
        String insert = "{" + path + "}";
        text.set(t.substring(0, p.offset()) + insert + t.substring(Math.min(t.length(), p.offset() + p.length())));
        return p.offset() + insert.length();
    }

    /** Runs the test bench on the formula as typed. */
    public List<String> runBench() {
        return bench.run(compiled);
    }

    /**
     * The edit that saves the text to the running engine.
     *
     * @throws IllegalStateException with the problem when the text has one; nothing changes
     */
    public List<ModelEdit> saveEdits() {
        check();
        if (gone.get()) {
            throw new IllegalStateException(Messages.get("formula.gone"));
        }
        if (problem.get() != null) {
            throw new IllegalStateException(status.get());
        }
        return target.save(model, text.get());
    }

    /** The save was applied: the text is now the saved formula. */
    public void saved() {
        savedText = text.get();
        dirty.set(false);
    }

    /** The formula as saved (what Cancel leaves in place). */
    public String savedText() {
        return savedText;
    }
}
