package org.peresvet.export;

import java.util.List;

/**
 * What the exporters are doing, for the status bar, the API and the CLI.
 *
 * @param targets         one entry per enabled target
 * @param bufferedSamples accepted samples not yet batched into the queues (in memory)
 * @param lastError       the last failure of batching or queueing (disk full …), or null
 */
public record ExportStatus(List<Target> targets, long bufferedSamples, String lastError) {

    /** True when every target is connected and nothing waits. */
    public boolean healthy() {
        return lastError == null && targets.stream().allMatch(t -> t.connected() && t.lastError() == null);
    }

    /**
     * One target.
     *
     * @param connected          the last request to the server succeeded
     * @param unsentSamples      the queue depth: samples the server has not accepted yet
     * @param queuedSamples      samples on disk, including accepted ones waiting for confirmation
     * @param queueFillPercent   queue bytes against its bound
     * @param queueAlarm         the fill level reached the target's alarm level
     * @param oldestUnsentMicros time (µs) of the oldest sample not yet accepted, or null
     * @param lastError          why the last request failed, or null while sending works
     * @param sentSamples        samples accepted by the server since the start
     * @param confirmedSamples   samples deleted from the queue because the server kept them
     * @param droppedSamples     samples dropped unsent: the queue was full, or a record on disk was damaged
     * @param resentPoints       points sent again after the server lost them
     * @param suspectBatches     batches being checked against the server
     */
    public record Target(String name, String url, boolean enabled, boolean connected, long unsentSamples,
                         long queuedSamples, int queuedBatches, long queueBytes, long queueMaxBytes,
                         int queueFillPercent, boolean queueAlarm, Long oldestUnsentMicros, String lastError,
                         long sentSamples, long confirmedSamples, long droppedSamples, long resentPoints,
                         int suspectBatches) {
    }
}
