package org.peresvet.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.peresvet.connector.payload.CommandPayload;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.Micros;

/**
 * A test double of a device behind a connector (kind "fake"): it connects by itself, lets the
 * test push payloads and drop or restore the connection, and answers commands like a device —
 * echoing the value after a delay, never, or echoing another value. Config:
 * {"echo":"same|none|other", "echoDelayMs":20, "connect":true, "fail":"reason", "sendFails":false}.
 */
public final class FakeDevice implements Connector {
    private final ConnectorDef def;
    private final ConnectorContext ctx;
    private final String echo;
    private final long echoDelay;
    private final boolean autoConnect;
    private final boolean sendFails;
    private volatile List<Binding> bindings = List.of();
    private volatile ConnectorStatus status;
    public final List<String> sent = new CopyOnWriteArrayList<>();
    public volatile boolean closed;
    public volatile int bindingCalls;

    FakeDevice(ConnectorDef def, ConnectorContext ctx) {
        this.def = def;
        this.ctx = ctx;
        JsonNode c = def.configJson();
        if (c.has("fail")) {
            throw new IllegalArgumentException(c.get("fail").asText());
        }
        echo = c.path("echo").asText("same");
        echoDelay = c.path("echoDelayMs").asLong(20);
        autoConnect = c.path("connect").asBoolean(true);
        sendFails = c.path("sendFails").asBoolean(false);
        status = new ConnectorStatus(ConnectorState.STOPPED, "", Micros.now(), 0, 0);
    }

    /** Creates devices and remembers them by connector name. */
    public static final class Factory implements ConnectorFactory {
        public final Map<String, FakeDevice> devices = new ConcurrentHashMap<>();
        public final List<FakeDevice> all = new CopyOnWriteArrayList<>();

        @Override
        public String kind() {
            return "fake";
        }

        @Override
        public Connector create(ConnectorDef def, ConnectorContext context) {
            FakeDevice d = new FakeDevice(def, context);
            devices.put(def.name(), d);
            all.add(d);
            return d;
        }
    }

    private void state(ConnectorState s, String reason) {
        status = new ConnectorStatus(s, reason, Micros.now(), 0, 0);
        ctx.connectionChanged(s, reason);
    }

    @Override
    public void start() {
        state(ConnectorState.CONNECTING, "connecting to the fake device");
        if (autoConnect) {
            ctx.scheduler().schedule(() -> state(ConnectorState.CONNECTED, ""), 5, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void bindingsChanged(List<Binding> b) {
        bindings = b;
        bindingCalls++;
    }

    public List<Binding> bindings() {
        return bindings;
    }

    public void push(UUID tag, String payload) {
        ctx.deliver(tag, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void push(UUID tag, byte[] payload) {
        ctx.deliver(tag, payload);
    }

    public void drop(String reason) {
        state(ConnectorState.CONNECTING, reason);
    }

    public void restore() {
        state(ConnectorState.CONNECTED, "");
    }

    public void sourceLost(UUID tag) {
        ctx.sourceLost(List.of(tag), "board offline");
    }

    public ConnectorContext context() {
        return ctx;
    }

    @Override
    public CompletableFuture<Void> send(Binding binding, Object value) {
        if (status.state() != ConnectorState.CONNECTED) {
            return Connector.failed("not connected");
        }
        if (sendFails) {
            return Connector.failed("socket closed");
        }
        String payload = CommandPayload.render(binding, value, null);
        sent.add(binding.command() + " " + payload);
        switch (echo) {
            case "same" -> ctx.scheduler().schedule(() -> push(binding.tagId(), payload), echoDelay, TimeUnit.MILLISECONDS);
            case "other" -> ctx.scheduler().schedule(() -> push(binding.tagId(), "7"), echoDelay, TimeUnit.MILLISECONDS);
            default -> { }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public ConnectorStatus status() {
        return status;
    }

    @Override
    public void close() {
        closed = true;
        status = new ConnectorStatus(ConnectorState.STOPPED, "closed", Micros.now(), 0, 0);
    }

    public ConnectorDef def() {
        return def;
    }
}
