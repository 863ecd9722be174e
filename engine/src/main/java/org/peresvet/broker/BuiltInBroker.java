package org.peresvet.broker;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.peresvet.runtime.MetricsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's own MQTT broker (HiveMQ CE, embedded): MQTT 3.1, 3.1.1 and 5 on a plain port and,
 * when configured, on a TLS port. Boards and external tools connect to it as to Mosquitto; the
 * engine's connectors use it through their usual MQTT settings. Retained messages (the boards'
 * discovery configs) and persistent sessions live in {@code broker/data} of the project folder
 * (HiveMQ's Xodus store, see {@link BrokerStorage}), so they survive a restart. Users are checked
 * against the hashes of {@link BrokerConfig}.
 *
 * <p>Start and stop take a second or more (the broker opens its stores): call them off the FX
 * thread. Thread-safe.
 */
public final class BuiltInBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuiltInBroker.class);
    private static final long START_TIMEOUT_SECONDS = 60;
    /** The engine's own user (discovery, connectors the wizard makes): its password is kept in the broker's folder. */
    public static final String ENGINE_USER = "peresvet-engine";

    /** Where the broker is in its life. */
    public enum State { STOPPED, STARTING, RUNNING, FAILED }

    private final Path projectDir;
    private final BrokerConfig config;
    private volatile State state = State.STOPPED;
    private volatile String error;
    private EmbeddedHiveMQ hive;
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
        try {
            Path base = folder(projectDir);
            Path conf = Files.createDirectories(base.resolve("conf"));
            Path data = base.resolve("data");
            BrokerStorage.moveAsideFormerStore(data);
            Files.createDirectories(data);
            Path ext = Files.createDirectories(base.resolve("extensions"));
            String keyStore = null;
            String keyPassword = null;
            if (config.tls() == BrokerConfig.Tls.GENERATED) {
                BrokerCertificate cert = BrokerCertificate.ensure(base.resolve("tls"), config.bindAddress());
                keyStore = cert.keyStore().toString();
                keyPassword = cert.password();
            } else if (config.tls() == BrokerConfig.Tls.GIVEN) {
                Path given = projectDir.resolve(config.keyStore());
                if (!Files.isReadable(given)) {
                    throw new BrokerException("the TLS key store " + given + " cannot be read");
                }
                keyStore = given.toString();
                keyPassword = config.keyStorePassword() == null ? "" : config.keyStorePassword();
            }
            enginePassword = EnginePassword.ensure(base.resolve("engine-password"));
            Files.writeString(conf.resolve("config.xml"), HiveConfigXml.of(config, keyStore, keyPassword), StandardCharsets.UTF_8);
            BrokerStorage.useXodus();
            BrokerStorage.sizeBuckets(data);
            EmbeddedHiveMQ h = EmbeddedHiveMQ.builder().withConfigurationFolder(conf).withDataFolder(data)
                    .withExtensionsFolder(ext).withEmbeddedExtension(authentication()).withoutLoggingBootstrap().build();
            try {
                h.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | CompletionException e) {
                closeQuietly(h);
                Throwable c = e.getCause() == null ? e : e.getCause();
                throw new BrokerException("the broker did not start on " + config.bindAddress() + ":" + config.port() + ": "
                        + rootMessage(c), c);
            } catch (TimeoutException e) {
                closeQuietly(h);
                throw new BrokerException("the broker did not start within " + START_TIMEOUT_SECONDS + " s", e);
            }
            hive = h;
            state = State.RUNNING;
            LOG.info("Built-in MQTT broker listening: {}", config);
            return this;
        } catch (IOException e) {
            fail(e.getMessage());
            throw new BrokerException("the broker's folder cannot be written: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            throw new BrokerException("interrupted while the broker started", e);
        } catch (BrokerException e) {
            fail(e.getMessage());
            throw e;
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

    private static void closeQuietly(EmbeddedHiveMQ h) {
        try {
            h.close();
        } catch (ExecutionException | RuntimeException e) {
            LOG.debug("closing a broker that did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks every CONNECT against the configured users. */
    private EmbeddedExtension authentication() {
        BrokerConfig c = config;
        return EmbeddedExtension.builder().withId("peresvet-users").withName("Peresvet users").withVersion("1")
                .withAuthor("Peresvet").withPriority(0).withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                        Services.securityRegistry().setAuthenticatorProvider(i -> (SimpleAuthenticator) (auth, result) -> {
                            String user = auth.getConnectPacket().getUserName().orElse(null);
                            byte[] pw = auth.getConnectPacket().getPassword().map(BuiltInBroker::bytes).orElse(null);
                            if (c.admits(user, pw) || ENGINE_USER.equals(user) && pw != null
                                    && MessageDigest.isEqual(pw, enginePassword.getBytes(StandardCharsets.UTF_8))) {
                                result.authenticateSuccessfully();
                            } else {
                                result.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
                                        "unknown user or wrong password");
                            }
                        });
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
                        // nothing held
                    }
                }).build();
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
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
        return metric("com.hivemq.networking.connections.current");
    }

    /** PUBLISH packets received since start. */
    public long messagesIn() {
        return metric("com.hivemq.messages.incoming.publish.count");
    }

    /** Retained messages held. */
    public long retained() {
        return metric("com.hivemq.persistence.retained-messages.current");
    }

    private long metric(String name) {
        EmbeddedHiveMQ h = hive;
        if (h == null || state != State.RUNNING) {
            return 0;
        }
        Map<String, Metric> all = h.getMetricRegistry().getMetrics();
        Metric m = all.get(name);
        if (m instanceof Counting c) {
            return c.getCount();
        }
        if (m instanceof Gauge<?> g && g.getValue() instanceof Number n) {
            return n.longValue();
        }
        return 0;
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
                        Map.of(), s.messagesIn()));
    }

    /** Stops the listeners and closes the stores (retained messages and sessions stay on disk). */
    @Override
    public synchronized void close() {
        EmbeddedHiveMQ h = hive;
        hive = null;
        if (h == null) {
            state = state == State.FAILED ? State.FAILED : State.STOPPED;
            return;
        }
        try {
            h.stop().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            h.close();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("The built-in broker did not stop cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        state = State.STOPPED;
        LOG.info("Built-in MQTT broker stopped");
    }
}
