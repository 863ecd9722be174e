package org.peresvet.alarm;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.peresvet.alarm.internal.AlarmEngine;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.AlarmTransition;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.LoopStage;

/**
 * The alarm service of an engine: lists of alarms and their states, the operators' commands
 * (acknowledge, shelve, reset, out of service), the journal and the alarm-system health.
 * Thread-safe. Reads come from published statuses without waiting; commands run on the engine
 * loop (between samples) and return when they took effect, their transitions already on the bus.
 */
public final class Alarms {
    /** The longest a timed shelving may last unless {@link #maxShelve(Duration)} says otherwise: one shift. */
    public static final Duration DEFAULT_MAX_SHELVE = Duration.ofHours(12);

    /** Reads the alarm journal; the engine plugs in its H2 journal. */
    @FunctionalInterface
    public interface Journal {
        List<AlarmJournalEntry> query(AlarmJournalQuery query);
    }

    private static final Comparator<AlarmView> LIST_ORDER = Comparator.comparing(AlarmView::priority)
            .thenComparing(v -> -v.status().activeSince()).thenComparing(AlarmView::path);

    private final Map<UUID, AlarmStatus> statuses = new ConcurrentHashMap<>();
    private final AlarmEngine engine;
    private final Supplier<ModelSnapshot> model;
    private final Function<Runnable, CompletableFuture<Void>> onLoop;
    private final LongSupplier clock;
    private final AtomicLong published = new AtomicLong();
    private volatile Journal journal = q -> List.of();
    private volatile Duration maxShelve = DEFAULT_MAX_SHELVE;

    /**
     * @param publish where transitions go (the engine's bus)
     * @param model   the current model
     * @param current the current value of a tag
     * @param onLoop  runs a command on the engine loop thread (inline when the loop is not running)
     * @param clock   µs since the epoch
     */
    public Alarms(Consumer<AlarmEvent> publish, Supplier<ModelSnapshot> model, Function<UUID, Sample> current,
                  Function<Runnable, CompletableFuture<Void>> onLoop, LongSupplier clock) {
        this.model = model;
        this.onLoop = onLoop;
        this.clock = clock;
        this.engine = new AlarmEngine(current, clock, e -> {
            published.incrementAndGet();
            publish.accept(e);
        }, statuses);
    }

    /** The loop stage that evaluates the alarms; the engine adds it after every other stage. */
    public LoopStage stage() {
        return engine;
    }

    /** States saved before a restart, taken over when the alarms are built. Call before the engine starts. */
    public void restore(Map<UUID, AlarmStatus> saved) {
        onLoop(() -> {
            engine.restore(saved);
            return null;
        });
    }

    /** Plugs in the formula engine for expression alarms; takes effect at the next model change. */
    public void expressions(AlarmExpressions expressions) {
        onLoop(() -> {
            engine.expressions(expressions);
            return null;
        });
    }

    /**
     * Alarms that cannot be evaluated and why, by alarm id: an expression that does not compile
     * against the current model (such an alarm keeps its state and is not evaluated) or that failed
     * at its last evaluation.
     */
    public Map<UUID, String> problems() {
        return engine.problems();
    }

    /** Why this alarm cannot be evaluated, or null when it can. */
    public String problem(UUID alarmId) {
        return engine.problems().get(alarmId);
    }

    public void journal(Journal j) {
        journal = j;
    }

    public void maxShelve(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the longest shelving must be positive");
        }
        maxShelve = d;
    }

    public Duration maxShelve() {
        return maxShelve;
    }

    /** Transitions published so far (lets a caller wait until a journal has seen them all). */
    public long published() {
        return published.get();
    }

    // ---- lists ----

    /** Every alarm that is not normal (active, unacknowledged, latched, shelved, suppressed, out of service), most urgent first. */
    public List<AlarmView> active() {
        return list(s -> s.state() != AlarmState.NORMAL, null);
    }

    /** Like {@link #active()}, for alarms on tags of one object and its subtree. */
    public List<AlarmView> active(UUID subtreeRoot) {
        return list(s -> s.state() != AlarmState.NORMAL, subtreeRoot);
    }

    /** Currently shelved alarms. */
    public List<AlarmView> shelved() {
        return list(s -> s.shelving() != null, null);
    }

    /** Every evaluated (enabled) alarm. */
    public List<AlarmView> all() {
        return list(s -> true, null);
    }

    /** One alarm, or null when it does not exist, is disabled or the engine is not running. */
    public AlarmView get(UUID alarmId) {
        AlarmStatus s = statuses.get(alarmId);
        ModelSnapshot m = model.get();
        AlarmDef d = s == null ? null : m.alarm(alarmId);
        return d == null ? null : new AlarmView(d, m.alarmPath(alarmId), s);
    }

    private List<AlarmView> list(Predicate<AlarmStatus> which, UUID subtreeRoot) {
        ModelSnapshot m = model.get();
        List<AlarmView> out = new ArrayList<>();
        for (AlarmStatus s : statuses.values()) {
            if (!which.test(s)) {
                continue;
            }
            AlarmDef d = m.alarm(s.alarmId());
            if (d == null) {
                continue;
            }
            if (subtreeRoot != null) {
                TagDef t = m.tag(d.tagId());
                if (t == null || !m.isInSubtree(t.objectId(), subtreeRoot)) {
                    continue;
                }
            }
            out.add(new AlarmView(d, m.alarmPath(d.id()), s));
        }
        out.sort(LIST_ORDER);
        return out;
    }

    // ---- commands ----

    /** Acknowledges (active or returned to normal); false when there was nothing to acknowledge. */
    public boolean acknowledge(UUID alarmId, String user, String comment) {
        return onLoop(() -> engine.acknowledge(alarmId, requireUser(user), comment));
    }

    /** Acknowledges every unacknowledged alarm in a subtree (null: everywhere); returns how many. */
    public int acknowledgeAll(UUID subtreeRoot, String user, String comment) {
        requireUser(user);
        List<AlarmView> unacked = list(s -> !s.acknowledged(), subtreeRoot);
        return onLoop(() -> {
            int n = 0;
            for (AlarmView v : unacked) {
                try {
                    n += engine.acknowledge(v.id(), user, comment) ? 1 : 0;
                } catch (IllegalArgumentException gone) {
                    // deleted or disabled meanwhile
                }
            }
            return n;
        });
    }

    /**
     * Resets a latched alarm to normal; false when it is not latched.
     *
     * @throws IllegalStateException when it is latched but not acknowledged yet
     */
    public boolean reset(UUID alarmId, String user, String comment) {
        return onLoop(() -> engine.reset(alarmId, requireUser(user), comment));
    }

    /**
     * Shelves an alarm for a time (at most {@link #maxShelve()}); shelving again replaces it.
     *
     * @throws IllegalArgumentException without a reason, or for a duration out of range
     */
    public void shelve(UUID alarmId, String user, String reason, Duration duration) {
        requireUser(user);
        requireReason(reason);
        if (duration.isNegative() || duration.isZero() || duration.compareTo(maxShelve) > 0) {
            throw new IllegalArgumentException("a shelving lasts more than zero and at most " + maxShelve.toMinutes() + " minutes");
        }
        onLoop(() -> {
            engine.shelve(alarmId, user, reason, engine.now() + duration.toNanos() / 1000);
            return null;
        });
    }

    /** Shelves an alarm until it next returns to normal. */
    public void shelveOneShot(UUID alarmId, String user, String reason) {
        requireUser(user);
        requireReason(reason);
        onLoop(() -> {
            engine.shelveOneShot(alarmId, user, reason);
            return null;
        });
    }

    public boolean unshelve(UUID alarmId, String user) {
        return onLoop(() -> engine.unshelve(alarmId, requireUser(user)));
    }

    public boolean removeFromService(UUID alarmId, String user, String reason) {
        requireReason(reason);
        return onLoop(() -> engine.removeFromService(alarmId, requireUser(user), reason));
    }

    public boolean returnToService(UUID alarmId, String user) {
        return onLoop(() -> engine.returnToService(alarmId, requireUser(user)));
    }

    private static String requireUser(String user) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the operator's name is required");
        }
        return user;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required");
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T onLoop(Supplier<T> work) {
        Object[] box = new Object[1];
        try {
            onLoop.apply(() -> box[0] = work.get()).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        return (T) box[0];
    }

    // ---- journal and health ----

    public List<AlarmJournalEntry> journal(AlarmJournalQuery query) {
        return journal.query(query);
    }

    /** Journal rows as CSV (RFC 4180, a header line, times in ISO-8601 UTC). */
    public void exportCsv(AlarmJournalQuery query, Appendable out) throws IOException {
        AlarmJournalCsv.write(journal.query(query), out);
    }

    /** The health of the alarm system over a period (µs): rates, floods, chattering, stale, most frequent, shelved. */
    public AlarmHealth.Report health(long from, long to) {
        List<AlarmJournalEntry> activations = journal.query(AlarmJournalQuery.all().period(from, to)
                .transitions(AlarmTransition.ACTIVATED).limit(Integer.MAX_VALUE));
        return AlarmHealth.compute(activations, all(), from, to, clock.getAsLong());
    }

    /** The health over the last {@code period} up to now. */
    public AlarmHealth.Report health(Duration period) {
        long now = clock.getAsLong();
        return health(now - period.toNanos() / 1000, now);
    }
}
