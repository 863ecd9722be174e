package org.peresvet.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine logs to stderr. A one-shot command shows only warnings there, so its own error line
 * stays readable; {@code --debug} shows the whole log. An explicit {@code -Dperesvet.log.level}
 * always wins.
 */
final class CliLogging {
    private CliLogging() {
    }

    /** Sets the root level for this command; the returned action restores the previous one. */
    static Runnable forCommand(boolean headless, boolean debug) {
        if (System.getProperty("peresvet.log.level") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return () -> { };
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        if (headless) {
            root.setLevel(debug ? Level.DEBUG : Level.INFO);
        } else {
            root.setLevel(debug ? Level.INFO : Level.WARN);
        }
        return () -> root.setLevel(before);
    }
}
