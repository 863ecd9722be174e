package org.peresvet.formula;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.peresvet.formula.internal.Suggest;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * Checks a formula as it is being typed and says what is wrong and where, in a form an editor can
 * draw: the character range to underline, the message, the closest tag names for an unknown tag,
 * and the path of a cycle the formula would close. Nothing is saved; the same rules as saving
 * ({@link CalcGraph}, the method check) apply, so a formula that passes here is accepted.
 */
public final class FormulaDiagnostics {
    private FormulaDiagnostics() {
    }

    /**
     * What is wrong with a formula. {@code offset}/{@code length} are characters of the text (the
     * range to underline); {@code line}/{@code column} count from 1.
     *
     * @param suggestions closest existing tag paths when a tag is unknown, best first
     * @param cycle       tag paths of the cycle in reading order (first = last = the edited tag), or empty
     */
    public record Problem(int line, int column, int offset, int length, String message, List<String> suggestions,
                          List<String> cycle) {
        public Problem {
            suggestions = List.copyOf(suggestions);
            cycle = List.copyOf(cycle);
        }
    }

    /** The result of a check: a compiled formula, or the problem (then {@code formula} is null). */
    public record Diagnosis(CompiledFormula formula, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** Checks a formula for the calculated tag {@code tag} of {@code model} (the tag as it is now). */
    public static Diagnosis forTag(String text, ModelSnapshot model, TagDef tag, FormulaDependencies deps) {
        FormulaContext ctx = FormulaContext.of(model, tag);
        return check(text, ctx, tag.type(), tag.id(), deps);
    }

    /** Checks the write formula of {@code method}; the result must fit its target tag. */
    public static Diagnosis forMethod(String text, ModelSnapshot model, MethodDef method) {
        String base = method.objectId() == null || model.object(method.objectId()) == null ? "/" : model.objectPath(method.objectId());
        ValueType target = null;
        if (method.target() != null) {
            String path = Formulas.resolvePath(base, method.target());
            target = path == null ? null : model.findTag(path).map(TagDef::type).orElse(null);
        }
        return check(text, FormulaContext.of(model, base), target, null, null);
    }

    /**
     * Checks a formula in a context.
     *
     * @param resultType the type the result must fit, or null for any
     * @param owner      the calculated tag the formula computes (for the cycle check), or null
     * @param deps       the model's dependencies (for the cycle check), or null
     */
    public static Diagnosis check(String text, FormulaContext ctx, ValueType resultType, UUID owner, FormulaDependencies deps) {
        String src = text == null ? "" : text;
        CompiledFormula f;
        try {
            f = Formulas.compile(src, ctx);
        } catch (FormulaException e) {
            return new Diagnosis(null, fromException(src, e, ctx));
        }
        if (resultType != null) {
            String bad = Formulas.incompatibility(f.type(), resultType);
            if (bad != null) {
                return new Diagnosis(null, whole(src, bad, List.of()));
            }
        }
        if (owner != null && deps != null) {
            List<String> cycle = deps.cycle(owner, f.inputs().stream().map(TagRef::id).toList());
            if (!cycle.isEmpty()) {
                String msg = "cycle: " + String.join(" → ", cycle) + " (each tag's formula reads the next)";
                // Underline the reference that closes it: the input the cycle goes through.
                String through = cycle.size() > 1 ? cycle.get(1) : cycle.get(0);
                for (FormulaTokens.Token t : FormulaTokens.of(src)) {
                    if (t.kind() == FormulaTokens.Kind.TAG && through.equals(resolve(ctx, t))) {
                        int[] lc = lineColumn(src, t.start());
                        return new Diagnosis(null, new Problem(lc[0], lc[1], t.start(), t.length(), msg, List.of(), cycle));
                    }
                }
                return new Diagnosis(null, new Problem(1, 1, 0, src.length(), msg, List.of(), cycle));
            }
        }
        return new Diagnosis(f, null);
    }

    /**
     * Up to {@code max} tag paths whose name is close to the name written (within a third of its
     * length, at least 2 edits), the nearest first and, among equals, the nearest path.
     */
    public static List<String> closestTags(String path, Collection<String> candidates, int max) {
        String want = path.toLowerCase(Locale.ROOT);
        String leaf = want.substring(want.lastIndexOf('/') + 1);
        int leafLimit = Math.max(2, leaf.length() / 3);
        record Scored(String path, int leafDistance, int pathDistance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            String cLeaf = lc.substring(lc.lastIndexOf('/') + 1);
            int leafD = Suggest.distance(leaf, cLeaf, leafLimit);
            if (leafD <= leafLimit) {
                scored.add(new Scored(c, leafD, Suggest.distance(want, lc, want.length() + lc.length())));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::leafDistance).thenComparingInt(Scored::pathDistance)
                .thenComparing(Scored::path));
        return scored.stream().limit(max).map(Scored::path).toList();
    }

    private static Problem fromException(String src, FormulaException e, FormulaContext ctx) {
        int offset = FormulaTokens.offsetOf(src, e.line(), e.column());
        List<FormulaTokens.Token> tokens = FormulaTokens.of(src);
        FormulaTokens.Token at = null;
        for (FormulaTokens.Token t : tokens) {
            if (t.start() == offset) {
                at = t;
                break;
            }
        }
        int length = at == null ? (offset < src.length() ? 1 : 0) : at.length();
        List<String> suggestions = List.of();
        if (at != null && at.kind() == FormulaTokens.Kind.TAG && e.reason().startsWith("unknown tag")) {
            String path = resolve(ctx, at);
            if (path != null) {
                suggestions = closestTags(path, ctx.tagPaths(), 5);
            }
        }
        return new Problem(e.line(), e.column(), offset, length, e.reason(), suggestions, List.of());
    }

    private static Problem whole(String src, String message, List<String> cycle) {
        int start = 0;
        while (start < src.length() && Character.isWhitespace(src.charAt(start))) {
            start++;
        }
        int[] lc = lineColumn(src, start);
        return new Problem(lc[0], lc[1], start, src.strip().length(), message, List.of(), cycle);
    }

    /** The absolute path a tag token refers to, or null. */
    private static String resolve(FormulaContext ctx, FormulaTokens.Token t) {
        String inner = t.text().length() >= 2 && t.text().endsWith("}") ? t.text().substring(1, t.text().length() - 1)
                : t.text().substring(1);
        inner = inner.strip();
        return inner.isEmpty() ? null : Formulas.resolvePath(ctx.basePath(), inner);
    }

    private static int[] lineColumn(String src, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }
}
