package org.peresvet.bench.connector;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.mqtt.MqttConnector;
import org.peresvet.connector.mqtt.MqttLink;
import org.peresvet.connector.mqtt.MqttSettings;
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
 * A connector whose MQTT receiver thread dies (stopped from outside, as an exception the client
 * does not handle would end it): how long from its death until its status is no longer {@code connected}
 * (goal: within 2 s), and until it is connected again and a fresh value arrives. Repeated
 * {@code --rounds} times; the worst round counts.
 */
public final class MqttBrokenReceiverBench {
    private MqttBrokenReceiverBench() {
    }

    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        int rounds = (int) ConnectorBench.arg(args, "rounds", 10);
        long targetMs = ConnectorBench.arg(args, "target-ms", 2000);
        System.out.printf("mqtt-receiver: %d rounds, load average at start %s%n", rounds, ConnectorBench.load());
        Path dir = ConnectorBench.tempDir("mqtt-receiver");
        boolean pass = true;
        try (ConnectorBench.Broker broker = new ConnectorBench.Broker(dir)) {
            ConnectorDef c = ConnectorDef.create("plain", "mqtt", "{\"broker\":\"" + broker.url()
                    + "\",\"reconnectMinMs\":100,\"reconnectMaxMs\":1000}");
            ObjectDef o = ObjectDef.create(null, "Plant");
            TagDef t = TagDef.builder(o.id(), "T", ValueType.DOUBLE).source(SourceKind.CONNECTOR)
                    .sourceConfig("{\"connector\":\"" + c.id() + "\",\"address\":\"bench/t\"}").build();
            MqttLink dev = new MqttLink("dev", MqttSettings.of(broker.url()), new MqttLink.Listener() {
                @Override
                public void stateChanged(MqttLink.State state, String reason) {
                }

                @Override
                public void message(String topic, byte[] payload, boolean retained) {
                }
            });
            dev.start();
            try (dev; Engine e = Engine.open(dir.resolve("project"), EngineOptions.quiet())) {
                e.edit(new ModelEdit.PutObject(o), new ModelEdit.PutConnector(c), new ModelEdit.PutTag(t));
                e.start();
                waitFor(() -> state(e) == ConnectorState.CONNECTED && dev.state() == MqttLink.State.CONNECTED, 30_000);
                long[] reported = new long[rounds];
                long[] back = new long[rounds];
                for (int r = 0; r < rounds; r++) {
                    String clientId = ((MqttConnector) e.connectorManager().instance(c.id())).link().settings().clientId();
                    Thread receiver = Thread.getAllStackTraces().keySet().stream()
                            .filter(x -> x.isAlive() && x.getName().startsWith("MQTT Rec") && x.getName().contains(clientId))
                            .findFirst().orElseThrow();
                    receiver.stop();
                    // ThreadDeath lands when the receiver next leaves native code (its read times out within 1 s):
                    // the clock starts when it has died
                    while (receiver.isAlive()) {
                        Thread.onSpinWait();
                    }
                    long t0 = System.nanoTime();
                    waitFor(() -> state(e) != ConnectorState.CONNECTED, 30_000);
                    reported[r] = System.nanoTime() - t0;
                    waitFor(() -> state(e) == ConnectorState.CONNECTED, 30_000);
                    double v = r + 0.5;
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (true) {
                        dev.publish("bench/t", Double.toString(v).getBytes(StandardCharsets.UTF_8), 1, false).get();
                        Thread.sleep(20);
                        Sample s = e.current(t.id());
                        if (s != null && Double.valueOf(v).equals(s.y())) {
                            break;
                        }
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("no fresh value after reconnecting");
                        }
                    }
                    back[r] = System.nanoTime() - t0;
                }
                Arrays.sort(reported);
                Arrays.sort(back);
                double worst = reported[rounds - 1] / 1e6;
                System.out.printf(Locale.ROOT, "mqtt-receiver: reported not connected after median %.0f ms, worst %.0f ms;"
                        + " connected again with a fresh value after median %.0f ms, worst %.0f ms; load average now %s%n",
                        reported[rounds / 2] / 1e6, worst, back[rounds / 2] / 1e6, back[rounds - 1] / 1e6, ConnectorBench.load());
                pass = worst < targetMs;
                System.out.printf(Locale.ROOT, "mqtt-receiver: %s (worst %.0f ms, target < %d ms, %d of %d reconnected)%n",
                        pass ? "PASS" : "FAIL", worst, targetMs, rounds, rounds);
            }
        } finally {
            ConnectorBench.delete(dir);
        }
        System.exit(pass ? 0 : 1);
    }

    private static ConnectorState state(Engine e) {
        return e.connectors().get(0).status().state();
    }

    private static void waitFor(java.util.function.BooleanSupplier c, long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(1);
        }
    }
}
