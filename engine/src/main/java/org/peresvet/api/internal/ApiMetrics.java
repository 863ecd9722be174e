package org.peresvet.api.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the API itself, shown on {@code /metrics}. */
public final class ApiMetrics {
    /** A request counter's labels. */
    record RequestKey(String method, String route, int status) {
    }

    final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    final LongAdder samplesIn = new LongAdder();
    final LongAdder samplesOut = new LongAdder();
    final AtomicInteger streams = new AtomicInteger();
    final LongAdder streamsDropped = new LongAdder();
    final LongAdder streamEvents = new LongAdder();
    final LongAdder rejected = new LongAdder();

    public void request(String method, String route, int status) {
        RequestKey key = new RequestKey(method, route, status);
        LongAdder n = requests.get(key);
        if (n == null) {
            n = requests.computeIfAbsent(key, k -> new LongAdder());
        }
        n.increment();
    }

    public void samplesIn(int n) {
        samplesIn.add(n);
    }

    public void samplesOut(int n) {
        samplesOut.add(n);
    }

    public void rejected() {
        rejected.increment();
    }

    public int streams() {
        return streams.get();
    }

    public long streamsDropped() {
        return streamsDropped.sum();
    }
}
