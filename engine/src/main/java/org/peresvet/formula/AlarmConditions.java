package org.peresvet.formula;

import java.util.List;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/**
 * The formulas of expression alarms: compiled against the model with relative paths starting at
 * the object of the alarm's tag (like a calculated tag's formula), and they must give a boolean.
 * Installed as a {@link org.peresvet.model.ModelCheck} too, so a broken expression is refused
 * when it is saved, and so is an edit that breaks one (deleting or renaming a tag it reads).
 */
public final class AlarmConditions implements org.peresvet.model.ModelCheck {

    /**
     * @throws FormulaException with line, column and reason when the text does not compile or does
     *                          not give a boolean
     */
    public static CompiledFormula compile(AlarmDef alarm, ModelSnapshot model) {
        TagDef tag = model.tag(alarm.tagId());
        if (alarm.expression() == null) {
            throw new FormulaException(1, 1, "an expression alarm needs an expression");
        }
        CompiledFormula f = Formulas.compile(alarm.expression(), FormulaContext.of(model, tag));
        if (f.type() != FormulaType.BOOL) {
            throw new FormulaException(1, 1, "the expression gives " + f.type().label()
                    + " but an alarm needs a condition (true while in alarm), e.g. {Level} > 4.5");
        }
        return f;
    }

    @Override
    public void check(ModelSnapshot after, List<ModelEdit> applied) {
        for (AlarmDef a : after.alarms()) {
            if (a.kind() != AlarmKind.EXPRESSION || after.tag(a.tagId()) == null) {
                continue;
            }
            try {
                compile(a, after);
            } catch (FormulaException e) {
                throw new ModelException(after.alarmPath(a.id()), "expression", e.getMessage());
            }
        }
    }
}
