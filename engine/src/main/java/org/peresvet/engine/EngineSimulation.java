package org.peresvet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.peresvet.connector.board.StationSimulation;
import org.peresvet.connector.mqtt.MqttSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated plant in process, for the demo: when the project folder holds a
 * {@code simulation.json} (a real project has none), the engine starts the plant's simulated
 * boards on a broker — {@code "broker": "builtin"} (the project's own, the default) or a URL — and
 * says loudly in the log that the values are simulated. Example:
 * {@code {"plant": "pump-station", "broker": "builtin", "publishPeriodMs": 1000}}; {@code "speed": 20} runs the plant
 * twenty times faster than the wall clock (tests).
 */
final class EngineSimulation {
    static final String FILE_NAME = "simulation.json";
    private static final Logger LOG = LoggerFactory.getLogger(EngineSimulation.class);
    private static final Set<String> KEYS = Set.of("plant", "broker", "username", "password", "publishPeriodMs", "speed");

    private final Path projectDir;
    private final Brokers brokers;
    private StationSimulation running;

    EngineSimulation(Path projectDir, Brokers brokers) {
        this.projectDir = projectDir;
        this.brokers = brokers;
    }

    /** Starts the simulation the project asks for, if any; a bad file is logged, never thrown. */
    synchronized void startConfigured() {
        Path file = projectDir.resolve(FILE_NAME);
        if (running != null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode cfg = new ObjectMapper().readTree(Files.readString(file));
            if (cfg == null || !cfg.isObject()) {
                throw new IllegalArgumentException("it is not a JSON object");
            }
            cfg.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    throw new IllegalArgumentException("unknown key '" + k + "' (known: " + KEYS + ")");
                }
            });
            String plant = cfg.path("plant").asText(StationSimulation.PLANT);
            if (!StationSimulation.PLANT.equals(plant)) {
                throw new IllegalArgumentException("unknown plant '" + plant + "' (known: " + StationSimulation.PLANT + ")");
            }
            long period = cfg.path("publishPeriodMs").asLong(1000);
            if (period < 50 || period > 60_000) {
                throw new IllegalArgumentException("publishPeriodMs must be 50 … 60000");
            }
            double speed = cfg.path("speed").asDouble(1.0);
            String broker = cfg.path("broker").asText("builtin");
            String user = cfg.path("username").asText(null);
            String password = cfg.path("password").asText(null);
            if ("builtin".equals(broker)) {
                Optional<MqttSettings> own = brokers.builtInSettings();
                broker = own.map(MqttSettings::brokerUrl).orElse("tcp://127.0.0.1:1883");
                user = own.map(MqttSettings::username).orElse(null);
                password = own.map(MqttSettings::password).orElse(null);
            }
            MqttSettings.of(broker); // checks the URL
            running = new StationSimulation(broker, user, password, period, speed).start();
            LOG.warn("SIMULATION: this project runs a simulated plant ({}: boards {} on {}), not real devices; "
                    + "delete {} to stop it", plant, StationSimulation.BOARDS, broker, file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The simulated plant of {} did not start: {}", file, e.getMessage());
        }
    }

    synchronized void close() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
