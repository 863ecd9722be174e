package org.peresvet.bench.connector;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.peresvet.connector.Binding;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.mqtt.MqttConnector;
import org.peresvet.connector.mqtt.MqttConnectorConfig;
import org.peresvet.connector.payload.Extraction;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/**
 * Diagnostic for {@link MqttIngestBench}: the MQTT path alone (Mosquitto → Paho → link queue →
 * routing by topic → payload extraction), with a context that extracts and counts instead of the
 * engine. It shows how much of the ingest figure the connector costs, apart from the engine's
 * pipeline (deadband, history in H2). No goal of its own. Options: {@code --tags=10000 --seconds=15 --warmup=3}.
 */
public final class MqttPathBench {
    private MqttPathBench() {
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        int tags = (int) ConnectorBench.arg(args, "tags", 10_000);
        long seconds = ConnectorBench.arg(args, "seconds", 15);
        long warmup = ConnectorBench.arg(args, "warmup", 3);
        System.out.printf("mqtt-path: %,d bound topics, load average at start %s%n", tags, ConnectorBench.load());
        Path dir = ConnectorBench.tempDir("mqtt-path");
        try (ConnectorBench.Broker broker = new ConnectorBench.Broker(dir)) {
            ConnectorDef def = ConnectorDef.create("path", "mqtt", "{\"broker\":\"" + broker.url() + "\",\"qos\":0}");
            List<Binding> bindings = new ArrayList<>();
            List<byte[]> topics = new ArrayList<>();
            Map<UUID, Extraction> ex = new HashMap<>();
            for (int i = 0; i < tags; i++) {
                String topic = "bench/o" + (i / 100) + "/t" + (i % 100);
                Binding b = Binding.of(UUID.randomUUID(), def.id(), topic);
                bindings.add(b);
                ex.put(b.tagId(), Extraction.of(b, ValueType.DOUBLE));
                topics.add(topic.getBytes(StandardCharsets.UTF_8));
            }
            AtomicLong values = new AtomicLong();
            AtomicLong rejected = new AtomicLong();
            ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
            ConnectorContext ctx = new ConnectorContext() {
                @Override
                public ConnectorDef definition() {
                    return def;
                }

                @Override
                public void deliver(List<TagSample> samples) {
                    values.addAndGet(samples.size());
                }

                @Override
                public void deliver(UUID tagId, byte[] payload) {
                    if (ex.get(tagId).extract(payload).ok()) {
                        values.incrementAndGet();
                    } else {
                        rejected.incrementAndGet();
                    }
                }

                @Override
                public void connectionChanged(ConnectorState state, String reason) {
                }

                @Override
                public void sourceLost(Collection<UUID> tagIds, String reason) {
                }

                @Override
                public void log(String level, String line) {
                }

                @Override
                public ScheduledExecutorService scheduler() {
                    return timers;
                }
            };
            try (MqttConnector c = new MqttConnector(ctx, MqttConnectorConfig.of(def))) {
                c.bindingsChanged(bindings);
                c.start();
                while (c.status().state() != ConnectorState.CONNECTED) {
                    Thread.sleep(20);
                }
                Thread.sleep(2000);
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong published = new AtomicLong();
                Thread feeder = new Thread(() -> {
                    byte[] v = "21.5".getBytes(StandardCharsets.UTF_8);
                    try (ConnectorBench.RawPublisher p = new ConnectorBench.RawPublisher(broker.port, "path-pub")) {
                        long n = 0;
                        while (!stop.get()) {
                            for (int k = 0; k < 500; k++, n++) {
                                p.publish(topics.get((int) (n % topics.size())), v);
                            }
                            p.flush();
                            published.addAndGet(500);
                            while (!stop.get() && published.get() - values.get() > 200_000) {
                                Thread.sleep(1);
                            }
                        }
                    } catch (Exception e) {
                        if (!stop.get()) {
                            e.printStackTrace();
                        }
                    }
                }, "path-publisher");
                feeder.start();
                Thread.sleep(warmup * 1000);
                long v0 = values.get();
                long c0 = cpu();
                long m0 = broker.cpuNanos();
                long w0 = System.nanoTime();
                Thread.sleep(seconds * 1000);
                long v1 = values.get();
                long w1 = System.nanoTime();
                long c1 = cpu();
                long m1 = broker.cpuNanos();
                stop.set(true);
                feeder.join(10_000);
                System.out.printf(Locale.ROOT, "mqtt-path: %,.0f messages/s routed and extracted (no engine), %d rejected; "
                                + "this JVM (publisher included) %.0f %% of one core = %.1f µs CPU per message, mosquitto %.0f %%; "
                                + "load average now %s%n", (v1 - v0) / ((w1 - w0) / 1e9), rejected.get(), 100.0 * (c1 - c0) / (w1 - w0),
                        (c1 - c0) / 1e3 / Math.max(1, v1 - v0), 100.0 * (m1 - m0) / (w1 - w0), ConnectorBench.load());
            } finally {
                timers.shutdownNow();
            }
        } finally {
            ConnectorBench.delete(dir);
        }
        System.exit(0);
    }
}
