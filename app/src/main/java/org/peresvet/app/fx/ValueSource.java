package org.peresvet.app.fx;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.peresvet.engine.Engine;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.Subscription;
import org.peresvet.runtime.SubscriptionFilter;

/** Where the bridge gets values: the engine, or a stand-in in tests. */
public interface ValueSource {

    /** One subscription to every tag; the listener runs on a delivery thread. */
    Subscription subscribe(Consumer<List<TagSample>> listener);

    /** The current value of a tag, or null. */
    Sample current(UUID tagId);

    static ValueSource of(Engine engine) {
        return new ValueSource() {
            @Override
            public Subscription subscribe(Consumer<List<TagSample>> listener) {
                return engine.subscribe(SubscriptionFilter.all(), listener);
            }

            @Override
            public Sample current(UUID tagId) {
                return engine.current(tagId);
            }
        };
    }
}
