package org.peresvet.runtime;

import java.util.List;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagSample;

/**
 * A step of the engine loop between the deadband and the sinks (calculated tags, alarms). Every
 * method runs on the loop thread, in order with the samples, so a stage needs no locks.
 * Samples a stage returns are applied at once (deadband, current value), seen by the later
 * stages and then by the sinks, all in the same round.
 */
public interface LoopStage {

    /**
     * @param accepted the samples accepted so far in this round (base samples plus what earlier
     *                 stages derived); valid only during the call
     * @return derived samples to apply now; never null
     */
    List<TagSample> process(List<TagSample> accepted);

    /** Called about every 100 ms (timers, periodic triggers, delays); returns derived samples. */
    default List<TagSample> tick(long nowMicros) {
        return List.of();
    }

    /** The model changed (tags, formulas, alarm definitions); called before the next sample. */
    default void modelChanged(ModelSnapshot model) {
    }
}
