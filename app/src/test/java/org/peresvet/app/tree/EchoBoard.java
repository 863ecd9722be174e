package org.peresvet.app.tree;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.peresvet.connector.Binding;
import org.peresvet.connector.Connector;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.ConnectorFactory;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.ConnectorStatus;
import org.peresvet.connector.payload.CommandPayload;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.Micros;

/**
 * A device double behind a connector of kind "echo-board": connects at once and answers each
 * command by reporting the value back as its state after {@code echoDelayMs} — or never, with
 * {@code "echo": false}. Config: {"echo": true, "echoDelayMs": 300}.
 */
final class EchoBoard implements Connector {
    static final String KIND = "echo-board";

    private final ConnectorContext ctx;
    private final boolean echo;
    private final long echoDelayMs;
    private volatile ConnectorStatus status = new ConnectorStatus(ConnectorState.STOPPED, "", Micros.now(), 0, 0);
    final List<String> commands = new CopyOnWriteArrayList<>();

    private EchoBoard(ConnectorDef def, ConnectorContext ctx) {
        this.ctx = ctx;
        this.echo = def.configJson().path("echo").asBoolean(true);
        this.echoDelayMs = def.configJson().path("echoDelayMs").asLong(300);
    }

    /** Creates boards and keeps them so the test can look at the commands they got. */
    static final class Factory implements ConnectorFactory {
        final List<EchoBoard> boards = new CopyOnWriteArrayList<>();

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Connector create(ConnectorDef def, ConnectorContext context) {
            EchoBoard b = new EchoBoard(def, context);
            boards.add(b);
            return b;
        }
    }

    @Override
    public void start() {
        status = new ConnectorStatus(ConnectorState.CONNECTED, "", Micros.now(), 0, 0);
        ctx.connectionChanged(ConnectorState.CONNECTED, "");
    }

    @Override
    public void bindingsChanged(List<Binding> bindings) {
    }

    @Override
    public CompletableFuture<Void> send(Binding binding, Object value) {
        String payload = CommandPayload.render(binding, value, null);
        commands.add(binding.command() + " " + payload);
        if (echo) {
            ctx.scheduler().schedule(() -> ctx.deliver(binding.tagId(), payload.getBytes(StandardCharsets.UTF_8)),
                    echoDelayMs, TimeUnit.MILLISECONDS);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public ConnectorStatus status() {
        return status;
    }

    @Override
    public void close() {
        status = new ConnectorStatus(ConnectorState.STOPPED, "closed", Micros.now(), 0, 0);
    }
}
