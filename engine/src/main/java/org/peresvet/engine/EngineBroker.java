package org.peresvet.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.peresvet.broker.BrokerAccess;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.broker.BrokerException;
import org.peresvet.broker.BrokerStatus;
import org.peresvet.broker.BuiltInBroker;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.discovery.BoardDiscovery;
import org.peresvet.runtime.MetricsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's built-in MQTT broker inside the engine: started with the engine when
 * {@code broker.json} switches it on, restarted when the user changes it, stopped last. A broker
 * that cannot start (port taken) leaves the engine running and says why in its status.
 */
final class EngineBroker implements Brokers, MetricsSource {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBroker.class);

    private final Path projectDir;
    private final Runnable ensureOpen;
    private volatile BuiltInBroker broker;
    /** The demo's simulated boards (simulation.json): they live on this broker, so they start and stop with it. */
    private final EngineSimulation simulation;

    EngineBroker(Path projectDir, Runnable ensureOpen) {
        this.projectDir = projectDir;
        this.ensureOpen = ensureOpen;
        this.simulation = new EngineSimulation(projectDir, this);
    }

    /**
     * Starts the configured broker, if switched on, then the project's simulated plant, if it has one;
     * a bad file or a failed start is logged, not thrown.
     */
    synchronized void startConfigured() {
        startBroker();
        simulation.startConfigured();
    }

    private void startBroker() {
        BrokerConfig cfg;
        try {
            cfg = BrokerConfig.load(projectDir);
        } catch (IllegalArgumentException e) {
            LOG.warn("The built-in MQTT broker stays off: {}", e.getMessage());
            return;
        }
        if (cfg.enabled()) {
            BuiltInBroker b = new BuiltInBroker(projectDir, cfg);
            broker = b;
            try {
                b.start();
            } catch (BrokerException e) {
                LOG.warn("The built-in MQTT broker did not start: {}", e.getMessage());
            }
        }
    }

    @Override
    public synchronized BrokerStatus configure(BrokerConfig cfg) {
        ensureOpen.run();
        cfg.save(projectDir);
        BuiltInBroker old = broker;
        if (old != null) {
            old.close();
        }
        broker = null;
        if (!cfg.enabled()) {
            return null;
        }
        BuiltInBroker b = new BuiltInBroker(projectDir, cfg);
        broker = b;
        b.start();
        return b.status();
    }

    @Override
    public BrokerConfig config() {
        BuiltInBroker b = broker;
        return b != null ? b.config() : BrokerConfig.load(projectDir);
    }

    /** How the engine connects to the running broker, if it runs. */
    Optional<BrokerAccess> access() {
        BuiltInBroker b = broker;
        return b == null || b.state() != BuiltInBroker.State.RUNNING ? Optional.empty() : Optional.of(b.engineAccess());
    }

    @Override
    public Optional<BrokerStatus> status() {
        BuiltInBroker b = broker;
        return b == null ? Optional.empty() : Optional.of(b.status());
    }

    @Override
    public Optional<MqttSettings> builtInSettings() {
        return access().map(a -> MqttSettings.of(a.url()).withCredentials(a.username(), a.password()));
    }

    @Override
    public BoardDiscovery discoverBoards(MqttSettings settings) {
        ensureOpen.run();
        return new BoardDiscovery(settings, null).start();
    }

    @Override
    public List<Gauge> gauges() {
        BuiltInBroker b = broker;
        return b == null ? List.of() : b.metrics();
    }

    synchronized void close() {
        simulation.close();
        BuiltInBroker b = broker;
        broker = null;
        if (b != null) {
            b.close();
        }
    }
}
