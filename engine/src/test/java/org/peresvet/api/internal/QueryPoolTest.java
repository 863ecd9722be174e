package org.peresvet.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Query slots: a failed query frees its slot, a full pool and queue answer 503, the buffer comes back empty. */
class QueryPoolTest {

    @Test
    void aQueryThatFailsOrRunsOutOfMemoryFreesItsSlot() throws Exception {
        try (QueryPool pool = new QueryPool(1, 0)) {
            assertThatThrownBy(() -> pool.run(held -> {
                held.write(new byte[2 << 20], 0, 2 << 20); // grown beyond what a slot keeps
                throw new IllegalStateException("broken query");
            })).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> pool.run(held -> {
                throw new OutOfMemoryError("Java heap space");
            })).isInstanceOf(ApiError.class).hasMessageContaining("more memory");
            assertThat(pool.busy()).isZero();
            AtomicReference<Integer> size = new AtomicReference<>();
            pool.run(held -> size.set(held.size()));
            assertThat(size.get()).as("the slot's buffer comes back empty").isZero();
        }
    }

    @Test
    void aFullPoolAndQueueAnswer503AndTheQueueWaitsItsTurn() throws Exception {
        try (QueryPool pool = new QueryPool(1, 1)) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread first = new Thread(() -> {
                try {
                    pool.run(held -> {
                        running.countDown();
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            first.start();
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Boolean> secondRan = new AtomicReference<>(false);
            Thread second = new Thread(() -> {
                try {
                    pool.run(held -> secondRan.set(true));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            second.start();
            while (pool.busy() < 2) {
                Thread.sleep(5);
            }
            assertThatThrownBy(() -> pool.run(held -> { })).isInstanceOf(ApiError.class)
                    .hasMessageContaining("too many history queries");
            release.countDown();
            first.join(10_000);
            second.join(10_000);
            assertThat(secondRan.get()).isTrue();
            assertThat(pool.busy()).isZero();
        }
    }
}
