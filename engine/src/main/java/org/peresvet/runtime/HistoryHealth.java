package org.peresvet.runtime;

/**
 * Whether local history can be written, and what waits in memory meanwhile.
 *
 * @param fault       why writing fails now, null while it works
 * @param failingSince when the current fault began (epoch ms), 0 while writing works
 * @param attempts    failed attempts in the current fault
 * @param resumedAt   when writing last worked again after a fault (epoch ms), 0 if never
 * @param kept        accepted samples held in memory, not yet in the file
 * @param keptLimit   the bound of {@code kept}: beyond it writers are refused while writing fails
 * @param file        the history file, null before the engine starts
 * @param freeBytes   usable bytes on the history file's disk now, -1 when unknown
 */
public record HistoryHealth(StorageFault fault, long failingSince, int attempts, long resumedAt, int kept, int keptLimit,
                            java.nio.file.Path file, long freeBytes) {

    /** Rough heap cost of one kept sample (the sample, its boxed value and its list slot). */
    public static final int BYTES_PER_SAMPLE = 64;

    public static final HistoryHealth NOT_STARTED = new HistoryHealth(null, 0, 0, 0, 0, 0, null, -1);

    public boolean failing() {
        return fault != null;
    }

    /** True when {@code more} samples would be held beyond the bound while writing fails: refuse them. */
    public boolean wouldRefuse(int more) {
        return failing() && (long) kept + more > keptLimit;
    }

    /** Estimated heap held by kept samples. */
    public long keptBytes() {
        return (long) kept * BYTES_PER_SAMPLE;
    }
}
