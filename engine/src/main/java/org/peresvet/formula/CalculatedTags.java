package org.peresvet.formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.LoopStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calculated tags as a stage of the engine loop. On each model change the formulas are compiled
 * into a graph in topological order. For each group of accepted samples with one timestamp, the
 * inputs are updated and every dependent calculated tag is evaluated exactly once, in order,
 * with that timestamp; its result feeds the tags after it in the same round. Periodic and
 * schedule triggers run from {@link #tick}. A formula that fails gives its tag quality 103 and a
 * logged reason; every other tag keeps running.
 *
 * <p>All methods but {@link #scheduleFired} run on the loop thread.
 */
public final class CalculatedTags implements LoopStage {
    private static final Logger LOG = LoggerFactory.getLogger(CalculatedTags.class);

    /** One calculated tag at run time. */
    private static final class Calc {
        final TagDef tag;
        final String path;
        final CompiledFormula formula;
        final FormulaState state;
        /** Index in {@link #values} of each formula input slot, and of the tag itself. */
        final int[] slots;
        final int self;
        /** Position in the topological order. */
        int pos;
        ValueSource source;
        /** Topological positions of the change-triggered tags that read this one. */
        int[] dependents = new int[0];
        long nextDue;
        String lastError;
        /** Whether the state has been given the tag's own value for carried(…). */
        boolean carried;

        Calc(CalcGraph.Calc c, FormulaState state, int[] slots, int self) {
            this.tag = c.tag();
            this.path = c.path();
            this.formula = c.formula();
            this.state = state;
            this.slots = slots;
            this.self = self;
        }
    }

    private final Function<UUID, Sample> current;
    private final FunctionRegistry functions;
    private final Queue<long[]> scheduleFires = new ConcurrentLinkedQueue<>();

    private Calc[] calcs = new Calc[0];
    /** The latest sample of every tag a formula reads or computes, by index. */
    private Sample[] values = new Sample[0];
    private Map<UUID, Integer> indexOf = Map.of();
    /** For each value index: topological positions of change-triggered calcs that read it. */
    private int[][] readers = new int[0][];
    private boolean[] dirty = new boolean[0];
    private int dirtyCount;
    private int minDirty = Integer.MAX_VALUE;
    /** Tags whose new or changed formula has not computed yet (see {@link #firstValues}). */
    private final java.util.Set<UUID> pendingFirst = new java.util.HashSet<>();
    private long evaluations;

    /**
     * @param current the current sample of a tag (as the engine holds it), to start from when the
     *                model changes
     */
    public CalculatedTags(Function<UUID, Sample> current) {
        this(current, FunctionRegistry.standard());
    }

    public CalculatedTags(Function<UUID, Sample> current, FunctionRegistry functions) {
        this.current = current;
        this.functions = functions;
    }

    /** How many formula evaluations ran so far (loop thread). */
    public long evaluations() {
        return evaluations;
    }

    /**
     * A schedule ticked (any thread): the tags triggered by it are evaluated at the next tick of
     * the loop, with the schedule's tick time.
     */
    public void scheduleFired(UUID scheduleId, long timeMicros) {
        scheduleFires.add(new long[] {scheduleId.getMostSignificantBits(), scheduleId.getLeastSignificantBits(), timeMicros});
    }

    @Override
    public void modelChanged(ModelSnapshot model) {
        List<CalcGraph.Calc> graph;
        try {
            graph = CalcGraph.build(model, functions).ordered();
        } catch (ModelException e) {
            // The model was checked when it was saved; a function registered since may be missing.
            LOG.error("Calculated tags are stopped: {}", e.getMessage());
            graph = List.of();
        }
        Map<UUID, Calc> old = new HashMap<>();
        for (Calc c : calcs) {
            old.put(c.tag.id(), c);
        }
        Map<UUID, Integer> index = new HashMap<>();
        List<UUID> ids = new ArrayList<>();
        Calc[] next = new Calc[graph.size()];
        java.util.Set<UUID> stillPending = new java.util.HashSet<>();
        for (int i = 0; i < graph.size(); i++) {
            CalcGraph.Calc g = graph.get(i);
            List<TagRef> inputs = g.formula().inputs();
            int[] slots = new int[inputs.size()];
            for (int s = 0; s < slots.length; s++) {
                slots[s] = index.computeIfAbsent(inputs.get(s).id(), id -> {
                    ids.add(id);
                    return ids.size() - 1;
                });
            }
            int self = index.computeIfAbsent(g.tag().id(), id -> {
                ids.add(id);
                return ids.size() - 1;
            });
            Calc before = old.get(g.tag().id());
            boolean same = before != null && before.formula.text().equals(g.formula().text())
                    && before.path.equals(g.path()) && before.tag.type() == g.tag().type();
            Calc c = new Calc(g, same ? before.state : g.formula().newState(), slots, self);
            c.pos = i;
            c.lastError = same ? before.lastError : null;
            if (g.tag().trigger().kind() == CalcTrigger.Kind.PERIODIC) {
                c.nextDue = same && before.tag.trigger().equals(g.tag().trigger()) ? before.nextDue : 0;
            }
            if ((!same || pendingFirst.contains(g.tag().id())) && g.tag().enabled()
                    && g.tag().trigger().kind() == CalcTrigger.Kind.CHANGE) {
                stillPending.add(g.tag().id()); // a new or changed formula gets a value at once
            }
            next[i] = c;
        }
        pendingFirst.clear();
        pendingFirst.addAll(stillPending);
        Sample[] vals = new Sample[ids.size()];
        Map<UUID, Integer> oldIndex = indexOf;
        for (int i = 0; i < ids.size(); i++) {
            Integer o = oldIndex.get(ids.get(i));
            vals[i] = o != null && values[o] != null ? values[o] : current.apply(ids.get(i));
        }
        List<List<Integer>> readersOf = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            readersOf.add(new ArrayList<>());
        }
        for (int i = 0; i < next.length; i++) {
            Calc c = next[i];
            final Sample[] v = vals;
            final int[] slots = c.slots;
            c.source = slot -> v[slots[slot]];
            if (c.tag.trigger().kind() == CalcTrigger.Kind.CHANGE && c.tag.enabled()) {
                for (int s : Arrays.stream(c.slots).distinct().toArray()) {
                    readersOf.get(s).add(i);
                }
            }
        }
        int[][] rd = new int[ids.size()][];
        for (int i = 0; i < rd.length; i++) {
            rd[i] = readersOf.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        for (Calc c : next) {
            c.dependents = rd[c.self];
        }
        calcs = next;
        values = vals;
        indexOf = index;
        readers = rd;
        dirty = new boolean[next.length];
        dirtyCount = 0;
        minDirty = Integer.MAX_VALUE;
    }

    @Override
    public List<TagSample> process(List<TagSample> accepted) {
        if (calcs.length == 0) {
            return List.of();
        }
        List<TagSample> out = null;
        int n = accepted.size();
        int i = 0;
        while (i < n) {
            long x = accepted.get(i).sample().x();
            while (i < n && accepted.get(i).sample().x() == x) {
                TagSample ts = accepted.get(i++);
                Integer idx = indexOf.get(ts.tagId());
                if (idx != null) {
                    values[idx] = ts.sample();
                    markReaders(idx);
                }
            }
            if (dirtyCount > 0) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                runDirty(x, out);
            }
        }
        return out == null ? List.of() : out;
    }

    @Override
    public List<TagSample> tick(long nowMicros) {
        if (calcs.length == 0) {
            scheduleFires.clear();
            return List.of();
        }
        List<TagSample> out = new ArrayList<>();
        if (!pendingFirst.isEmpty()) {
            firstValues(out);
        }
        for (Calc c : calcs) {
            if (c.tag.trigger().kind() == CalcTrigger.Kind.PERIODIC && c.tag.enabled()) {
                long period = c.tag.trigger().periodMillis() * 1_000L;
                if (c.nextDue == 0) {
                    c.nextDue = Math.floorDiv(nowMicros, period) * period + period; // aligned to the period
                } else if (nowMicros >= c.nextDue) {
                    long due = Math.floorDiv(nowMicros, period) * period;
                    c.nextDue = due + period;
                    evaluate(c, due, out);
                    runDirty(due, out);
                }
            }
        }
        for (long[] fire; (fire = scheduleFires.poll()) != null; ) {
            UUID id = new UUID(fire[0], fire[1]);
            for (Calc c : calcs) {
                if (c.tag.enabled() && c.tag.trigger().kind() == CalcTrigger.Kind.SCHEDULE && id.equals(c.tag.trigger().scheduleId())) {
                    evaluate(c, fire[2], out);
                }
            }
            runDirty(fire[2], out);
        }
        return out;
    }

    /**
     * A new or changed formula computes at once from the current values of its inputs, with the
     * time of the newest of them (as if that sample had just arrived). A formula whose inputs
     * have no value yet, or that keeps state (a totalizer must not restart from zero on every
     * edit or restart), waits for its first trigger.
     */
    private void firstValues(List<TagSample> out) {
        for (Calc c : calcs) {
            if (!pendingFirst.contains(c.tag.id()) || c.formula.stateful() || dirty[c.pos]) {
                // (a dirty one reads a tag computed just before: it runs once, below)
                continue;
            }
            long newest = Long.MIN_VALUE;
            for (int slot : c.slots) {
                Sample v = values[slot];
                if (v != null) {
                    newest = Math.max(newest, v.x());
                }
            }
            if (newest != Long.MIN_VALUE) {
                evaluate(c, newest, out);
            }
        }
        pendingFirst.clear();
        // Readers of these results run once each, at the time of the newest result.
        long newest = Long.MIN_VALUE;
        for (TagSample ts : out) {
            newest = Math.max(newest, ts.sample().x());
        }
        if (dirtyCount > 0) {
            runDirty(newest, out);
        }
    }

    private void markReaders(int valueIndex) {
        for (int r : readers[valueIndex]) {
            mark(r);
        }
    }

    private void mark(int pos) {
        if (!dirty[pos]) {
            dirty[pos] = true;
            dirtyCount++;
            if (pos < minDirty) {
                minDirty = pos;
            }
        }
    }

    /** Evaluates the marked tags once each, in topological order; each result marks its readers. */
    private void runDirty(long x, List<TagSample> out) {
        for (int k = minDirty; dirtyCount > 0 && k < calcs.length; k++) {
            if (dirty[k]) {
                dirty[k] = false;
                dirtyCount--;
                evaluate(calcs[k], x, out);
            }
        }
        minDirty = Integer.MAX_VALUE;
    }

    private void evaluate(Calc c, long x, List<TagSample> out) {
        evaluations++;
        if (!c.carried) {
            // carried(…) goes on from the value the tag had before this memory began (restored at start)
            c.carried = true;
            Sample own = current.apply(c.tag.id());
            c.state.carryOver(own == null ? null : own.y());
        }
        Sample r = c.formula.evaluate(c.source, c.state, x);
        String error = c.state.lastError();
        if (r.y() != null) {
            try {
                Object y = Formulas.toTagValue(r.y(), c.tag.type());
                if (y != r.y()) {
                    r = new Sample(x, y, r.q());
                }
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
                r = new Sample(x, null, Quality.BAD_DATA);
            }
        }
        if (error != null && !error.equals(c.lastError)) {
            LOG.warn("Calculated tag {}: {} (quality {})", c.path, error, Quality.BAD_DATA);
        } else if (error == null && c.lastError != null) {
            LOG.info("Calculated tag {} computes again", c.path);
        }
        c.lastError = error;
        values[c.self] = r;
        out.add(new TagSample(c.tag.id(), r));
        markReaders(c.self);
    }

    /** The reason the tag's last evaluation failed, or null (loop thread; for tests and diagnostics). */
    public String lastError(UUID tagId) {
        for (Calc c : calcs) {
            if (c.tag.id().equals(tagId)) {
                return c.lastError;
            }
        }
        return null;
    }
}
