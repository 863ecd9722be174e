package org.peresvet.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/** The ingest queue's bound and the rule that the current value is the last sample at or before now. */
class EngineLoopTest {
    private final TagDef tag = TagDef.builder(UUID.randomUUID(), "Level", ValueType.DOUBLE).build();
    private EngineLoop loop;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    private List<TagSample> batch(int n, long x0) {
        List<TagSample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new TagSample(tag.id(), Sample.of(x0 + i, (double) i)));
        }
        return out;
    }

    @Test
    void theQueueIsBoundedBySamplesNotBatches() throws Exception {
        loop = new EngineLoop(100);
        loop.load(tag, null);
        loop.start();
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                release.await(); // the loop is busy: nothing leaves the queue
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicInteger queued = new AtomicInteger();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 4; i++) {
                loop.submit(batch(40, 1_000L * i)); // 40 + 40 fit in 100, the third batch waits
                queued.incrementAndGet();
            }
        });
        producer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queued.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertThat(queued.get()).isEqualTo(2);
        assertThat(loop.queuedSamples()).isEqualTo(80);
        release.countDown();
        producer.join(10_000);
        assertThat(queued.get()).isEqualTo(4);
        loop.execute(() -> { }).join();
        assertThat(loop.received()).isEqualTo(160);
        assertThat(loop.queuedSamples()).isZero();
    }

    @Test
    void aBatchLargerThanTheBoundStillGetsThroughAlone() {
        loop = new EngineLoop(10);
        loop.load(tag, null);
        loop.start();
        loop.submit(batch(50, 0));
        loop.submit(batch(50, 100));
        loop.execute(() -> { }).join();
        assertThat(loop.received()).isEqualTo(100);
    }

    @Test
    void aFutureSampleIsStoredAtOnceButBecomesCurrentOnlyWhenDue() throws Exception {
        loop = new EngineLoop(1000);
        loop.load(tag, null);
        List<TagSample> stored = new CopyOnWriteArrayList<>();
        List<TagSample> current = new CopyOnWriteArrayList<>();
        loop.addSink(stored::addAll);
        loop.addCurrentSink(current::addAll);
        loop.start();
        long now = Micros.now();
        Sample past = Sample.of(now - 1_000_000, 1.0);
        Sample soon = Sample.of(now + 700_000, 2.0);
        Sample farAhead = Sample.of(now + 3_600_000_000L, 3.0);
        loop.submit(List.of(new TagSample(tag.id(), past), new TagSample(tag.id(), soon), new TagSample(tag.id(), farAhead)));
        loop.execute(() -> { }).join();

        assertThat(stored).extracting(TagSample::sample).containsExactly(past, soon, farAhead);
        if (Micros.now() < soon.x()) { // a very busy machine may already be past it
            assertThat(loop.state(tag.id()).current()).isEqualTo(past);
            assertThat(current).extracting(TagSample::sample).containsExactly(past);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!soon.equals(loop.state(tag.id()).current()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(loop.state(tag.id()).current()).isEqualTo(soon);
        loop.execute(() -> { }).join();
        assertThat(current).extracting(TagSample::sample).containsExactly(past, soon);
    }

    @Test
    void aDueFutureSampleDoesNotReplaceANewerCurrentValue() throws Exception {
        loop = new EngineLoop(1000);
        loop.load(tag, null);
        loop.start();
        long now = Micros.now();
        Sample soon = Sample.of(now + 300_000, 2.0);
        loop.submit(List.of(new TagSample(tag.id(), soon)));
        loop.execute(() -> { }).join();
        while (Micros.now() <= soon.x() + 200_000) {
            Thread.sleep(20);
        }
        Sample newer = Sample.of(Micros.now(), 5.0);
        loop.submit(List.of(new TagSample(tag.id(), newer)));
        loop.execute(() -> { }).join();
        assertThat(loop.state(tag.id()).current()).isEqualTo(newer);
    }
}
