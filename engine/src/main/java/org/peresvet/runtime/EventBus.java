package org.peresvet.runtime;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed events for whoever listens (methods, the journal, the UI bridge, the API). Publishing
 * never blocks: each subscriber has its own queue, drained in order on a shared pool, one event
 * at a time per subscriber, and a warning is logged when a subscriber falls behind.
 */
public final class EventBus implements EventSource {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final int BEHIND_WARNING = 10_000;

    private final List<Listener<?>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService pool;

    public EventBus() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "peresvet-events-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <E extends EngineEvent> Subscription subscribe(Class<E> type, Consumer<? super E> handler) {
        Listener<E> l = new Listener<>(type, handler);
        listeners.add(l);
        return l;
    }

    public void publish(EngineEvent event) {
        for (Listener<?> l : listeners) {
            l.offer(event);
        }
    }

    public void shutdown() {
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener<E extends EngineEvent> implements Subscription {
        private final Class<E> type;
        private final Consumer<? super E> handler;
        private final Queue<E> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean closed;

        Listener(Class<E> type, Consumer<? super E> handler) {
            this.type = type;
            this.handler = handler;
        }

        void offer(EngineEvent event) {
            if (closed || !type.isInstance(event)) {
                return;
            }
            queue.add(type.cast(event));
            int behind = size.incrementAndGet();
            if (behind % BEHIND_WARNING == 0) { // the count just reached: a re-read may see the queue drained
                LOG.warn("An event subscriber for {} is {} events behind", type.getSimpleName(), behind);
            }
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    pool.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    scheduled.set(false);
                }
            }
        }

        private void drain() {
            for (E e; !closed && (e = queue.poll()) != null; ) {
                size.decrementAndGet();
                try {
                    handler.accept(e);
                } catch (RuntimeException ex) {
                    LOG.error("Event subscriber failed on {}", e, ex);
                }
            }
            scheduled.set(false);
            if (!closed && !queue.isEmpty()) {
                schedule();
            }
        }

        @Override
        public int pending() {
            return size.get();
        }

        @Override
        public void close() {
            closed = true;
            listeners.remove(this);
            queue.clear();
        }
    }
}
