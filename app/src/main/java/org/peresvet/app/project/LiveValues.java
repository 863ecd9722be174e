package org.peresvet.app.project;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.Subscription;

/** Current values: the latest sample of a tag, and a feed of every change. */
public interface LiveValues {

    /** One subscription to every tag; the listener runs on a delivery thread, never the FX thread. */
    Subscription subscribe(Consumer<List<TagSample>> listener);

    /**
     * Every accepted sample of every tag, not coalesced (a trend keeps them all). The listener is
     * called on the thread that accepts samples and must only buffer, never block. A source that
     * cannot give every sample gives what {@link #subscribe} gives.
     */
    default Subscription everySample(Consumer<List<TagSample>> listener) {
        return subscribe(listener);
    }

    /** The current value of a tag, or null. */
    Sample current(UUID tagId);
}
