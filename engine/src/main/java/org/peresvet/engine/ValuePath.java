package org.peresvet.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.peresvet.model.Actor;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.SampleSink;
import org.peresvet.runtime.Subscription;
import org.peresvet.runtime.SubscriptionFilter;
import org.peresvet.runtime.TagState;

/** The facade's value view over the pipeline: writes are checked by the write rules before they are queued. */
final class ValuePath implements Values {
    private final Pipeline pipeline;
    private final BooleanSupplier running;
    private final Runnable ensureOpen;

    ValuePath(Pipeline pipeline, BooleanSupplier running, Runnable ensureOpen) {
        this.pipeline = pipeline;
        this.running = running;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public Sample current(UUID tagId) {
        return pipeline.current(tagId);
    }

    @Override
    public void write(Actor actor, List<TagSample> batch) {
        ensureOpen.run();
        if (!running.getAsBoolean()) {
            throw new IllegalStateException("the engine is not running: call start() before writing values");
        }
        if (actor == null) {
            throw new IllegalArgumentException("a write needs an actor");
        }
        pipeline.submit(batch);
    }

    @Override
    public Subscription subscribe(SubscriptionFilter filter, Consumer<List<TagSample>> listener) {
        List<TagSample> initial = new ArrayList<>();
        Set<UUID> covered = pipeline.resolve(filter);
        for (TagState st : pipeline.loop.states()) {
            Sample cur = st.current();
            if (cur != null && (covered == null || covered.contains(st.def().id()))) {
                initial.add(new TagSample(st.def().id(), cur));
            }
        }
        return pipeline.hub.subscribe(filter, listener, initial);
    }

    @Override
    public void onAccepted(SampleSink sink) {
        pipeline.loop.addSink(sink);
    }
}
