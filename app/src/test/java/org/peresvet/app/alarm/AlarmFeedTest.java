package org.peresvet.app.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.peresvet.alarm.AlarmView;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmTransition;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.EventBus;

/** The feed reads the alarm list once per refresh however many events arrive (a real bus, a fake clock). */
class AlarmFeedTest {
    private final Alarms4Test p = new Alarms4Test();

    @Test
    void aFloodOfEventsIsOneReadPerRefresh() throws Exception {
        EventBus bus = new EventBus();
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        AlarmFeed feed = new AlarmFeed(200_000_000L, clock::get);
        AtomicInteger reads = new AtomicInteger();
        List<AlarmView> now = List.of(p.view(p.levelHi, AlarmState.UNACKNOWLEDGED, 1));
        feed.attach(() -> {
            reads.incrementAndGet();
            return now;
        }, changed -> bus.subscribe(AlarmEvent.class, e -> changed.run()));
        assertThat(feed.poll()).as("the first poll reads what is there at start").isEqualTo(now);
        assertThat(feed.poll()).as("nothing new").isNull();

        AlarmView v = now.get(0);
        for (int i = 0; i < 5000; i++) {
            bus.publish(new AlarmEvent(i, v.id(), v.def().tagId(), v.path(), "/Plant/Tank", v.priority(),
                    AlarmTransition.ACTIVATED, AlarmState.NORMAL, v.status(), 4.9, null, null, "m"));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (feed.events() < 5000 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(feed.events()).isEqualTo(5000);
        assertThat(feed.poll()).as("too soon after the last read").isNull();
        clock.addAndGet(250_000_000L);
        assertThat(feed.poll()).isEqualTo(now);
        clock.addAndGet(250_000_000L);
        assertThat(feed.poll()).as("every event was coalesced into that read").isNull();
        assertThat(reads.get()).isEqualTo(2);

        feed.invalidate();
        clock.addAndGet(250_000_000L);
        assertThat(feed.poll()).isEqualTo(now);
        feed.close();
        bus.publish(new AlarmEvent(1, v.id(), v.def().tagId(), v.path(), "/Plant/Tank", v.priority(),
                AlarmTransition.CLEARED, AlarmState.NORMAL, v.status(), 1.0, null, null, "m"));
        clock.addAndGet(250_000_000L);
        assertThat(feed.poll()).as("detached: no reads").isNull();
        bus.shutdown();
    }
}
