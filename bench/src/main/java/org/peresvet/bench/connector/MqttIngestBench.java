package org.peresvet.bench.connector;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.NamedStatus;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * Ingest from a real Mosquitto on loopback (its default configuration) into the engine: 10,000
 * double tags, each bound to its own topic ({@code bench/<object>/<tag>}) through one MQTT
 * connector (generic profile, QoS 0). The topics belong to "boards", each its own raw MQTT
 * connection from this JVM, which publish bursts of their own topics in turn as fast as the path
 * takes them; the figure is the rate of messages the connector delivered into the engine during
 * the measured window, after a warm-up. The engine runs its whole pipeline (deadband, history).
 * Also printed: CPU per message by thread. Target: at least 50,000 messages/s. Options:
 * {@code --tags=10000 --seconds=20 --warmup=15 --target=50000 --boards=10 --burst=50 --broker=mosquitto}; with
 * {@code --broker=builtin} the same run goes through the project's built-in broker (HiveMQ CE in
 * the engine's process), and {@code --broker=both} runs Mosquitto, then the built-in broker.
 */
public final class MqttIngestBench {
    private MqttIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int tags = (int) ConnectorBench.arg(args, "tags", 10_000);
        long seconds = ConnectorBench.arg(args, "seconds", 20);
        long warmup = ConnectorBench.arg(args, "warmup", 15);
        long target = ConnectorBench.arg(args, "target", 50_000);
        long publishers = ConnectorBench.arg(args, "boards", 10);
        long burst = ConnectorBench.arg(args, "burst", 50);
        String which = ConnectorBench.text(args, "broker", "mosquitto");
        boolean pass = true;
        for (String kind : which.equals("both") ? List.of("mosquitto", "builtin") : List.of(which)) {
            pass &= run(kind, tags, seconds, warmup, target, publishers, burst);
        }
        System.exit(pass ? 0 : 1);
    }

    /** A broker the run goes through: Mosquitto in its own process, or the engine's built-in one. */
    private interface IngestBroker extends AutoCloseable {
        String url();

        int port();

        /** CPU of a broker process of its own, or -1 when the broker runs inside the engine's process. */
        long cpuNanos();

        String death();
    }

    private static IngestBroker broker(String kind, Path dir) throws Exception {
        if (kind.equals("builtin")) {
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            // the boards of this run connect anonymously, as the raw publishers here do
            BrokerConfig.off().withEnabled(true).withListener("127.0.0.1", port).withAnonymous(true)
                    .save(Files.createDirectories(dir.resolve("project")));
            return new IngestBroker() {
                @Override
                public String url() {
                    return "tcp://127.0.0.1:" + port;
                }

                @Override
                public int port() {
                    return port;
                }

                @Override
                public long cpuNanos() {
                    return -1;
                }

                @Override
                public String death() {
                    return null;
                }

                @Override
                public void close() {
                    // stopped with the engine
                }
            };
        }
        ConnectorBench.Broker m = new ConnectorBench.Broker(dir);
        return new IngestBroker() {
            @Override
            public String url() {
                return m.url();
            }

            @Override
            public int port() {
                return m.port;
            }

            @Override
            public long cpuNanos() {
                return m.cpuNanos();
            }

            @Override
            public String death() {
                return m.death();
            }

            @Override
            public void close() throws Exception {
                m.close();
            }
        };
    }

    private static boolean run(String kind, int tags, long seconds, long warmup, long target, long publishers, long burst)
            throws Exception {
        System.out.printf("mqtt-ingest [%s broker]: %,d bound topics, load average at start %s%n", kind, tags, ConnectorBench.load());
        Path dir = ConnectorBench.tempDir("mqtt-ingest");
        boolean pass;
        try (IngestBroker broker = broker(kind, dir)) {
            ConnectorDef c = ConnectorDef.create("bench", "mqtt", "{\"broker\":\"" + broker.url() + "\",\"qos\":0}");
            List<ModelEdit> edits = new ArrayList<>();
            edits.add(new ModelEdit.PutConnector(c));
            List<byte[]> topics = new ArrayList<>();
            List<TagDef> defs = new ArrayList<>();
            int perObject = 100;
            for (int o = 0; o < (tags + perObject - 1) / perObject; o++) {
                ObjectDef obj = ObjectDef.create(null, "O" + o);
                edits.add(new ModelEdit.PutObject(obj));
                for (int t = 0; t < perObject && o * perObject + t < tags; t++) {
                    String topic = "bench/o" + o + "/t" + t;
                    TagDef d = TagDef.builder(obj.id(), "T" + t, ValueType.DOUBLE).source(SourceKind.CONNECTOR)
                            .sourceConfig("{\"connector\":\"" + c.id() + "\",\"address\":\"" + topic + "\"}").build();
                    edits.add(new ModelEdit.PutTag(d));
                    defs.add(d);
                    topics.add(topic.getBytes(StandardCharsets.UTF_8));
                }
            }
            try (Engine e = Engine.open(dir.resolve("project"), EngineOptions.quiet())) {
                e.edit(edits.toArray(ModelEdit[]::new));
                e.start();
                long t0 = System.nanoTime();
                while (status(e).status().state() != ConnectorState.CONNECTED) {
                    if (System.nanoTime() - t0 > 30_000_000_000L) {
                        throw new IllegalStateException("connector not connected: " + status(e).status().reason());
                    }
                    Thread.sleep(20);
                }
                Thread.sleep(2000); // 10,000 subscriptions in chunks of 500
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong published = new AtomicLong();
                long[] cursor = new long[(int) Math.max(1, Math.min(publishers, tags))];
                byte[][] values = new byte[1000][];
                for (int i = 0; i < values.length; i++) {
                    values[i] = String.format(Locale.ROOT, "%.3f", i * 0.137).getBytes(StandardCharsets.UTF_8);
                }
                // like a plant: the topics belong to boards, each board its own connection to the broker
                int boards = (int) Math.max(1, Math.min(publishers, topics.size()));
                Thread feeder = new Thread(() -> {
                    List<ConnectorBench.RawPublisher> pubs = new ArrayList<>();
                    try {
                        for (int b = 0; b < boards; b++) {
                            pubs.add(new ConnectorBench.RawPublisher(broker.port(), "bench-board-" + b));
                        }
                        long n = 0;
                        int perRound = (int) Math.max(1, Math.min(burst, 500 / boards));
                        while (!stop.get()) {
                            // each board sends a burst of its own topics (as a board publishes its sensors together), then the next board
                            for (int b = 0; b < boards; b++) {
                                ConnectorBench.RawPublisher p = pubs.get(b);
                                for (int k = 0; k < perRound; k++) {
                                    long i = cursor[b]++;
                                    int t = (int) ((i * boards + b) % topics.size()); // board b owns topics b, b + boards, ...
                                    p.publish(topics.get(t), values[(int) (n++ % values.length)]);
                                }
                                p.flush();
                            }
                            published.addAndGet((long) perRound * boards);
                            // keep the backlog bounded: no more than 200,000 messages ahead of the connector
                            while (!stop.get() && published.get() - status(e).status().messagesIn() > 200_000) {
                                Thread.sleep(1);
                            }
                        }
                    } catch (Exception ex) {
                        if (!stop.get()) {
                            ex.printStackTrace();
                        }
                    } finally {
                        for (ConnectorBench.RawPublisher p : pubs) {
                            try {
                                p.close();
                            } catch (java.io.IOException ex) {
                                // the broker is going away
                            }
                        }
                    }
                }, "bench-publisher");
                feeder.start();
                Thread.sleep(warmup * 1000);
                long in0 = status(e).status().messagesIn();
                long cpu0 = cpu();
                long mcpu0 = broker.cpuNanos();
                java.util.Map<String, Long> threads0 = ThreadCpu.byGroup();
                long w0 = System.nanoTime();
                Thread.sleep(seconds * 1000);
                long in1 = status(e).status().messagesIn();
                long w1 = System.nanoTime();
                long cpu1 = cpu();
                long mcpu1 = broker.cpuNanos();
                java.util.Map<String, Long> threads1 = ThreadCpu.byGroup();
                stop.set(true);
                feeder.join(10_000);
                double wall = (w1 - w0) / 1e9;
                double rate = (in1 - in0) / wall;
                long updated = defs.stream().filter(d -> {
                    Sample s = e.current(d.id());
                    return s != null && s.y() != null;
                }).count();
                NamedStatus st = status(e);
                System.out.printf(Locale.ROOT, "mqtt-ingest: %,d messages in %.1f s = %,.0f messages/s into the engine; "
                                + "%,d of %,d tags have a value; connector errors %d; engine process CPU %.0f %% of one core "
                                + "(%.1f µs per message), "
                                + "%s; load average now %s%n",
                        in1 - in0, wall, rate, updated, tags, st.status().errors(), 100.0 * (cpu1 - cpu0) / (w1 - w0),
                        (cpu1 - cpu0) / 1e3 / Math.max(1, in1 - in0),
                        mcpu0 < 0 ? "the broker runs in the engine's process (counted above)"
                                : String.format(Locale.ROOT, "mosquitto %.0f %%", 100.0 * (mcpu1 - mcpu0) / (w1 - w0)),
                        ConnectorBench.load());
                System.out.println("mqtt-ingest: CPU per message by thread: "
                        + ThreadCpu.perMessage(threads0, threads1, Math.max(1, in1 - in0)));
                if (broker.death() != null) {
                    System.out.println("mqtt-ingest: the broker died during the run: " + broker.death());
                }
                pass = rate >= target && updated == tags;
                System.out.printf(Locale.ROOT, "mqtt-ingest [%s broker]: %s (%,.0f messages/s, target >= %,d with %,d bound topics)%n",
                        kind, pass ? "PASS" : "FAIL", rate, target, tags);
            }
        } finally {
            ConnectorBench.delete(dir);
        }
        return pass;
    }

    private static NamedStatus status(Engine e) {
        return e.connectors().get(0);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
