package org.peresvet.app.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peresvet.app.common.Completion;
import org.peresvet.app.common.FormulaRef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** The formula editor's view model, without the toolkit: checking, completion, preview, bench, save. */
class FormulaEditorModelTest {
    private final ObjectDef station = ObjectDef.create(null, "Station");
    private final ObjectDef tank = ObjectDef.create(station.id(), "Tank");
    private final ObjectDef pump = ObjectDef.create(station.id(), "Pump1");
    private final TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).units("m").build();
    private final TagDef levelSp = TagDef.builder(tank.id(), "LevelSetpoint", ValueType.DOUBLE).build();
    private final TagDef running = TagDef.builder(pump.id(), "Running", ValueType.BOOL).build();
    private final TagDef flow = TagDef.builder(pump.id(), "Flow", ValueType.DOUBLE).build();
    private final TagDef volume = TagDef.builder(tank.id(), "Volume", ValueType.DOUBLE).formula("{Level} * 2").build();
    private final TagDef reader = TagDef.builder(tank.id(), "Doubled", ValueType.DOUBLE).formula("{Volume} * 2").build();
    private final MethodDef copy = MethodDef.write("copyLevel", tank.id(), "LevelSetpoint", "{Volume} / 2",
            List.of(MethodDef.Initiator.tag("Level", null)));
    private ModelSnapshot model;
    private final Map<UUID, Sample> values = new HashMap<>();
    private FormulaEditorModel m;

    @BeforeEach
    void setUp() {
        model = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(station), new ModelEdit.PutObject(tank),
                new ModelEdit.PutObject(pump), new ModelEdit.PutTag(level), new ModelEdit.PutTag(levelSp),
                new ModelEdit.PutTag(running), new ModelEdit.PutTag(flow), new ModelEdit.PutTag(volume),
                new ModelEdit.PutTag(reader), new ModelEdit.PutMethod(copy))).snapshot();
        m = new FormulaEditorModel(new FormulaTarget(FormulaRef.tag(volume.id())), model);
        m.setClock(() -> 5_000_000L);
        m.setValues(values::get);
    }

    @Test
    void opensOnTheSavedFormulaWithItsInputsAndDependents() {
        assertThat(m.getText()).isEqualTo("{Level} * 2");
        assertThat(m.getProblem()).isNull();
        assertThat(m.dirtyProperty().get()).isFalse();
        assertThat(m.inputs()).extracting(FormulaEditorModel.InputRow::path).containsExactly("/Station/Tank/Level");
        assertThat(m.dependents()).containsExactly("/Station/Tank/Doubled", "method copyLevel");
        assertThat(m.statusProperty().get()).startsWith("✓ Valid: gives a number from 1 input(s).");
    }

    @Test
    void anErrorIsReportedAtItsColumnAndSaveIsRefused() {
        m.setText("{Level} * * 2");
        assertThat(m.getProblem().column()).isEqualTo(11);
        assertThat(m.getProblem().offset()).isEqualTo(10);
        assertThat(m.statusProperty().get()).startsWith("✕ Line 1, column 11:");
        assertThat(m.previewProperty().get()).isEmpty();
        assertThat(m.dirtyProperty().get()).isTrue();
        assertThatThrownBy(m::saveEdits).isInstanceOf(IllegalStateException.class).hasMessageContaining("column 11");
    }

    @Test
    void anUnknownTagOffersTheClosestAndAcceptingOneFixesIt() {
        m.setText("{Levle} + 1");
        assertThat(m.getProblem().suggestions()).first().isEqualTo("/Station/Tank/Level");
        assertThat(m.statusProperty().get()).contains("did you mean {/Station/Tank/Level}?");
        int caret = m.acceptSuggestion("/Station/Tank/Level");
        assertThat(m.getText()).isEqualTo("{/Station/Tank/Level} + 1");
        assertThat(caret).isEqualTo("{/Station/Tank/Level}".length());
        assertThat(m.getProblem()).isNull();
    }

    @Test
    void aWouldBeCycleShowsItsPath() {
        m.setText("{Doubled} + 1");
        assertThat(m.getProblem().cycle()).containsExactly("/Station/Tank/Volume", "/Station/Tank/Doubled", "/Station/Tank/Volume");
        assertThat(m.statusProperty().get()).isEqualTo("✕ Line 1, column 1: saving would close a cycle through /Station/Tank/Doubled");
    }

    @Test
    void thePreviewFollowsTheTextAndTheLiveValues() {
        assertThat(m.previewProperty().get()).startsWith("bad");
        values.put(level.id(), Sample.of(1_000_000L, 1.5));
        m.valuesChanged();
        assertThat(m.previewProperty().get()).isEqualTo("3.00");
        assertThat(m.previewGoodProperty().get()).isTrue();
        assertThat(m.inputs().get(0).value()).isEqualTo("1.50 m");
        m.setText("{Level} * 10");
        assertThat(m.previewProperty().get()).isEqualTo("15.00");
        values.put(level.id(), new Sample(2_000_000L, null, Quality.CONNECTION_LOST));
        m.valuesChanged();
        assertThat(m.previewProperty().get()).isEqualTo("bad (connection lost)");
        assertThat(m.inputs().get(0).good()).isFalse();
        m.setText("1 / 0");
        assertThat(m.previewProperty().get()).startsWith("bad (bad data): ");
    }

    @Test
    void tagCompletionIsRelativeAbsoluteAndWalksObjects() {
        m.setText("{Lev");
        List<Completion> c = m.completions(4, false);
        assertThat(c).extracting(Completion::label).containsExactly("Level", "LevelSetpoint");
        assertThat(c.get(0).detail()).isEqualTo("double, m");
        int caret = m.accept(c.get(0));
        assertThat(m.getText()).isEqualTo("{Level}");
        assertThat(caret).isEqualTo(7);

        m.setText("{../");
        assertThat(m.completions(4, false)).extracting(Completion::label).contains("../Pump1/", "../Tank/");
        m.setText("{../Pump1/R");
        c = m.completions(m.getText().length(), false);
        assertThat(c).extracting(Completion::label).containsExactly("../Pump1/Running");
        m.accept(c.get(0));
        assertThat(m.getText()).isEqualTo("{../Pump1/Running}");

        m.setText("{/Station/P");
        assertThat(m.completions(m.getText().length(), false)).extracting(Completion::label).contains("/Station/Pump1/");
        // A name found elsewhere in the tree comes with its absolute path.
        m.setText("{Flo");
        assertThat(m.completions(4, false)).extracting(Completion::label).containsExactly("/Station/Pump1/Flow");
        // Inside a closed reference the whole reference is replaced.
        m.setText("{Le} + 1");
        c = m.completions(3, false);
        m.accept(c.get(0));
        assertThat(m.getText()).isEqualTo("{Level} + 1");
    }

    @Test
    void functionCompletionShowsSignatureAndDescription() {
        m.setText("{Level} + tot");
        List<Completion> c = m.completions(m.getText().length(), false);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).label()).isEqualTo("totalizer(x)");
        assertThat(c.get(0).detail()).isEqualTo("stateful");
        assertThat(c.get(0).description()).contains("time integral");
        m.accept(c.get(0));
        assertThat(m.getText()).isEqualTo("{Level} + totalizer(");
        // Inside a reference the caret's prefix ("Le") is completed.
        assertThat(m.completions(3, false)).extracting(Completion::label).containsExactly("Level", "LevelSetpoint");
        m.setText("1 + ");
        assertThat(m.completions(4, false)).isEmpty();
        assertThat(m.completions(4, true)).extracting(Completion::label).contains("Level", "max(x, y, …)");
    }

    @Test
    void theBenchRunsStatefulFormulasStepByStep() {
        m.setText("totalizer({Level})");
        TestBench b = m.bench();
        b.startAt(0, Map.of(level.id(), Sample.of(0, 2.0)));
        b.addStep(); // +10 s, same value
        b.addStep();
        b.steps().get(2).value(level.id()).set("4");
        assertThat(m.runBench()).containsExactly("0", "20", "50");
        assertThat(b.noteProperty().get()).contains("one memory");
        b.steps().get(1).value(level.id()).set("abc");
        assertThat(m.runBench().get(1)).isEqualTo("/Station/Tank/Level: 'abc' is not a number");
        assertThat(b.steps().get(1).isBad()).isTrue();
        b.steps().get(1).value(level.id()).set("");
        assertThat(m.runBench().get(1)).isEqualTo("bad (bad data)");
        b.steps().get(2).secondsProperty().set("5");
        assertThat(m.runBench().get(2)).isEqualTo("Each step must come after the one before it");
        m.setText("totalizer(");
        assertThat(m.runBench()).isEmpty();
        assertThat(b.noteProperty().get()).isEqualTo("Fix the formula to run the test bench.");
    }

    @Test
    void saveGivesThePutTagAndCancelLeavesTheModelAlone() {
        m.setText("{Level} * 3");
        List<ModelEdit> edits = m.saveEdits();
        assertThat(edits).hasSize(1);
        TagDef saved = ((ModelEdit.PutTag) edits.get(0)).tag();
        assertThat(saved.id()).isEqualTo(volume.id());
        assertThat(saved.formula()).isEqualTo("{Level} * 3");
        assertThat(saved.units()).isEqualTo(volume.units());
        assertThat(model.tag(volume.id()).formula()).isEqualTo("{Level} * 2"); // nothing applied yet
        m.saved();
        assertThat(m.dirtyProperty().get()).isFalse();
        assertThat(m.savedText()).isEqualTo("{Level} * 3");
    }

    @Test
    void aMethodFormulaIsCheckedAgainstItsTargetAndSavedAsPutMethod() {
        FormulaEditorModel mm = new FormulaEditorModel(new FormulaTarget(FormulaRef.method(copy.id())), model);
        assertThat(mm.getText()).isEqualTo("{Volume} / 2");
        assertThat(mm.dependents()).isEmpty();
        mm.setText("\"x\" + {Volume}");
        assertThat(mm.getProblem().message()).contains("the tag is a double tag");
        mm.setText("{Volume} / 4");
        ModelEdit.PutMethod put = (ModelEdit.PutMethod) mm.saveEdits().get(0);
        assertThat(put.method().id()).isEqualTo(copy.id());
        assertThat(put.method().formula()).isEqualTo("{Volume} / 4");
        assertThat(put.method().target()).isEqualTo("LevelSetpoint");
    }

    @Test
    void theOwnerDeletedWhileEditingIsSaidAndSaveRefused() {
        ModelSnapshot without = model.apply(List.of(new ModelEdit.DeleteTag(reader.id()), new ModelEdit.DeleteMethod(copy.id()),
                new ModelEdit.DeleteTag(volume.id()))).snapshot();
        m.modelChanged(without);
        assertThat(m.goneProperty().get()).isTrue();
        assertThatThrownBy(m::saveEdits).hasMessageContaining("deleted");
    }

    @Test
    void aTagWithoutFormulaCannotBeOpened() {
        assertThatThrownBy(() -> new FormulaEditorModel(new FormulaTarget(FormulaRef.tag(level.id())), model))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
