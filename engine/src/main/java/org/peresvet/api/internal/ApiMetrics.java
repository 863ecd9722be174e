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

    /** Upper bounds (seconds) of the request duration histogram's buckets; +Inf is implied. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

    /** A duration histogram of one route and method: cumulative counts are computed when shown. */
    static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        final LongAdder sumNanos = new LongAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(long nanos) {
            double seconds = nanos / 1e9;
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            counts[i].increment();
            sumNanos.add(nanos);
        }
    }

    /** Request durations by "method route" (live streams excluded: they last as long as the client stays). */
    final Map<String, Histogram> durations = new ConcurrentHashMap<>();

    public void duration(String method, String route, long nanos) {
        String key = method + " " + route;
        Histogram h = durations.get(key);
        if (h == null) {
            h = durations.computeIfAbsent(key, k -> new Histogram());
        }
        h.observe(nanos);
    }
    final LongAdder samplesIn = new LongAdder();
    final LongAdder samplesOut = new LongAdder();
    /** Samples refused with 507 because history could not be written and memory held its bound. */
    final LongAdder samplesRefused = new LongAdder();
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
