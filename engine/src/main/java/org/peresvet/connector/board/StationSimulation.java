package org.peresvet.connector.board;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo pump station simulated on a broker: {@link StationPhysics} stepped in real time and
 * the boards that see it — the ESPHome boards {@code pump-board-1} and {@code pump-board-2} (one
 * per pump; the first also has the level, pressure and flow transmitters) and the Tasmota energy
 * plug {@code station-plug} — each with the real firmware's topics. Used by the engine when a
 * project holds a {@code simulation.json}, and by {@code peresvet simulate-board --plant}.
 */
public final class StationSimulation implements AutoCloseable {
    public static final String PLANT = "pump-station";
    public static final List<String> BOARDS = List.of("pump-board-1", "pump-board-2", "station-plug");
    private static final long STEP_MS = 200;

    private final StationPhysics physics;
    private final List<BoardSimulator> boards;
    private final ScheduledExecutorService stepper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "station-physics");
        t.setDaemon(true);
        return t;
    });
    private final double speed;
    private long last;

    /**
     * @param brokerUrl the broker the boards connect to
     * @param username  their user on it (null: anonymous)
     * @param speed     how much faster than the wall clock the plant runs (1: real time; tests and impatient demos more)
     */
    public StationSimulation(String brokerUrl, String username, String password, long publishPeriodMs, double speed) {
        if (!(speed > 0 && speed <= 1000)) {
            throw new IllegalArgumentException("speed must be above 0 and at most 1000, got " + speed);
        }
        this.speed = speed;
        this.physics = new StationPhysics(7, 2.6);
        this.boards = List.of(
                board(brokerUrl, BoardSimulator.Flavor.ESPHOME, BOARDS.get(0), publishPeriodMs, username, password, physics.pumpBoard(0)),
                board(brokerUrl, BoardSimulator.Flavor.ESPHOME, BOARDS.get(1), publishPeriodMs, username, password, physics.pumpBoard(1)),
                board(brokerUrl, BoardSimulator.Flavor.TASMOTA, BOARDS.get(2), publishPeriodMs, username, password, physics.energyPlug()));
    }

    private static BoardSimulator board(String url, BoardSimulator.Flavor flavor, String name, long period, String user, String pw,
                                        BoardPlant view) {
        BoardSimulator.Options o = BoardSimulator.Options.of(url, flavor, name).withPublishPeriod(period).withCommandDelay(100)
                .withCredentials(user, pw);
        return new BoardSimulator(o, view, null);
    }

    public StationSimulation start() {
        last = System.nanoTime();
        stepper.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            physics.step((now - last) / 1e9 * speed);
            last = now;
        }, STEP_MS, STEP_MS, TimeUnit.MILLISECONDS);
        boards.forEach(BoardSimulator::start);
        return this;
    }

    public StationPhysics physics() {
        return physics;
    }

    public List<BoardSimulator> boards() {
        return boards;
    }

    public boolean connected() {
        return boards.stream().allMatch(BoardSimulator::connected);
    }

    @Override
    public void close() {
        stepper.shutdownNow();
        boards.forEach(BoardSimulator::close);
    }
}
