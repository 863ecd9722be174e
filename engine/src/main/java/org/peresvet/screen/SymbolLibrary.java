package org.peresvet.screen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;

/**
 * The project's library symbols and what instances of them become: {@link #expand} replaces each
 * widget of type {@link WidgetTypes#SYMBOL} by a group at its place holding the definition's
 * widgets, with the instance's macros (the parameter values) on the group, so
 * {@link WidgetDef#expand} fills them into bindings, commands and texts like any group's. Ids
 * inside become {@code instance.widget}, unique in the screen. An instance whose definition is
 * missing (or contains itself) stays as it is: the runtime draws a placeholder and
 * {@link ScreenCheck} reports it.
 */
public final class SymbolLibrary {
    /** Symbols inside symbols deeper than this are not expanded (and reported). */
    public static final int MAX_DEPTH = 8;
    private static final SymbolLibrary EMPTY = new SymbolLibrary(List.of());

    private final Map<UUID, SymbolDef> byId = new LinkedHashMap<>();

    private SymbolLibrary(Collection<SymbolDef> symbols) {
        symbols.forEach(s -> byId.put(s.id(), s));
    }

    /** The symbols of {@code model}; a document that does not read (the model check refuses those) is left out. */
    public static SymbolLibrary of(ModelSnapshot model) {
        List<DocumentDef> docs = model.documents(SymbolDef.KIND);
        if (docs.isEmpty()) {
            return EMPTY;
        }
        List<SymbolDef> out = new ArrayList<>();
        for (DocumentDef d : docs) {
            try {
                out.add(SymbolDocuments.read(d));
            } catch (ModelException unreadable) {
                // not expected: the model refuses a symbol that does not read
            }
        }
        return new SymbolLibrary(out);
    }

    public static SymbolLibrary of(Collection<SymbolDef> symbols) {
        return new SymbolLibrary(symbols);
    }

    /** The symbols, by name. */
    public List<SymbolDef> all() {
        return byId.values().stream().sorted((a, b) -> a.name().compareToIgnoreCase(b.name())).toList();
    }

    /** The definition an instance refers to, if it exists. */
    public Optional<SymbolDef> definitionOf(WidgetDef instance) {
        return idOf(instance).map(byId::get);
    }

    /** The definition id an instance names, if it is one. */
    public static Optional<UUID> idOf(WidgetDef instance) {
        if (!WidgetTypes.SYMBOL.equals(instance.type())) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(instance.text("symbol")));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** A new instance of {@code def} at x, y with the parameter values {@code values} (its macros). */
    public static WidgetDef instance(String id, SymbolDef def, Map<String, String> values, double x, double y) {
        WidgetDef w = WidgetDef.of(id, WidgetTypes.SYMBOL).with("symbol", def.id().toString()).at(x, y).size(def.width(), def.height());
        for (Map.Entry<String, String> v : values.entrySet()) {
            w = w.withMacro(v.getKey(), v.getValue());
        }
        return w;
    }

    /** {@code screen} with every instance replaced by a group of its definition's widgets (the same screen when it has none). */
    public ScreenDef expand(ScreenDef screen) {
        if (screen.allWidgets().stream().noneMatch(w -> WidgetTypes.SYMBOL.equals(w.type()))) {
            return screen;
        }
        return screen.withWidgets(expand(screen.widgets(), new ArrayDeque<>()));
    }

    private List<WidgetDef> expand(List<WidgetDef> ws, Deque<UUID> open) {
        List<WidgetDef> out = new ArrayList<>(ws.size());
        for (WidgetDef w : ws) {
            if (WidgetTypes.SYMBOL.equals(w.type())) {
                out.add(expandInstance(w, open));
            } else if (!w.children().isEmpty()) {
                out.add(w.withChildren(expand(w.children(), open)));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private WidgetDef expandInstance(WidgetDef w, Deque<UUID> open) {
        SymbolDef def = definitionOf(w).orElse(null);
        if (def == null || open.contains(def.id()) || open.size() >= MAX_DEPTH) {
            return w;
        }
        open.push(def.id());
        List<WidgetDef> kids = new ArrayList<>();
        for (WidgetDef c : expand(def.widgets(), open)) {
            kids.add(prefixed(c, w.id()));
        }
        open.pop();
        Map<String, Object> props = new LinkedHashMap<>();
        for (String p : List.of("x", "y", "rotation", "styleClass", "visible", "tooltip")) {
            props.put(p, w.get(p));
        }
        return new WidgetDef(w.id(), WidgetTypes.GROUP, props, Map.of(), null, w.macros(), kids);
    }

    /** {@code w} and its children with ids {@code prefix.id}, kept within the id length. */
    private static WidgetDef prefixed(WidgetDef w, String prefix) {
        List<WidgetDef> kids = new ArrayList<>(w.children().size());
        for (WidgetDef c : w.children()) {
            kids.add(prefixed(c, prefix));
        }
        String id = prefix + "." + w.id();
        if (id.length() > 64) {
            id = id.substring(0, 52) + "." + Integer.toHexString(id.hashCode());
        }
        WidgetDef out = w.withId(id);
        return kids.isEmpty() ? out : out.withChildren(kids);
    }

    /**
     * Why an instance left in an expanded screen was not expanded: no definition chosen, none with
     * that id, or a definition that contains itself.
     */
    public String whyNotExpanded(WidgetDef instance) {
        String ref = instance.text("symbol");
        if (ref.isEmpty()) {
            return "no library symbol chosen";
        }
        Optional<SymbolDef> def = definitionOf(instance);
        return def.isEmpty() ? "no library symbol " + ref
                : "library symbol " + def.get().name() + " contains itself (or nests deeper than " + MAX_DEPTH + ")";
    }

    /**
     * The names of the screens that place the symbol {@code symbolId}, directly, inside a group or
     * through another symbol: what deleting it would break.
     */
    public List<String> screensUsing(UUID symbolId, Collection<ScreenDef> screens) {
        List<String> out = new ArrayList<>();
        for (ScreenDef s : screens) {
            if (uses(s.widgets(), symbolId, new ArrayDeque<>())) {
                out.add(s.name());
            }
        }
        return out;
    }

    /** The names of the other symbols that contain the symbol {@code symbolId}. */
    public List<String> symbolsUsing(UUID symbolId) {
        List<String> out = new ArrayList<>();
        for (SymbolDef d : all()) {
            if (!d.id().equals(symbolId) && uses(d.widgets(), symbolId, new ArrayDeque<>(List.of(d.id())))) {
                out.add(d.name());
            }
        }
        return out;
    }

    private boolean uses(List<WidgetDef> ws, UUID symbolId, Deque<UUID> open) {
        for (WidgetDef w : ws) {
            Optional<UUID> ref = idOf(w);
            if (ref.isPresent()) {
                if (ref.get().equals(symbolId)) {
                    return true;
                }
                SymbolDef inner = byId.get(ref.get());
                if (inner != null && !open.contains(inner.id()) && open.size() < MAX_DEPTH) {
                    open.push(inner.id());
                    boolean found = uses(inner.widgets(), symbolId, open);
                    open.pop();
                    if (found) {
                        return true;
                    }
                }
            } else if (uses(w.children(), symbolId, open)) {
                return true;
            }
        }
        return false;
    }
}
