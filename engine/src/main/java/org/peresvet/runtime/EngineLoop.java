package org.peresvet.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.concurrent.atomic.LongAdder;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns tag state. Samples from every source enter one bounded queue and are
 * applied in order: deadband, current value, then the accepted ones go to the sinks (history,
 * subscribers). Model changes are queued as commands, so they apply between batches.
 */
public final class EngineLoop {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);
    private static final Object STOP = new Object();
    /** How often stages get a {@link LoopStage#tick} when no sample arrives. */
    private static final long TICK_MILLIS = 100;
    /** Batches drained per round before the sinks are called; amortises sink overhead. */
    private static final int DRAIN = 64;
    /** Future-dated samples kept to become current when due; beyond this they are only stored. */
    private static final int MAX_FUTURE_SAMPLES = 1_000_000;

    /** Unbounded itself: the bound is on the samples queued, see {@link #submit}. */
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final LongSupplier clock;
    private final int maxQueuedSamples;
    private final Object space = new Object();
    /** Samples in the queue (guarded by {@link #space}). */
    private long queuedSamples;
    private final Map<UUID, TagState> states = new ConcurrentHashMap<>();
    private final List<SampleSink> sinks = new CopyOnWriteArrayList<>();
    private final List<SampleSink> currentSinks = new CopyOnWriteArrayList<>();
    /** Accepted samples dated after the time they arrived, by x: each becomes current when it comes due. */
    private final PriorityQueue<TagSample> futureSamples = new PriorityQueue<>(Comparator.comparingLong(ts -> ts.sample().x()));
    /** Samples that became a tag's current value in this round (loop thread only). */
    private final List<TagSample> becameCurrent = new ArrayList<>();
    private final List<LoopStage> stages = new CopyOnWriteArrayList<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder acceptedCount = new LongAdder();
    private final LongAdder droppedUnknown = new LongAdder();
    private final Thread thread;
    private volatile boolean started;

    /** @param maxQueuedSamples samples the ingest queue holds before producers wait */
    public EngineLoop(int maxQueuedSamples) {
        this(maxQueuedSamples, Micros::now);
    }

    /** @param clock now in µs for the timers (a test's fast clock) */
    public EngineLoop(int maxQueuedSamples, LongSupplier clock) {
        this.clock = clock;
        this.maxQueuedSamples = Math.max(1, maxQueuedSamples);
        this.thread = new Thread(this::run, "peresvet-engine-loop");
        this.thread.setDaemon(true);
    }

    public void addSink(SampleSink sink) {
        sinks.add(sink);
    }

    /**
     * Adds a sink for current values: it gets the samples that became a tag's current value, an
     * accepted sample at or before now at once, a future-dated one when it comes due. History
     * takes every accepted sample ({@link #addSink}); a live display wants only these.
     */
    public void addCurrentSink(SampleSink sink) {
        currentSinks.add(sink);
    }

    /** Adds a stage; stages run in the order they were added. */
    public void addStage(LoopStage stage) {
        stages.add(stage);
    }

    /** Tells every stage about a model change, on the loop thread. */
    public void modelChanged(ModelSnapshot model) {
        execute(() -> stages.forEach(st -> st.modelChanged(model))).join();
    }

    /** Registers a tag before the loop starts, with its restored current value (may be null). */
    public void load(TagDef def, Sample restored) {
        TagState st = new TagState(def);
        st.current(restored);
        st.lastAccepted(restored);
        states.put(def.id(), st);
    }

    public void start() {
        started = true;
        thread.start();
    }

    /** Applies everything already queued, then stops the thread. */
    public void stop() {
        if (!started || !thread.isAlive()) {
            return;
        }
        try {
            queue.put(STOP);
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return started && thread.isAlive();
    }

    /**
     * Queues a batch; blocks while the queue holds too many samples, so a fast producer slows down
     * instead of losing data. The bound counts samples, not batches: a producer of big batches
     * must not fill the heap. A batch larger than the whole bound waits for an empty queue.
     */
    public void submit(List<TagSample> batch) {
        if (batch.isEmpty()) {
            return;
        }
        int n = batch.size();
        try {
            synchronized (space) {
                while (queuedSamples > 0 && queuedSamples + n > maxQueuedSamples) {
                    space.wait();
                }
                queuedSamples += n;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing samples", e);
        }
        queue.add(batch);
    }

    /** The loop took samples off the queue: producers may add more. */
    private void dequeued(int samples) {
        synchronized (space) {
            queuedSamples -= samples;
            space.notifyAll();
        }
    }

    /** Samples waiting in the ingest queue. */
    public long queuedSamples() {
        synchronized (space) {
            return queuedSamples;
        }
    }

    /** Runs a command on the loop thread, between batches; the future completes after it ran. */
    public CompletableFuture<Void> execute(Runnable command) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable wrapped = () -> {
            try {
                command.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        if (!isRunning() || Thread.currentThread() == thread) {
            wrapped.run();
            return done;
        }
        try {
            queue.put(wrapped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Adds or replaces a tag's definition (loop thread, through {@link #execute}). */
    public void putTag(TagDef def) {
        TagState st = states.get(def.id());
        if (st == null) {
            states.put(def.id(), new TagState(def));
        } else {
            st.def(def);
        }
    }

    public void removeTag(UUID id) {
        states.remove(id);
    }

    public TagState state(UUID id) {
        return states.get(id);
    }

    public Collection<TagState> states() {
        return Collections.unmodifiableCollection(states.values());
    }

    public long received() {
        return received.sum();
    }

    public long accepted() {
        return acceptedCount.sum();
    }

    public int queueDepth() {
        return queue.size();
    }

    private void run() {
        List<Object> items = new ArrayList<>(DRAIN);
        List<TagSample> accepted = new ArrayList<>();
        long nextTick = 0;
        try {
            while (true) {
                Object first = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    items.add(first);
                    queue.drainTo(items, DRAIN - 1);
                }
                boolean stop = false;
                long now = clock.getAsLong();
                promoteDue(now);
                if (now >= nextTick && !stages.isEmpty()) {
                    nextTick = now + TICK_MILLIS * Micros.PER_MS;
                    for (LoopStage stage : stages) {
                        try {
                            applyDerived(stage.tick(now), now, accepted, stage);
                        } catch (RuntimeException e) {
                            LOG.error("Loop stage {} failed on its timer", stage, e);
                        }
                    }
                }
                for (Object item : items) {
                    if (item == STOP) {
                        stop = true;
                    } else if (item instanceof Runnable command) {
                        publish(accepted); // samples queued before the command reach the sinks first
                        command.run();
                    } else {
                        @SuppressWarnings("unchecked")
                        List<TagSample> batch = (List<TagSample>) item;
                        dequeued(batch.size());
                        apply(batch, now, accepted);
                    }
                }
                items.clear();
                publish(accepted);
                if (stop && queue.isEmpty()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Engine loop failed; no more samples are processed", e);
            throw e;
        }
    }

    private void apply(List<TagSample> batch, long now, List<TagSample> accepted) {
        received.add(batch.size());
        int from = accepted.size();
        applyAll(batch, now, accepted);
        if (stages.isEmpty() || accepted.size() == from) {
            return;
        }
        for (LoopStage stage : stages) {
            List<TagSample> derived;
            try {
                derived = stage.process(accepted.subList(from, accepted.size()));
            } catch (RuntimeException e) {
                LOG.error("Loop stage {} failed; its results for this batch are skipped", stage, e);
                continue;
            }
            applyAll(derived, now, accepted);
        }
    }

    /** Applies samples a stage derived from its timers; later stages see them like any other. */
    private void applyDerived(List<TagSample> derived, long now, List<TagSample> accepted, LoopStage source) {
        if (derived.isEmpty()) {
            return;
        }
        int from = accepted.size();
        applyAll(derived, now, accepted);
        boolean after = false;
        for (LoopStage stage : stages) {
            if (after && accepted.size() > from) {
                try {
                    applyAll(stage.process(accepted.subList(from, accepted.size())), now, accepted);
                } catch (RuntimeException e) {
                    LOG.error("Loop stage {} failed", stage, e);
                }
            }
            after |= stage == source;
        }
    }

    private void applyAll(List<TagSample> batch, long now, List<TagSample> accepted) {
        for (TagSample ts : batch) {
            TagState st = states.get(ts.tagId());
            if (st == null || !st.def().enabled()) {
                droppedUnknown.increment();
                continue;
            }
            TagDef def = st.def();
            Sample s = ts.sample();
            if (!Deadband.accept(def.type(), def.deadband(), st.lastAccepted(), s)) {
                continue;
            }
            st.lastAccepted(s);
            Sample cur = st.current();
            if (cur == null || s.x() >= cur.x()) {
                if (s.x() <= now) {
                    st.current(s);
                    becameCurrent.add(ts);
                } else if (futureSamples.size() < MAX_FUTURE_SAMPLES) {
                    futureSamples.add(ts); // stored in history now, the current value only when due
                }
            }
            accepted.add(ts);
        }
    }

    /** Future-dated samples whose time has come become current (unless a newer one already is). */
    private void promoteDue(long now) {
        while (!futureSamples.isEmpty() && futureSamples.peek().sample().x() <= now) {
            TagSample ts = futureSamples.poll();
            TagState st = states.get(ts.tagId());
            if (st == null) {
                continue;
            }
            Sample cur = st.current();
            if (cur == null || ts.sample().x() >= cur.x()) {
                st.current(ts.sample());
                becameCurrent.add(ts);
            }
        }
    }

    private void publish(List<TagSample> accepted) {
        if (!accepted.isEmpty()) {
            acceptedCount.add(accepted.size());
            List<TagSample> out = List.copyOf(accepted);
            accepted.clear();
            deliver(sinks, out);
        }
        if (!becameCurrent.isEmpty()) {
            List<TagSample> out = List.copyOf(becameCurrent);
            becameCurrent.clear();
            deliver(currentSinks, out);
        }
    }

    private static void deliver(List<SampleSink> to, List<TagSample> samples) {
        for (SampleSink sink : to) {
            try {
                sink.accepted(samples);
            } catch (RuntimeException e) {
                LOG.error("Sample sink {} failed", sink, e);
            }
        }
    }
}
