package org.peresvet.connector.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.SimulatorSpec;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates values for every enabled tag whose source is the simulator, each at its own interval,
 * and hands them to the engine in one batch per tick.
 */
public final class SimulatorDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorDriver.class);
    private static final long TICK_MS = 25;

    private final Consumer<List<TagSample>> sink;
    private final ScheduledExecutorService timer;
    private final Random random = new Random();
    private volatile Map<UUID, Generator> generators = Map.of();

    private static final class Generator {
        final TagDef tag;
        final SimulatorSpec spec;
        long nextMillis;
        double previous = Double.NaN;

        Generator(TagDef tag, SimulatorSpec spec) {
            this.tag = tag;
            this.spec = spec;
            this.nextMillis = System.currentTimeMillis();
        }
    }

    public SimulatorDriver(Consumer<List<TagSample>> sink) {
        this.sink = sink;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peresvet-simulator");
            t.setDaemon(true);
            return t;
        });
    }

    /** Picks up simulated tags added, changed or removed in the model. */
    public synchronized void update(ModelSnapshot model) {
        Map<UUID, Generator> old = generators;
        Map<UUID, Generator> next = new HashMap<>();
        for (TagDef t : model.tags()) {
            if (t.source() != SourceKind.SIMULATED || !t.enabled()) {
                continue;
            }
            Generator prev = old.get(t.id());
            if (prev != null && prev.tag.equals(t)) {
                next.put(t.id(), prev);
                continue;
            }
            try {
                next.put(t.id(), new Generator(t, SimulatorSpec.parse(t.sourceConfig())));
            } catch (IllegalArgumentException e) {
                LOG.warn("Tag {} is not simulated: {}", model.tagPath(t.id()), e.getMessage());
            }
        }
        generators = next;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    public int simulatedTags() {
        return generators.size();
    }

    private void tick() {
        try {
            long nowMs = System.currentTimeMillis();
            long now = Micros.now();
            List<TagSample> batch = new ArrayList<>();
            for (Generator g : generators.values()) {
                if (nowMs < g.nextMillis) {
                    continue;
                }
                // Keep the rhythm; after a pause, restart from now instead of a burst of stale values.
                g.nextMillis += g.spec.intervalMs();
                if (g.nextMillis <= nowMs) {
                    g.nextMillis = nowMs + g.spec.intervalMs();
                }
                double v = g.spec.valueAt(now, g.previous, random);
                g.previous = v;
                batch.add(new TagSample(g.tag.id(), Sample.of(now, convert(g.tag, g.spec, v))));
            }
            if (!batch.isEmpty()) {
                sink.accept(batch);
            }
        } catch (RuntimeException e) {
            LOG.error("Simulator tick failed", e);
        }
    }

    private static Object convert(TagDef tag, SimulatorSpec spec, double v) {
        if (tag.type() == ValueType.INT) {
            return Math.round(v);
        }
        if (tag.type() == ValueType.BOOL) {
            return v > spec.offset();
        }
        return v;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
