package org.peresvet.connector.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto ({@code /usr/sbin/mosquitto}) for tests: its own loopback port and config
 * file, anonymous access, no persistence. It can be stopped (SIGTERM), killed (SIGKILL) and
 * started again on the same port, for broker-restart tests. With {@link #startTls} a second
 * listener speaks TLS with a CA generated for the test ({@link TestCertificates}).
 */
public final class MosquittoBroker implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final Path config;
    private final Path log;
    private final int port;
    private final int tlsPort;
    private Process process;
    private final Thread reaper = new Thread(this::destroyNow, "mosquitto-test-reaper");

    private MosquittoBroker(Path dir, int port, TestCertificates tls, boolean requireClientCert) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        this.port = port;
        int other = tls == null ? -1 : freePort();
        while (other == port) { // the system may hand out the port it just gave back
            other = freePort();
        }
        this.tlsPort = other;
        List<String> lines = new ArrayList<>(List.of(
                "per_listener_settings false",
                // started as root, mosquitto would switch to user "mosquitto", which cannot read the test's files
                "user " + System.getProperty("user.name"),
                "allow_anonymous true",
                "persistence false",
                "log_dest stdout",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "max_queued_messages 100000",
                // Nagle stays on (set_tcp_nodelay false), as in a broker installed from the distribution:
                // the client must not let it hold a device's echo back
                "listener " + port + " 127.0.0.1"));
        if (tls != null) {
            lines.add("listener " + tlsPort + " 127.0.0.1");
            lines.add("cafile " + tls.caPem());
            lines.add("certfile " + tls.serverCertPem());
            lines.add("keyfile " + tls.serverKeyPem());
            if (requireClientCert) {
                lines.add("require_certificate true");
            }
        }
        Files.writeString(config, String.join("\n", lines) + "\n");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts a broker on a free loopback port with its config and log in {@code dir}. */
    public static MosquittoBroker start(Path dir) {
        try {
            return start(dir, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker on a given loopback port (e.g. one a connector already tries to reach). */
    public static MosquittoBroker start(Path dir, int port) {
        return launch(dir, port, null, false);
    }

    /** Starts a broker with a plain listener and a TLS listener using the given certificates. */
    public static MosquittoBroker startTls(Path dir, TestCertificates certs, boolean requireClientCert) {
        try {
            return launch(dir, freePort(), certs, requireClientCert);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MosquittoBroker launch(Path dir, int port, TestCertificates tls, boolean requireClientCert) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package mosquitto (run_tests.sh does)");
        }
        try {
            Files.createDirectories(dir);
            MosquittoBroker b = new MosquittoBroker(dir, port, tls, requireClientCert);
            b.startProcess();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String tlsUrl() {
        if (tlsPort < 0) {
            throw new IllegalStateException("this broker has no TLS listener");
        }
        return "ssl://127.0.0.1:" + tlsPort;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void startProcess() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": " + logTail());
            }
            if (listening(port) && (tlsPort < 0 || listening(tlsPort))) {
                return;
            }
            sleep(20);
        }
        throw new IllegalStateException("mosquitto did not start listening on " + port + ": " + logTail());
    }

    private static boolean listening(int p) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", p), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM: a clean shutdown (clients see the connection close; their wills are published). */
    public void stop() {
        if (process != null) {
            process.destroy();
            waitFor();
        }
    }

    /** SIGKILL: the broker vanishes. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** Starts it again on the same port(s). */
    public void restart() {
        if (isRunning()) {
            stop();
        }
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logTail() {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "";
            return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public Path dir() {
        return dir;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void destroyNow() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // shutting down already
        }
    }
}
