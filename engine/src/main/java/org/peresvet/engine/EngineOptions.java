package org.peresvet.engine;

/**
 * How an engine runs.
 *
 * @param simulate          run the built-in function generator for simulated tags
 * @param logToProject      also write the log to the project's {@code logs/} folder
 * @param queueCapacity     batches the ingest queue holds before producers wait
 * @param historyMaxBuffered samples buffered for history before the engine loop waits for the disk
 */
public record EngineOptions(boolean simulate, boolean logToProject, int queueCapacity, int historyMaxBuffered) {

    public static EngineOptions defaults() {
        return new EngineOptions(true, true, 4096, 2_000_000);
    }

    /** For tests and tools: no simulator, no log file. */
    public static EngineOptions quiet() {
        return new EngineOptions(false, false, 4096, 2_000_000);
    }

    public EngineOptions withSimulate(boolean on) {
        return new EngineOptions(on, logToProject, queueCapacity, historyMaxBuffered);
    }

    public EngineOptions withLogToProject(boolean on) {
        return new EngineOptions(simulate, on, queueCapacity, historyMaxBuffered);
    }
}
