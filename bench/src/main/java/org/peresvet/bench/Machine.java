package org.peresvet.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What the machine is doing besides us. The benchmark host is shared, so every figure records the
 * load average when it starts and the CPU time it used itself: CPU time stays meaningful when the
 * wall-clock figure is inflated by other processes.
 */
final class Machine {
    private Machine() {
    }

    static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%.2f on %d cores", load, Runtime.getRuntime().availableProcessors());
    }

    /** CPU time of this whole process (all threads: ours, JIT, GC), in nanoseconds. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Milliseconds all garbage collectors of this JVM have spent collecting so far. */
    static long gcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    static void printLoad() {
        Report.detail("machine load average at start: %s", loadAverage());
    }
}
