package org.peresvet.connector.board;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;
import org.peresvet.connector.mqtt.MqttLink;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.profile.Utf8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ESP32 board on a pump station, simulated over a real broker: it publishes exactly the topics
 * and payloads of ESPHome or Tasmota firmware (discovery retained, availability with a last will,
 * sensor states), runs its {@link BoardPlant plant}, and obeys relay commands after a
 * configurable delay, echoing the new state. {@link #disappear()} drops the connection without a
 * goodbye, so the broker publishes the last will; {@link #reappear()} comes back.
 * Used in process by tests and benchmarks, and by {@code peresvet simulate-board}.
 */
public final class BoardSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardSimulator.class);

    public enum Flavor {
        ESPHOME, TASMOTA;

        public static Flavor parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("flavor '" + s + "' is not esphome or tasmota");
            }
        }
    }

    /**
     * @param commandDelayMs  how long the relay takes to switch and report (0: at once)
     * @param publishPeriodMs how often sensor states are published
     */
    public record Options(String brokerUrl, Flavor flavor, String name, long commandDelayMs, long publishPeriodMs,
                          String discoveryPrefix, long seed, String username, String password) {
        public Options(String brokerUrl, Flavor flavor, String name, long commandDelayMs, long publishPeriodMs,
                       String discoveryPrefix, long seed) {
            this(brokerUrl, flavor, name, commandDelayMs, publishPeriodMs, discoveryPrefix, seed, null, null);
        }

        public Options {
            if (name == null || !name.matches("[A-Za-z0-9_-]{1,31}")) {
                throw new IllegalArgumentException("board name '" + name + "' must be 1-31 letters, digits, '-' or '_'");
            }
            if (commandDelayMs < 0 || publishPeriodMs < 10) {
                throw new IllegalArgumentException("commandDelayMs must be >= 0 and publishPeriodMs >= 10");
            }
            discoveryPrefix = discoveryPrefix == null ? "homeassistant" : discoveryPrefix;
        }

        public static Options of(String brokerUrl, Flavor flavor, String name) {
            return new Options(brokerUrl, flavor, name, 150, 1000, "homeassistant", name.hashCode());
        }

        public Options withCommandDelay(long ms) {
            return new Options(brokerUrl, flavor, name, ms, publishPeriodMs, discoveryPrefix, seed, username, password);
        }

        public Options withPublishPeriod(long ms) {
            return new Options(brokerUrl, flavor, name, commandDelayMs, ms, discoveryPrefix, seed, username, password);
        }

        /** The board logs in with these (a broker with users, like the built-in one). */
        public Options withCredentials(String user, String pass) {
            return new Options(brokerUrl, flavor, name, commandDelayMs, publishPeriodMs, discoveryPrefix, seed, user, pass);
        }
    }

    private final Options options;
    private final Firmware firmware;
    private final BoardPlant plant;
    private final DoubleConsumer stepper;
    private final ScheduledExecutorService executor;
    private final AtomicLong commands = new AtomicLong();
    private volatile MqttLink link;
    private volatile boolean closed;
    private volatile boolean jammed;
    private long lastStep = System.nanoTime();

    public BoardSimulator(Options options) {
        this(options, new PumpStationPhysics(options.seed()));
    }

    private BoardSimulator(Options options, PumpStationPhysics plant) {
        this(options, plant, plant::step);
    }

    /**
     * A board on a plant that others share: {@code stepper} advances the plant by dt seconds before
     * each publication, or is null when the plant is stepped elsewhere ({@link StationSimulation}).
     */
    public BoardSimulator(Options options, BoardPlant plant, DoubleConsumer stepper) {
        this.options = options;
        String mac = mac(options.name());
        this.firmware = options.flavor() == Flavor.ESPHOME ? new EspHomeFirmware(options.name(), mac, options.discoveryPrefix())
                : new TasmotaFirmware(options.name(), mac);
        this.plant = plant;
        this.stepper = stepper;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "board-" + options.name());
            t.setDaemon(true);
            return t;
        });
    }

    /** A stable, locally administered MAC from the name, as a real board has one fixed address. */
    public static String mac(String name) {
        int h = name.hashCode();
        return String.format(Locale.ROOT, "A4CF12%02X%02X%02X", (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff);
    }

    public Options options() {
        return options;
    }

    /** Connects (in the background) and starts the plant and the periodic publishing. */
    public BoardSimulator start() {
        connect();
        executor.scheduleAtFixedRate(this::tick, options.publishPeriodMs(), options.publishPeriodMs(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void connect() {
        MqttSettings s = MqttSettings.of(options.brokerUrl()).withClientId(options.name() + "-" + options.flavor().name().toLowerCase(Locale.ROOT))
                .withReconnect(200, 5000).withCredentials(options.username(), options.password())
                .withWill(new MqttSettings.Will(firmware.availabilityTopic(), firmware.offlinePayload().getBytes(StandardCharsets.UTF_8), 1, true));
        MqttLink l = new MqttLink("board-" + options.name(), s, new MqttLink.Listener() {
            @Override
            public void stateChanged(MqttLink.State state, String reason) {
                if (state == MqttLink.State.CONNECTED) {
                    run(() -> firmware.announce(BoardSimulator.this::publish, plant));
                }
            }

            @Override
            public void message(String topic, byte[] payload, boolean retained) {
                if (!retained) {
                    onCommand(topic, payload);
                }
            }
        });
        firmware.commandFilters(plant).forEach(l::subscribe);
        link = l;
        l.start();
    }

    private void run(Runnable r) {
        try {
            executor.execute(r);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void publish(String topic, String payload, boolean retained) {
        MqttLink l = link;
        if (l != null && l.state() == MqttLink.State.CONNECTED) {
            l.publish(topic, payload.getBytes(StandardCharsets.UTF_8), retained ? 1 : 0, retained).exceptionally(e -> {
                LOG.debug("{}: publish {} failed: {}", options.name(), topic, e.getMessage());
                return null;
            });
        }
    }

    private void onCommand(String topic, byte[] payload) {
        String text = Utf8.decode(payload);
        if (text == null) {
            return;
        }
        commands.incrementAndGet();
        if (jammed) {
            return; // online and publishing, but the relay does not move: no echo
        }
        Runnable apply = () -> {
            Boolean want = firmware.relayCommand(topic, text, plant.pump());
            if (want != null) {
                plant.setPump(want);
                firmware.publishRelay(this::publish, want);
            } else {
                firmware.extraCommand(topic, text, plant, this::publish);
            }
        };
        if (options.commandDelayMs() == 0) {
            run(apply);
        } else {
            try {
                executor.schedule(apply, options.commandDelayMs(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closed
            }
        }
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            if (stepper != null) {
                stepper.accept((now - lastStep) / 1e9);
            }
            lastStep = now;
            firmware.publishSensors(this::publish, plant);
        } catch (RuntimeException e) {
            LOG.warn("{}: tick failed: {}", options.name(), e.toString());
        }
    }

    /** The plant's relay (for tests). */
    public boolean pumpOn() {
        return plant.pump();
    }

    /** A jammed relay: the board stays online and keeps publishing but ignores commands (no echo). */
    public void jamRelay(boolean jam) {
        jammed = jam;
    }

    /** Relay commands received so far. */
    public long commandsReceived() {
        return commands.get();
    }

    public boolean connected() {
        MqttLink l = link;
        return l != null && l.state() == MqttLink.State.CONNECTED;
    }

    /** Loses power: the connection drops without a DISCONNECT and the broker publishes the last will. */
    public void disappear() {
        MqttLink l = link;
        link = null;
        if (l != null) {
            l.abort();
        }
    }

    /** Boots again after {@link #disappear()}. */
    public void reappear() {
        if (link == null && !closed) {
            connect();
        }
    }

    /** Stops like a board being switched off cleanly: availability offline, then disconnect. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        MqttLink l = link;
        if (l != null && l.state() == MqttLink.State.CONNECTED) {
            try {
                l.publish(firmware.availabilityTopic(), firmware.offlinePayload().getBytes(StandardCharsets.UTF_8), 1, true)
                        .get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the will covers it
            }
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (l != null) {
            l.close();
        }
        link = null;
    }
}
