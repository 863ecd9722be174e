package org.peresvet.engine;

/**
 * How an engine runs.
 *
 * @param simulate          run the built-in function generator for simulated tags
 * @param logToProject      also write the log to the project's {@code logs/} folder
 * @param queueCapacity     samples the ingest queue holds before producers wait
 * @param historyMaxBuffered samples buffered for history before the engine loop waits for the disk
 */
public record EngineOptions(boolean simulate, boolean logToProject, int queueCapacity, int historyMaxBuffered) {
    /**
     * Bounds that keep a fast producer from filling the heap: it waits instead (nothing is lost).
     * 262,144 queued and 500,000 buffered history samples keep the pipeline inside a 512 MB heap.
     */
    private static final int QUEUE_SAMPLES = 262_144;
    private static final int HISTORY_BUFFER = 500_000;

    public static EngineOptions defaults() {
        return new EngineOptions(true, true, QUEUE_SAMPLES, HISTORY_BUFFER);
    }

    /** For tests and tools: no simulator, no log file. */
    public static EngineOptions quiet() {
        return new EngineOptions(false, false, QUEUE_SAMPLES, HISTORY_BUFFER);
    }

    public EngineOptions withSimulate(boolean on) {
        return new EngineOptions(on, logToProject, queueCapacity, historyMaxBuffered);
    }

    public EngineOptions withLogToProject(boolean on) {
        return new EngineOptions(simulate, on, queueCapacity, historyMaxBuffered);
    }
}
