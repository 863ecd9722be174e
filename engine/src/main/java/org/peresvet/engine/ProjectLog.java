package org.peresvet.engine;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.peresvet.runtime.StorageFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adds a rolling log file in the project's {@code logs/} folder beside the console log. */
final class ProjectLog {
    private static final String NAME = "project-file";

    private ProjectLog() {
    }

    static synchronized void attach(Path logs) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J backend: leave logging to it
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) != null) {
            root.getAppender(NAME).stop();
            root.detachAppender(NAME);
        }
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        enc.start();
        RollingFileAppender<ILoggingEvent> app = new RollingFileAppender<>();
        app.setName(NAME);
        app.setContext(ctx);
        app.setFile(logs.resolve("peresvet.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(app);
        policy.setFileNamePattern(logs.resolve("peresvet.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("20MB"));
        policy.setMaxHistory(30);
        policy.setTotalSizeCap(FileSize.valueOf("500MB"));
        policy.start();
        app.setRollingPolicy(policy);
        app.setEncoder(enc);
        app.start();
        root.addAppender(app);
        FileFaults faults = FileFaults.INSTANCE;
        faults.file = logs.resolve("peresvet.log");
        if (!ctx.getStatusManager().getCopyOfStatusListenerList().contains(faults)) {
            ctx.getStatusManager().add(faults);
        }
    }

    /** Removes the project's log file (tests; a project closes). */
    static synchronized void detach() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
            if (root.getAppender(NAME) != null) {
                root.getAppender(NAME).stop();
                root.detachAppender(NAME);
            }
            ctx.getStatusManager().remove(FileFaults.INSTANCE);
        }
    }

    /**
     * Says so on the console when the log file cannot be written, and in the file when it can again.
     * Logback keeps writing to the console meanwhile and retries the file by itself, but silently:
     * on a full disk the log of the fault would be lost exactly when it matters. It reports the
     * failure and the recovery of the file's stream as statuses; this listener turns them into lines.
     */
    static final class FileFaults implements StatusListener {
        static final FileFaults INSTANCE = new FileFaults();
        static final String CANNOT_WRITE = "cannot be written";
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        /** A recovery counts once the file took lines for this long: a nearly full disk flaps. */
        static final long STEADY_MILLIS = 5_000;
        volatile Path file;
        private long failedSince;
        private long lastFailure;

        @Override
        public void addStatusEvent(Status status) {
            Path f = file;
            String m = status.getMessage();
            if (f == null || m == null || !m.contains(f.toString())) {
                return;
            }
            if (status.getLevel() == Status.ERROR && m.startsWith("IO failure while writing to")) {
                boolean first;
                synchronized (this) {
                    lastFailure = System.currentTimeMillis();
                    first = failedSince == 0;
                    if (first) {
                        failedSince = lastFailure;
                    }
                }
                if (first) {
                    // Straight to the console: logging here would go back into the failing appender.
                    System.err.println(LocalDateTime.now().format(TIME) + " ERROR ProjectLog - The log file " + f + " "
                            + CANNOT_WRITE + " (" + StorageFault.of(status.getThrowable(), f).describe()
                            + "); the log goes on on the console only until it can");
                }
            } else if (m.startsWith("Recovered from IO failure")) {
                long recovered = System.currentTimeMillis();
                // On another thread: this runs inside the file appender's write.
                Thread t = new Thread(() -> confirmRecovery(f, recovered), "peresvet-log-recovered");
                t.setDaemon(true);
                t.start();
            }
        }

        private void confirmRecovery(Path f, long recovered) {
            try {
                Thread.sleep(STEADY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long since;
            synchronized (this) {
                if (failedSince == 0 || lastFailure > recovered) {
                    return; // failed again since: the episode goes on
                }
                since = failedSince;
                failedSince = 0;
            }
            String when = LocalDateTime.ofInstant(Instant.ofEpochMilli(since), ZoneId.systemDefault()).format(TIME);
            LoggerFactory.getLogger(ProjectLog.class).warn(
                    "The log file {} can be written again; lines logged since {} are on the console only", f, when);
        }
    }
}
