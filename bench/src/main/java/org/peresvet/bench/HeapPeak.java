package org.peresvet.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Tracks the peak heap in use while a load runs. Polling alone misses the moment just before a
 * collection, which is the real peak, so it also listens to GC notifications: each one reports
 * the heap before the collection (the peak) and after it. After a young collection the old
 * generation still holds its garbage; only a full collection leaves just the live data, and with
 * G1 a full collection happens only when the heap ran full: a load that causes them does not fit
 * its heap comfortably.
 */
final class HeapPeak implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** GC notifications report every pool, metaspace and code cache too; only these are heap. */
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong peakAfterFullGc = new AtomicLong();
    private final AtomicLong fullGcs = new AtomicLong();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    HeapPeak() {
        NotificationListener onGc = (n, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            var gc = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            var info = gc.getGcInfo();
            long after = heapUsed(info.getMemoryUsageAfterGc());
            peakUsed.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc()), Math::max);
            peakAfterGc.accumulateAndGet(after, Math::max);
            if (gc.getGcAction().contains("major")) {
                fullGcs.incrementAndGet();
                peakAfterFullGc.accumulateAndGet(after, Math::max);
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(onGc, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(onGc);
                    } catch (Exception ignored) {
                        // the listener is gone already
                    }
                });
            }
        }
        poller = new Thread(this::poll, "bench-heap-poller");
        poller.setDaemon(true);
        poller.start();
    }

    private long heapUsed(Map<String, MemoryUsage> byPool) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : byPool.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    private void poll() {
        while (running) {
            peakUsed.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The most heap in use at any moment seen, garbage included. */
    long peakUsedBytes() {
        return peakUsed.get();
    }

    /** The most heap still in use right after any collection (young ones leave old garbage in). */
    long peakAfterGcBytes() {
        return peakAfterGc.get();
    }

    /** The most heap in use after a full collection, i.e. live data; 0 when none happened. */
    long peakAfterFullGcBytes() {
        return peakAfterFullGc.get();
    }

    /** Full collections seen: with G1, each one means the heap ran full. */
    long fullGcs() {
        return fullGcs.get();
    }

    static long maxHeapBytes() {
        return MEMORY.getHeapMemoryUsage().getMax();
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        unsubscribe.forEach(Runnable::run);
    }
}
