package org.peresvet.schedule;

import java.util.List;
import org.peresvet.model.ModelCheck;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.schedule.internal.Timetable;

/** Refuses a cron schedule whose expression does not parse (installed as a {@link ModelCheck} service). */
public final class ScheduleCheck implements ModelCheck {
    @Override
    public void check(ModelSnapshot after, List<ModelEdit> applied) {
        for (ModelEdit e : applied) {
            if (e instanceof ModelEdit.PutSchedule p && p.schedule().cron() != null
                    && p.schedule().kind() == org.peresvet.model.ScheduleDef.Kind.CRON) {
                try {
                    Timetable.parseCron(p.schedule().cron());
                } catch (IllegalArgumentException ex) {
                    throw new ModelException("schedule " + p.schedule().name(), "cron", ex.getMessage());
                }
            }
        }
    }
}
