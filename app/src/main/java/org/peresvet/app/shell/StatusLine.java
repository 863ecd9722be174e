package org.peresvet.app.shell;

import java.util.List;
import java.util.Locale;
import org.peresvet.app.Messages;
import org.peresvet.broker.BrokerStatus;
import org.peresvet.broker.BuiltInBroker;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.NamedStatus;
import org.peresvet.engine.EngineStatus;
import org.peresvet.export.ExportStatus;
import org.peresvet.runtime.HistoryHealth;

/** The texts of the status bar's slots, from the engine's status. Pure: no toolkit. */
public final class StatusLine {
    private StatusLine() {
    }

    /**
     * A named part and its state in a few words, e.g. ("mqtt-plant", "connected", true). Connectors
     * will be shown this way once the engine reports them: one list, one call to {@link #states}.
     */
    public record NamedState(String name, String state, boolean ok) {
    }

    /** A slot's text and whether it shows something abnormal. */
    public record Slot(String text, boolean abnormal) {
    }

    public static String engine(EngineStatus s) {
        if (s == null) {
            return Messages.get("status.noProject");
        }
        String key = s.running() ? "status.running" : "status.stopped";
        return Messages.get(key, s.tags(), s.simulatedTags(), s.samplesAccepted(), s.historyWritten());
    }

    /** The history writer's health: empty while it works, the error otherwise. */
    public static String history(EngineStatus s) {
        if (s == null || s.historyError() == null) {
            return s == null ? "" : Messages.get("status.historyOk", s.historyBuffered());
        }
        return Messages.get("status.historyError", s.historyError());
    }

    /** How long the status bar says when history writing resumed after a fault. */
    static final long RESUMED_SHOWN_MILLIS = 10 * 60_000L;

    /**
     * The history slot with the fault explained (disk full, which file, the free space) and what
     * waits in memory against its bound; after a fault, when writing resumed (for a while).
     */
    public static String history(EngineStatus s, HistoryHealth h, long nowMillis) {
        if (s == null || h == null) {
            return history(s);
        }
        if (h.failing()) {
            return Messages.get("status.historyFault", h.fault().describe(), h.kept(), h.keptLimit());
        }
        if (h.resumedAt() > 0 && nowMillis - h.resumedAt() < RESUMED_SHOWN_MILLIS) {
            return Messages.get("status.historyResumed", java.time.LocalTime.ofInstant(
                    java.time.Instant.ofEpochMilli(h.resumedAt()), java.time.ZoneId.systemDefault()).withNano(0));
        }
        return history(s);
    }

    public static boolean historyFails(EngineStatus s) {
        return s != null && s.historyError() != null;
    }

    /** "Connectors: plc ok · mqtt lost" with a label; abnormal when any is not ok. */
    public static Slot states(String labelKey, List<NamedState> states) {
        if (states == null || states.isEmpty()) {
            return new Slot(Messages.get(labelKey, Messages.get("status.none")), false);
        }
        StringBuilder b = new StringBuilder();
        boolean bad = false;
        for (NamedState n : states) {
            if (b.length() > 0) {
                b.append(" · ");
            }
            b.append(n.name()).append(' ').append(n.ok() ? n.state() : "\u26A0 " + n.state());
            bad |= !n.ok();
        }
        return new Slot(Messages.get(labelKey, b), bad);
    }

    /** The enabled connectors: each one's state in a word; abnormal when one is not connected. */
    public static Slot connectors(List<NamedStatus> all) {
        List<NamedState> parts = all == null ? List.of() : all.stream().filter(NamedStatus::enabled)
                .map(c -> new NamedState(c.name(), connectorWord(c.status().state()),
                        c.status().state() == ConnectorState.CONNECTED))
                .toList();
        return states("status.connectors", parts);
    }

    private static String connectorWord(ConnectorState state) {
        return switch (state) {
            case CONNECTED -> Messages.get("status.connector.connected");
            case CONNECTING -> Messages.get("status.connector.connecting");
            case ERROR -> Messages.get("status.connector.error");
            case STOPPED -> Messages.get("status.connector.stopped");
        };
    }

    /** The connectors' slot with the built-in broker after it (when switched on): its port and clients, or why it failed. */
    public static Slot withBroker(Slot connectors, BrokerStatus b) {
        if (b == null) {
            return connectors;
        }
        boolean up = b.state() == BuiltInBroker.State.RUNNING;
        String text = up ? Messages.get("status.broker", String.valueOf(b.port()), b.clients())
                : Messages.get("status.brokerDown", b.error() == null ? b.state().name().toLowerCase(Locale.ROOT) : b.error());
        return new Slot(connectors.text() + " · " + text, connectors.abnormal() || !up);
    }

    /** The exporters: off, or each target's connection and queue depth. */
    public static Slot exporter(ExportStatus s) {
        if (s == null || s.targets().isEmpty()) {
            return new Slot(Messages.get("status.exporterOff"), false);
        }
        List<NamedState> parts = s.targets().stream().map(t -> new NamedState(t.name(),
                t.lastError() == null && t.connected()
                        ? Messages.get("status.exportQueue", t.unsentSamples())
                        : Messages.get("status.exportDown", t.unsentSamples()),
                t.connected() && t.lastError() == null && !t.queueAlarm())).toList();
        Slot slot = states("status.exporter", parts);
        return s.lastError() == null ? slot : new Slot(slot.text() + " · " + s.lastError(), true);
    }
}
