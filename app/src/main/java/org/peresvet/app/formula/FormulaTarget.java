package org.peresvet.app.formula;

import java.util.List;
import java.util.Optional;
import org.peresvet.app.Messages;
import org.peresvet.app.common.FormulaRef;
import org.peresvet.formula.FormulaDependencies;
import org.peresvet.formula.FormulaDiagnostics;
import org.peresvet.formula.Formulas;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/**
 * The owner of the formula being edited, read afresh from each model: a calculated tag, or a
 * write method (whose result goes to its target tag). Knows how to check a text as that owner's
 * formula and which edit saves it.
 */
public record FormulaTarget(FormulaRef ref) {

    /** True while the model holds the owner and it has a formula to edit. */
    public boolean existsIn(ModelSnapshot m) {
        return switch (ref.kind()) {
            case TAG -> m.tag(ref.id()) != null && m.tag(ref.id()).calculated();
            case METHOD -> m.method(ref.id()) != null && m.method(ref.id()).kind() == MethodDef.Kind.WRITE;
        };
    }

    /** What the tab and the header call it: the tag's path, or "method name (object path)". */
    public String name(ModelSnapshot m) {
        return switch (ref.kind()) {
            case TAG -> m.tagPath(ref.id());
            case METHOD -> {
                MethodDef md = m.method(ref.id());
                yield Messages.get("formula.methodName", md.name(), basePath(m));
            }
        };
    }

    /** The short title of the tab. */
    public String shortName(ModelSnapshot m) {
        return ref.kind() == FormulaRef.Kind.TAG ? m.tag(ref.id()).name() : m.method(ref.id()).name();
    }

    /** Where relative references start. */
    public String basePath(ModelSnapshot m) {
        return switch (ref.kind()) {
            case TAG -> m.objectPath(m.tag(ref.id()).objectId());
            case METHOD -> {
                MethodDef md = m.method(ref.id());
                yield md.objectId() == null || m.object(md.objectId()) == null ? "/" : m.objectPath(md.objectId());
            }
        };
    }

    /** The saved formula. */
    public String formula(ModelSnapshot m) {
        String f = ref.kind() == FormulaRef.Kind.TAG ? m.tag(ref.id()).formula() : m.method(ref.id()).formula();
        return f == null ? "" : f;
    }

    /** The tag that receives the result: the calculated tag, or the method's target. */
    public Optional<TagDef> resultTag(ModelSnapshot m) {
        if (ref.kind() == FormulaRef.Kind.TAG) {
            return Optional.ofNullable(m.tag(ref.id()));
        }
        MethodDef md = m.method(ref.id());
        if (md.target() == null) {
            return Optional.empty();
        }
        String path = Formulas.resolvePath(basePath(m), md.target());
        return path == null ? Optional.empty() : m.findTag(path);
    }

    /** Checks {@code text} as this owner's formula against {@code m}. */
    public FormulaDiagnostics.Diagnosis check(String text, ModelSnapshot m, FormulaDependencies deps) {
        return switch (ref.kind()) {
            case TAG -> FormulaDiagnostics.forTag(text, m, m.tag(ref.id()), deps);
            case METHOD -> FormulaDiagnostics.forMethod(text, m, m.method(ref.id()));
        };
    }

    /** The edit that saves {@code text} as the formula. */
    public List<ModelEdit> save(ModelSnapshot m, String text) {
        return switch (ref.kind()) {
            case TAG -> List.of(new ModelEdit.PutTag(m.tag(ref.id()).toBuilder().formula(text).build()));
            case METHOD -> List.of(new ModelEdit.PutMethod(m.method(ref.id()).withFormula(text)));
        };
    }
}
