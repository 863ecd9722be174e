package org.peresvet.formula;

import java.util.List;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ModelCheck;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;

/**
 * Checks every formula whenever the model changes (installed as a {@link ModelCheck} service):
 * a formula that does not compile, reads an unknown tag, does not fit its tag or closes a cycle
 * is refused when it is saved, and so is an edit that breaks an existing formula (deleting or
 * renaming a tag it reads).
 */
public final class FormulaCheck implements ModelCheck {
    @Override
    public void check(ModelSnapshot after, List<ModelEdit> applied) {
        boolean any = false;
        for (var t : after.tags()) {
            if (t.calculated()) {
                any = true;
                if (t.trigger().kind() == CalcTrigger.Kind.SCHEDULE && after.schedule(t.trigger().scheduleId()) == null) {
                    throw new ModelException(after.tagPath(t.id()), "trigger", "unknown schedule " + t.trigger().scheduleId());
                }
            }
        }
        if (any) {
            CalcGraph.build(after);
        }
    }
}
