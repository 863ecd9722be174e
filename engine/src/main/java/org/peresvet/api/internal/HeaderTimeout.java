package org.peresvet.api.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Closes a connection whose request line and headers are not complete within the header timeout
 * of their first byte (or of the connection opening, for its first request). The idle timeout
 * cannot do this: a slowloris client sends a byte every few seconds and is never idle for long.
 * A connection waiting between requests of a keep-alive exchange is left to the idle timeout.
 * A sweep every quarter of the timeout looks at each open connection's parser state.
 */
public final class HeaderTimeout implements Connection.Listener, AutoCloseable {
    private final long timeoutNanos;
    private final Map<HttpConnection, Watch> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    /** Where a connection's current request header began: after {@code messages} requests, at {@code since}. */
    private record Watch(long messages, long since) {
    }

    public HeaderTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peresvet-api-header-timeout");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, timeout.toMillis() / 4);
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.put(http, new Watch(0, System.nanoTime()));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.remove(http);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        open.forEach((c, w) -> {
            long messages = c.getMessagesIn();
            // A fresh connection counts from its opening; later requests from their first byte.
            boolean inHeader = messages == 0 || (c.getParser().inHeaderState() && !c.getParser().isStart());
            if (!inHeader) {
                if (w.since() != Long.MIN_VALUE) {
                    open.replace(c, w, new Watch(messages, Long.MIN_VALUE));
                }
                return;
            }
            if (w.since() == Long.MIN_VALUE || w.messages() != messages) {
                open.replace(c, w, new Watch(messages, now));
            } else if (now - w.since() > timeoutNanos) {
                open.remove(c);
                c.getEndPoint().close(new TimeoutException("request headers not complete within "
                        + timeoutNanos / 1_000_000 + " ms (setting api.headerTimeout)"));
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
