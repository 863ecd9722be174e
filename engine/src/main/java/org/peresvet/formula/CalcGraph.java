package org.peresvet.formula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/**
 * The calculated tags of a model, compiled, in topological order: every tag comes after the
 * calculated tags it reads. Building it checks each formula (syntax, types, unknown tags, the
 * result against the tag's type) and refuses a cycle, naming its path.
 */
public final class CalcGraph {
    /** A calculated tag and its compiled formula. */
    public record Calc(TagDef tag, String path, CompiledFormula formula) {
    }

    private final List<Calc> ordered;

    private CalcGraph(List<Calc> ordered) {
        this.ordered = List.copyOf(ordered);
    }

    /** Calculated tags in evaluation order. */
    public List<Calc> ordered() {
        return ordered;
    }

    /**
     * Compiles every calculated tag of the model.
     *
     * @throws ModelException for the first invalid formula ({@code where} the tag path, field
     *                        "formula", the reason with line and column) or a cycle
     */
    public static CalcGraph build(ModelSnapshot model) {
        return build(model, FunctionRegistry.standard());
    }

    public static CalcGraph build(ModelSnapshot model, FunctionRegistry functions) {
        Map<UUID, Calc> calcs = new LinkedHashMap<>();
        List<TagDef> tags = new ArrayList<>();
        for (TagDef t : model.tags()) {
            if (t.calculated()) {
                tags.add(t);
            }
        }
        tags.sort((a, b) -> model.tagPath(a.id()).compareTo(model.tagPath(b.id()))); // a stable, readable order
        for (TagDef t : tags) {
            calcs.put(t.id(), compile(model, t, functions));
        }
        return new CalcGraph(order(calcs, model));
    }

    /** Compiles one calculated tag against the model; refuses a result its type cannot hold. */
    public static Calc compile(ModelSnapshot model, TagDef t, FunctionRegistry functions) {
        String path = model.tagPath(t.id());
        FormulaContext base = FormulaContext.of(model, t);
        FormulaContext ctx = functions == FunctionRegistry.standard() ? base : new FormulaContext() {
            @Override
            public String basePath() {
                return base.basePath();
            }

            @Override
            public Resolved tag(String absolutePath) {
                return base.tag(absolutePath);
            }

            @Override
            public java.util.Collection<String> tagPaths() {
                return base.tagPaths();
            }

            @Override
            public FunctionRegistry functions() {
                return functions;
            }
        };
        CompiledFormula f;
        try {
            f = Formulas.compile(t.formula(), ctx);
        } catch (FormulaException e) {
            throw new ModelException(path, "formula", e.getMessage());
        }
        String bad = Formulas.incompatibility(f.type(), t.type());
        if (bad != null) {
            throw new ModelException(path, "formula", bad);
        }
        return new Calc(t, path, f);
    }

    /** Depth-first topological order; a back edge is a cycle, reported with its path. */
    private static List<Calc> order(Map<UUID, Calc> calcs, ModelSnapshot model) {
        List<Calc> out = new ArrayList<>(calcs.size());
        Map<UUID, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (Calc c : calcs.values()) {
            if (!state.containsKey(c.tag().id())) {
                visit(c, calcs, state, new ArrayList<>(), out, model);
            }
        }
        return out;
    }

    private static void visit(Calc start, Map<UUID, Calc> calcs, Map<UUID, Integer> state, List<UUID> stack,
                              List<Calc> out, ModelSnapshot model) {
        // Iterative DFS, so a chain of thousands of calculated tags cannot overflow the stack.
        record Frame(Calc calc, int next) {
        }
        List<Frame> frames = new ArrayList<>();
        frames.add(new Frame(start, 0));
        state.put(start.tag().id(), 1);
        stack.add(start.tag().id());
        while (!frames.isEmpty()) {
            Frame top = frames.get(frames.size() - 1);
            List<TagRef> inputs = top.calc().formula().inputs();
            if (top.next() < inputs.size()) {
                frames.set(frames.size() - 1, new Frame(top.calc(), top.next() + 1));
                UUID dep = inputs.get(top.next()).id();
                Calc d = calcs.get(dep);
                if (d == null) {
                    continue; // not calculated: a source
                }
                Integer s = state.get(dep);
                if (s == null) {
                    state.put(dep, 1);
                    stack.add(dep);
                    frames.add(new Frame(d, 0));
                } else if (s == 1) {
                    throw cycle(stack, dep, model);
                }
            } else {
                frames.remove(frames.size() - 1);
                stack.remove(stack.size() - 1);
                state.put(top.calc().tag().id(), 2);
                out.add(top.calc());
            }
        }
    }

    /** The stack holds readers before what they read; the cycle is printed in reading order reversed: x uses y uses x. */
    private static ModelException cycle(List<UUID> stack, UUID back, ModelSnapshot model) {
        int from = stack.indexOf(back);
        List<String> names = new ArrayList<>();
        for (int i = from; i < stack.size(); i++) {
            names.add(model.tagPath(stack.get(i)));
        }
        names.add(model.tagPath(back));
        return new ModelException(model.tagPath(back), "formula", "cycle: " + String.join(" → ", names)
                + " (each tag's formula reads the next)");
    }
}
