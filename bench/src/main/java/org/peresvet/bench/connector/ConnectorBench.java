package org.peresvet.bench.connector;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** Shared parts of the connector benchmarks: a Mosquitto on loopback, a raw publisher, arguments. */
final class ConnectorBench {
    private ConnectorBench() {
    }

    static long arg(String[] args, String name, long def) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return Long.parseLong(a.substring(name.length() + 3));
            }
        }
        return def;
    }

    static String text(String[] args, String name, String def) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return def;
    }

    static String load() {
        return String.format(Locale.ROOT, "%.2f on %d cores", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    static Path tempDir(String name) throws IOException {
        return Files.createTempDirectory("peresvet-bench-" + name);
    }

    static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp folder
        }
    }

    /** {@code /usr/sbin/mosquitto} on a free loopback port (override the binary with -Dmosquitto.binary). */
    static final class Broker implements AutoCloseable {
        final int port;
        private final Process process;
        private final Path dir;

        Broker(Path dir) throws IOException, InterruptedException {
            this.dir = dir;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, String.join("\n", "user " + System.getProperty("user.name"), "allow_anonymous true",
                    "persistence false", "log_dest stdout", "log_type error", "log_type warning", "max_queued_messages 1000000", "set_tcp_nodelay " + Boolean.parseBoolean(System.getProperty("mosquitto.nodelay", "false")),
                    "listener " + port + " 127.0.0.1") + "\n");
            process = new ProcessBuilder(System.getProperty("mosquitto.binary", "/usr/sbin/mosquitto"), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException e) {
                    if (!process.isAlive()) {
                        throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
                    }
                    Thread.sleep(20);
                }
            }
            throw new IOException("mosquitto did not start");
        }

        /** Null while it runs; else how it ended and the end of its log. */
        String death() {
            if (process.isAlive()) {
                return null;
            }
            String log;
            try {
                log = Files.readString(dir.resolve("mosquitto.log"));
            } catch (IOException e) {
                log = "";
            }
            return "mosquitto exited with " + process.exitValue() + ": " + (log.length() > 2000 ? log.substring(log.length() - 2000) : log);
        }

        String url() {
            return "tcp://127.0.0.1:" + port;
        }

        long cpuNanos() {
            return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * A bare MQTT 3.1.1 client that only publishes at QoS 0, through a buffered socket: the load
     * generator must not be the bottleneck of an ingest figure on a 2-core machine.
     */
    static final class RawPublisher implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;

        RawPublisher(int port, String clientId) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(false);
            socket.setSendBufferSize(1 << 20);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
            byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60};   // protocol 3.1.1, clean session, keep-alive 60 s
            int remaining = variable.length + 2 + id.length;
            out.write(0x10);
            writeLength(remaining);
            out.write(variable);
            out.write(id.length >> 8);
            out.write(id.length & 0xff);
            out.write(id);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] ack = in.readNBytes(4);
            if (ack.length != 4 || (ack[0] & 0xff) != 0x20 || ack[3] != 0) {
                throw new IOException("CONNACK refused");
            }
        }

        void publish(byte[] topic, byte[] payload) throws IOException {
            out.write(0x30);
            writeLength(2 + topic.length + payload.length);
            out.write(topic.length >> 8);
            out.write(topic.length & 0xff);
            out.write(topic);
            out.write(payload);
        }

        void flush() throws IOException {
            out.flush();
        }

        private void writeLength(int n) throws IOException {
            do {
                int b = n % 128;
                n /= 128;
                out.write(n > 0 ? b | 0x80 : b);
            } while (n > 0);
        }

        @Override
        public void close() throws IOException {
            out.write(0xe0);
            out.write(0);
            out.flush();
            socket.close();
        }
    }
}
