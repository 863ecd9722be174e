package org.peresvet.bench.connector;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.board.BoardSimulator;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.WriteResult;

/**
 * Write round trip on loopback: {@code Engine.writeToDevice} → command published (ESPHome
 * {@code <board>/switch/pump/command}) → the board simulator switches the relay with no delay and
 * publishes the state → the connector delivers it → the write is CONFIRMED. Writes alternate
 * ON/OFF one after the other. Target: p99 below 50 ms. Options:
 * {@code --writes=1000 --warmup=100 --target-p99-ms=50 --flavor=esphome|tasmota}.
 */
public final class MqttWriteRoundTripBench {
    private MqttWriteRoundTripBench() {
    }

    public static void main(String[] args) throws Exception {
        int writes = (int) ConnectorBench.arg(args, "writes", 1000);
        int warmup = (int) ConnectorBench.arg(args, "warmup", 100);
        long targetMs = ConnectorBench.arg(args, "target-p99-ms", 50);
        boolean tasmota = Arrays.asList(args).contains("--flavor=tasmota");
        System.out.printf("mqtt-write: %d writes after %d warm-up, %s board, load average at start %s%n", writes, warmup,
                tasmota ? "tasmota" : "esphome", ConnectorBench.load());
        Path dir = ConnectorBench.tempDir("mqtt-write");
        boolean pass;
        try (ConnectorBench.Broker broker = new ConnectorBench.Broker(dir)) {
            String board = "bench-board";
            ConnectorDef c = ConnectorDef.create("board", "mqtt", "{\"broker\":\"" + broker.url() + "\",\"profile\":\""
                    + (tasmota ? "tasmota" : "esphome") + "\",\"device\":\"" + board + "\"}");
            ObjectDef station = ObjectDef.create(null, "Station");
            String binding = tasmota ? "\"address\":\"POWER\",\"command\":\"POWER\"" : "\"address\":\"switch/pump\",\"command\":\"switch/pump\"";
            TagDef pump = TagDef.builder(station.id(), "Pump", ValueType.BOOL).source(SourceKind.CONNECTOR)
                    .sourceConfig("{\"connector\":\"" + c.id() + "\"," + binding + "}").build();
            BoardSimulator.Options o = BoardSimulator.Options.of(broker.url(),
                    tasmota ? BoardSimulator.Flavor.TASMOTA : BoardSimulator.Flavor.ESPHOME, board).withCommandDelay(0).withPublishPeriod(1000);
            try (BoardSimulator sim = new BoardSimulator(o).start();
                 Engine e = Engine.open(dir.resolve("project"), EngineOptions.quiet())) {
                e.edit(new ModelEdit.PutObject(station), new ModelEdit.PutConnector(c), new ModelEdit.PutTag(pump));
                e.start();
                long t0 = System.nanoTime();
                while (e.connectors().get(0).status().state() != ConnectorState.CONNECTED || !sim.connected()) {
                    if (System.nanoTime() - t0 > 30_000_000_000L) {
                        throw new IllegalStateException("not connected");
                    }
                    Thread.sleep(20);
                }
                Thread.sleep(500);
                long[] lat = new long[writes];
                int failed = 0;
                String firstFailure = null;
                boolean on = true;
                for (int i = -warmup; i < writes; i++, on = !on) {
                    long s = System.nanoTime();
                    WriteResult r = e.writeToDevice(pump.id(), on, Actor.workstation("bench")).get(10, TimeUnit.SECONDS);
                    long d = System.nanoTime() - s;
                    if (i >= 0) {
                        lat[i] = d;
                        if (!r.isConfirmed()) {
                            failed++;
                            firstFailure = firstFailure == null ? r.status() + " " + r.reason() : firstFailure;
                        }
                    }
                }
                Arrays.sort(lat);
                double p50 = lat[writes / 2] / 1e6;
                double p99 = lat[(int) Math.ceil(writes * 0.99) - 1] / 1e6;
                double max = lat[writes - 1] / 1e6;
                System.out.printf(Locale.ROOT, "mqtt-write: p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d not confirmed%s; load average now %s%n",
                        p50, p99, max, failed, firstFailure == null ? "" : " (first: " + firstFailure + ")", ConnectorBench.load());
                pass = p99 < targetMs && failed == 0;
                System.out.printf(Locale.ROOT, "mqtt-write: %s (p99 %.2f ms, target < %d ms, simulator delay 0)%n",
                        pass ? "PASS" : "FAIL", p99, targetMs);
            }
        } finally {
            ConnectorBench.delete(dir);
        }
        System.exit(pass ? 0 : 1);
    }
}
