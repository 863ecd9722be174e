package org.peresvet.connector.mqtt;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.peresvet.connector.Binding;
import org.peresvet.connector.Connector;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.ConnectorStatus;
import org.peresvet.model.Micros;

/**
 * A connector to an MQTT broker (kind {@code mqtt}). One {@link MqttLink} keeps the connection;
 * a {@link ProfileHandler} for the configured profile turns bindings into subscriptions, messages
 * into values and writes into commands. Commands are never published retained (a retained command
 * would switch the relay again at every reconnect of the board). Confirmation of writes is the
 * connector manager's: it waits for the device to echo the value on the state topic.
 */
public final class MqttConnector implements Connector {
    private final BatchingContext ctx;
    private final MqttConnectorConfig config;
    private final MqttLink link;
    private final ProfileHandler handler;
    private final AtomicLong sendFailures = new AtomicLong();
    private final Object stateLock = new Object();
    private Set<String> subscribed = new HashSet<>();       // guarded by this
    private volatile List<Binding> bindings = List.of();
    private volatile ConnectorState state = ConnectorState.STOPPED;
    private volatile String reason = "not started";
    private volatile long since = Micros.now();
    private volatile MqttLink.State linkState = MqttLink.State.DISCONNECTED;
    private volatile boolean externalLost;
    private volatile String externalReason;

    public MqttConnector(ConnectorContext engine, MqttConnectorConfig config) {
        // the profiles deliver through the batch; the link flushes it after every drain of its queue
        BatchingContext ctx = new BatchingContext(engine);
        this.ctx = ctx;
        this.config = config;
        this.handler = switch (config.profile()) {
            case GENERIC -> new GenericProfile(ctx, config);
            case ESPHOME -> new EspHomeProfile(ctx, config);
            case TASMOTA -> new TasmotaProfile(ctx, config);
            case HOMEASSISTANT -> new HomeAssistantProfile(ctx, config, () -> applyBindings(bindings));
            case PERESVET -> new PeresvetProfile(ctx, config, this::externalChanged);
        };
        this.link = new MqttLink(ctx.definition().name(), config.settings(), new MqttLink.Listener() {
            @Override
            public void stateChanged(MqttLink.State s, String why) {
                linkState = s;
                if (s == MqttLink.State.CONNECTED) {
                    handler.connected(link);
                }
                report(why);
            }

            @Override
            public void message(String topic, byte[] payload, boolean retained) {
                handler.message(topic, payload, retained);
            }

            @Override
            public void rejected(String topic, int size, String why) {
                handler.rejected(topic, why);
            }

            @Override
            public void drained() {
                MqttConnector.this.ctx.flush();
            }
        }, config.qos(), 100_000, 64L * 1024 * 1024);
    }

    public MqttConnectorConfig config() {
        return config;
    }

    /** The connection (for diagnostics and tests: its state and subscriptions). */
    public MqttLink link() {
        return link;
    }

    @Override
    public void start() {
        handler.connected(link);
        report("connecting to " + config.settings().brokerUrl());
        link.start();
    }

    @Override
    public void bindingsChanged(List<Binding> newBindings) {
        bindings = List.copyOf(newBindings);
        applyBindings(bindings);
    }

    private synchronized void applyBindings(List<Binding> list) {
        Set<String> want = handler.bind(list);
        List<String> add = want.stream().filter(f -> !subscribed.contains(f)).toList();
        for (String f : subscribed) {
            if (!want.contains(f)) {
                link.unsubscribe(f);
            }
        }
        if (!add.isEmpty()) {
            link.subscribeAll(add);
        }
        subscribed = new HashSet<>(want);
    }

    @Override
    public CompletableFuture<Void> send(Binding binding, Object value) {
        ProfileHandler.Command c;
        try {
            c = handler.command(binding, value);
        } catch (IllegalArgumentException e) {
            sendFailures.incrementAndGet();
            return Connector.failed(e.getMessage());
        }
        // never retained: see the class comment
        return link.publish(c.topic(), c.payload(), config.qos(), false).whenComplete((v, e) -> {
            if (e != null) {
                sendFailures.incrementAndGet();
            }
        });
    }

    private void externalChanged(ConnectorState s, String why) {
        externalLost = s != ConnectorState.CONNECTED;
        externalReason = why;
        report(why);
    }

    /** Works out the connector state from the link and (Peresvet protocol) the external connector. */
    private void report(String why) {
        ConnectorState s;
        String r;
        synchronized (stateLock) {
            switch (linkState) {
                case CONNECTED -> {
                    s = externalLost ? ConnectorState.CONNECTING : ConnectorState.CONNECTED;
                    r = externalLost ? externalReason : why;
                }
                case CLOSED -> {
                    s = ConnectorState.STOPPED;
                    r = "closed";
                }
                default -> {
                    s = ConnectorState.CONNECTING;
                    r = why;
                }
            }
            boolean changed = s != state;
            state = s;
            reason = r;
            if (changed) {
                since = Micros.now();
            }
            if (!changed && linkState != MqttLink.State.DISCONNECTED) {
                return;
            }
        }
        if (s != ConnectorState.STOPPED) {
            ctx.connectionChanged(s, r);
        }
    }

    @Override
    public ConnectorStatus status() {
        ConnectorState s = state;
        String r = reason;
        String offline = handler.offlineReason();
        if (s == ConnectorState.CONNECTED && offline != null) {
            r = r + "; " + offline;
        }
        return new ConnectorStatus(s, r, since, link.messagesIn(), link.rejected() + sendFailures.get());
    }

    @Override
    public void deleted() {
        handler.deleted(link);
    }

    @Override
    public void close() {
        link.close();
        state = ConnectorState.STOPPED;
        reason = "closed";
    }
}
