package org.peresvet.engine;

/**
 * What the engine is doing, for the status bar, the API and the CLI.
 *
 * @param samplesReceived samples that entered the ingest queue
 * @param samplesAccepted samples that passed the deadband and were applied
 * @param historyBuffered accepted samples not yet written to the history file
 * @param historyError    the last history write error, or null while writing works
 */
public record EngineStatus(boolean running, int objects, int tags, int simulatedTags, long samplesReceived,
                           long samplesAccepted, int queueDepth, long historyWritten, int historyBuffered,
                           String historyError) {
}
