package org.peresvet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.alarm.AlarmView;
import org.peresvet.connector.board.StationPhysics;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.method.MethodResult;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.ScheduleTick;
import org.peresvet.runtime.SubscriptionFilter;

/**
 * The demo's control logic — calculated tags, methods, a schedule and alarms of its project.json —
 * run headless on a fast clock for two and a half simulated hours against {@link StationPhysics}: the test
 * plays the boards (it writes their readings and follows each pump's command), the engine runs the
 * plant. Midnight falls inside the run, so the daily alternation fires; late in the run the lead
 * pump trips.
 */
class PumpStationFastClockTest {
    private static final double STEP_S = 3.0;

    @TempDir
    Path dir;

    private Engine engine;
    private final AtomicLong clock = new AtomicLong();

    private UUID tag(String path) {
        return engine.model().findTag(path).orElseThrow(() -> new AssertionError("no tag " + path)).id();
    }

    private Object value(String path) {
        Sample s = engine.current(tag(path));
        return s == null ? null : s.y();
    }

    private double number(String path) {
        Object v = value(path);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private boolean bool(String path) {
        return Boolean.TRUE.equals(value(path));
    }

    @Test
    void hoursOfSimulatedTimeKeepTheLevelInItsBandCountTheRunAndAlternate() throws Exception {
        try (InputStream in = Engine.exampleSeed("pump-station")) {
            Files.write(dir.resolve("project.json"), in.readAllBytes());
        }
        // Start 40 simulated minutes before the next local midnight (never before the wall clock).
        ZoneId zone = ZoneId.systemDefault();
        ZonedDateTime midnight = ZonedDateTime.now(zone).toLocalDate().plusDays(1).atStartOfDay(zone);
        long start = Micros.of(midnight.minusMinutes(40).toInstant());
        if (start < Micros.now()) {
            start += 86_400L * Micros.PER_SECOND;
        }
        clock.set(start);
        engine = Engine.open(dir, EngineOptions.quiet().withClock(clock::get));
        try {
            // the test is the boards: the connectors stay off, and the test moves the relays as the drive methods would
            for (ConnectorDef c : engine.model().connectors()) {
                engine.edit(new ModelEdit.PutConnector(c.withEnabled(false)));
            }
            for (MethodDef m : engine.model().methods()) {
                if (m.name().startsWith("Drive pump")) {
                    engine.edit(new ModelEdit.PutMethod(m.withEnabled(false)));
                }
            }
            List<Long> ticks = new CopyOnWriteArrayList<>();
            List<long[]> leads = new CopyOnWriteArrayList<>();
            engine.events().subscribe(ScheduleTick.class, t -> ticks.add(t.time()));
            List<MethodResult> results = new CopyOnWriteArrayList<>();
            engine.events().subscribe(MethodResult.class, results::add);
            engine.subscribe(SubscriptionFilter.tag(tag("/PumpStation/LeadPump")), batch -> batch.forEach(
                    s -> leads.add(new long[] {s.sample().x(), ((Number) s.sample().y()).longValue()})));
            engine.start();
            run(start);
            // the daily alternation: midnight ticked, the method ran on it, and the lead pump changed soon after
            assertThat(ticks).as("the daily schedule ticked at midnight").isNotEmpty();
            long tick = ticks.get(0);
            assertThat(results).as("alternation on the schedule").anyMatch(r -> r.name().equals("Alternate lead pump") && r.ok()
                    && r.initiator().contains("schedule"));
            assertThat(leads).as("lead pump changes").anyMatch(l -> l[0] >= tick && l[0] <= tick + 600 * Micros.PER_SECOND);
            assertThat(leads.stream().map(l -> l[1]).distinct()).as("both pumps led").contains(1L, 2L);
        } finally {
            engine.close();
        }
    }

    private void run(long start) {
        StationPhysics plant = new StationPhysics(3, 2.6);
        UUID level = tag("/PumpStation/PumpBoard1/TankLevel");
        UUID pressure = tag("/PumpStation/PumpBoard1/DischargePressure");
        UUID flow = tag("/PumpStation/PumpBoard1/Flow");
        UUID[] current = {tag("/PumpStation/PumpBoard1/MotorCurrent"), tag("/PumpStation/PumpBoard2/MotorCurrent")};
        UUID[] relay = {tag("/PumpStation/PumpBoard1/Pump"), tag("/PumpStation/PumpBoard2/Pump")};
        double pumped = 0;
        double[] runSeconds = new double[2];
        int[] starts = new int[2];
        boolean[] wasRunning = new boolean[2];
        double minLevel = Double.MAX_VALUE;
        double maxLevel = 0;
        int trippedPump = -1;
        boolean bothRan = false;
        long trippedAt = 0;
        int steps = (int) (2.5 * 3600 / STEP_S);
        for (int i = 0; i < steps; i++) {
            // the boards follow the station's commands (as the drive methods would make them)
            for (int p = 0; p < 2; p++) {
                plant.setRelay(p, bool("/PumpStation/Pump" + (p + 1) + "/Command"));
            }
            // a storm for twenty minutes: more inflow than one pump can take, so the lag pump joins at high-high
            plant.setSurge(i * STEP_S >= 4200 && i * STEP_S < 5400);
            double flowBefore = plant.flow();
            plant.step(STEP_S);
            pumped += (flowBefore + plant.flow()) / 2 * STEP_S / 3600;
            long t = clock.addAndGet((long) (STEP_S * Micros.PER_SECOND));
            List<TagSample> batch = new ArrayList<>();
            batch.add(new TagSample(level, Sample.of(t, plant.level() / StationPhysics.SPAN * 100)));
            batch.add(new TagSample(pressure, Sample.of(t, plant.pressure())));
            batch.add(new TagSample(flow, Sample.of(t, plant.flow())));
            for (int p = 0; p < 2; p++) {
                batch.add(new TagSample(current[p], Sample.of(t, plant.current(p))));
                batch.add(new TagSample(relay[p], Sample.of(t, plant.relay(p))));
                boolean running = plant.current(p) > 1;
                if (running) {
                    runSeconds[p] += STEP_S;
                }
                if (running && !wasRunning[p] && i > 0) {
                    starts[p]++;
                }
                wasRunning[p] = running;
            }
            bothRan |= plant.current(0) > 1 && plant.current(1) > 1;
            engine.write(batch);
            engine.flush();
            if (System.getenv("PLANT_TRACE") != null && i % 10 == 0) {
                System.out.printf("TRACE %5.0f s level %.2f in %.1f q %.1f cmd %s/%s run %s/%s lead %s dem %s lag %s fault %s/%s%n", i * STEP_S, plant.level(), plant.inflow(), plant.flow(),
                        value("/PumpStation/Pump1/Command"), value("/PumpStation/Pump2/Command"), value("/PumpStation/Pump1/Running"), value("/PumpStation/Pump2/Running"),
                        value("/PumpStation/LeadPump"), value("/PumpStation/Tank1/Demand"), value("/PumpStation/Tank1/LagDemand"), value("/PumpStation/Pump1/Fault"), value("/PumpStation/Pump2/Fault"));
            }
            if (i > 30) {
                minLevel = Math.min(minLevel, plant.level());
                maxLevel = Math.max(maxLevel, plant.level());
            }
            // late in the run the pump that runs trips: its fault is raised and the standby takes over
            if (trippedPump < 0 && i > steps * 3 / 4 && plant.current(0) + plant.current(1) > 1 && plant.current(0) * plant.current(1) == 0) {
                trippedPump = plant.current(0) > 1 ? 0 : 1;
                plant.setTripped(trippedPump, true);
                trippedAt = t;
            }
        }
        String tripped = "/PumpStation/Pump" + (trippedPump + 1);
        String standby = "/PumpStation/Pump" + (2 - trippedPump);
        assertThat(trippedPump).as("a pump ran late in the run and was tripped").isNotNegative();
        assertThat(bool(tripped + "/Fault")).as("the tripped pump's fault").isTrue();
        assertThat(engine.alarms().active()).extracting(AlarmView::path).contains(tripped + "/Fault#Fault");
        assertThat(number(standby + "/Starts")).as("the standby started after the trip").isGreaterThan(0);

        assertThat(bothRan).as("the lag pump joined the lead during the storm").isTrue();
        assertThat(minLevel).as("lowest level").isGreaterThan(0.9);
        assertThat(maxLevel).as("highest level").isLessThan(4.5);
        assertThat(number("/PumpStation/Outlet/Total")).as("totalizer against the pumped volume")
                .isCloseTo(pumped, Percentage.withPercentage(3));
        for (int p = 0; p < 2; p++) {
            String pump = "/PumpStation/Pump" + (p + 1);
            assertThat(number(pump + "/RunHours") * 3600).as(pump + " run seconds").isCloseTo(runSeconds[p],
                    Offset.offset(30.0));
            assertThat(runSeconds[p]).as(pump + " ran").isGreaterThan(600);
            assertThat(number(pump + "/Starts")).as(pump + " starts").isCloseTo(starts[p], Offset.offset(1.0));
        }
        assertThat(trippedAt).isPositive();
    }
}
