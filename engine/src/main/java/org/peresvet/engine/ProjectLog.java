package org.peresvet.engine;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
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
    }
}
