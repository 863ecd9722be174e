package org.peresvet.app.fx;

/**
 * Time the FX thread spent applying values, per pulse that had something to apply. Written on the
 * pulse thread, read anywhere (values may be a pulse behind).
 */
public final class PulseStats {
    private volatile long pulses;
    private volatile long valuesApplied;
    private volatile long totalNanos;
    private volatile long maxNanos;

    void record(long nanos, int values) {
        pulses++;
        valuesApplied += values;
        totalNanos += nanos;
        if (nanos > maxNanos) {
            maxNanos = nanos;
        }
    }

    public long pulses() {
        return pulses;
    }

    public long valuesApplied() {
        return valuesApplied;
    }

    public double averageMillis() {
        long p = pulses;
        return p == 0 ? 0 : totalNanos / 1e6 / p;
    }

    public double maxMillis() {
        return maxNanos / 1e6;
    }

    public synchronized void reset() {
        pulses = 0;
        valuesApplied = 0;
        totalNanos = 0;
        maxNanos = 0;
    }
}
