package org.peresvet.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.migration.meta.PersistenceType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in broker with the real Paho MQTT 5 client (the client of every connector): users are
 * checked, retained messages and a persistent session survive a restart, TLS with the generated
 * certificate works for a client that trusts it and fails for one that does not. A broker folder
 * written by an earlier version (HiveMQ's default RocksDB store) is moved aside.
 */
class BuiltInBrokerTest {
    @TempDir
    Path dir;

    @AfterEach
    void xodusAgain() {
        BrokerStorage.useXodus();
    }

    @Test
    void usersRetainedMessagesSessionsAndTlsAcrossARestart() throws Exception {
        int port = freePort();
        int tlsPort = freePortOtherThan(port);
        BrokerConfig cfg = BrokerConfig.off().withEnabled(true).withListener("127.0.0.1", port).withGeneratedTls(tlsPort)
                .withUser("board", "secret-1".toCharArray()).withUser("scada", "secret-2".toCharArray());
        cfg.save(dir);
        BrokerConfig loaded = BrokerConfig.load(dir);
        assertThat(loaded.toJson()).doesNotContain("secret-1");
        String url = "tcp://127.0.0.1:" + port;
        try (BuiltInBroker broker = new BuiltInBroker(dir, loaded).start()) {
            assertThat(broker.state()).isEqualTo(BuiltInBroker.State.RUNNING);
            assertThatThrownBy(() -> connect(url, "intruder", "board", "wrong", true, null))
                    .isInstanceOf(MqttException.class).hasMessageContaining("Bad User Name or Password");
            assertThatThrownBy(() -> connect(url, "anon", null, null, true, null)).isInstanceOf(MqttException.class);
            // a persistent session: subscribed, then away
            MqttClient scada = connect(url, "scada-1", "scada", "secret-2", false, null);
            scada.subscribe("plant/+/cmd", 1);
            scada.disconnect();
            scada.close();
            MqttClient board = connect(url, "board-1", "board", "secret-1", true, null);
            board.publish("homeassistant/sensor/b1/t/config", "{\"name\":\"t\"}".getBytes(StandardCharsets.UTF_8), 1, true);
            board.disconnect();
            board.close();
            assertThat(broker.status().messagesIn()).isGreaterThanOrEqualTo(1);
            assertThat(broker.metrics()).anySatisfy(g -> {
                assertThat(g.name()).isEqualTo("peresvet_broker_up");
                assertThat(g.value()).isEqualTo(1.0);
            });
        }
        try (BuiltInBroker broker = new BuiltInBroker(dir, BrokerConfig.load(dir)).start()) {
            // published while the subscriber's session waits on disk
            MqttClient board = connect(url, "board-1", "board", "secret-1", true, null);
            board.publish("plant/p1/cmd", "on".getBytes(StandardCharsets.UTF_8), 1, false);
            board.disconnect();
            board.close();
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            MqttClient scada = connect(url, "scada-1", "scada", "secret-2", false, got);
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("plant/p1/cmd=on retained=false");
            scada.subscribe("homeassistant/#", 1);
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("homeassistant/sensor/b1/t/config={\"name\":\"t\"} retained=true");
            assertThat(broker.clients()).isEqualTo(1);
            scada.disconnect();
            scada.close();
            // TLS with the certificate made at the first start
            assertThat(broker.status().tlsPort()).isEqualTo(tlsPort);
            Path pem = dir.resolve("broker/tls/broker.pem");
            assertThat(pem).exists();
            MqttClient c = connect("ssl://127.0.0.1:" + tlsPort, "tls-1", "board", "secret-1", true, null, trusting(pem));
            assertThat(c.isConnected()).isTrue();
            c.disconnect();
            c.close();
            // a client that trusts only the JDK's public CAs refuses the self-signed certificate
            assertThatThrownBy(() -> connect("ssl://127.0.0.1:" + tlsPort, "tls-2", "board", "secret-1", true, null,
                    SSLContext.getDefault())).hasRootCauseInstanceOf(CertPathBuilderException.class)
                    .hasStackTraceContaining(SSLHandshakeException.class.getSimpleName());
        }
    }

    @Test
    void aDataFolderOfTheFormerRocksDbStoreIsMovedAsideAndTheBrokerStarts() throws Exception {
        int port = freePort();
        BrokerConfig cfg = BrokerConfig.off().withEnabled(true).withListener("127.0.0.1", port)
                .withUser("board", "secret-1".toCharArray());
        String url = "tcp://127.0.0.1:" + port;
        Path data = writtenByRocksDb(cfg, url);
        assertThat(rocksDbStores(data)).isPositive();
        try (BuiltInBroker broker = new BuiltInBroker(dir, cfg).start()) {
            assertThat(broker.state()).isEqualTo(BuiltInBroker.State.RUNNING);
            assertThat(rocksDbStores(BuiltInBroker.folder(dir).resolve("data-rocksdb"))).isPositive();
            assertThat(rocksDbStores(data)).isZero();
            MqttClient board = connect(url, "board-1", "board", "secret-1", true, null);
            board.publish("homeassistant/sensor/b1/h/config", "{}".getBytes(StandardCharsets.UTF_8), 1, true);
            board.disconnect();
            board.close();
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            MqttClient scada = connect(url, "scada-1", "board", "secret-1", true, got);
            scada.subscribe("homeassistant/#", 1);
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("homeassistant/sensor/b1/h/config={} retained=true");
            assertThat(got.poll(200, TimeUnit.MILLISECONDS)).as("the old store's message stays aside").isNull();
            scada.disconnect();
            scada.close();
        }
    }

    @Test
    void aNewDataFolderHasFewBucketsAndOneWrittenWithHiveMqsSixtyFourKeepsThem() throws Exception {
        int port = freePort();
        BrokerConfig cfg = BrokerConfig.off().withEnabled(true).withListener("127.0.0.1", port)
                .withUser("board", "secret-1".toCharArray());
        String url = "tcp://127.0.0.1:" + port;
        // A folder as the last version wrote it: Xodus with HiveMQ's 64 buckets, one retained message.
        Path data = written(cfg, url, PersistenceType.FILE, 64);
        Path persistence = data.resolve("persistence");
        assertThat(BrokerStorage.bucketsIn(persistence, "retained_messages")).isEqualTo(64);
        try (BuiltInBroker broker = new BuiltInBroker(dir, cfg).start()) {
            assertThat(InternalConfigurations.PERSISTENCE_BUCKET_COUNT.get()).isEqualTo(64);
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            MqttClient scada = connect(url, "scada-1", "board", "secret-1", true, got);
            scada.subscribe("homeassistant/#", 1);
            assertThat(got.poll(10, TimeUnit.SECONDS)).as("the message kept under 64 buckets")
                    .isEqualTo("homeassistant/sensor/b1/t/config={} retained=true");
            scada.disconnect();
            scada.close();
        }
        // A new folder: a few buckets per store.
        Path other = Files.createDirectories(dir.resolve("other"));
        try (BuiltInBroker broker = new BuiltInBroker(other, cfg).start()) {
            Path fresh = BuiltInBroker.folder(other).resolve("data/persistence");
            for (String store : List.of("retained_messages", "client_session_store", "publish_payload_store")) {
                assertThat(BrokerStorage.bucketsIn(fresh, store)).as(store).isEqualTo(BrokerStorage.NEW_BUCKETS);
            }
        }
    }

    /** The broker folder as an earlier version left it: HiveMQ on its default store (RocksDB), one retained message. */
    private Path writtenByRocksDb(BrokerConfig cfg, String url) throws Exception {
        return written(cfg, url, PersistenceType.FILE_NATIVE, 64);
    }

    /** The broker folder as HiveMQ leaves it with that store and bucket count: one retained message. */
    private Path written(BrokerConfig cfg, String url, PersistenceType type, int buckets) throws Exception {
        Path base = BuiltInBroker.folder(dir);
        Path conf = Files.createDirectories(base.resolve("conf"));
        Path data = Files.createDirectories(base.resolve("data"));
        Files.writeString(conf.resolve("config.xml"), HiveConfigXml.of(cfg, null, null), StandardCharsets.UTF_8);
        InternalConfigurations.RETAINED_MESSAGE_PERSISTENCE_TYPE.set(type);
        InternalConfigurations.PAYLOAD_PERSISTENCE_TYPE.set(type);
        InternalConfigurations.PERSISTENCE_BUCKET_COUNT.set(buckets);
        InternalConfigurations.PAYLOAD_PERSISTENCE_BUCKET_COUNT.set(buckets);
        try (EmbeddedHiveMQ hive = EmbeddedHiveMQ.builder().withConfigurationFolder(conf).withDataFolder(data)
                .withExtensionsFolder(Files.createDirectories(base.resolve("extensions"))).withoutLoggingBootstrap().build()) {
            hive.start().get(60, TimeUnit.SECONDS);
            // no authenticator extension: HiveMQ lets anyone in
            MqttClient board = connect(url, "old-board", null, null, true, null);
            board.publish("homeassistant/sensor/b1/t/config", "{}".getBytes(StandardCharsets.UTF_8), 1, true);
            board.disconnect();
            board.close();
            hive.stop().get(60, TimeUnit.SECONDS);
        }
        return data;
    }

    /** RocksDB stores under a folder (each has an IDENTITY file). */
    private static long rocksDbStores(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().equals("IDENTITY")).count();
        }
    }

    @Test
    void badConfigsAreRefusedWithTheirPlace() {
        assertThatThrownBy(() -> BrokerConfig.parse("{\"enabled\":true,\"port\":70000}")).hasMessageContaining("port");
        assertThatThrownBy(() -> BrokerConfig.parse("{\"enabeld\":true}")).hasMessageContaining("unknown key");
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            ks.setCertificateEntry("broker", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static MqttClient connect(String url, String id, String user, String pw, boolean clean, BlockingQueue<String> got)
            throws MqttException {
        return connect(url, id, user, pw, clean, got, null);
    }

    private static MqttClient connect(String url, String id, String user, String pw, boolean clean, BlockingQueue<String> got,
                                      SSLContext ssl) throws MqttException {
        MqttClient c = new MqttClient(url, id, null);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(clean);
        o.setSessionExpiryInterval(clean ? 0L : 3600L);
        o.setConnectionTimeout(10);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(pw.getBytes(StandardCharsets.UTF_8));
        }
        if (ssl != null) {
            o.setSocketFactory(ssl.getSocketFactory());
        }
        if (got != null) {
            c.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse r) {
                }

                @Override
                public void mqttErrorOccurred(MqttException e) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    got.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8) + " retained=" + m.isRetained());
                }

                @Override
                public void deliveryComplete(IMqttToken t) {
                }

                @Override
                public void connectComplete(boolean reconnect, String uri) {
                }

                @Override
                public void authPacketArrived(int reason, MqttProperties p) {
                }
            });
        }
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A free port that is not {@code port}: the system may hand out the port it just gave back. */
    private static int freePortOtherThan(int port) throws IOException {
        int p = freePort();
        while (p == port) {
            p = freePort();
        }
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
