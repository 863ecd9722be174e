package org.peresvet.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.EngineEvent;
import org.peresvet.runtime.ScheduleTick;

/** Methods: initiators, write and program kinds, run modes, failures. Programs are small scripts. */
class MethodRunnerTest {
    @TempDir
    Path dir;

    /** Stands for the alarms capability's event until it lands. */
    record AlarmEvent(String tag, String transition, long time) implements EngineEvent {
    }

    private final ObjectDef pump = ObjectDef.create(null, "Pump");
    private final TagDef level = TagDef.builder(pump.id(), "Level", ValueType.DOUBLE).build();
    private final TagDef command = TagDef.builder(pump.id(), "Command", ValueType.BOOL).build();
    private final TagDef result = TagDef.builder(pump.id(), "Result", ValueType.INT).build();
    private final ScheduleDef hourly = ScheduleDef.interval("hourly", 1, ScheduleDef.Unit.HOURS);
    private final Map<UUID, Sample> current = new ConcurrentHashMap<>();
    private final List<TagSample> written = new CopyOnWriteArrayList<>();
    private final BlockingQueue<MethodResult> results = new LinkedBlockingQueue<>();
    private final MethodRunner runner = new MethodRunner(current::get, (id, s) -> {
        written.add(new TagSample(id, s));
        current.put(id, s);
    }, e -> results.add((MethodResult) e), () -> 5_000_000L);

    @AfterEach
    void stop() {
        runner.close();
    }

    private ModelSnapshot model(MethodDef... methods) {
        List<ModelEdit> edits = new ArrayList<>(List.of(new ModelEdit.PutObject(pump), new ModelEdit.PutTag(level),
                new ModelEdit.PutTag(command), new ModelEdit.PutTag(result), new ModelEdit.PutSchedule(hourly)));
        for (MethodDef m : methods) {
            edits.add(new ModelEdit.PutMethod(m));
        }
        ModelSnapshot snap = ModelSnapshot.empty().apply(edits).snapshot();
        runner.modelChanged(snap);
        return snap;
    }

    private MethodResult next() throws InterruptedException {
        MethodResult r = results.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a method result").isNotNull();
        return r;
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void aWriteMethodRunsOnATagChangeWhenItsConditionHolds() throws Exception {
        MethodDef m = MethodDef.write("stop pump", pump.id(), "Command", "{Level} < 9",
                List.of(MethodDef.Initiator.tag("Level", "{Level} > 5")));
        model(m);
        current.put(level.id(), Sample.of(1, 3.0));
        runner.process(List.of(new TagSample(level.id(), Sample.of(1, 3.0))));
        current.put(level.id(), Sample.of(2, 7.0));
        runner.process(List.of(new TagSample(level.id(), Sample.of(2, 7.0))));
        MethodResult r = next();
        assertThat(r.ok()).isTrue();
        assertThat(r.initiator()).isEqualTo("tag /Pump/Level");
        assertThat(written).containsExactly(new TagSample(command.id(), Sample.of(5_000_000L, true)));
        assertThat(runner.runsStarted()).isEqualTo(1);
    }

    @Test
    void scheduleTicksAndEventsInitiateMethods() throws Exception {
        MethodDef onTick = MethodDef.write("tick", pump.id(), "Result", "1", List.of(MethodDef.Initiator.schedule(hourly.id())));
        MethodDef onAlarm = MethodDef.write("alarm", pump.id(), "Result", "2",
                List.of(MethodDef.Initiator.event("AlarmEvent", "/Pump/Level")));
        model(onTick, onAlarm);
        runner.onEvent(new ScheduleTick(UUID.randomUUID(), "other", 1, false));
        runner.onEvent(new AlarmEvent("/Other/Tag", "raised", 2));
        runner.onEvent(new ScheduleTick(hourly.id(), "hourly", 3, false));
        assertThat(next().name()).isEqualTo("tick");
        runner.onEvent(new AlarmEvent("/Pump/Level", "raised", 4));
        MethodResult r = next();
        assertThat(r.name()).isEqualTo("alarm");
        assertThat(r.initiator()).isEqualTo("event AlarmEvent");
        assertThat(results.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aFailingWriteGivesTheTargetQuality103() throws Exception {
        model(MethodDef.write("div", pump.id(), "Result", "1 / ({Level} - {Level})", List.of(MethodDef.Initiator.tag("Level", null))));
        current.put(level.id(), Sample.of(1, 3.0));
        runner.process(List.of(new TagSample(level.id(), Sample.of(1, 3.0))));
        MethodResult r = next();
        assertThat(r.failure()).isEqualTo("division by zero");
        assertThat(written).containsExactly(new TagSample(result.id(), new Sample(5_000_000L, null, Quality.BAD_DATA)));
    }

    @Test
    void methodsAreCheckedWhenSaved() {
        assertThatThrownBy(() -> model(MethodDef.write("w", pump.id(), "Nope", "1", List.of(MethodDef.Initiator.tag("Level", null)))))
                .isInstanceOf(ModelException.class).hasMessageContaining("method w: target: unknown tag Nope");
        assertThatThrownBy(() -> model(MethodDef.write("w", pump.id(), "Command", "{Level} + 1", List.of(MethodDef.Initiator.tag("Level", null)))))
                .hasMessageContaining("method w: formula: the formula gives a number but the tag is a bool tag");
        assertThatThrownBy(() -> model(MethodDef.write("w", pump.id(), "Result", "1", List.of(MethodDef.Initiator.tag("Level", "{Levl} > 1")))))
                .hasMessageContaining("condition: line 1, column 1: unknown tag {/Pump/Levl} (relative to /Pump) — did you mean {/Pump/Level}?");
        assertThatThrownBy(() -> model(MethodDef.write("w", pump.id(), "Result", "1", List.of(MethodDef.Initiator.schedule(UUID.randomUUID())))))
                .hasMessageContaining("unknown schedule");
        assertThatThrownBy(() -> model(MethodDef.write("w", pump.id(), "Result", "1", List.of())))
                .hasMessageContaining("at least one initiator");
    }

    // ---- external programs ----

    private MethodDef program(String name, Path script, long timeout, int maxOutput) {
        return MethodDef.program(name, pump.id(), "Result", script.toString(), List.of("--flag", "two words"),
                Map.of("level", "{Level} * 2"), List.of(MethodDef.Initiator.tag("Level", null))).withLimits(timeout, maxOutput);
    }

    @Test
    void aProgramGetsItsContextOnStdinAndItsJsonResultIsWritten() throws Exception {
        Path seen = dir.resolve("stdin.json");
        Path args = dir.resolve("args.txt");
        Path p = script("ok.sh", "cat > " + seen + "\nfor a in \"$@\"; do echo \"$a\" >> " + args + "; done\necho '{\"value\": 42}'");
        MethodDef m = program("prog", p, 5000, 1000);
        model(m);
        current.put(level.id(), Sample.of(1, 3.5));
        assertThat(runner.runNow(m.id(), "test")).isTrue();
        MethodResult r = next();
        assertThat(r.failure()).isNull();
        assertThat(r.value()).isEqualTo(42L);
        assertThat(written).containsExactly(new TagSample(result.id(), Sample.of(5_000_000L, 42L)));
        String ctx = Files.readString(seen);
        assertThat(ctx).contains("\"method\":\"prog\"").contains("\"parameters\":{\"level\":7.0}")
                .contains("\"initiator\":{\"type\":\"manual\",\"source\":\"test\"").contains("\"target\":\"/Pump/Result\"");
        assertThat(Files.readAllLines(args)).containsExactly("--flag", "two words"); // no shell split the argument
    }

    @Test
    void programFailuresAreReportedAndGiveQuality103() throws Exception {
        String[][] cases = {
            {"crash", "echo boom >&2; exit 3", "exited with code 3: boom"},
            {"badjson", "echo 'not json'", "the program's output is not JSON: not json"},
            {"huge", "i=0; while [ $i -lt 3000 ]; do echo 0123456789; i=$((i+1)); done", "more than 1000 bytes"},
            {"slow", "sleep 5; echo 1", "timed out after 300 ms"},
            {"wrongtype", "echo '\"abc\"'", "does not fit /Pump/Result"},
        };
        List<MethodDef> methods = new ArrayList<>();
        for (String[] c : cases) {
            // Only "slow" should time out; the others get room for a slow process start on a busy machine.
            long timeout = c[0].equals("slow") ? 300 : 20_000;
            methods.add(program(c[0], script(c[0] + ".sh", "cat > /dev/null\n" + c[1]), timeout, 1000));
        }
        MethodDef missing = program("missing", dir.resolve("no-such-program"), 20_000, 1000);
        methods.add(missing);
        model(methods.toArray(new MethodDef[0]));
        for (MethodDef m : methods) {
            runner.runNow(m.id(), "test");
        }
        Map<String, String> failures = new ConcurrentHashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            MethodResult r = next();
            failures.put(r.name(), r.failure());
        }
        for (String[] c : cases) {
            assertThat(failures.get(c[0])).as(c[0]).contains(c[2]);
        }
        assertThat(failures.get("missing")).startsWith("cannot start");
        assertThat(written).hasSize(methods.size()).allMatch(ts -> ts.sample().q() == Quality.BAD_DATA && ts.sample().y() == null);
    }

    // ---- run modes ----

    private MethodDef slow(String name, MethodDef.RunMode mode, int limit) throws IOException {
        Path p = script(name + ".sh", "cat > /dev/null; sleep 0.4; echo 1");
        return program(name, p, 5000, 1000).withMode(mode, limit);
    }

    @Test
    void singleSkipsWhileRunning() throws Exception {
        MethodDef m = slow("single", MethodDef.RunMode.SINGLE, 0);
        model(m);
        for (int i = 0; i < 3; i++) {
            runner.runNow(m.id(), "t" + i);
        }
        assertThat(next().initiator()).isEqualTo("manual t0");
        assertThat(results.poll(600, TimeUnit.MILLISECONDS)).isNull();
        assertThat(runner.runsStarted()).isEqualTo(1);
    }

    @Test
    void queuedRunsOneAfterAnotherWithinItsLimit() throws Exception {
        MethodDef m = slow("queued", MethodDef.RunMode.QUEUED, 1);
        model(m);
        for (int i = 0; i < 3; i++) {
            runner.runNow(m.id(), "t" + i);
        }
        assertThat(next().initiator()).isEqualTo("manual t0");
        assertThat(next().initiator()).isEqualTo("manual t1"); // t2 found the queue full
        assertThat(results.poll(600, TimeUnit.MILLISECONDS)).isNull();
        assertThat(runner.runsStarted()).isEqualTo(2);
    }

    @Test
    void restartStopsTheRunningOne() throws Exception {
        MethodDef m = slow("restart", MethodDef.RunMode.RESTART, 0);
        model(m);
        runner.runNow(m.id(), "first");
        Thread.sleep(100); // let the first program start
        runner.runNow(m.id(), "second");
        assertThat(next().initiator()).isEqualTo("manual second");
        assertThat(results.poll(600, TimeUnit.MILLISECONDS)).isNull();
        assertThat(written).hasSize(1);
    }

    @Test
    void parallelRunsUpToItsLimitAtOnce() throws Exception {
        MethodDef m = slow("parallel", MethodDef.RunMode.PARALLEL, 2);
        model(m);
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            runner.runNow(m.id(), "t" + i);
        }
        next();
        next();
        assertThat((System.nanoTime() - t0) / 1e6).as("both ran at once").isLessThan(780);
        assertThat(results.poll(600, TimeUnit.MILLISECONDS)).isNull();
        assertThat(runner.runsStarted()).isEqualTo(2);
    }
}
