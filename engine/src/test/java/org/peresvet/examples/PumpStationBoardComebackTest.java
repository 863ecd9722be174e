package org.peresvet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.board.BoardSimulator;
import org.peresvet.connector.board.StationSimulation;
import org.peresvet.connector.mqtt.MosquittoBroker;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.method.MethodResult;
import org.peresvet.model.Actor;
import org.peresvet.model.Sample;
import org.peresvet.runtime.WriteResult;

/**
 * A command lost while a board was offline (issue 23): pump 1 is started by hand while its board
 * is away, so the drive method's write reaches nobody; when the board comes back its relay is
 * switched on all the same — once, on the comeback, so a later manual toggle of the relay is left
 * alone. The demo's own logic on a real Mosquitto, the boards simulated beside it.
 */
class PumpStationBoardComebackTest {
    private static final String P = "/PumpStation";

    @TempDir
    Path dir;

    private Engine engine;

    @Test
    void aCommandLostWhileTheBoardWasOfflineIsSentWhenItComesBack() throws Exception {
        Files.createDirectories(dir.resolve("p"));
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"))) {
            try (InputStream in = Engine.exampleSeed("pump-station")) {
                Files.writeString(dir.resolve("p").resolve("project.json"), new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("tcp://127.0.0.1:1883", broker.url()));
            }
            engine = Engine.open(dir.resolve("p"), EngineOptions.quiet().withConnectGraceMillis(2000));
            runWithTheBoardsOn(broker.url());
        }
    }

    private void runWithTheBoardsOn(String url) throws Exception {
        try (StationSimulation plant = new StationSimulation(url, null, null, 200, 1)) {
            List<MethodResult> drives = new CopyOnWriteArrayList<>();
            engine.events().subscribe(MethodResult.class, r -> {
                if (r.name().equals("Drive pump 1")) {
                    drives.add(r);
                }
            });
            engine.start();
            plant.start();
            BoardSimulator board = plant.boards().get(0);
            await("board 1 reports", 20, () -> bool(P + "/PumpBoard1/Online") && good(P + "/PumpBoard1/Pump"));
            // the station's logic has settled: its fault latch has seen the first (periodic) trip check
            await(() -> "fault " + engine.current(id(P + "/Pump1/Fault")) + " command " + engine.current(id(P + "/Pump1/Command")),
                    "pump 1's fault and command known", 15, () -> good(P + "/Pump1/Fault") && good(P + "/Pump1/Command"));
            engine.write(id(P + "/Pump1/Auto"), false);
            await("pump 1 in manual, stopped", 5, () -> !bool(P + "/Pump1/Auto") && !bool(P + "/PumpBoard1/Pump"));

            board.disappear();
            await("board 1 offline", 10, () -> !bool(P + "/PumpBoard1/Online"));
            int before = drives.size();
            engine.write(id(P + "/Pump1/ManualCommand"), true);
            await("the drive method's write fails: nobody hears it", 20, () -> drives.size() > before);
            assertThat(drives.get(before).ok()).as("the write while the board is away").isFalse();
            assertThat(board.pumpOn()).isFalse();

            board.reappear();
            // a reconnect waits out the board's backoff, longer on a loaded machine (20 s ran out once in a full run)
            await(() -> "drives " + drives + " online " + engine.current(id(P + "/PumpBoard1/Online")) + " relay "
                    + engine.current(id(P + "/PumpBoard1/Pump")) + " command " + engine.current(id(P + "/Pump1/Command")),"the command is sent again when the board is back, and the relay reads back on", 60,
                    () -> bool(P + "/PumpBoard1/Online") && bool(P + "/PumpBoard1/Pump"));
            assertThat(board.pumpOn()).isTrue();
            int lost = before + 1;
            await(() -> "drives " + drives, "the drive method sent it again on the comeback, and the board confirmed it", 5,
                    () -> drives.stream().skip(lost).anyMatch(r -> r.ok() && Boolean.TRUE.equals(r.value())));

            // someone switches the relay off at the board's own page (once the drive's writes are done): the station does not fight it
            quiet(drives);
            WriteResult off = engine.writeToDevice(id(P + "/PumpBoard1/Pump"), false, Actor.workstation("fitter"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(off.status()).as(off.reason() + "; drives " + drives).isEqualTo(WriteResult.Status.CONFIRMED);
            Thread.sleep(1500); // an absence: several publications of the board go by
            assertThat(board.pumpOn()).as("the relay stays off while the board stays online; drives " + drives).isFalse();
            assertThat(bool(P + "/PumpBoard1/Pump")).isFalse();
        } finally {
            engine.close();
        }
    }

    /** Waits until no drive result came for a second (at most 10 s): the comeback's writes are over. */
    private static void quiet(List<MethodResult> drives) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int seen = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (drives.size() != seen) {
                seen = drives.size();
                since = System.nanoTime();
            } else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(1)) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private UUID id(String path) {
        return engine.model().findTag(path).orElseThrow(() -> new AssertionError("no tag " + path)).id();
    }

    private boolean good(String path) {
        Sample s = engine.current(id(path));
        return s != null && s.isGood() && s.y() != null;
    }

    private boolean bool(String path) {
        Sample s = engine.current(id(path));
        return s != null && Boolean.TRUE.equals(s.y());
    }

    private static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        await(() -> "", what, seconds, done);
    }

    /** Waits; on a timeout says what was seen. */
    private static void await(Supplier<String> seen, String what, int seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what + " " + seen.get());
            }
            Thread.sleep(50);
        }
    }
}
