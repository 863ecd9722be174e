package org.peresvet.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.peresvet.model.TagSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers accepted samples to subscribers without ever stalling the engine loop. Each subscriber
 * has a coalescing mailbox (latest sample per tag) drained by a shared executor, one delivery at a
 * time per subscriber; a slow subscriber only sees fewer, newer values, and a warning is logged.
 */
public final class SubscriptionHub implements SampleSink {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHub.class);
    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery;
    /** Resolves a filter to the set of tag ids it covers now; null means every tag. */
    private final Function<SubscriptionFilter, Set<UUID>> resolver;
    private final AtomicInteger ids = new AtomicInteger();

    public SubscriptionHub(Function<SubscriptionFilter, Set<UUID>> resolver) {
        this.resolver = resolver;
        AtomicInteger n = new AtomicInteger();
        this.delivery = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "peresvet-subscribers-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Subscribes; {@code initial} (the current values of the covered tags) is delivered first.
     */
    public Subscription subscribe(SubscriptionFilter filter, Consumer<List<TagSample>> listener, List<TagSample> initial) {
        Subscriber s = new Subscriber(ids.incrementAndGet(), filter, listener);
        s.covered = resolver.apply(filter);
        subscribers.add(s);
        for (TagSample ts : initial) {
            s.offer(ts);
        }
        s.schedule();
        return s;
    }

    /** The model changed: subtree subscriptions may now cover other tags. */
    public void modelChanged() {
        for (Subscriber s : subscribers) {
            s.covered = resolver.apply(s.filter);
        }
    }

    @Override
    public void accepted(List<TagSample> batch) {
        for (Subscriber s : subscribers) {
            boolean any = false;
            Set<UUID> covered = s.covered;
            for (TagSample ts : batch) {
                if (covered == null || covered.contains(ts.tagId())) {
                    s.offer(ts);
                    any = true;
                }
            }
            if (any) {
                s.schedule();
            }
        }
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public void shutdown() {
        delivery.shutdown();
        try {
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Subscriber implements Subscription {
        private final int id;
        private final SubscriptionFilter filter;
        private final Consumer<List<TagSample>> listener;
        private final Map<UUID, TagSample> mailbox = new ConcurrentHashMap<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile Set<UUID> covered;
        private volatile boolean closed;
        private long lastWarn;

        Subscriber(int id, SubscriptionFilter filter, Consumer<List<TagSample>> listener) {
            this.id = id;
            this.filter = filter;
            this.listener = listener;
        }

        void offer(TagSample ts) {
            // Keep the newest sample per tag; an older timestamp arriving late never hides a newer one.
            mailbox.merge(ts.tagId(), ts, (old, neu) -> neu.sample().x() >= old.sample().x() ? neu : old);
        }

        void schedule() {
            if (!closed && scheduled.compareAndSet(false, true)) {
                try {
                    delivery.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    scheduled.set(false); // shutting down
                }
            }
        }

        /** Runs with {@code scheduled} held, so one subscriber never gets two deliveries at once. */
        private void drain() {
            if (!closed && !mailbox.isEmpty()) {
                deliver();
            }
            scheduled.set(false);
            if (!closed && !mailbox.isEmpty()) {
                schedule(); // values that arrived during the delivery
            }
        }

        private void deliver() {
            List<TagSample> out = new ArrayList<>(mailbox.size());
            for (UUID tag : mailbox.keySet()) {
                TagSample ts = mailbox.remove(tag);
                if (ts != null) {
                    out.add(ts);
                }
            }
            long t0 = System.nanoTime();
            try {
                listener.accept(out);
            } catch (RuntimeException e) {
                LOG.error("Subscriber {} failed while handling {} values", id, out.size(), e);
            }
            long took = System.nanoTime() - t0;
            if (took > SLOW_NANOS && System.nanoTime() - lastWarn > TimeUnit.SECONDS.toNanos(10)) {
                lastWarn = System.nanoTime();
                LOG.warn("Subscriber {} is slow: one delivery took {} ms; it now receives only the newest value per tag",
                        id, took / 1_000_000);
            }
        }

        @Override
        public int pending() {
            return mailbox.size();
        }

        @Override
        public void close() {
            closed = true;
            subscribers.remove(this);
            mailbox.clear();
        }
    }
}
