package org.peresvet.app.common;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.peresvet.formula.FormulaTokens;
import org.peresvet.formula.Formulas;
import org.peresvet.formula.FunctionCatalogue;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;

/**
 * What may be typed at the caret of a formula (the formula editor, the screen editor's bindings): inside an open tag reference the tags and objects of the object
 * tree (relative to the formula's object as written, or absolute after "/"; a name found elsewhere
 * is offered with its absolute path); on a name, the functions and keywords starting with it.
 */
public final class Completions {
    /** Most proposals shown at once; more means the user should type more. */
    public static final int MAX = 40;
    private static final List<String> KEYWORDS = List.of("and", "or", "not", "true", "false");

    private Completions() {
    }

    /**
     * @param explicit asked for (Ctrl+Space): offers everything even without a prefix
     */
    public static List<Completion> at(String text, int caret, ModelSnapshot m, String basePath,
                                      List<FunctionCatalogue.Entry> functions, boolean explicit) {
        List<FormulaTokens.Token> tokens = FormulaTokens.of(text);
        for (FormulaTokens.Token t : tokens) {
            boolean closed = t.text().endsWith("}") && t.length() > 1;
            if (t.kind() == FormulaTokens.Kind.TAG && caret > t.start() && (caret < t.end() || (caret == t.end() && !closed))) {
                return tags(text.substring(t.start() + 1, caret), t.start(), t.end(), m, basePath);
            }
        }
        FormulaTokens.Token at = FormulaTokens.at(tokens, caret);
        if (at != null && at.start() < caret && (at.kind() == FormulaTokens.Kind.NAME || at.kind() == FormulaTokens.Kind.FUNCTION
                || at.kind() == FormulaTokens.Kind.KEYWORD)) {
            String prefix = text.substring(at.start(), caret);
            return names(prefix, at.start(), at.end(), at.kind() == FormulaTokens.Kind.FUNCTION, functions);
        }
        if (!explicit) {
            return List.of();
        }
        List<Completion> out = new ArrayList<>();
        // Nothing typed yet: the tags beside the formula's owner first, then every function.
        for (Completion c : tags("", caret, caret, m, basePath)) {
            if (c.kind() == Completion.Kind.TAG) {
                out.add(c);
            }
        }
        out.addAll(names("", caret, caret, false, functions));
        return out.size() > MAX ? out.subList(0, MAX) : out;
    }

    private static List<Completion> tags(String prefix, int start, int end, ModelSnapshot m, String basePath) {
        String written = prefix.stripLeading();
        int slash = written.lastIndexOf('/');
        String dir = slash < 0 ? "" : written.substring(0, slash + 1);
        String leaf = written.substring(slash + 1).toLowerCase(Locale.ROOT);
        boolean absolute = written.startsWith("/");
        List<Completion> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String absDir = absolute ? Formulas.resolvePath("/", dir) : Formulas.resolvePath(basePath, dir.isEmpty() ? "." : dir);
        if (absDir != null) {
            UUID objectId = absDir.equals("/") ? null : m.findObject(absDir).map(ObjectDef::id).orElse(null);
            boolean known = absDir.equals("/") || objectId != null;
            if (known) {
                if (objectId != null) {
                    for (TagDef t : m.tagsOf(objectId)) {
                        if (t.name().toLowerCase(Locale.ROOT).startsWith(leaf)) {
                            String path = dir + t.name();
                            seen.add(m.tagPath(t.id()));
                            out.add(tag(t, path, start, end));
                        }
                    }
                }
                if (!absolute && dir.replace("../", "").isEmpty() && "..".startsWith(leaf) && !absDir.equals("/")) {
                    String up = dir + "../";
                    out.add(new Completion(Completion.Kind.OBJECT, up, "parent object", Formulas.resolvePath(absDir, ".."),
                            start, end, "{" + up, up.length() + 1));
                }
                for (ObjectDef o : m.childObjects(objectId)) {
                    if (o.name().toLowerCase(Locale.ROOT).startsWith(leaf)) {
                        String path = dir + o.name() + "/";
                        out.add(new Completion(Completion.Kind.OBJECT, path, "object", o.description(), start, end,
                                "{" + path, path.length() + 1));
                    }
                }
            }
        }
        // The same name elsewhere in the tree, by its absolute path.
        if (!leaf.isEmpty() && out.size() < MAX) {
            String needle = absolute ? written.toLowerCase(Locale.ROOT) : leaf;
            for (TagDef t : m.tags()) {
                if (out.size() >= MAX) {
                    break;
                }
                String path = m.tagPath(t.id());
                String hay = absolute ? path.toLowerCase(Locale.ROOT) : t.name().toLowerCase(Locale.ROOT);
                if ((absolute ? hay.contains(needle) : hay.startsWith(needle)) && seen.add(path)) {
                    out.add(tag(t, path, start, end));
                }
            }
        }
        return out.size() > MAX ? out.subList(0, MAX) : out;
    }

    private static Completion tag(TagDef t, String written, int start, int end) {
        String detail = t.type().label() + (t.units().isEmpty() ? "" : ", " + t.units()) + (t.calculated() ? ", calculated" : "");
        String insert = "{" + written + "}";
        return new Completion(Completion.Kind.TAG, written, detail, t.description(), start, end, insert, insert.length());
    }

    private static List<Completion> names(String prefix, int start, int end, boolean call, List<FunctionCatalogue.Entry> functions) {
        String p = prefix.toLowerCase(Locale.ROOT);
        List<Completion> out = new ArrayList<>();
        for (FunctionCatalogue.Entry f : functions) {
            if (f.name().toLowerCase(Locale.ROOT).startsWith(p)) {
                // When "(" already follows the name, only the name is replaced.
                String insert = call ? f.name() : f.name() + "(";
                out.add(new Completion(Completion.Kind.FUNCTION, f.signature(), f.stateful() ? "stateful" : "",
                        f.description(), start, end, insert, insert.length()));
            }
        }
        if (!p.isEmpty()) {
            for (String k : KEYWORDS) {
                if (k.startsWith(p) && !k.equals(p)) {
                    out.add(new Completion(Completion.Kind.KEYWORD, k, "keyword", "", start, end, k, k.length()));
                }
            }
        }
        return out;
    }
}
