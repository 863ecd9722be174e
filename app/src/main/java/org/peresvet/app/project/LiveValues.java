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

    /** The current value of a tag, or null. */
    Sample current(UUID tagId);
}
