package org.peresvet.connector.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagSample;

/** What a connector slot needs from its manager. */
public interface SlotHooks {
    /** Into the engine's ingest queue. */
    void ingest(List<TagSample> samples);

    /** A value a device reported for a tag (before deadband): pending writes look for their echo. */
    void observed(UUID tagId, Object value);

    ScheduledExecutorService scheduler();

    ModelSnapshot model();
}
