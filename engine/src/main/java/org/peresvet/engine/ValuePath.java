package org.peresvet.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.SampleSink;
import org.peresvet.runtime.Subscription;
import org.peresvet.runtime.SubscriptionFilter;
import org.peresvet.runtime.TagState;
import org.peresvet.security.Permission;

/** The facade's value view over the pipeline: writes are checked by the write rules before they are queued. */
final class ValuePath implements Values {
    private final Pipeline pipeline;
    private final BooleanSupplier running;
    private final Runnable ensureOpen;
    private volatile Guard guard;

    ValuePath(Pipeline pipeline, BooleanSupplier running, Runnable ensureOpen) {
        this.pipeline = pipeline;
        this.running = running;
        this.ensureOpen = ensureOpen;
    }

    void guard(Guard g) {
        guard = g;
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
        Guard g = guard;
        if (g == null) {
            pipeline.submit(batch);
            return;
        }
        if (actor.kind() == Actor.Kind.SYSTEM) {
            // The engine's own data flow (tests, tools, seeding) is checked by nothing and not audited.
            pipeline.submit(batch);
            return;
        }
        List<Guard.Need> needs = needs(g, actor, batch);
        TagSample first = batch.isEmpty() ? null : batch.get(0);
        String target = first == null ? "no tags" : batch.size() == 1 ? g.tagPath(first.tagId())
                : batch.size() + " samples, first " + g.tagPath(first.tagId());
        String value = first == null ? null : String.valueOf(first.sample().y());
        g.run(actor, needs, new Guard.What("value.write", target, null, value, null), () -> {
            pipeline.submit(batch);
            return null;
        }, null);
    }

    /**
     * WRITE_VALUES on the object of every tag in the batch, each object once. On the hot path of
     * every gateway batch: one model snapshot for the batch, and a run of tags of one object (the
     * usual order of a device's batch) costs one comparison per sample, not a set lookup.
     */
    private static List<Guard.Need> needs(Guard g, Actor actor, List<TagSample> batch) {
        if (batch.size() == 1) {
            return List.of(new Guard.Need(Permission.WRITE_VALUES, g.objectOfTag(batch.get(0).tagId())));
        }
        ModelSnapshot m = g.model();
        List<Guard.Need> out = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        UUID previous = null;
        boolean any = false;
        for (TagSample ts : batch) {
            TagDef t = m.tag(ts.tagId());
            UUID o = t == null ? null : t.objectId();
            if (any && Objects.equals(o, previous)) {
                continue;
            }
            any = true;
            previous = o;
            if (seen.add(o)) {
                out.add(new Guard.Need(Permission.WRITE_VALUES, o));
            }
        }
        return out;
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
