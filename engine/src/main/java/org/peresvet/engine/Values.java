package org.peresvet.engine;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.peresvet.model.Actor;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.SampleSink;
import org.peresvet.runtime.Subscription;
import org.peresvet.runtime.SubscriptionFilter;

/** Current values: read, write into the pipeline, subscribe to changes. */
public interface Values {

    /** The current value of a tag (null before its first value). */
    Sample current(UUID tagId);

    /**
     * Validates the whole batch (tags exist and are enabled, are not calculated, values fit the tag
     * types), then queues it. A rejected batch changes nothing. Blocks while the ingest queue is full.
     *
     * @throws IllegalArgumentException naming the tag and the problem
     * @throws IllegalStateException    when the engine is not running
     */
    void write(Actor actor, List<TagSample> batch);

    /** Writes a value at the current time with good quality. */
    default void write(Actor actor, UUID tagId, Object value) {
        write(actor, List.of(new TagSample(tagId, Sample.of(Micros.now(), value))));
    }

    /**
     * Subscribes to value changes. The listener first receives the current values of the covered
     * tags, then batches of changes (at most one per tag per batch), on a delivery thread.
     */
    Subscription subscribe(SubscriptionFilter filter, Consumer<List<TagSample>> listener);

    /**
     * Adds a consumer of every accepted sample (the API's current-value cache). It is called on the
     * engine loop thread once per batch and must only buffer or hand off, never block.
     */
    void onAccepted(SampleSink sink);
}
