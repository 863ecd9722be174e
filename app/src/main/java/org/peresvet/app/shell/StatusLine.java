package org.peresvet.app.shell;

import org.peresvet.app.Messages;
import org.peresvet.engine.EngineStatus;

/** The texts of the status bar's slots, from the engine's status. Pure: no toolkit. */
public final class StatusLine {
    private StatusLine() {
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

    public static boolean historyFails(EngineStatus s) {
        return s != null && s.historyError() != null;
    }
}
