package org.peresvet.formula;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/**
 * Who reads whom among the formulas of one model: the inputs of every calculated tag and of every
 * write method, and the reverse. An editor shows a formula's dependents from it and finds, before
 * saving, whether new inputs would close a cycle. Built once per model snapshot (it compiles each
 * formula once); formulas that do not compile simply have no inputs here.
 */
public final class FormulaDependencies {
    private final ModelSnapshot model;
    private final Map<UUID, List<UUID>> inputsOfTag = new HashMap<>();
    private final Map<UUID, List<UUID>> tagsReading = new HashMap<>();
    private final Map<UUID, List<MethodDef>> methodsReading = new HashMap<>();

    private FormulaDependencies(ModelSnapshot model) {
        this.model = model;
    }

    public static FormulaDependencies of(ModelSnapshot model) {
        FormulaDependencies d = new FormulaDependencies(model);
        for (TagDef t : model.tags()) {
            if (t.calculated()) {
                List<UUID> in = inputs(t.formula(), FormulaContext.of(model, t));
                d.inputsOfTag.put(t.id(), in);
                for (UUID i : in) {
                    d.tagsReading.computeIfAbsent(i, k -> new ArrayList<>()).add(t.id());
                }
            }
        }
        for (MethodDef m : model.methods()) {
            if (m.formula() != null && (m.objectId() == null || model.object(m.objectId()) != null)) {
                String base = m.objectId() == null ? "/" : model.objectPath(m.objectId());
                for (UUID i : inputs(m.formula(), FormulaContext.of(model, base))) {
                    d.methodsReading.computeIfAbsent(i, k -> new ArrayList<>()).add(m);
                }
            }
        }
        return d;
    }

    private static List<UUID> inputs(String formula, FormulaContext ctx) {
        try {
            return Formulas.compile(formula, ctx).inputs().stream().map(TagRef::id).toList();
        } catch (FormulaException e) {
            return List.of();
        }
    }

    public ModelSnapshot model() {
        return model;
    }

    /** The tags a calculated tag's formula reads (empty for other tags). */
    public List<UUID> inputsOf(UUID calculatedTag) {
        return inputsOfTag.getOrDefault(calculatedTag, List.of());
    }

    /** The calculated tags whose formula reads {@code tag} directly. */
    public List<UUID> tagsReading(UUID tag) {
        return tagsReading.getOrDefault(tag, List.of());
    }

    /** The methods whose formula reads {@code tag}. */
    public List<MethodDef> methodsReading(UUID tag) {
        return methodsReading.getOrDefault(tag, List.of());
    }

    /** Every calculated tag that reads {@code tag} directly or through other calculated tags, nearest first. */
    public List<UUID> allTagsReading(UUID tag) {
        Set<UUID> out = new LinkedHashSet<>();
        Deque<UUID> todo = new ArrayDeque<>(tagsReading(tag));
        while (!todo.isEmpty()) {
            UUID t = todo.poll();
            if (!t.equals(tag) && out.add(t)) {
                todo.addAll(tagsReading(t));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The cycle that giving {@code owner} these inputs would close, as tag paths in reading
     * order ({@code owner → input → … → owner}: each tag's formula reads the next), or an empty
     * list when there is none. Breadth first, so the shortest cycle is named.
     */
    public List<String> cycle(UUID owner, Collection<UUID> newInputs) {
        Map<UUID, UUID> cameFrom = new HashMap<>();
        Deque<UUID> todo = new ArrayDeque<>();
        Set<UUID> seen = new HashSet<>();
        for (UUID i : newInputs) {
            if (i.equals(owner)) {
                return List.of(model.tagPath(owner), model.tagPath(owner));
            }
            if (seen.add(i)) {
                todo.add(i);
            }
        }
        while (!todo.isEmpty()) {
            UUID t = todo.poll();
            for (UUID next : inputsOf(t)) {
                if (next.equals(owner)) {
                    List<String> path = new ArrayList<>();
                    path.add(model.tagPath(owner));
                    List<String> back = new ArrayList<>();
                    for (UUID c = t; c != null; c = cameFrom.get(c)) {
                        back.add(0, model.tagPath(c));
                    }
                    path.addAll(back);
                    path.add(model.tagPath(owner));
                    return path;
                }
                if (seen.add(next)) {
                    cameFrom.put(next, t);
                    todo.add(next);
                }
            }
        }
        return List.of();
    }
}
