package org.peresvet.screen;

import java.util.List;
import java.util.UUID;
import org.peresvet.formula.CompiledFormula;
import org.peresvet.formula.FormulaContext;
import org.peresvet.formula.FormulaException;
import org.peresvet.formula.Formulas;
import org.peresvet.formula.TagRef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/**
 * A binding resolved against a model, ready for a runtime: a tag binding knows its tag, an
 * expression binding its compiled formula (compiled once here with the engine's formula compiler;
 * evaluate it when one of {@link #inputs()} changes).
 *
 * @param tag     the bound tag (tag bindings), else null
 * @param formula the compiled expression (expression bindings), else null
 * @param inputs  the tags whose change changes the value
 */
public record CompiledBinding(Binding binding, TagDef tag, CompiledFormula formula, List<UUID> inputs) {

    /**
     * Resolves {@code binding} (macros already expanded) in {@code model}.
     *
     * @throws IllegalArgumentException when the tag does not exist or the expression does not
     *                                  compile (the formula compiler's reason with line and column)
     */
    public static CompiledBinding compile(ModelSnapshot model, Binding binding) {
        if (binding.isTag()) {
            TagDef t = model.findTag(binding.tag()).orElseThrow(
                    () -> new IllegalArgumentException("no tag " + binding.tag()));
            return new CompiledBinding(binding, t, null, List.of(t.id()));
        }
        try {
            CompiledFormula f = Formulas.compile(binding.expression(), FormulaContext.of(model, "/"));
            return new CompiledBinding(binding, null, f, f.inputs().stream().map(TagRef::id).toList());
        } catch (FormulaException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
