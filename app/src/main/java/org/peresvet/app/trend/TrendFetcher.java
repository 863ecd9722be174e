package org.peresvet.app.trend;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads that read history for trends: never the FX thread; two, so one slow query does not stall every trend. */
final class TrendFetcher {
    static final ExecutorService POOL;

    static {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "peresvet-trend-history-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        p.allowCoreThreadTimeOut(true);
        POOL = p;
    }

    private TrendFetcher() {
    }
}
