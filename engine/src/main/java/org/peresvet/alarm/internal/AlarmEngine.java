package org.peresvet.alarm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.peresvet.alarm.AlarmExpressions;
import org.peresvet.alarm.AlarmStateMachine;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.AlarmTransition;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.LoopStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarms as a stage of the engine loop: alarms indexed by the tags they watch, evaluated on
 * every accepted sample in order, delays and shelving expiry on the loop's timer. Everything here
 * runs on the loop thread; the statuses it publishes (a concurrent map) and the events it emits are
 * what other threads see.
 */
public final class AlarmEngine implements LoopStage {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);
    private static final AlarmRuntime[] NONE = new AlarmRuntime[0];

    /** A tag that alarms read on the slow path, and its latest sample seen in order. */
    static final class Watch {
        AlarmRuntime[] own = NONE;
        AlarmRuntime[] dependents = NONE;
        AlarmRuntime[] suppresses = NONE;
        Sample last;
    }

    private final Function<UUID, Sample> current;
    private final LongSupplier clock;
    private final Consumer<AlarmEvent> out;
    private final Map<UUID, AlarmStatus> statuses;
    /** Why an alarm cannot be evaluated (its expression does not compile or failed), by alarm id. */
    private final Map<UUID, String> problems = new java.util.concurrent.ConcurrentHashMap<>();
    private AlarmExpressions expressions = AlarmExpressions.NONE;
    private boolean expressionsChanged;
    private final Map<UUID, AlarmStatus> restored = new HashMap<>();
    private Map<UUID, AlarmRuntime> runtimes = new HashMap<>();
    /** Watches of the slow-path tags, for the values of setpoints, suppression tags and expression inputs. */
    private Map<UUID, Watch> watches = new HashMap<>();
    /** Every watched tag: the fast path for limit alarms, the way to the slow path for the others. */
    private LimitTable table = new LimitTable(0);
    private int watchedTags;
    /** The sample and time being processed, for {@link #fastChanged} (no allocation per sample). */
    private Sample currentSample;
    private long currentNow;
    private final LimitTable.Changed fastChanged = this::fastChanged;
    /** Alarms with a running delay or a timed shelving: the only ones {@link #tick} looks at. */
    private final Set<AlarmRuntime> timers = new LinkedHashSet<>();
    private volatile boolean built;

    /**
     * @param current  the engine's current value of a tag (for values that arrived before a definition)
     * @param clock    µs since the epoch; tests pass a fake clock
     * @param out      receives every transition (the bus)
     * @param statuses where the latest status of every evaluated alarm is published
     */
    public AlarmEngine(Function<UUID, Sample> current, LongSupplier clock, Consumer<AlarmEvent> out,
                       Map<UUID, AlarmStatus> statuses) {
        this.current = current;
        this.clock = clock;
        this.out = out;
        this.statuses = statuses;
    }

    /** States saved before a restart; taken over by the alarms when they are built. Call before the first model. */
    public void restore(Map<UUID, AlarmStatus> saved) {
        restored.putAll(saved);
    }

    public void expressions(AlarmExpressions e) {
        expressions = e == null ? AlarmExpressions.NONE : e;
        expressionsChanged = true;
    }

    /** Alarms that cannot be evaluated and why; readable from any thread. */
    public Map<UUID, String> problems() {
        return java.util.Collections.unmodifiableMap(problems);
    }

    public boolean isBuilt() {
        return built;
    }

    // ---- the loop ----

    @Override
    public List<TagSample> process(List<TagSample> accepted) {
        if (watchedTags == 0) {
            return List.of();
        }
        LimitTable lt = table;
        long now = clock.getAsLong();
        for (int i = 0, n = accepted.size(); i < n; i++) {
            TagSample ts = accepted.get(i);
            int slot = lt.find(ts.tagId());
            if (slot < 0) {
                continue;
            }
            Sample s = ts.sample();
            if (s.x() < lt.lastX(slot)) {
                continue; // backfill older than what the alarms already saw: not the current value
            }
            lt.lastX(slot, s.x());
            if (lt.isSlow(slot)) {
                slowPath(lt.slow[slot], s, now);
            } else if (Quality.isGood(s.q())) {
                double v = s.asDouble();
                if (!Double.isNaN(v)) { // no value or bad quality: limit alarms keep their state
                    currentSample = s;
                    currentNow = now;
                    lt.evaluate(slot, v, fastChanged);
                }
            }
        }
        currentSample = null;
        return List.of();
    }

    /** A limit alarm on the fast path whose raw condition changed or differs from its state. */
    private void fastChanged(AlarmRuntime rt, boolean raw) {
        rt.raw = raw;
        table.raw(rt.slot, rt.index, raw);
        rt.machine.evaluate(raw, currentSample.y(), currentNow);
        track(rt);
    }

    private void slowPath(Watch w, Sample s, long now) {
        w.last = s;
        for (AlarmRuntime rt : w.suppresses) {
            refresh(rt);
            rt.machine.suppress(truthy(s), now);
        }
        for (AlarmRuntime rt : w.own) {
            evaluate(rt, s, now);
        }
        for (AlarmRuntime rt : w.dependents) {
            reevaluate(rt, now);
        }
    }

    /**
     * Gives a fast-path alarm's machine the tag's current value before a transition that no sample
     * caused (command, suppression, timer): the fast path does not hand it steady values.
     */
    private void refresh(AlarmRuntime rt) {
        if (rt.slot >= 0) {
            Sample s = current.apply(rt.def.tagId());
            if (s != null) {
                rt.machine.value(s.y());
            }
        }
    }

    @Override
    public List<TagSample> tick(long nowMicros) {
        if (timers.isEmpty()) {
            return List.of();
        }
        long now = clock.getAsLong();
        for (AlarmRuntime rt : timers.toArray(NONE)) {
            if (now >= rt.machine.nextDeadline()) {
                refresh(rt);
                rt.machine.tick(now);
            }
            if (rt.machine.nextDeadline() == Long.MAX_VALUE) {
                timers.remove(rt);
            }
        }
        return List.of();
    }

    private void evaluate(AlarmRuntime rt, Sample s, long now) {
        AlarmDef d = rt.def;
        Boolean c;
        Object value = s == null ? null : s.y();
        if (d.kind() == AlarmKind.EXPRESSION) {
            c = evaluateExpression(rt);
        } else {
            c = rt.condition(s, d.setpointTagId() == null ? null : valueOf(d.setpointTagId()));
            if (d.kind() == AlarmKind.BAD_QUALITY) {
                value = Quality.describe(s.q());
            }
        }
        if (c == null) {
            return;
        }
        rt.raw = c;
        if (rt.slot >= 0) {
            table.raw(rt.slot, rt.index, c);
        }
        rt.machine.evaluate(c, value, now);
        track(rt);
    }

    /** A setpoint or an expression input changed: evaluate again with the alarm tag's latest value. */
    private void reevaluate(AlarmRuntime rt, long now) {
        Sample own = valueOf(rt.def.tagId());
        if (own == null && rt.def.kind() != AlarmKind.EXPRESSION) {
            return;
        }
        evaluate(rt, own, now);
    }

    private Boolean evaluateExpression(AlarmRuntime rt) {
        if (rt.expression == null) {
            return null;
        }
        try {
            Boolean b = rt.expression.evaluate(this::valueOf);
            if (rt.problem != null) {
                rt.problem = null;
                problems.remove(rt.def.id());
            }
            return b;
        } catch (RuntimeException e) {
            String why = "its expression failed: " + e.getMessage();
            if (!why.equals(rt.problem)) { // once per distinct failure, not once per sample
                LOG.warn("Alarm {}: {}", rt.path, why);
                rt.problem = why;
                problems.put(rt.def.id(), why);
            }
            return null;
        }
    }

    private Sample valueOf(UUID tagId) {
        Watch w = watches.get(tagId);
        if (w != null && w.last != null) {
            return w.last;
        }
        return current.apply(tagId);
    }

    private void track(AlarmRuntime rt) {
        if (rt.machine.nextDeadline() != Long.MAX_VALUE) {
            timers.add(rt);
        }
    }

    /** True, a non-zero number, a non-empty string, a JSON value other than null and false. */
    static boolean truthy(Sample s) {
        Object y = s == null ? null : s.y();
        if (y instanceof Boolean b) {
            return b;
        }
        if (y instanceof Number n) {
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (y instanceof String str) {
            return !str.isEmpty();
        }
        if (y instanceof JsonNode j) {
            return !j.isNull() && !(j.isBoolean() && !j.asBoolean());
        }
        return false;
    }

    private void changed(AlarmRuntime rt, AlarmStateMachine.Change c) {
        String msg = rt.render(c.value());
        if (c.transition() == AlarmTransition.ACTIVATED || rt.message == null) {
            rt.message = msg;
        }
        AlarmDef d = rt.def;
        if (rt.slot >= 0) {
            table.active(rt.slot, rt.index, rt.machine.isActive());
        }
        AlarmStatus st = rt.machine.status(d.id(), rt.message);
        statuses.put(d.id(), st);
        out.accept(new AlarmEvent(c.time(), d.id(), d.tagId(), rt.path, rt.objectPath, d.priority(), c.transition(),
                c.from(), st, c.value(), c.user(), c.comment(), msg));
    }

    // ---- the model ----

    @Override
    public void modelChanged(ModelSnapshot model) {
        long now = clock.getAsLong();
        Map<UUID, AlarmRuntime> next = new HashMap<>(model.alarmCount() * 2);
        List<AlarmRuntime> fresh = new ArrayList<>();
        boolean recompileAll = expressionsChanged;
        expressionsChanged = false;
        for (AlarmDef d : model.alarms()) {
            TagDef tag = model.tag(d.tagId());
            if (!d.enabled() || tag == null) {
                continue; // a disabled alarm is not evaluated and shows nowhere
            }
            AlarmRuntime rt = runtimes.get(d.id());
            boolean isNew = rt == null;
            boolean redefined = !isNew && !rt.def.equals(d);
            if (isNew) {
                rt = new AlarmRuntime(d, this::changed);
                AlarmStatus saved = restored.remove(d.id());
                if (saved != null) {
                    rt.machine.restore(saved);
                    rt.message = saved.message();
                    rt.raw = saved.active();
                }
            }
            boolean conditionChanged = rt.define(d, model);
            if (d.kind() == AlarmKind.EXPRESSION && (isNew || redefined || recompileAll)) {
                rt.expression = compile(rt, model);
                conditionChanged = true;
            } else if (d.kind() != AlarmKind.EXPRESSION) {
                rt.expression = null;
                rt.problem = null;
                problems.remove(d.id());
            }
            next.put(d.id(), rt);
            if (isNew || conditionChanged) {
                fresh.add(rt);
            }
            if (isNew || redefined) {
                statuses.put(d.id(), rt.machine.status(d.id(), rt.message));
            }
        }
        for (Map.Entry<UUID, AlarmRuntime> e : runtimes.entrySet()) {
            if (!next.containsKey(e.getKey())) {
                statuses.remove(e.getKey());
                problems.remove(e.getKey());
                timers.remove(e.getValue());
            }
        }
        runtimes = next;
        index(next);
        for (AlarmRuntime rt : next.values()) {
            UUID sup = rt.def.suppressionTagId();
            boolean suppressed = sup != null && truthy(valueOf(sup));
            if (suppressed != rt.machine.isSuppressed()) {
                refresh(rt);
                rt.machine.suppress(suppressed, now);
            }
        }
        // New and changed alarms look at the values that are already there.
        for (AlarmRuntime rt : fresh) {
            if (rt.def.kind() == AlarmKind.RATE) {
                continue; // needs two samples
            }
            reevaluate(rt, now);
        }
        for (AlarmRuntime rt : next.values()) {
            track(rt);
        }
        built = true;
    }

    /** Compiles an expression; a broken one is reported (log and {@link #problems()}) and the alarm is not evaluated. */
    private AlarmExpressions.Compiled compile(AlarmRuntime rt, ModelSnapshot model) {
        AlarmExpressions.Compiled c;
        try {
            c = expressions.compile(rt.def.expression(), rt.def, model);
            rt.problem = c == null ? "expression alarms are not evaluated: no formula engine is plugged in" : null;
        } catch (RuntimeException e) {
            rt.problem = "its expression cannot be evaluated: " + e.getMessage();
            LOG.warn("Alarm {}: {}; it is not evaluated", rt.path, rt.problem);
            c = null;
        }
        if (rt.problem == null) {
            problems.remove(rt.def.id());
        } else {
            problems.put(rt.def.id(), rt.problem);
        }
        return c;
    }

    /** Rebuilds the watches and the table; fast-path tags keep the newest sample time they saw. */
    private void index(Map<UUID, AlarmRuntime> rts) {
        Map<UUID, Watch> old = watches;
        LimitTable oldTable = table;
        Map<UUID, List<AlarmRuntime>> own = new HashMap<>();
        Map<UUID, Set<AlarmRuntime>> dependents = new HashMap<>();
        Map<UUID, List<AlarmRuntime>> suppresses = new HashMap<>();
        for (AlarmRuntime rt : rts.values()) {
            AlarmDef d = rt.def;
            if (d.kind() == AlarmKind.EXPRESSION) {
                dependents.computeIfAbsent(d.tagId(), k -> new LinkedHashSet<>()).add(rt);
                if (rt.expression != null) {
                    for (UUID in : rt.expression.inputs()) {
                        dependents.computeIfAbsent(in, k -> new LinkedHashSet<>()).add(rt);
                    }
                }
            } else {
                own.computeIfAbsent(d.tagId(), k -> new ArrayList<>()).add(rt);
            }
            if (d.setpointTagId() != null) {
                dependents.computeIfAbsent(d.setpointTagId(), k -> new LinkedHashSet<>()).add(rt);
            }
            if (d.suppressionTagId() != null) {
                suppresses.computeIfAbsent(d.suppressionTagId(), k -> new ArrayList<>()).add(rt);
            }
        }
        Map<UUID, Watch> ws = new HashMap<>();
        own.forEach((tag, l) -> watch(ws, old, tag).own = l.toArray(NONE));
        dependents.forEach((tag, l) -> watch(ws, old, tag).dependents = l.toArray(NONE));
        suppresses.forEach((tag, l) -> watch(ws, old, tag).suppresses = l.toArray(NONE));
        LimitTable lt = new LimitTable(ws.size());
        Map<UUID, Watch> slow = new HashMap<>();
        for (AlarmRuntime rt : rts.values()) {
            rt.slot = -1;
            rt.index = -1;
        }
        for (Map.Entry<UUID, Watch> e : ws.entrySet()) {
            Watch w = e.getValue();
            int before = oldTable.find(e.getKey());
            long lastX = before >= 0 ? oldTable.lastX(before) : w.last == null ? Long.MIN_VALUE : w.last.x();
            if (isFast(w)) {
                lt.addFast(e.getKey(), w.own, lastX);
            } else {
                lt.addSlow(e.getKey(), w, lastX);
                slow.put(e.getKey(), w);
            }
        }
        watches = slow;
        table = lt;
        watchedTags = ws.size();
    }

    /** Only limit alarms (at most four) on a tag that nothing else reads: decided on the fast path. */
    private static boolean isFast(Watch w) {
        if (w.dependents.length > 0 || w.suppresses.length > 0 || w.own.length == 0 || w.own.length > LimitTable.MAX_FAST) {
            return false;
        }
        for (AlarmRuntime rt : w.own) {
            if (!rt.def.kind().isLimit()) {
                return false;
            }
        }
        return true;
    }

    private Watch watch(Map<UUID, Watch> ws, Map<UUID, Watch> old, UUID tag) {
        return ws.computeIfAbsent(tag, k -> {
            Watch w = new Watch();
            Watch before = old.get(k);
            w.last = before != null && before.last != null ? before.last : current.apply(k);
            return w;
        });
    }

    // ---- operators' commands (loop thread) ----

    private AlarmRuntime lookup(UUID id) {
        if (!built) {
            throw new IllegalStateException("alarms are evaluated only while the engine runs");
        }
        AlarmRuntime rt = runtimes.get(id);
        if (rt == null) {
            throw new IllegalArgumentException("no such alarm (or it is disabled): " + id);
        }
        return rt;
    }

    public boolean acknowledge(UUID id, String user, String comment) {
        return require(id).machine.acknowledge(user, comment, clock.getAsLong());
    }

    private AlarmRuntime require(UUID id) {
        AlarmRuntime rt = lookup(id);
        refresh(rt);
        return rt;
    }

    public boolean reset(UUID id, String user, String comment) {
        AlarmRuntime rt = require(id);
        if (rt.machine.isLatched() && !rt.machine.isAcknowledged()) {
            throw new IllegalStateException("alarm " + rt.path + " must be acknowledged before it is reset");
        }
        return rt.machine.reset(user, comment, clock.getAsLong());
    }

    public void shelve(UUID id, String user, String reason, long untilMicros) {
        AlarmRuntime rt = require(id);
        rt.machine.shelve(user, reason, untilMicros, clock.getAsLong());
        track(rt);
    }

    public void shelveOneShot(UUID id, String user, String reason) {
        require(id).machine.shelveOneShot(user, reason, clock.getAsLong());
    }

    public boolean unshelve(UUID id, String user) {
        return require(id).machine.unshelve(user, clock.getAsLong());
    }

    public boolean removeFromService(UUID id, String user, String reason) {
        return require(id).machine.removeFromService(user, reason, clock.getAsLong());
    }

    public boolean returnToService(UUID id, String user) {
        return require(id).machine.returnToService(user, clock.getAsLong());
    }

    /** The current time of this engine's clock (µs). */
    public long now() {
        return clock.getAsLong();
    }

    public int alarmCount() {
        return runtimes.size();
    }
}
