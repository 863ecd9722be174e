package org.peresvet.method.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.peresvet.formula.CompiledFormula;
import org.peresvet.formula.FormulaContext;
import org.peresvet.formula.FormulaException;
import org.peresvet.formula.FormulaType;
import org.peresvet.formula.Formulas;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** A method checked against the model: paths resolved, formulas compiled. */
public final class CompiledMethod {
    /** A tag initiator: the tag and its condition (null: every sample). */
    public record TagTrigger(UUID tagId, String path, CompiledFormula condition) {
    }

    public final MethodDef def;
    public final TagDef target;
    public final String targetPath;
    public final CompiledFormula formula;
    public final Map<String, CompiledFormula> parameters;
    public final List<TagTrigger> tagTriggers;

    private CompiledMethod(MethodDef def, TagDef target, String targetPath, CompiledFormula formula,
                           Map<String, CompiledFormula> parameters, List<TagTrigger> tagTriggers) {
        this.def = def;
        this.target = target;
        this.targetPath = targetPath;
        this.formula = formula;
        this.parameters = parameters;
        this.tagTriggers = tagTriggers;
    }

    /**
     * @throws ModelException naming the method and the field at fault
     */
    public static CompiledMethod compile(ModelSnapshot model, MethodDef m) {
        String where = "method " + m.name();
        if (m.objectId() != null && model.object(m.objectId()) == null) {
            throw new ModelException(where, "object", "the method's object no longer exists; delete or move the method first");
        }
        String base = m.objectId() == null ? "/" : model.objectPath(m.objectId());
        FormulaContext ctx = FormulaContext.of(model, base);
        TagDef target = null;
        String targetPath = null;
        if (m.target() != null) {
            targetPath = Formulas.resolvePath(base, m.target());
            target = targetPath == null ? null : model.findTag(targetPath).orElse(null);
            if (target == null) {
                throw new ModelException(where, "target", "unknown tag " + m.target());
            }
            if (target.calculated()) {
                throw new ModelException(where, "target", "tag " + targetPath + " is calculated by its formula and cannot be written");
            }
            if (target.type() == ValueType.JSON && m.kind() == MethodDef.Kind.WRITE) {
                throw new ModelException(where, "target", "a write method cannot compute a json tag");
            }
        }
        CompiledFormula formula = null;
        if (m.kind() == MethodDef.Kind.WRITE) {
            formula = compile(m.formula(), ctx, where, "formula");
            String bad = Formulas.incompatibility(formula.type(), target.type());
            if (bad != null) {
                throw new ModelException(where, "formula", bad);
            }
        }
        Map<String, CompiledFormula> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : new java.util.TreeMap<>(m.parameters()).entrySet()) {
            params.put(p.getKey(), compile(p.getValue(), ctx, where, "parameters." + p.getKey()));
        }
        List<TagTrigger> triggers = new ArrayList<>();
        for (MethodDef.Initiator i : m.initiators()) {
            switch (i.type()) {
                case TAG -> {
                    String path = Formulas.resolvePath(base, i.tag());
                    TagDef t = path == null ? null : model.findTag(path).orElse(null);
                    if (t == null) {
                        throw new ModelException(where, "initiators", "unknown tag " + i.tag());
                    }
                    CompiledFormula cond = null;
                    if (i.condition() != null) {
                        cond = compile(i.condition(), ctx, where, "condition");
                        if (cond.type() != FormulaType.BOOL) {
                            throw new ModelException(where, "condition", "a condition must be a boolean, found " + cond.type().label());
                        }
                    }
                    triggers.add(new TagTrigger(t.id(), path, cond));
                }
                case SCHEDULE -> {
                    if (model.schedule(i.scheduleId()) == null) {
                        throw new ModelException(where, "initiators", "unknown schedule " + i.scheduleId());
                    }
                }
                case EVENT -> {
                    // Any event type name: the publisher may not be installed yet (alarms).
                }
            }
        }
        return new CompiledMethod(m, target, targetPath, formula, params, triggers);
    }

    private static CompiledFormula compile(String text, FormulaContext ctx, String where, String field) {
        try {
            return Formulas.compile(text, ctx);
        } catch (FormulaException e) {
            throw new ModelException(where, field, e.getMessage());
        }
    }
}
