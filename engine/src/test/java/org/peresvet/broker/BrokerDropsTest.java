package org.peresvet.broker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Moquette's per-drop warnings become a count and a summary now and then, never thousands of lines. */
class BrokerDropsTest {
    @Test
    void dropsAreCountedAndSummarisedOtherWarningsPass() {
        BrokerDrops drops = BrokerDrops.install();
        Logger moquette = (Logger) LoggerFactory.getLogger("io.moquette.broker.SessionEventLoopGroup");
        Logger broker = (Logger) LoggerFactory.getLogger(BuiltInBroker.class);
        ListAppender<ILoggingEvent> fromMoquette = new ListAppender<>();
        ListAppender<ILoggingEvent> fromBroker = new ListAppender<>();
        fromMoquette.start();
        fromBroker.start();
        moquette.addAppender(fromMoquette);
        broker.addAppender(fromBroker);
        try {
            long before = drops.dropped();
            for (int i = 0; i < 5_000; i++) {
                moquette.warn("Session command queue {} is full executing action {}", i % 4, "publish");
            }
            moquette.warn("Routing collision for action [{}]", "x");

            assertThat(drops.dropped() - before).isEqualTo(5_000);
            assertThat(BrokerDrops.install()).as("installed once").isSameAs(drops);
            assertThat(fromMoquette.list).extracting(ILoggingEvent::getMessage).containsExactly("Routing collision for action [{}]");
            assertThat(fromBroker.list).as("at most one summary in a burst").hasSizeLessThanOrEqualTo(1)
                    .allMatch(e -> e.getFormattedMessage().contains("dropped"));
        } finally {
            moquette.detachAppender(fromMoquette);
            broker.detachAppender(fromBroker);
        }
    }
}
