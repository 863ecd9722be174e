package org.peresvet.connector.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a broker over Eclipse Paho's MQTT v5 client (v3's client rejects topics with
 * characters outside the Basic Multilingual Plane and its receiver thread dies of it), kept alive
 * by its own bounded reconnect loop
 * (Paho's automatic reconnect is off: we want to know and report every state change, and to
 * restore our subscriptions ourselves whatever the session type).
 *
 * <p>Threads: a worker thread connects, subscribes and backs off; a dispatcher thread hands
 * inbound messages and state changes to the {@link Listener} in arrival order. Paho's callback
 * thread only enqueues, so a slow listener never stalls the keep-alive. The inbound queue is
 * bounded by count and bytes; oversized payloads are rejected before they are queued.
 * {@link #close()} ends every thread this link started, Paho's included.
 *
 * <p>A malformed packet makes Paho close the connection (we log why and reconnect). Paho's
 * receiver survives only I/O and MQTT exceptions, so the link also watches that thread through
 * its socket ({@link ReceiverAware}): if it ever dies the connection is dropped, reported as
 * lost within {@link #WATCH_MS} ms, and opened again, never left open and deaf.
 */
public final class MqttLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final int SUBSCRIBE_CHUNK = 500;
    /** How long the dispatcher lets messages gather under load: the most a message waits extra. */
    private static final long LINGER_NANOS = 1_000_000;
    /** How often the worker checks that Paho's receiver still runs. */
    static final long WATCH_MS = 250;
    /** One thread watches every link's receiver; its checks are a few field reads. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "peresvet-mqtt-watchdog"));

    /** Connection states as the link sees them. */
    public enum State { CONNECTING, CONNECTED, DISCONNECTED, CLOSED }

    /** Receives everything on the link's dispatcher thread, one call at a time. */
    public interface Listener {
        void stateChanged(State state, String reason);

        void message(String topic, byte[] payload, boolean retained);

        /** A message that was not handed over (too large, or the inbound queue stayed full). */
        default void rejected(String topic, int size, String reason) {
        }

        /** The queue is drained for now: a listener that collects messages passes them on here. */
        default void drained() {
        }
    }

    private sealed interface Event permits Inbound, StateEvent, Rejected, Stop {
    }

    private record Inbound(String topic, byte[] payload, boolean retained) implements Event {
    }

    private record StateEvent(State state, String reason) implements Event {
    }

    private record Rejected(String topic, int size, String reason) implements Event {
    }

    private record Stop() implements Event {
    }

    private final String name;
    private final MqttSettings settings;
    private final Listener listener;
    private final int subscribeQos;
    private final int maxQueued;
    private final long maxQueuedBytes;
    private final Set<String> filters = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Object room = new Object();
    private final ScheduledExecutorService worker;
    private final Thread dispatcher;
    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong rejectedCount = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private volatile State state = State.DISCONNECTED;
    private volatile String reason = "not started";
    private volatile boolean closed;
    private volatile boolean started;
    private volatile boolean waiting;
    private MqttAsyncClient client;          // touched on the worker thread only (and in close after it stopped)
    /** The client while CONNECTED, for publishers on other threads (Paho's client is thread-safe). */
    private volatile MqttAsyncClient live;
    /** The socket of the current connection attempt (set on Paho's thread when it opens one). */
    private volatile java.net.Socket socket;
    /** Counts connection attempts: a report about an older one is ignored. */
    private volatile int attempt;
    private ScheduledFuture<?> pendingConnect;
    private volatile ScheduledFuture<?> watch;
    private final Object lossLock = new Object();
    /** The attempt whose loss the watchdog reported (Paho's own report of it then adds nothing). */
    private volatile int lostAttempt;
    private long backoffMs;

    public MqttLink(String name, MqttSettings settings, Listener listener) {
        this(name, settings, listener, 1, 100_000, 64L * 1024 * 1024);
    }

    /**
     * @param maxQueued inbound messages waiting for the listener before Paho's thread waits (then drops)
     * @param maxQueuedBytes the same bound in payload bytes
     */
    public MqttLink(String name, MqttSettings settings, Listener listener, int subscribeQos, int maxQueued, long maxQueuedBytes) {
        this.name = name;
        this.settings = settings;
        this.listener = listener;
        this.subscribeQos = subscribeQos;
        this.maxQueued = maxQueued;
        this.maxQueuedBytes = maxQueuedBytes;
        this.backoffMs = settings.reconnectMinMs();
        int n = SEQ.incrementAndGet();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mqtt-" + name + "-" + n));
        this.dispatcher = daemon(this::dispatch, "mqtt-" + name + "-in-" + n);
    }

    private static Thread daemon(Runnable r, String threadName) {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
    }

    /** Starts connecting in the background; returns at once. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        dispatcher.start();
        worker.execute(this::connectOnce);
        watch = WATCHDOG.scheduleWithFixedDelay(this::watchTick, WATCH_MS, WATCH_MS, TimeUnit.MILLISECONDS);
    }

    public State state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    public String name() {
        return name;
    }

    public MqttSettings settings() {
        return settings;
    }

    public long messagesIn() {
        return messagesIn.get();
    }

    public long rejected() {
        return rejectedCount.get();
    }

    /** Successful connects after the first one. */
    public long reconnects() {
        return reconnects.get();
    }

    public Set<String> subscriptions() {
        return Set.copyOf(filters);
    }

    // ---- subscriptions ----

    /** Subscribes now when connected, and again after every reconnect. */
    public void subscribe(String filter) {
        subscribeAll(List.of(filter));
    }

    /** Subscribes to every valid filter; an invalid one is skipped with a warning and never stops the others. */
    public void subscribeAll(List<String> newFilters) {
        List<String> added = new ArrayList<>();
        for (String f : newFilters) {
            try {
                TopicFilter.check(f);
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: not subscribing: {}", name, e.getMessage());
                continue;
            }
            if (filters.add(f)) {
                added.add(f);
            }
        }
        if (!added.isEmpty() && started && !closed) {
            worker.execute(() -> sendSubscribe(added));
        }
    }

    public void unsubscribe(String filter) {
        if (filters.remove(filter) && started && !closed) {
            worker.execute(() -> {
                MqttAsyncClient c = client;
                if (c != null && c.isConnected()) {
                    try {
                        c.unsubscribe(filter);
                    } catch (MqttException e) {
                        LOG.debug("{}: unsubscribe {} failed: {}", name, filter, e.getMessage());
                    }
                }
            });
        }
    }

    private void sendSubscribe(List<String> list) {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            return; // the next connect subscribes everything
        }
        try {
            for (int i = 0; i < list.size(); i += SUBSCRIBE_CHUNK) {
                List<String> part = list.subList(i, Math.min(list.size(), i + SUBSCRIBE_CHUNK));
                int[] qos = new int[part.size()];
                java.util.Arrays.fill(qos, subscribeQos);
                IMqttToken t = c.subscribe(part.toArray(String[]::new), qos);
                if (!await(t, settings.connectTimeoutSeconds() * 1000L)) {
                    return; // the connection was lost meanwhile: the next connect subscribes everything
                }
                int[] granted = t.getReasonCodes();
                for (int k = 0; granted != null && k < granted.length; k++) {
                    if (granted[k] >= 0x80) {
                        LOG.warn("{}: broker refused subscription {}", name, part.get(k));
                    }
                }
            }
        } catch (MqttException e) {
            LOG.warn("{}: subscribe failed: {}", name, describe(e));
            // a broken connection shows up in connectionLost and the reconnect subscribes again
        }
    }

    /**
     * Waits for a token in short slices, giving up as soon as the connection is reported lost (a
     * dead receiver never completes it); false then. Throws Paho's timeout like waitForCompletion.
     */
    private boolean await(IMqttToken t, long timeoutMs) throws MqttException {
        long end = System.nanoTime() + timeoutMs * 1_000_000;
        while (!t.isComplete()) {
            if (state != State.CONNECTED || closed) {
                return false;
            }
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new MqttException(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
            }
            try {
                t.waitForCompletion(Math.min(left, WATCH_MS));
            } catch (MqttException e) {
                if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_TIMEOUT) {
                    throw e;
                }
            }
        }
        if (t.getException() != null) {
            throw t.getException();
        }
        return true;
    }

    // ---- publishing ----

    /**
     * Publishes a message; the future completes when Paho has handed it to the broker (QoS 0) or
     * the broker acknowledged it (QoS 1, 2). Fails at once when not connected: a command must not
     * wait and reach a device minutes later.
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttAsyncClient c = live; // never the worker's own field: this runs on the caller's thread
        if (closed) {
            done.completeExceptionally(new IllegalStateException(name + ": closed"));
            return done;
        }
        if (c == null || state != State.CONNECTED || !c.isConnected()) {
            done.completeExceptionally(new IllegalStateException(name + ": not connected to " + settings.brokerUrl()
                    + (reason == null ? "" : " (" + reason + ")")));
            return done;
        }
        try {
            TopicFilter.checkPublishTopic(topic);
            c.publish(topic, payload, qos, retained, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.completeExceptionally(new IllegalStateException(name + ": publish to " + topic + " failed: "
                            + (e instanceof MqttException me ? describe(me) : e.getMessage()), e));
                }
            });
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(new IllegalStateException(name + ": publish to " + topic + " failed: "
                    + (e instanceof MqttException me ? describe(me) : e.getMessage()), e));
        }
        return done;
    }

    // ---- connecting ----

    private void connectOnce() {
        if (closed) {
            return;
        }
        pendingConnect = null;
        setState(State.CONNECTING, "connecting to " + settings.brokerUrl());
        int n = ++attempt;
        socket = null;
        try {
            if (client == null) {
                client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
                client.setCallback(new Callback(client));
            }
            client.connect(options(n)).waitForCompletion(settings.connectTimeoutSeconds() * 1000L + 2000);
            if (!client.isConnected()) {
                throw new MqttException(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
            }
        } catch (MqttException | RuntimeException e) {
            String why = e instanceof MqttException me ? describe(me) : String.valueOf(e.getMessage());
            dropClient();
            if (closed) {
                return;
            }
            setState(State.DISCONNECTED, why);
            scheduleReconnect();
            return;
        }
        if (connectedOnce) {
            reconnects.incrementAndGet();
        }
        connectedOnce = true;
        backoffMs = settings.reconnectMinMs();
        // CONNECTED goes into the event queue before any retained message the subscriptions bring,
        // so the listener's "restored" (q=101) never lands on top of the first fresh values
        synchronized (lossLock) {
            live = client;
            setState(State.CONNECTED, "connected to " + settings.brokerUrl());
        }
        sendSubscribe(new ArrayList<>(filters));
    }

    /**
     * On the shared watchdog thread, every {@link #WATCH_MS} (never on the worker, which may be
     * waiting for a subscription the dead receiver will never acknowledge): a connection whose
     * receiver thread died, or that Paho no longer calls connected without having told us, is lost.
     */
    private void watchTick() {
        MqttAsyncClient c = live;
        if (closed || c == null || state != State.CONNECTED) {
            return;
        }
        int n = attempt;
        Thread reader = socket instanceof ReceiverAware ra ? ra.reader() : null;
        if (reader != null && !reader.isAlive()) {
            broken(n, "the MQTT receiver stopped");
        } else if (!c.isConnected()) {
            broken(n, "the client is no longer connected");
        }
    }

    /** Paho's receiver ended with an exception it does not handle: reported at once, from its own last breath. */
    private void receiverDied(int n, Throwable e) {
        broken(n, "the MQTT receiver stopped: " + e);
    }

    /**
     * The connection of attempt {@code n} cannot receive: reported lost at once (any thread), its
     * socket closed (which also ends whatever Paho or the worker waits for), then dropped and
     * reconnected on the worker.
     */
    private void broken(int n, String why) {
        synchronized (lossLock) {
            if (n != attempt || state != State.CONNECTED || closed) {
                return;
            }
            LOG.warn("{}: {}; reconnecting to {}", name, why, settings.brokerUrl());
            live = null;
            lostAttempt = n;
            setState(State.DISCONNECTED, why);
        }
        java.net.Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (java.io.IOException | RuntimeException e) {
                // closing anyway
            }
        }
        try {
            worker.execute(() -> {
                if (n == attempt && client != null && !closed) {
                    dropClient();
                    backoffMs = settings.reconnectMinMs();
                    scheduleReconnect();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException x) {
            // closing
        }
    }

    private boolean connectedOnce;

    private MqttConnectionOptions options(int n) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(false);
        o.setCleanStart(settings.cleanSession());
        if (!settings.cleanSession()) {
            o.setSessionExpiryInterval(0xFFFF_FFFFL); // as MQTT 3.1.1's persistent session: never expires
        }
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout(settings.connectTimeoutSeconds());
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        java.util.function.Consumer<java.net.Socket> created = s -> {
            if (n == attempt) {
                socket = s;
                if (s instanceof ReceiverAware ra) {
                    ra.onReaderDeath((t, e) -> {
                        if (t == ra.reader()) {
                            receiverDied(n, e);
                        }
                    });
                }
            }
        };
        if (settings.isTls()) {
            MqttTls tls = settings.tls();
            o.setSocketFactory(NoDelaySockets.tls(tls.socketFactory(), created));
            o.setHttpsHostnameVerificationEnabled(tls.verifyHostname());
        } else {
            o.setSocketFactory(NoDelaySockets.plain(created));
        }
        if (settings.will() != null) {
            MqttSettings.Will w = settings.will();
            MqttMessage m = new MqttMessage(w.payload(), w.qos(), w.retained(), new MqttProperties());
            o.setWill(w.topic(), m);
        }
        return o;
    }

    private void scheduleReconnect() {
        if (closed || worker.isShutdown()) {
            return;
        }
        long delay = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 4 + 1);
        backoffMs = Math.min(settings.reconnectMaxMs(), backoffMs * 2);
        try {
            pendingConnect = worker.schedule(this::connectOnce, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** Throws the Paho client away (a failed or lost connection); its threads end with it. */
    private void dropClient() {
        MqttAsyncClient c = client;
        client = null;
        live = null;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException e) {
            // already gone
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("{}: close: {}", name, e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        /** The connection ended: the broker closed it, the network failed, or a packet could not be read. */
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            Throwable cause = response == null ? null : response.getException();
            String why = cause instanceof MqttException me ? describe(me)
                    : cause != null ? String.valueOf(cause)
                    : response != null && response.getReasonString() != null ? "the broker disconnected: " + response.getReasonString()
                    : "the broker disconnected (reason code " + (response == null ? "?" : response.getReturnCode()) + ")";
            try {
                worker.execute(() -> {
                    if (client != owner || closed) {
                        return;
                    }
                    if (lostAttempt != attempt) { // not reported by the watchdog already
                        LOG.info("{}: connection lost: {}; reconnecting", name, why);
                        live = null;
                        setState(State.DISCONNECTED, "connection lost: " + why);
                    }
                    dropClient();
                    scheduleReconnect();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("{}: MQTT error: {}", name, describe(e));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // our own reconnect loop reports states
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            if (payload.length > settings.maxPayloadBytes()) {
                rejectedCount.incrementAndGet();
                events.add(new Rejected(topic, payload.length, "payload of " + payload.length + " bytes exceeds the limit of "
                        + settings.maxPayloadBytes() + " bytes"));
                return;
            }
            if (!admit(payload.length)) {
                rejectedCount.incrementAndGet();
                events.add(new Rejected(topic, payload.length, "inbound queue full (listener too slow)"));
                return;
            }
            messagesIn.incrementAndGet();
            events.add(new Inbound(topic, payload, message.isRetained()));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish futures complete through their own action listeners
        }
    }

    /** Waits up to a second for room in the inbound queue. */
    private boolean admit(int bytes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (true) {
            int n = queued.get();
            long b = queuedBytes.get();
            if (n < maxQueued && b + bytes <= Math.max(maxQueuedBytes, bytes)) {
                if (queued.compareAndSet(n, n + 1)) {
                    queuedBytes.addAndGet(bytes);
                    return true;
                }
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed) {
                return false;
            }
            synchronized (room) {
                waiting = true;
                try {
                    room.wait(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } finally {
                    waiting = false;
                }
            }
        }
    }

    private void setState(State s, String why) {
        state = s;
        reason = why;
        events.add(new StateEvent(s, why));
        LOG.debug("{}: {} ({})", name, s, why);
    }

    /**
     * Hands queued events to the listener in batches. Under load (a drain found more than one
     * message) the thread lingers {@link #LINGER_NANOS} before the next drain, so messages arrive
     * in the engine in batches of dozens instead of waking every thread for each; one message at a
     * time is handed over at once.
     */
    private void dispatch() {
        List<Event> batch = new ArrayList<>(256);
        while (true) {
            try {
                batch.add(events.take());
            } catch (InterruptedException ie) {
                return;
            }
            events.drainTo(batch, 255); // one lock round per batch, not per message
            int size = batch.size();
            for (Event e : batch) {
                if (!handle(e)) {
                    drained();
                    return;
                }
            }
            batch.clear();
            drained();
            if (size > 1 && !closed) {
                LockSupport.parkNanos(LINGER_NANOS);
            }
        }
    }

    /** Hands one event to the listener; false after the stop event. */
    private boolean handle(Event e) {
        try {
            if (e instanceof Inbound m) {
                queued.decrementAndGet();
                queuedBytes.addAndGet(-m.payload().length);
                if (waiting) {
                    synchronized (room) {
                        room.notifyAll();
                    }
                }
                listener.message(m.topic(), m.payload(), m.retained());
            } else if (e instanceof StateEvent s) {
                listener.stateChanged(s.state(), s.reason());
            } else if (e instanceof Rejected r) {
                listener.rejected(r.topic(), r.size(), r.reason());
            } else {
                return false;
            }
        } catch (RuntimeException ex) {
            LOG.warn("{}: listener failed: {}", name, ex.toString(), ex);
        }
        return true;
    }

    private void drained() {
        try {
            listener.drained();
        } catch (RuntimeException ex) {
            LOG.warn("{}: listener failed: {}", name, ex.toString(), ex);
        }
    }

    static String describe(MqttException e) {
        String msg = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && (msg == null || !msg.contains(cause.getMessage()))) {
            msg = (msg == null ? "" : msg + ": ") + cause.getMessage();
        }
        return msg == null ? "MQTT error " + e.getReasonCode() : msg;
    }

    /** Disconnects and ends every thread of this link; idempotent. */
    @Override
    public void close() {
        shutdown(true);
    }

    /**
     * Drops the connection without an MQTT DISCONNECT, as a board losing power would: the broker
     * publishes the last will. Then ends the threads like {@link #close()}.
     */
    public void abort() {
        shutdown(false);
    }

    private void shutdown(boolean graceful) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        synchronized (room) {
            room.notifyAll();
        }
        ScheduledFuture<?> w = watch;
        if (w != null) {
            w.cancel(false);
        }
        if (started) {
            try {
                worker.submit(() -> {
                    if (pendingConnect != null) {
                        pendingConnect.cancel(false);
                    }

                    MqttAsyncClient c = client;
                    if (graceful && c != null && c.isConnected()) {
                        try {
                            c.disconnect(1000).waitForCompletion(2000);
                        } catch (MqttException e) {
                            // forcibly below
                        }
                    }
                    dropClient();
                }).get(settings.connectTimeoutSeconds() + 5L, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("{}: close: {}", name, e.toString());
            }
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropClient(); // in case the worker never got to it
        if (started) {
            state = State.CLOSED;
            reason = "closed";
            events.add(new StateEvent(State.CLOSED, "closed"));
            events.add(new Stop());
            try {
                dispatcher.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
