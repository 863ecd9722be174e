package org.peresvet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.alarm.AlarmView;
import org.peresvet.connector.mqtt.MosquittoBroker;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.Exporters;
import org.peresvet.export.VictoriaMetricsServer;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.Sample;
import org.peresvet.runtime.WriteResult;

/**
 * The demo end to end on real parts: the simulated boards (ESPHome pump boards, Tasmota energy
 * plug, with the station's physics running twenty times faster than real time) on the project's
 * built-in broker — and, separately, on a real Mosquitto — the engine running the project's own
 * control logic, and the values exported to a real VictoriaMetrics. The lead pump starts at the
 * start level, the level falls, it stops, lead and lag swap; a motor trip injected on the new lead's
 * board raises its fault alarm and the standby pump takes over; the series are in VictoriaMetrics.
 */
class PumpStationEndToEndTest {
    private static final String P = "/PumpStation";

    @TempDir
    Path dir;

    private Engine engine;

    @Test
    void onTheBuiltInBroker() throws Exception {
        int port = MosquittoBroker.freePort();
        Path project = seed(dir.resolve("p"), "tcp://127.0.0.1:" + port);
        Files.writeString(project.resolve("broker.json"),
                "{\"enabled\": true, \"port\": " + port + ", \"bindAddress\": \"127.0.0.1\", \"allowAnonymous\": true}");
        Files.writeString(project.resolve("simulation.json"), "{\"plant\": \"pump-station\", \"broker\": \"builtin\", "
                + "\"publishPeriodMs\": 200, \"speed\": 20}");
        runThePlant(project);
    }

    @Test
    void onAMosquittoBroker() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"))) {
            Path project = seed(dir.resolve("p"), broker.url());
            Files.writeString(project.resolve("simulation.json"), "{\"plant\": \"pump-station\", \"broker\": \"" + broker.url()
                    + "\", \"publishPeriodMs\": 200, \"speed\": 20}");
            runThePlant(project);
        }
    }

    private static Path seed(Path project, String brokerUrl) throws Exception {
        Files.createDirectories(project);
        try (InputStream in = Engine.exampleSeed("pump-station")) {
            Files.writeString(project.resolve("project.json"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("tcp://127.0.0.1:1883", brokerUrl));
        }
        return project;
    }

    private void runThePlant(Path project) throws Exception {
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"))) {
            long from = System.currentTimeMillis() - 1000;
            engine = Engine.open(project, EngineOptions.quiet().withConnectGraceMillis(2000));
            try {
                Exporters export = engine.telemetry().attachExporters(ExportConfig.of(ExportConfig.Target.of("vm", vm.url())));
                engine.start();
                await("the boards report", 20, () -> good(P + "/Tank1/Level") && good(P + "/PumpBoard2/Pump")
                        && good(P + "/Power/ActivePower"));
                for (ConnectorDef c : engine.model().connectors()) {
                    assertThat(engine.connectors()).anyMatch(s -> s.name().equals(c.name()));
                }
                int lead = (int) number(P + "/LeadPump");
                int lag = 3 - lead;
                // the start level just above the level, the stop level a little below: the lead pump starts
                double level = number(P + "/Tank1/Level");
                engine.write(id(P + "/Tank1/StopLevel"), level - 0.2);
                engine.write(id(P + "/Tank1/LevelSetpoint"), level + 0.08);
                await("the lead pump " + lead + " starts", 15, () -> bool(P + "/Pump" + lead + "/Running")
                        && bool(P + "/PumpBoard" + lead + "/Pump"));
                assertThat(bool(P + "/Pump" + lag + "/Running")).as("the lag pump stays off").isFalse();
                // (no level bound here: with the discharge valve's 8 s travel the level may still rise after the start;
                // PumpStationFastClockTest keeps the level inside its band over simulated hours)
                await("the lead stops at the stop level", 20, () -> !bool(P + "/Pump" + lead + "/Running"));
                await("lead and lag swap after the stop", 5, () -> number(P + "/LeadPump") == lag);

                // the new lead starts at the start level; then its motor trips on the board
                engine.write(id(P + "/Tank1/LevelSetpoint"), number(P + "/Tank1/Level") + 0.05);
                await("the new lead pump " + lag + " starts", 15, () -> bool(P + "/Pump" + lag + "/Running"));
                // the stop level well below, so the demand lasts through the trip's 5 s detection on a loaded machine
                // (had the level reached the stop level first, the standby pump would rightly stay off)
                engine.write(id(P + "/Tank1/StopLevel"), 0.6);
                WriteResult trip = engine.writeToDevice(id(P + "/PumpBoard" + lag + "/SimTrip"), true, Actor.workstation("tester"))
                        .get(10, TimeUnit.SECONDS);
                assertThat(trip.status()).as(trip.reason()).isEqualTo(WriteResult.Status.CONFIRMED);
                await("the fault of pump " + lag, 15, () -> bool(P + "/Pump" + lag + "/Fault"));
                await("its alarm", 5, () -> engine.alarms().active().stream().map(AlarmView::path)
                        .anyMatch(p -> p.equals(P + "/Pump" + lag + "/Fault#Fault")));
                await("the standby pump " + lead + " takes over", 15, () -> bool(P + "/Pump" + lead + "/Running"),
                        () -> states("/Tank1/Level", "/Tank1/StopLevel", "/Tank1/LevelSetpoint", "/Tank1/Demand", "/LeadPump",
                                "/Pump" + lead + "/Available", "/Pump" + lead + "/AutoRun", "/Pump" + lead + "/Command",
                                "/PumpBoard" + lead + "/Pump", "/PumpBoard" + lead + "/MotorCurrent", "/Valve" + lead + "/Command",
                                "/PumpBoard" + lead + "/Valve", "/Pump" + lag + "/Fault", "/Pump" + lag + "/Available", "/Pump" + lead + "/Auto", "/Pump" + lead + "/Fault",
                                "/Pump" + lead + "/Trip", "/Pump" + lead + "/Starts", "/PumpBoard" + lead + "/SimTrip"));
                assertThat(bool(P + "/PumpBoard" + lag + "/Pump")).as("the tripped pump's relay is switched off").isFalse();
                assertThat(number(P + "/Outlet/Total")).as("pumped volume").isGreaterThan(0);

                assertThat(export.awaitDrained(Duration.ofSeconds(20))).as("export drained: %s", export.status()).isTrue();
                vm.forceFlush();
                long to = System.currentTimeMillis() + 1000;
                for (String path : new String[] {"/Tank1/Level", "/Pump1/Running", "/Pump2/Current", "/Outlet/Flow", "/Outlet/Pressure",
                        "/Power/ActivePower", "/LeadPump"}) {
                    assertThat(vm.count("{__name__=\"peresvet_value\",path=\"" + P + path + "\"}", from, to))
                            .as("samples of " + path + " in VictoriaMetrics").isPositive();
                }
            } finally {
                engine.close();
            }
        }
    }

    private UUID id(String path) {
        return engine.model().findTag(path).orElseThrow(() -> new AssertionError("no tag " + path)).id();
    }

    private boolean good(String path) {
        Sample s = engine.current(id(path));
        return s != null && s.isGood() && s.y() != null;
    }

    private double number(String path) {
        Sample s = engine.current(id(path));
        return s != null && s.y() instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private boolean bool(String path) {
        Sample s = engine.current(id(path));
        return s != null && Boolean.TRUE.equals(s.y());
    }

    /** The named tags' current samples, for a failure's message. */
    private String states(String... paths) {
        StringBuilder b = new StringBuilder();
        for (String p : paths) {
            Sample s = engine.current(id(P + p));
            b.append("\n  ").append(p).append(" = ").append(s == null ? "none" : s.y() + (s.isGood() ? "" : " (bad)"));
        }
        return b.toString();
    }

    private static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        await(what, seconds, done, () -> "");
    }

    private static void await(String what, int seconds, BooleanSupplier done, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what + state.get());
            }
            Thread.sleep(50);
        }
    }
}
