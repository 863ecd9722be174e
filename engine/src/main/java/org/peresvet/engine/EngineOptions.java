package org.peresvet.engine;

import java.util.function.LongSupplier;
import org.peresvet.model.Micros;

/**
 * How an engine runs.
 *
 * @param simulate          run the built-in function generator for simulated tags
 * @param logToProject      also write the log to the project's {@code logs/} folder
 * @param queueCapacity     samples the ingest queue holds before producers wait
 * @param historyMaxBuffered samples buffered for history before the engine loop waits for the disk
 * @param connectGraceMillis how long a connector may take to connect before its tags are marked lost
 * @param clock             now in µs for the engine's own timing: the loop's timers, calculated tags'
 *                          periods, schedules, alarm delays, methods (a test's fast clock runs hours in seconds)
 */
public record EngineOptions(boolean simulate, boolean logToProject, int queueCapacity, int historyMaxBuffered,
                            long connectGraceMillis, LongSupplier clock) {
    /**
     * Bounds that keep a fast producer from filling the heap: it waits instead (nothing is lost).
     * 262,144 queued and 500,000 buffered history samples keep the pipeline inside a 512 MB heap.
     */
    private static final int QUEUE_SAMPLES = 262_144;
    private static final int HISTORY_BUFFER = 500_000;

    private static final long CONNECT_GRACE_MILLIS = 5000;

    public EngineOptions(boolean simulate, boolean logToProject, int queueCapacity, int historyMaxBuffered) {
        this(simulate, logToProject, queueCapacity, historyMaxBuffered, CONNECT_GRACE_MILLIS, Micros::now);
    }

    public EngineOptions {
        clock = clock == null ? Micros::now : clock;
    }

    public static EngineOptions defaults() {
        return new EngineOptions(true, true, QUEUE_SAMPLES, HISTORY_BUFFER);
    }

    /** For tests and tools: no simulator, no log file. */
    public static EngineOptions quiet() {
        return new EngineOptions(false, false, QUEUE_SAMPLES, HISTORY_BUFFER);
    }

    public EngineOptions withSimulate(boolean on) {
        return new EngineOptions(on, logToProject, queueCapacity, historyMaxBuffered, connectGraceMillis, clock);
    }

    public EngineOptions withLogToProject(boolean on) {
        return new EngineOptions(simulate, on, queueCapacity, historyMaxBuffered, connectGraceMillis, clock);
    }

    /** Tests: a shorter (or longer) wait for a connector's first connection. */
    public EngineOptions withConnectGraceMillis(long millis) {
        return new EngineOptions(simulate, logToProject, queueCapacity, historyMaxBuffered, millis, clock);
    }

    /** Tests: the engine's own clock (µs), e.g. one that runs faster than the wall clock. */
    public EngineOptions withClock(LongSupplier micros) {
        return new EngineOptions(simulate, logToProject, queueCapacity, historyMaxBuffered, connectGraceMillis, micros);
    }
}
