package org.peresvet.screen;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peresvet.model.ModelEdit;

/**
 * Screens follow a renamed (or moved) tag or object: every path that starts with the old path is
 * rewritten to the new one, in bindings (a tag path, or a {@code {path}} inside an expression),
 * commands and path properties (an alarm indicator's source, a sparkline's tag). A path built
 * from macros ({@code /Station/$(pump)/Flow}) follows by its literal part when that holds the old
 * path, else by the macro's value when that names the renamed item ({@code pump=P1} becomes
 * {@code pump=P9}) — only when every use of that macro then resolves to the renamed path, so a
 * macro shared with other items is never bent. The edits go with the rename in one atomic,
 * undoable model edit.
 */
public final class ScreenRenames {
    /** A tag or object path inside an expression. */
    private static final Pattern REF = Pattern.compile("\\{([^{}]+)\\}");

    /** One screen rewritten: its definition before and after, and how many places changed. */
    public record Rewrite(ScreenDef before, ScreenDef after, int changes) {
        public ModelEdit edit() {
            return ScreenDocuments.put(after);
        }
    }

    private ScreenRenames() {
    }

    /** The screens of {@code screens} that name {@code oldPath} (or anything under it), rewritten to {@code newPath}. */
    public static List<Rewrite> rewrite(Collection<ScreenDef> screens, String oldPath, String newPath) {
        List<Rewrite> out = new ArrayList<>();
        if (oldPath == null || newPath == null || oldPath.equals(newPath)) {
            return out;
        }
        for (ScreenDef s : screens) {
            int[] n = {0};
            List<WidgetDef> ws = new ArrayList<>();
            for (WidgetDef w : s.widgets()) {
                ws.add(widget(w, Map.of(), oldPath, newPath, n));
            }
            if (n[0] > 0) {
                out.add(new Rewrite(s, s.withWidgets(ws), n[0]));
            }
        }
        return out;
    }

    /** The model edits that rewrite them. */
    public static List<ModelEdit> edits(List<Rewrite> rewrites) {
        return rewrites.stream().map(Rewrite::edit).toList();
    }

    private static WidgetDef widget(WidgetDef w, Map<String, String> inherited, String from, String to, int[] n) {
        Map<String, String> env = new HashMap<>(inherited);
        env.putAll(w.macros());
        WidgetDef out = w;
        // a macro whose value names the renamed item (a path, or the item's own name as a segment)
        for (Map.Entry<String, String> m : w.macros().entrySet()) {
            // a library symbol's instance names its object by path ($(obj)); its uses are in the definition
            String changed = WidgetTypes.SYMBOL.equals(w.type()) && m.getValue().startsWith("/")
                    ? nullIfSame(renamed(m.getValue(), from, to), m.getValue())
                    : macroValue(w, env, m.getKey(), m.getValue(), from, to);
            if (changed != null) {
                out = out.withMacro(m.getKey(), changed);
                env.put(m.getKey(), changed);
                n[0]++;
            }
        }
        Map<String, Binding> bindings = new LinkedHashMap<>(out.bindings());
        for (Map.Entry<String, Binding> e : bindings.entrySet()) {
            Binding b = e.getValue();
            String src = b.source();
            String re = b.isTag() ? path(src, env, from, to) : expression(src, env, from, to);
            if (!re.equals(src)) {
                e.setValue(b.withSource(re));
                n[0]++;
            }
        }
        if (!bindings.equals(out.bindings())) {
            for (Map.Entry<String, Binding> e : bindings.entrySet()) {
                out = out.bind(e.getKey(), e.getValue());
            }
        }
        if (out.command() != null) {
            String re = path(out.command().tag(), env, from, to);
            if (!re.equals(out.command().tag())) {
                out = out.withCommand(new CommandDef(re, out.command().value()));
                n[0]++;
            }
        }
        for (String p : ScreenReferences.pathProperties(out)) {
            String v = out.text(p);
            String re = path(v, env, from, to);
            if (!re.equals(v)) {
                out = out.with(p, re);
                n[0]++;
            }
        }
        if (!out.children().isEmpty()) {
            List<WidgetDef> kids = new ArrayList<>();
            for (WidgetDef k : out.children()) {
                kids.add(widget(k, env, from, to, n));
            }
            out = out.withChildren(kids);
        }
        return out;
    }

    private static String nullIfSame(String changed, String value) {
        return changed.equals(value) ? null : changed;
    }

    /** {@code p} with the old prefix replaced, when it is the old path or under it. */
    static String renamed(String p, String from, String to) {
        if (p == null) {
            return null;
        }
        if (p.equals(from)) {
            return to;
        }
        return p.startsWith(from + "/") ? to + p.substring(from.length()) : p;
    }

    /**
     * A path as written (macros and all), rewritten so that it resolves to the renamed path: by its
     * literal prefix, else by the literal segments that changed (the macros stay), else written out
     * in full.
     */
    private static String path(String written, Map<String, String> env, String from, String to) {
        if (written == null || written.isEmpty()) {
            return written == null ? "" : written;
        }
        String expanded = Macros.expand(written, env);
        String target = renamed(expanded, from, to);
        if (target.equals(expanded)) {
            return written;
        }
        String literal = renamed(written, from, to);
        if (!literal.equals(written) && Macros.expand(literal, env).equals(target)) {
            return literal;
        }
        String[] ws = written.split("/", -1);
        String[] es = expanded.split("/", -1);
        String[] ts = target.split("/", -1);
        if (ws.length == es.length && es.length == ts.length) {
            boolean ok = true;
            for (int i = 0; i < ws.length && ok; i++) {
                if (!es[i].equals(ts[i])) {
                    ok = ws[i].indexOf("$(") < 0;
                    ws[i] = ts[i];
                }
            }
            String joined = String.join("/", ws);
            if (ok && Macros.expand(joined, env).equals(target)) {
                return joined;
            }
        }
        return target;
    }

    private static String expression(String text, Map<String, String> env, String from, String to) {
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inner = m.group(1).strip();
            m.appendReplacement(out, Matcher.quoteReplacement("{" + path(inner, env, from, to) + "}"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The new value of macro {@code name} when its value names the renamed item and every text of
     * {@code w} and its children that uses it then resolves to the renamed path; else null.
     */
    private static String macroValue(WidgetDef w, Map<String, String> env, String name, String value, String from, String to) {
        String candidate;
        if (value.startsWith("/")) {
            candidate = renamed(value, from, to);
        } else {
            String oldLeaf = from.substring(from.lastIndexOf('/') + 1);
            String newLeaf = to.substring(to.lastIndexOf('/') + 1);
            String oldParent = from.substring(0, from.lastIndexOf('/') + 1);
            String newParent = to.substring(0, to.lastIndexOf('/') + 1);
            // a rename keeps the parent; only then does the item's name stand for it
            candidate = value.equals(oldLeaf) && oldParent.equals(newParent) ? newLeaf : value;
        }
        if (candidate.equals(value)) {
            return null;
        }
        Map<String, String> after = new HashMap<>(env);
        after.put(name, candidate);
        List<String> uses = new ArrayList<>();
        if (!collectUses(w, name, uses, true)) {
            return null; // the macro also names something else (a screen to navigate to): leave it
        }
        boolean affected = false;
        for (String u : uses) {
            for (String p : pathsIn(u)) {
                String before = Macros.expand(p, env);
                String expected = renamed(before, from, to);
                if (!Macros.expand(p, after).equals(expected)) {
                    return null;
                }
                affected |= !expected.equals(before);
            }
        }
        return affected ? candidate : null;
    }

    /** The paths a written text holds: itself, or each {@code {path}} of an expression. */
    private static List<String> pathsIn(String text) {
        if (text.startsWith("/") || text.startsWith("$(")) {
            return List.of(text);
        }
        List<String> out = new ArrayList<>();
        Matcher m = REF.matcher(text);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }

    /**
     * The paths of {@code w} and its children (not below a child that sets the macro itself) naming
     * {@code $(name)}; false when a text property other than the shown text uses it too.
     */
    private static boolean collectUses(WidgetDef w, String name, List<String> out, boolean top) {
        if (!top && w.macros().containsKey(name)) {
            return true;
        }
        String ref = "$(" + name + ")";
        List<String> paths = ScreenReferences.pathProperties(w);
        for (Map.Entry<String, Object> p : w.properties().entrySet()) {
            if (p.getValue() instanceof String v && v.contains(ref) && !p.getKey().equals("text") && !paths.contains(p.getKey())) {
                return false;
            }
        }
        w.bindings().values().forEach(b -> {
            if (b.source().contains(ref)) {
                out.add(b.source());
            }
        });
        if (w.command() != null && w.command().tag().contains(ref)) {
            out.add(w.command().tag());
        }
        for (String p : ScreenReferences.pathProperties(w)) {
            if (w.text(p).contains(ref)) {
                out.add(w.text(p));
            }
        }
        for (WidgetDef k : w.children()) {
            if (!collectUses(k, name, out, false)) {
                return false;
            }
        }
        return true;
    }
}
