package org.peresvet.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.peresvet.app.project.LiveValues;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.Subscription;

/** The coalescing bridge, without a JavaFX toolkit: the test thread plays the FX thread. */
class ValueBridgeTest {

    /** A value source the test drives by hand. */
    static final class FakeSource implements LiveValues {
        final Map<UUID, Sample> current = new HashMap<>();
        Consumer<List<TagSample>> listener;
        int subscriptions;
        boolean closed;

        @Override
        public Subscription subscribe(Consumer<List<TagSample>> l) {
            listener = l;
            subscriptions++;
            return new Subscription() {
                @Override
                public void close() {
                    closed = true;
                }

                @Override
                public int pending() {
                    return 0;
                }
            };
        }

        @Override
        public Sample current(UUID tagId) {
            return current.get(tagId);
        }

        void send(UUID id, long x, Object y) {
            listener.accept(List.of(new TagSample(id, Sample.of(x, y))));
        }
    }

    private final FakeSource source = new FakeSource();
    private final ValueBridge bridge = new ValueBridge();
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void aWatchedTagStartsWithItsCurrentValueAndChangesOnlyOnAPulse() {
        source.current.put(a, Sample.of(10, 1.0));
        bridge.attach(source, ModelSnapshot.empty());
        Watch w = bridge.watch(List.of(a));
        assertThat(w.get(a).getSample().y()).isEqualTo(1.0);

        source.send(a, 20, 2.0);
        assertThat(w.get(a).getSample().y()).as("nothing changes between pulses").isEqualTo(1.0);
        assertThat(bridge.pulse()).isEqualTo(1);
        assertThat(w.get(a).getSample().y()).isEqualTo(2.0);
    }

    @Test
    void manySamplesOfOneTagBetweenPulsesGiveOneUpdateWithTheNewest() {
        bridge.attach(source, ModelSnapshot.empty());
        Watch w = bridge.watch(List.of(a));
        AtomicInteger changes = new AtomicInteger();
        w.get(a).sampleProperty().addListener((obs, o, n) -> changes.incrementAndGet());
        for (int i = 1; i <= 1000; i++) {
            source.send(a, i, (double) i);
        }
        source.send(a, 5, -1.0); // late and older: must not hide the newest
        assertThat(bridge.pendingCount()).isEqualTo(1);
        assertThat(bridge.pulse()).isEqualTo(1);
        assertThat(changes).hasValue(1);
        assertThat(w.get(a).getSample().y()).isEqualTo(1000.0);
        assertThat(bridge.pulse()).as("nothing new").isZero();
    }

    @Test
    void unwatchedTagsAreDroppedOnTheDeliveryThread() {
        bridge.attach(source, ModelSnapshot.empty());
        Watch w = bridge.watch(List.of(a));
        source.send(b, 1, 3.0);
        assertThat(bridge.pendingCount()).isZero();
        w.close();
        source.send(a, 2, 4.0);
        assertThat(bridge.pendingCount()).isZero();
        assertThat(bridge.watchedCount()).isZero();
    }

    @Test
    void twoScreensShareOneLiveValueUntilBothClose() {
        bridge.attach(source, ModelSnapshot.empty());
        Watch one = bridge.watch(List.of(a));
        Watch two = bridge.watch(List.of(a, b));
        assertThat(one.get(a)).isSameAs(two.get(a));
        one.close();
        one.close(); // closing twice is harmless
        source.send(a, 1, 5.0);
        bridge.pulse();
        assertThat(two.get(a).getSample().y()).isEqualTo(5.0);
        two.close();
        assertThat(bridge.watchedCount()).isZero();
        assertThat(source.subscriptions).as("one engine subscription for every screen").isEqualTo(1);
    }

    @Test
    void modelChangesArePublishedOnThePulseAndOnlyTheNewest() {
        bridge.attach(source, ModelSnapshot.empty());
        List<ModelSnapshot> seen = new ArrayList<>();
        bridge.modelProperty().addListener((obs, o, n) -> seen.add(n));
        ModelSnapshot m1 = ModelSnapshot.empty();
        ModelSnapshot m2 = ModelSnapshot.empty();
        bridge.modelChanged(m1);
        bridge.modelChanged(m2);
        assertThat(seen).isEmpty();
        bridge.pulse();
        assertThat(seen).containsExactly(m2);
    }

    @Test
    void attachingAnotherProjectClosesTheOldSubscription() {
        bridge.attach(source, ModelSnapshot.empty());
        Watch w = bridge.watch(List.of(a));
        FakeSource other = new FakeSource();
        other.current.put(a, Sample.of(99, 7.0));
        bridge.attach(other, ModelSnapshot.empty());
        assertThat(source.closed).isTrue();
        assertThat(w.get(a).getSample().y()).isEqualTo(7.0);
    }

    @Test
    void valuesAreAppliedAtMostOncePerRefreshAndAPulseHasABudget() {
        long[] now = {1_000_000_000L};
        ValueBridge paced = new ValueBridge(100_000_000L, 2, () -> now[0]);
        paced.attach(source, ModelSnapshot.empty());
        Watch w = paced.watch(List.of(a, b, UUID.randomUUID()));
        source.send(a, 1, 1.0);
        assertThat(paced.pulse()).isEqualTo(1);
        source.send(a, 2, 2.0);
        source.send(b, 2, 2.0);
        now[0] += 16_000_000L; // the next pulse, 16 ms later
        assertThat(paced.pulse()).as("too soon after the last refresh").isZero();
        assertThat(w.get(a).getSample().y()).isEqualTo(1.0);
        source.send(a, 3, 3.0);
        now[0] += 100_000_000L;
        assertThat(paced.pulse()).as("both tags in one refresh").isEqualTo(2);
        assertThat(w.get(a).getSample().y()).as("the newest; only the stale middle value is skipped").isEqualTo(3.0);

        for (UUID id : w.values().keySet()) {
            source.send(id, 10, 9.0);
        }
        now[0] += 200_000_000L;
        assertThat(paced.pulse()).as("budget per pulse").isEqualTo(2);
        now[0] += 200_000_000L;
        assertThat(paced.pulse()).as("the rest on the next refresh").isEqualTo(1);
    }

    @Test
    void aBurstOfTenThousandTagsIsAppliedInOnePulse() {
        ValueBridge bridge = new ValueBridge(0, Integer.MAX_VALUE, System::nanoTime);
        bridge.attach(source, ModelSnapshot.empty());
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(UUID.randomUUID());
        }
        Watch w = bridge.watch(ids);
        List<TagSample> batch = new ArrayList<>();
        for (UUID id : ids) {
            batch.add(new TagSample(id, Sample.of(1, 1.0)));
        }
        source.listener.accept(batch);
        assertThat(bridge.pulse()).isEqualTo(10_000);
        assertThat(bridge.stats().pulses()).isEqualTo(1);
        assertThat(Set.copyOf(w.values().keySet())).hasSize(10_000);
    }
}
