package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;
import org.peresvet.screen.Binding;
import org.peresvet.screen.CommandDef;
import org.peresvet.screen.PropertyType;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.SymbolDef;
import org.peresvet.screen.WidgetDef;

/**
 * A selection on its way to becoming a library symbol: its widgets moved so the drawing starts at
 * 0, 0, and the object its bindings point at (the object most of their tags belong to, e.g.
 * {@code /Station/Pump1}). {@link #define} turns that object's path into the parameter
 * {@code $(obj)} and its name in texts into {@code $(name)}, so the symbol can be placed for any
 * pump. Toolkit-free.
 *
 * @param objectPath the detected object, or "" when the bindings name none
 */
public record SymbolDraft(List<WidgetDef> widgets, int width, int height, String objectPath) {
    /** The parameter holding the object's path, and the one holding its name. */
    public static final String OBJ = "obj";
    public static final String NAME = "name";
    private static final Pattern BRACED = Pattern.compile("\\{((?:/|\\$\\()[^}]+)}");

    /** The top-level widgets {@code ids} of {@code s} as a draft; the object detected from {@code model}. */
    public static SymbolDraft of(ScreenDef s, Collection<String> ids, ModelSnapshot model) {
        List<WidgetDef> picked = s.widgets().stream().filter(w -> ids.contains(w.id())).toList();
        if (picked.isEmpty()) {
            throw new IllegalArgumentException(EditorText.get("symbol.nothingSelected"));
        }
        Box all = Box.union(picked.stream().map(Layout::bounds).toList());
        List<WidgetDef> moved = new ArrayList<>();
        for (WidgetDef w : picked) {
            moved.add(w.at(w.number("x", 0) - all.x(), w.number("y", 0) - all.y()));
        }
        int w = (int) Math.max(1, Math.ceil(all.w()));
        int h = (int) Math.max(1, Math.ceil(all.h()));
        return new SymbolDraft(moved, w, h, detectObject(moved, model));
    }

    /** The object most tag paths of the widgets belong to ("" when none resolves). */
    static String detectObject(List<WidgetDef> widgets, ModelSnapshot model) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (String path : paths(widgets)) {
            TagDef t = model.findTag(path).orElse(null);
            if (t != null) {
                votes.merge(model.objectPath(t.objectId()), 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    /** The tag paths the widgets name: tag bindings, paths inside expressions, command tags, path properties. */
    private static Set<String> paths(List<WidgetDef> widgets) {
        Set<String> out = new LinkedHashSet<>();
        for (WidgetDef w : ScreenDef.of(UUID.randomUUID(), "x").withWidgets(widgets).allWidgets()) {
            for (Binding b : w.bindings().values()) {
                if (b.isTag()) {
                    out.add(b.tag());
                } else {
                    Matcher m = BRACED.matcher(b.expression());
                    while (m.find()) {
                        out.add(m.group(1));
                    }
                }
            }
            if (w.command() != null) {
                out.add(w.command().tag());
            }
        }
        return out;
    }

    /**
     * The symbol {@code name}: with an object, its path in bindings, commands and texts becomes
     * {@code $(obj)} and its name as a word in texts {@code $(name)}; parameters are those two (when
     * used) and any macro the drawing already refers to.
     */
    public SymbolDef define(UUID id, String name, String object) {
        String obj = object == null ? "" : object.strip();
        String objName = obj.isEmpty() ? "" : obj.substring(obj.lastIndexOf('/') + 1);
        List<WidgetDef> out = new ArrayList<>();
        for (WidgetDef w : widgets) {
            out.add(obj.isEmpty() ? w : rewrite(w, obj, objName));
        }
        List<String> params = new ArrayList<>(SymbolDef.referencedMacros(out));
        // the object first, its name second: the order the placing form asks in
        params.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return new SymbolDef(id, name, width, height, params, out);
    }

    private static int rank(String p) {
        return OBJ.equals(p) ? 0 : NAME.equals(p) ? 1 : 2;
    }

    /**
     * The objects {@code def} fits: those under which every tag its drawing names through
     * {@code $(obj)/…} exists (Pump1 and Pump2, not the tank), sorted; every object when none fits.
     */
    public static List<String> objectsFitting(SymbolDef def, ModelSnapshot model) {
        Set<String> suffixes = new LinkedHashSet<>();
        Pattern rel = Pattern.compile(Pattern.quote("$(" + OBJ + ")") + "(/[^{}$\\s]+)");
        for (String p : paths(def.widgets())) {
            Matcher m = rel.matcher(p);
            while (m.find()) {
                suffixes.add(m.group(1));
            }
        }
        List<String> all = model.objects().stream().map(o -> model.objectPath(o.id())).sorted().toList();
        if (suffixes.isEmpty()) {
            return all;
        }
        List<String> fit = all.stream().filter(o -> suffixes.stream().allMatch(x -> model.findTag(o + x).isPresent())).toList();
        return fit.isEmpty() ? all : fit;
    }

    /** The values an instance for {@code object} gets: its path and its name. */
    public static Map<String, String> valuesFor(String object) {
        Map<String, String> v = new LinkedHashMap<>();
        if (object != null && !object.isBlank()) {
            v.put(OBJ, object.strip());
            v.put(NAME, object.strip().substring(object.strip().lastIndexOf('/') + 1));
        }
        return v;
    }

    private static WidgetDef rewrite(WidgetDef w, String obj, String objName) {
        WidgetDef out = w;
        for (Map.Entry<String, Object> e : w.properties().entrySet()) {
            if (e.getValue() instanceof String s && w.widgetType().property(e.getKey()).type() == PropertyType.TEXT) {
                String r = texts(paths(s, obj), objName);
                if (!r.equals(s)) {
                    out = out.with(e.getKey(), r);
                }
            }
        }
        for (Map.Entry<String, Binding> e : w.bindings().entrySet()) {
            Binding b = e.getValue();
            out = out.bind(e.getKey(), b.isTag() ? Binding.tag(paths(b.tag(), obj)) : Binding.expression(paths(b.expression(), obj)));
        }
        if (w.command() != null) {
            out = out.withCommand(new CommandDef(paths(w.command().tag(), obj), w.command().value()));
        }
        if (!w.children().isEmpty()) {
            List<WidgetDef> kids = new ArrayList<>();
            for (WidgetDef c : w.children()) {
                kids.add(rewrite(c, obj, objName));
            }
            out = out.withChildren(kids);
        }
        return out;
    }

    /** {@code text} with the object's path (alone or before '/') as {@code $(obj)}. */
    private static String paths(String text, String obj) {
        if (text.equals(obj)) {
            return "$(" + OBJ + ")";
        }
        return text.replace(obj + "/", "$(" + OBJ + ")/");
    }

    /** The object's name as a whole word (not inside a path) as {@code $(name)}. */
    private static String texts(String text, String objName) {
        if (objName.isEmpty()) {
            return text;
        }
        return text.replaceAll("(?<![\\w/$(])" + Pattern.quote(objName) + "(?![\\w/])", Matcher.quoteReplacement("$(" + NAME + ")"));
    }
}
