package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A long outage logs one stack trace, then one line per retry with its count, then the recovery. */
class FaultEpisodeTest {
    @TempDir
    Path dir;

    @Test
    void oneStackTracePerEpisodeThenOneLinePerRetry() {
        Logger log = (Logger) LoggerFactory.getLogger("fault-episode-test");
        log.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        FaultEpisode e = new FaultEpisode(log, "Writing history", dir.resolve("history.mv.db"));
        for (int i = 0; i < 5; i++) {
            e.failed(new IOException("No space left on device"), "12 samples are kept in memory");
        }
        assertThat(e.attempts()).isEqualTo(5);
        e.succeeded();
        e.failed(new IOException("No space left on device"), "1 samples are kept in memory");
        assertThat(events.list).hasSize(7);
        assertThat(events.list).filteredOn(ev -> ev.getThrowableProxy() != null).hasSize(2); // one per episode
        assertThat(events.list.get(0).getFormattedMessage()).startsWith("Writing history failed: disk full: cannot write "
                + dir.resolve("history.mv.db")).endsWith("; 12 samples are kept in memory; retrying");
        assertThat(events.list.get(4).getFormattedMessage()).startsWith("Writing history still fails (attempt 5, for 0 s): disk full");
        assertThat(events.list.get(4).getThrowableProxy()).isNull();
        assertThat(events.list.get(5).getFormattedMessage()).isEqualTo("Writing history works again after 5 failed attempts in 0 s");
        assertThat(e.resumedAt()).isPositive();
        log.detachAppender(events);
    }
}
