package org.peresvet.method;

import java.util.List;
import org.peresvet.method.internal.CompiledMethod;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelCheck;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;

/**
 * Checks every method whenever the model changes (installed as a {@link ModelCheck} service):
 * paths resolve, the target can be written, formulas and conditions compile, schedules exist.
 */
public final class MethodCheck implements ModelCheck {
    @Override
    public void check(ModelSnapshot after, List<ModelEdit> applied) {
        for (MethodDef m : after.methods()) {
            CompiledMethod.compile(after, m);
        }
    }
}
