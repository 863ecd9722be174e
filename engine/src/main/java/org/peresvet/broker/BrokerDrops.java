package org.peresvet.broker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Counts the messages Moquette drops when a session's command queue is full (a client publishing
 * faster than the engine reads, for seconds on end) instead of letting it log each one: it warns
 * once per drop, thousands of lines a second. The count is a gauge of {@code /metrics}, and a
 * summary is logged at the first drop and then at most every {@link #REPORT_EVERY_NANOS}.
 */
final class BrokerDrops extends TurboFilter {
    private static final String MOQUETTE_QUEUES = "io.moquette.broker.SessionEventLoopGroup";
    private static final String QUEUE_FULL = "Session command queue {} is full";
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final BrokerDrops INSTANCE = new BrokerDrops();

    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reportedUpTo = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);

    private BrokerDrops() {
    }

    /** The one counter, put in front of the logging the first time a broker starts. */
    static BrokerDrops install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx && !ctx.getTurboFilterList().contains(INSTANCE)) {
            INSTANCE.start();
            ctx.addTurboFilter(INSTANCE);
        }
        return INSTANCE;
    }

    /** Messages dropped by any built-in broker of this process since it began. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || !format.startsWith(QUEUE_FULL) || !MOQUETTE_QUEUES.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        long total = dropped.incrementAndGet();
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
            long since = reportedUpTo.getAndSet(total);
            BuiltInBroker.reportDrops(total - since, total);
        }
        return FilterReply.DENY;
    }
}
