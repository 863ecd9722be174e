package org.peresvet.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.PermitAllAuthorizatorPolicy;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.KeyManagerFactory;
import org.peresvet.runtime.MetricsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's own MQTT broker: MQTT 3.1, 3.1.1 and 5 on a plain port and, when configured, on a
 * TLS port. Boards and external tools connect to it as to Mosquitto; the engine's connectors use it
 * through their usual MQTT settings. Moquette routes the messages; it speaks MQTT 3.1.1 only, so
 * the listeners are an {@link MqttFront} of ours that tells it MQTT 5 clients' packets in 3.1.1
 * form. Retained messages (the boards' discovery configs) and persistent sessions live in
 * {@code broker/data} of the project folder, so they survive a restart. Users are checked against
 * the hashes of {@link BrokerConfig}.
 *
 * <p>Start and stop take up to a second (the broker opens its store): call them off the FX thread.
 * Thread-safe.
 */
public final class BuiltInBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuiltInBroker.class);
    /** The engine's own user (discovery, connectors the wizard makes): its password is kept in the broker's folder. */
    public static final String ENGINE_USER = "peresvet-engine";

    /** Where the broker is in its life. */
    public enum State { STOPPED, STARTING, RUNNING, FAILED }

    private final Path projectDir;
    private final BrokerConfig config;
    private volatile State state = State.STOPPED;
    private volatile String error;
    private Server moquette;
    private volatile MqttFront front;
    private volatile String enginePassword;

    public BuiltInBroker(Path projectDir, BrokerConfig config) {
        this.projectDir = projectDir;
        this.config = config;
    }

    public BrokerConfig config() {
        return config;
    }

    /** The folder of the broker's own files inside the project folder. */
    public static Path folder(Path projectDir) {
        return projectDir.resolve("broker");
    }

    /**
     * Starts the listeners and waits until they accept connections.
     *
     * @throws BrokerException naming the cause (port in use, key store unreadable…); the state is then FAILED
     */
    public synchronized BuiltInBroker start() {
        if (state == State.RUNNING) {
            return this;
        }
        state = State.STARTING;
        error = null;
        BrokerDrops.install(); // before Moquette runs: its per-drop warnings become a count
        try {
            Path base = folder(projectDir);
            Path data = Files.createDirectories(base.resolve("data"));
            SslContext tls = null;
            if (config.tls() == BrokerConfig.Tls.GENERATED) {
                BrokerCertificate cert = BrokerCertificate.ensure(base.resolve("tls"), config.bindAddress());
                tls = serverTls(cert.keyStore(), cert.password());
            } else if (config.tls() == BrokerConfig.Tls.GIVEN) {
                Path given = projectDir.resolve(config.keyStore());
                if (!Files.isReadable(given)) {
                    throw new BrokerException("the TLS key store " + given + " cannot be read");
                }
                tls = serverTls(given, config.keyStorePassword() == null ? "" : config.keyStorePassword());
            }
            enginePassword = EnginePassword.ensure(base.resolve("engine-password"));
            Server m = new Server();
            IAuthenticator users = (clientId, user, password) -> admits(user, password);
            try {
                m.startServer(new MemoryConfig(MoquetteSettings.of(data, config.admits(null, null))), List.of(), null, users,
                        new PermitAllAuthorizatorPolicy());
            } catch (IOException | RuntimeException e) {
                stopQuietly(m);
                throw new BrokerException("the broker's store in " + data + " cannot be opened: " + rootMessage(e), e);
            }
            MqttFront f = new MqttFront(new InetSocketAddress("127.0.0.1", boundPort(m)), this::admits,
                    id -> m.listConnectedClients().stream().anyMatch(c -> id.equals(c.getClientID())));
            try {
                LOG.debug("Built-in broker: {} retained messages", f.loadRetained(ENGINE_USER, enginePassword));
            } catch (TimeoutException | ExecutionException e) {
                // only the retain flag of retained messages sent to new QoS 1/2 subscribers is at stake
                LOG.warn("The built-in broker's retained messages could not be read: {}", rootMessage(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                f.close();
                stopQuietly(m);
                throw new BrokerException("interrupted while the broker started", e);
            }
            try {
                f.listen(config.bindAddress(), config.port(), null);
                if (tls != null) {
                    f.listen(config.bindAddress(), config.tlsPort(), tls);
                }
            } catch (BrokerException e) {
                f.close();
                stopQuietly(m);
                throw new BrokerException("the broker did not start on " + config.bindAddress() + ": " + e.getMessage(), e);
            }
            moquette = m;
            front = f;
            state = State.RUNNING;
            LOG.info("Built-in MQTT broker listening: {}", config);
            return this;
        } catch (IOException e) {
            fail(e.getMessage());
            throw new BrokerException("the broker's folder cannot be written: " + e.getMessage(), e);
        } catch (BrokerException e) {
            fail(e.getMessage());
            throw e;
        }
    }

    /** Whether this user (null: anonymous) may connect: a configured user, or the engine itself. */
    private boolean admits(String user, byte[] password) {
        return config.admits(user, password) || ENGINE_USER.equals(user) && password != null
                && MessageDigest.isEqual(password, enginePassword.getBytes(StandardCharsets.UTF_8));
    }

    /** Moquette's loopback port: it notes the port the system gave it just after its bind returns. */
    private static int boundPort(Server m) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int port = m.getPort();
        while (port == 0 && System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            port = m.getPort();
        }
        if (port == 0) {
            stopQuietly(m);
            throw new BrokerException("the broker did not report its internal port");
        }
        return port;
    }

    private static SslContext serverTls(Path keyStore, String password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password.toCharArray());
            return SslContextBuilder.forServer(kmf).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new BrokerException("the TLS key store " + keyStore + " cannot be used: " + rootMessage(e), e);
        }
    }

    private void fail(String why) {
        state = State.FAILED;
        error = why;
        LOG.warn("Built-in MQTT broker failed: {}", why);
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.toString() : r.getMessage();
    }

    private static void stopQuietly(Server m) {
        try {
            m.stopServer();
        } catch (RuntimeException e) {
            LOG.debug("stopping a broker that did not start", e);
        }
    }

    /** How the engine itself connects: over loopback (or the bind address) with its own user. */
    public BrokerAccess engineAccess() {
        String host = config.bindAddress().equals("0.0.0.0") || config.bindAddress().equals("::") ? "127.0.0.1" : config.bindAddress();
        return new BrokerAccess("tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port(), ENGINE_USER,
                enginePassword);
    }

    public State state() {
        return state;
    }

    /** Why the broker failed, or null. */
    public String error() {
        return error;
    }

    /** Connected clients now (0 when not running). */
    public long clients() {
        MqttFront f = front;
        return f == null || state != State.RUNNING ? 0 : f.clients();
    }

    /** PUBLISH packets received since start. */
    public long messagesIn() {
        MqttFront f = front;
        return f == null || state != State.RUNNING ? 0 : f.publishesIn();
    }

    /** Messages the broker dropped (full queues under a flood) since this process began. */
    public long dropped() {
        return BrokerDrops.install().dropped();
    }

    /** Said by {@link BrokerDrops} at the first drop and then at most every few seconds while they go on. */
    static void reportDrops(long newly, long total) {
        LOG.warn("The built-in MQTT broker dropped {} message(s) ({} in all): its queues are full because clients "
                + "publish faster than the engine takes them in", newly, total);
    }

    /** The status line: "MQTT broker :1883 · 3 clients", or the failure. */
    public BrokerStatus status() {
        return new BrokerStatus(state, config.bindAddress(), config.port(), config.tls() == BrokerConfig.Tls.NONE ? 0 : config.tlsPort(),
                clients(), messagesIn(), error);
    }

    /** The gauges of {@code /metrics} (a {@link MetricsSource} as {@code broker::metrics}). */
    public List<MetricsSource.Gauge> metrics() {
        BrokerStatus s = status();
        return List.of(
                new MetricsSource.Gauge("peresvet_broker_up", "1 while the built-in MQTT broker runs", Map.of(),
                        s.state() == State.RUNNING ? 1 : 0),
                new MetricsSource.Gauge("peresvet_broker_clients", "clients connected to the built-in MQTT broker", Map.of(),
                        s.clients()),
                new MetricsSource.Gauge("peresvet_broker_messages_in_total", "PUBLISH packets received by the built-in broker",
                        Map.of(), s.messagesIn()),
                new MetricsSource.Gauge("peresvet_broker_dropped_total",
                        "messages the built-in broker dropped because its queues were full", Map.of(), dropped()));
    }

    /** Stops the listeners and closes the store (retained messages and sessions stay on disk). */
    @Override
    public synchronized void close() {
        MqttFront f = front;
        Server m = moquette;
        front = null;
        moquette = null;
        if (f == null) {
            state = state == State.FAILED ? State.FAILED : State.STOPPED;
            return;
        }
        f.close();
        stopQuietly(m);
        state = State.STOPPED;
        LOG.info("Built-in MQTT broker stopped");
    }
}
