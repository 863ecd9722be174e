package org.peresvet.api.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.peresvet.engine.Engine;
import org.peresvet.history.HistoryJson;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.Subscription;
import org.peresvet.runtime.SubscriptionFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/stream}: live values as server-sent events. Each event's data is the data
 * contract's answer, {@code {"data":[{"tagId":…,"data":[[x,y,q]]},…]}}, one sample per tag: the
 * current values first, then changes.
 *
 * <p>A slow client never slows the engine: the subscription's listener only puts samples into the
 * client's own map (latest value per tag) and wakes the client's writer thread, which is the only
 * one that touches the socket. A client that has not taken a write for the stall timeout is
 * dropped: its writer is interrupted, which closes the connection.
 */
public final class StreamEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);
    private static final Set<String> PARAMS = Set.of("tagId", "subtree", "format");
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final Engine engine;
    private final ApiMetrics metrics;
    private final int maxStreams;
    private final long stallNanos;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean closed;

    public StreamEndpoint(Engine engine, ApiMetrics metrics, int maxStreams, Duration stallTimeout) {
        this.engine = engine;
        this.metrics = metrics;
        this.maxStreams = maxStreams;
        this.stallNanos = stallTimeout.toNanos();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peresvet-api-stream-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(20, Math.min(1000, stallTimeout.toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::checkStalls, period, period, TimeUnit.MILLISECONDS);
    }

    public void stream(Call call) throws IOException {
        call.checkParams(PARAMS);
        ModelSnapshot m = engine.model();
        List<String> tagIds = call.params().get("tagId");
        String subtree = call.param("subtree");
        boolean format = call.flag("format");
        SubscriptionFilter filter;
        Map<UUID, String> names = new HashMap<>();
        if (tagIds != null && subtree != null) {
            throw ApiError.badRequest("subtree", "give tagId or subtree, not both");
        }
        ReadScope scope = ReadScope.of(call, engine);
        if (tagIds != null) {
            for (String id : tagIds) {
                TagDef t = Resolve.tag(m, id, "tagId");
                scope.requireTag(m, t.id());
                names.put(t.id(), id);
            }
            filter = SubscriptionFilter.tags(names.keySet());
        } else if (!scope.everything()) {
            // Only the tags the user may read, as the model is now.
            UUID root = subtree == null ? null : Resolve.object(m, subtree, "subtree").id();
            Set<UUID> readable = new HashSet<>();
            for (TagDef t : root == null ? m.tags() : m.tagsInSubtree(root)) {
                if (scope.tag(m, t.id())) {
                    readable.add(t.id());
                }
            }
            filter = SubscriptionFilter.tags(readable);
        } else if (subtree != null) {
            filter = SubscriptionFilter.subtree(Resolve.object(m, subtree, "subtree").id());
        } else {
            filter = SubscriptionFilter.all();
        }
        if (closed) {
            throw new ApiError(503, null, "the API is shutting down");
        }
        if (metrics.streams.incrementAndGet() > maxStreams) {
            metrics.streams.decrementAndGet();
            throw new ApiError(503, null, "too many live streams (" + maxStreams + "); try again later");
        }
        Client client;
        try {
            call.header("Cache-Control", "no-cache");
            call.header("X-Accel-Buffering", "no");
            OutputStream out = call.startStream(200, "text/event-stream; charset=utf-8");
            client = new Client(ids.incrementAndGet(), call, out, names, format);
            call.detach();
            clients.add(client);
            client.start(engine.subscribe(filter, client::offer));
        } catch (IOException | RuntimeException e) {
            metrics.streams.decrementAndGet();
            throw e;
        }
    }

    private void checkStalls() {
        long now = System.nanoTime();
        for (Client c : clients) {
            long since = c.writingSince;
            if (since != 0 && now - since > stallNanos && !c.stopped) {
                LOG.warn("Live stream {} from {} took no data for {} ms; dropping it", c.id,
                        c.call.remote(), TimeUnit.NANOSECONDS.toMillis(now - since));
                metrics.streamsDropped.increment();
                c.stop();
            }
        }
    }

    public int active() {
        return clients.size();
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        for (Client c : clients) {
            c.stop();
        }
        for (Client c : clients) {
            c.join(2000);
        }
    }

    /** One connected client: a coalescing mailbox and the writer thread that owns the socket. */
    private final class Client implements Runnable {
        private final int id;
        private final Call call;
        private final OutputStream out;
        private final Map<UUID, String> names;
        private final boolean format;
        private final Map<UUID, TagSample> mailbox = new ConcurrentHashMap<>();
        private final Object signal = new Object();
        private final Thread thread;
        private boolean dirty;
        private volatile boolean stopped;
        /** System.nanoTime() when the current socket write began, 0 while not writing. */
        private volatile long writingSince;
        private volatile Subscription subscription;

        Client(int id, Call call, OutputStream out, Map<UUID, String> names, boolean format) {
            this.id = id;
            this.call = call;
            this.out = out;
            this.names = names;
            this.format = format;
            this.thread = new Thread(this, "peresvet-api-stream-" + id);
            this.thread.setDaemon(true);
        }

        void start(Subscription s) {
            subscription = s;
            if (stopped) {
                s.close();
            }
            thread.start();
        }

        /** The subscription's listener: never blocks, never touches the socket. */
        void offer(List<TagSample> batch) {
            if (stopped) {
                return;
            }
            for (TagSample ts : batch) {
                mailbox.merge(ts.tagId(), ts, (old, neu) -> neu.sample().x() >= old.sample().x() ? neu : old);
            }
            synchronized (signal) {
                dirty = true;
                signal.notifyAll();
            }
        }

        @Override
        public void run() {
            try {
                write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
                long lastWrite = System.nanoTime();
                while (!stopped) {
                    synchronized (signal) {
                        long wait = HEARTBEAT_NANOS - (System.nanoTime() - lastWrite);
                        while (!dirty && !stopped && wait > 0) {
                            TimeUnit.NANOSECONDS.timedWait(signal, wait);
                            wait = HEARTBEAT_NANOS - (System.nanoTime() - lastWrite);
                        }
                        dirty = false;
                    }
                    if (stopped) {
                        break;
                    }
                    byte[] event = mailbox.isEmpty() ? ": ping\n\n".getBytes(StandardCharsets.UTF_8) : event();
                    write(event);
                    lastWrite = System.nanoTime();
                }
            } catch (IOException | InterruptedException e) {
                // client gone, dropped, or server stopping
            } catch (RuntimeException e) {
                LOG.error("Live stream {} failed", id, e);
            } finally {
                finish();
            }
        }

        private byte[] event() throws IOException {
            List<TagSample> batch = new ArrayList<>(mailbox.size());
            for (UUID tag : mailbox.keySet()) {
                TagSample ts = mailbox.remove(tag);
                if (ts != null) {
                    batch.add(ts);
                }
            }
            List<HistoryJson.Part> parts = new ArrayList<>(batch.size());
            for (TagSample ts : batch) {
                String name = names.getOrDefault(ts.tagId(), null);
                parts.add(new HistoryJson.Part(name != null ? name : ts.tagId().toString(), List.<Sample>of(ts.sample()), false));
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + parts.size() * 80);
            buf.write("data: ".getBytes(StandardCharsets.UTF_8));
            try (JsonGenerator gen = Json.MAPPER.createGenerator(buf)) {
                HistoryJson.write(gen, parts, format);
            }
            buf.write("\n\n".getBytes(StandardCharsets.UTF_8));
            metrics.samplesOut(parts.size());
            metrics.streamEvents.increment();
            return buf.toByteArray();
        }

        private void write(byte[] bytes) throws IOException {
            writingSince = System.nanoTime();
            try {
                out.write(bytes);
                out.flush();
            } finally {
                writingSince = 0;
            }
        }

        /** Stops the client from any thread; an interrupted socket write closes the connection. */
        void stop() {
            stopped = true;
            Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            synchronized (signal) {
                signal.notifyAll();
            }
            if (writingSince != 0) {
                thread.interrupt();
                // A write blocked on a full socket ends only when the connection does.
                call.exchange().abort(new IOException("live stream client stopped reading"));
            }
        }

        private void finish() {
            stopped = true;
            Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            mailbox.clear();
            if (clients.remove(this)) {
                metrics.streams.decrementAndGet();
            }
            // A stream has no natural end: the client left, stalled, or the server stops.
            call.exchange().abort(new IOException("live stream ended"));
        }

        void join(long millis) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
