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
import java.util.function.BooleanSupplier;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.alarm.AlarmView;
import org.peresvet.connector.board.StationPhysics;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.method.MethodResult;
import org.peresvet.model.AlarmState;
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
        seed();
        // Start 40 simulated minutes before the next local midnight (never before the wall clock).
        ZoneId zone = ZoneId.systemDefault();
        ZonedDateTime midnight = ZonedDateTime.now(zone).toLocalDate().plusDays(1).atStartOfDay(zone);
        long start = Micros.of(midnight.minusMinutes(40).toInstant());
        if (start < Micros.now()) {
            start += 86_400L * Micros.PER_SECOND;
        }
        clock.set(start);
        openThePlant();
        try {
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

    @Test
    void aDischargeValveThatSticksRaisesItsAlarm() throws Exception {
        seed();
        clock.set(Micros.now());
        openThePlant();
        try {
            engine.start();
            StationPhysics plant = new StationPhysics(3, 2.6);
            steps(plant, 10, () -> false);
            int lead = (int) number("/PumpStation/LeadPump");
            int p = lead - 1;
            String valve = "/PumpStation/Valve" + lead;
            assertThat(bool(valve + "/Closed")).as(valve + " closed while its pump stands").isTrue();
            // the lead's valve will not open; the start level just above the level starts the pump
            plant.setValveFailsToOpen(p, true);
            set("/PumpStation/Tank1/LevelSetpoint", Math.round(plant.level() * 100 + 3) / 100.0);
            assertThat(steps(plant, 30, () -> bool("/PumpStation/Pump" + lead + "/Running"))).as("pump %d starts", lead).isTrue();
            assertThat(steps(plant, 12, () -> active(valve + "/FailedToOpen#FailedToOpen")))
                    .as("failed to open, within the 20 s the valve is given").isTrue();
            assertThat(plant.flow()).as("the pump delivers nothing against its closed valve").isZero();
            assertThat(bool(valve + "/Closed")).isTrue();
            // freed, it opens and the alarm clears; the pump delivers
            plant.setValveFailsToOpen(p, false);
            assertThat(steps(plant, 6, () -> bool(valve + "/Open") && !active(valve + "/FailedToOpen#FailedToOpen")))
                    .as("opens once freed, and the alarm clears").isTrue();
            assertThat(plant.flow()).isPositive();
            // now it will not close: the pump stops at the stop level, the valve stays open
            plant.setValveFailsToClose(p, true);
            assertThat(steps(plant, 200, () -> !bool("/PumpStation/Pump" + lead + "/Running"))).as("the pump stops").isTrue();
            assertThat(steps(plant, 12, () -> active(valve + "/FailedToClose#FailedToClose"))).as("failed to close").isTrue();
            assertThat(bool(valve + "/Open")).isTrue();
            assertThat(engine.alarms().active()).filteredOn(a -> a.path().equals(valve + "/FailedToClose#FailedToClose"))
                    .extracting(AlarmView::message).singleElement().asString().contains("failed to close");
            plant.setValveFailsToClose(p, false);
            assertThat(steps(plant, 6, () -> bool(valve + "/Closed") && !active(valve + "/FailedToClose#FailedToClose"))).isTrue();
        } finally {
            engine.close();
        }
    }

    @Test
    void theFaultLatchAndTheLevelDemandSurviveARestart() throws Exception {
        seed();
        clock.set(Micros.now());
        openThePlant();
        StationPhysics plant = new StationPhysics(3, 2.6);
        int lead;
        try {
            engine.start();
            steps(plant, 5, () -> false);
            lead = (int) number("/PumpStation/LeadPump");
            // the lead pump starts at a start level just above the level ...
            set("/PumpStation/Tank1/LevelSetpoint", Math.round(plant.level() * 100 + 3) / 100.0);
            assertThat(steps(plant, 30, () -> bool("/PumpStation/Pump" + lead + "/Running"))).isTrue();
            // ... the start level goes back up: the level is between stop and start, the demand holds
            set("/PumpStation/Tank1/LevelSetpoint", 3.5);
            steps(plant, 3, () -> false);
            assertThat(bool("/PumpStation/Tank1/Demand")).isTrue();
            // the other pump's motor protection trips while it runs by hand: its fault latches
            int other = 3 - lead;
            set("/PumpStation/Pump" + other + "/Auto", false);
            set("/PumpStation/Pump" + other + "/ManualCommand", true);
            assertThat(steps(plant, 5, () -> bool("/PumpStation/Pump" + other + "/Running"))).isTrue();
            plant.setTripped(other - 1, true);
            assertThat(steps(plant, 5, () -> bool("/PumpStation/Pump" + other + "/Fault"))).as("the fault latches").isTrue();
            set("/PumpStation/Pump" + other + "/ManualCommand", false);
            steps(plant, 3, () -> false);
        } finally {
            engine.close();
        }
        int tripped = 3 - lead;
        openThePlant();
        try {
            engine.start();
            steps(plant, 5, () -> false);
            assertThat(plant.level()).as("still between the stop and the start level").isBetween(1.3, 3.4);
            assertThat(bool("/PumpStation/Tank1/Demand")).as("the demand after a restart").isTrue();
            assertThat(bool("/PumpStation/Pump" + lead + "/Running")).as("the lead pump runs on").isTrue();
            assertThat(bool("/PumpStation/Pump" + tripped + "/Fault")).as("the fault after a restart").isTrue();
            assertThat(steps(plant, 5, () -> active("/PumpStation/Pump" + tripped + "/Fault#Fault"))).as("and its alarm").isTrue();
            // the operator resets it: now it clears
            plant.setTripped(tripped - 1, false);
            set("/PumpStation/Pump" + tripped + "/FaultReset", true);
            assertThat(steps(plant, 5, () -> !bool("/PumpStation/Pump" + tripped + "/Fault"))).as("reset after the restart").isTrue();
        } finally {
            engine.close();
        }
    }

    /** Up to {@code n} steps until {@code done}; whether it came. */
    private boolean steps(StationPhysics plant, int n, BooleanSupplier done) {
        for (int i = 0; i < n; i++) {
            step(plant);
            if (System.getenv("PLANT_TRACE") != null) {
                System.out.printf("STEP level %.2f q %.1f cmd %s/%s run %s/%s auto %s/%s man %s/%s fault %s/%s trip %s/%s dem %s v1 %s %s/%s fto %s ftc %s v2 %s %s/%s%n", plant.level(), plant.flow(),
                        value("/PumpStation/Pump1/Command"), value("/PumpStation/Pump2/Command"), value("/PumpStation/Pump1/Running"), value("/PumpStation/Pump2/Running"),
                        value("/PumpStation/Pump1/Auto"), value("/PumpStation/Pump2/Auto"), value("/PumpStation/Pump1/ManualCommand"), value("/PumpStation/Pump2/ManualCommand"),
                        value("/PumpStation/Pump1/Fault"), value("/PumpStation/Pump2/Fault"), value("/PumpStation/Pump1/Trip"), value("/PumpStation/Pump2/Trip"),
                        value("/PumpStation/Tank1/Demand"), value("/PumpStation/Valve1/Command"), value("/PumpStation/Valve1/Open"), value("/PumpStation/Valve1/Closed"),
                        value("/PumpStation/Valve1/FailedToOpen"), value("/PumpStation/Valve1/FailedToClose"),
                        value("/PumpStation/Valve2/Command"), value("/PumpStation/Valve2/Open"), value("/PumpStation/Valve2/Closed"));
            }
            if (done.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the alarm is active now (acknowledged or not; an alarm that returned to normal unacknowledged is not). */
    private boolean active(String alarmPath) {
        return engine.alarms().active().stream().anyMatch(a -> a.path().equals(alarmPath)
                && (a.state() == AlarmState.UNACKNOWLEDGED || a.state() == AlarmState.ACKNOWLEDGED));
    }

    /** An operator's write, stamped with the engine's (fast) clock like everything else. */
    private void set(String path, Object value) {
        engine.write(List.of(new TagSample(tag(path), Sample.of(clock.get(), value))));
    }

    /**
     * Opens the demo project on the fast clock with the test as its boards: the connectors stay off,
     * and the test moves the relays and valves as the drive methods would.
     */
    private void openThePlant() {
        engine = Engine.open(dir, EngineOptions.quiet().withClock(clock::get));
        for (ConnectorDef c : engine.model().connectors()) {
            if (c.enabled()) {
                engine.edit(new ModelEdit.PutConnector(c.withEnabled(false)));
            }
        }
        for (MethodDef m : engine.model().methods()) {
            if (m.name().startsWith("Drive ") && m.enabled()) {
                engine.edit(new ModelEdit.PutMethod(m.withEnabled(false)));
            }
        }
    }

    private void seed() throws Exception {
        try (InputStream in = Engine.exampleSeed("pump-station")) {
            Files.write(dir.resolve("project.json"), in.readAllBytes());
        }
    }

    private void run(long start) {
        StationPhysics plant = new StationPhysics(3, 2.6);
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
        int[] steady = new int[2];
        boolean[] steadyRunning = new boolean[2];
        int[][] valveFollowed = new int[2][2];
        for (int i = 0; i < steps; i++) {
            // a storm for twenty minutes: more inflow than one pump can take, so the lag pump joins at high-high
            plant.setSurge(i * STEP_S >= 4200 && i * STEP_S < 5400);
            double flowBefore = plant.flow();
            long t = step(plant);
            pumped += (flowBefore + plant.flow()) / 2 * STEP_S / 3600;
            for (int p = 0; p < 2; p++) {
                boolean running = plant.current(p) > 1;
                if (running) {
                    runSeconds[p] += STEP_S;
                }
                if (running && !wasRunning[p] && i > 0) {
                    starts[p]++;
                }
                wasRunning[p] = running;
                // each discharge valve follows its pump: open a stroke after it starts, closed a stroke after it stops
                steady[p] = running == steadyRunning[p] ? steady[p] + 1 : 0;
                steadyRunning[p] = running;
                if (steady[p] >= 5 && !plant.tripped(p)) {
                    String valve = "/PumpStation/Valve" + (p + 1);
                    if (running) {
                        valveFollowed[p][0]++;
                        assertThat(bool(valve + "/Open")).as(valve + " open while its pump runs, at " + i * STEP_S + " s").isTrue();
                    } else {
                        valveFollowed[p][1]++;
                        assertThat(bool(valve + "/Closed")).as(valve + " closed while its pump stands, at " + i * STEP_S + " s").isTrue();
                    }
                }
            }
            bothRan |= plant.current(0) > 1 && plant.current(1) > 1;
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
        for (int p = 0; p < 2; p++) {
            assertThat(valveFollowed[p][0]).as("valve %d seen open behind its running pump", p + 1).isGreaterThan(10);
            assertThat(valveFollowed[p][1]).as("valve %d seen closed behind its stopped pump", p + 1).isGreaterThan(10);
        }
        assertThat(engine.alarms().active()).extracting(AlarmView::path).as("no valve failed")
                .noneMatch(a -> a.startsWith("/PumpStation/Valve"));
    }

    /**
     * One step of the boards, as the drive methods and the simulated boards would make it: the
     * relays and valves follow the station's commands, the plant moves on, and the boards' readings
     * (level, pressure, flow, currents, relays, valve commands and limit switches) reach the engine.
     */
    private long step(StationPhysics plant) {
        for (int p = 0; p < 2; p++) {
            plant.setRelay(p, bool("/PumpStation/Pump" + (p + 1) + "/Command"));
            plant.setValve(p, bool("/PumpStation/Valve" + (p + 1) + "/Command"));
        }
        plant.step(STEP_S);
        long t = clock.addAndGet((long) (STEP_S * Micros.PER_SECOND));
        List<TagSample> batch = new ArrayList<>();
        batch.add(new TagSample(tag("/PumpStation/PumpBoard1/TankLevel"), Sample.of(t, plant.level() / StationPhysics.SPAN * 100)));
        batch.add(new TagSample(tag("/PumpStation/PumpBoard1/DischargePressure"), Sample.of(t, plant.pressure())));
        batch.add(new TagSample(tag("/PumpStation/PumpBoard1/Flow"), Sample.of(t, plant.flow())));
        for (int p = 0; p < 2; p++) {
            String board = "/PumpStation/PumpBoard" + (p + 1);
            batch.add(new TagSample(tag(board + "/MotorCurrent"), Sample.of(t, plant.current(p))));
            batch.add(new TagSample(tag(board + "/Pump"), Sample.of(t, plant.relay(p))));
            batch.add(new TagSample(tag(board + "/Valve"), Sample.of(t, plant.valveCommand(p))));
            batch.add(new TagSample(tag(board + "/ValveOpen"), Sample.of(t, plant.valveOpen(p))));
            batch.add(new TagSample(tag(board + "/ValveClosed"), Sample.of(t, plant.valveClosed(p))));
        }
        engine.write(batch);
        engine.flush();
        return t;
    }
}
