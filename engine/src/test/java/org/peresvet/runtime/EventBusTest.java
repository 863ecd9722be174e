package org.peresvet.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBusTest {
    record Ping(long time, int n) implements EngineEvent {
    }

    record Other(long time) implements EngineEvent {
    }

    @Test
    void deliversInOrderByTypeAndASlowSubscriberDoesNotBlockPublishers() throws Exception {
        EventBus bus = new EventBus();
        List<Integer> got = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        bus.subscribe(Ping.class, p -> got.add(p.n()));
        Subscription slow = bus.subscribe(EngineEvent.class, e -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            bus.publish(new Ping(i, i));
            bus.publish(new Other(i));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
        long deadline = System.currentTimeMillis() + 5000;
        while (got.size() < 1000 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(got).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(got.get(i)).isEqualTo(i);
        }
        assertThat(slow.pending()).isGreaterThan(1000);
        release.countDown();
        slow.close();
        bus.shutdown();
    }
}
