package org.peresvet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.peresvet.connector.board.BoardSimulator;
import org.peresvet.connector.board.StationSimulation;
import org.peresvet.connector.mqtt.MqttSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulate-board}: an ESP32 pump-station board (ESPHome or Tasmota firmware) on an MQTT
 * broker, so the demo project comes alive without hardware. Runs until Ctrl-C or SIGTERM, or for
 * {@code --duration}.
 */
@Command(name = "simulate-board", mixinStandardHelpOptions = true,
        description = {"Simulate an ESP32 pump-station board on an MQTT broker, with the real firmware's topics and payloads:",
                "discovery (retained), availability with a last will, tank level, pressure, motor current, and a pump",
                "relay that obeys commands. Runs until Ctrl-C."})
final class SimulateBoardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--broker", paramLabel = "URL", defaultValue = "tcp://127.0.0.1:1883",
            description = "Broker URL, tcp:// or ssl:// (default ${DEFAULT-VALUE}).")
    String broker;

    @Option(names = "--flavor", paramLabel = "esphome|tasmota", defaultValue = "esphome",
            description = "Firmware to imitate (default ${DEFAULT-VALUE}).")
    String flavor;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "pump-board-1",
            description = "Node name (ESPHome topic prefix) or Tasmota topic (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--command-delay", paramLabel = "MS", defaultValue = "150",
            description = "Milliseconds the relay takes to switch and report (default ${DEFAULT-VALUE}).")
    long commandDelayMs;

    @Option(names = "--period", paramLabel = "MS", defaultValue = "1000",
            description = "Milliseconds between sensor publications (default ${DEFAULT-VALUE}).")
    long periodMs;

    @Option(names = "--discovery-prefix", paramLabel = "PREFIX", defaultValue = "homeassistant",
            description = "Home Assistant discovery prefix, ESPHome only (default ${DEFAULT-VALUE}).")
    String discoveryPrefix;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this many seconds (0: run until Ctrl-C).")
    long durationSeconds;

    @Option(names = "--plant", paramLabel = "PLANT",
            description = "Simulate a whole plant instead of one board: 'pump-station' runs the demo's boards "
                    + "(pump-board-1, pump-board-2, station-plug) on one physical model of the station.")
    String plant;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
            description = "With --plant: how much faster than real time the plant runs (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--user", paramLabel = "NAME", description = "User name on the broker (default: anonymous).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Password on the broker.")
    String password;

    @Override
    public Integer call() throws InterruptedException {
        if (plant != null) {
            return simulatePlant();
        }
        BoardSimulator.Options options;
        try {
            options = new BoardSimulator.Options(broker, BoardSimulator.Flavor.parse(flavor), name, commandDelayMs, periodMs,
                    discoveryPrefix, name.hashCode());
            org.peresvet.connector.mqtt.MqttSettings.of(broker); // checks the URL before anything starts
        } catch (IllegalArgumentException e) {
            throw CliException.invalidInput(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.onStop(stop::countDown);
        try (BoardSimulator board = new BoardSimulator(options).start()) {
            out.println("Simulating " + options.flavor().name().toLowerCase(java.util.Locale.ROOT) + " board '" + name + "' on "
                    + broker + (durationSeconds > 0 ? " for " + durationSeconds + " s" : "; Ctrl-C stops"));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!board.connected() && System.nanoTime() < deadline && stop.getCount() > 0) {
                Thread.sleep(50);
            }
            if (!board.connected()) {
                out.println("Broker " + broker + " is not reachable yet; retrying in the background");
            }
            if (durationSeconds > 0) {
                stop.await(durationSeconds, java.util.concurrent.TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        }
        out.println("Board '" + name + "' stopped");
        return PeresvetCli.EXIT_OK;
    }

    private Integer simulatePlant() throws InterruptedException {
        if (!StationSimulation.PLANT.equals(plant)) {
            throw CliException.invalidInput("unknown plant '" + plant + "' (known: " + StationSimulation.PLANT + ")");
        }
        try {
            MqttSettings.of(broker);
        } catch (IllegalArgumentException e) {
            throw CliException.invalidInput(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.onStop(stop::countDown);
        if (!(speed > 0 && speed <= 1000)) {
            throw CliException.invalidInput("--speed must be above 0 and at most 1000");
        }
        try (StationSimulation sim = new StationSimulation(broker, user, password, periodMs, speed).start()) {
            out.println("Simulating the " + plant + " plant (boards " + String.join(", ", StationSimulation.BOARDS) + ") on "
                    + broker + (durationSeconds > 0 ? " for " + durationSeconds + " s" : "; Ctrl-C stops"));
            if (durationSeconds > 0) {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        }
        out.println("Plant '" + plant + "' stopped");
        return PeresvetCli.EXIT_OK;
    }
}
