package org.peresvet.screen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A library symbol: a named drawing (widgets placed relative to its top-left corner) with
 * parameters, the macros an instance fills in ({@code obj} = {@code /Station/Pump1}, so a binding
 * {@code $(obj)/Running} reads Pump1's tag). Placed on a screen as a widget of type
 * {@link WidgetTypes#SYMBOL}; the runtime draws the definition's widgets for it
 * ({@link SymbolLibrary#expand}), so changing the definition changes every instance. Stored as a
 * project document of kind {@value #KIND}, its body written by {@link SymbolCodec}.
 *
 * @param width      the drawing's size, the box an instance covers
 * @param parameters the macro names an instance is asked for, in the order asked
 */
public record SymbolDef(UUID id, String name, int width, int height, List<String> parameters, List<WidgetDef> widgets) {

    /** The document kind symbols are stored as. */
    public static final String KIND = "symbol";
    public static final int DEFAULT_SIZE = 100;

    public SymbolDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (width < 1 || width > ScreenDef.MAX_SIZE || height < 1 || height > ScreenDef.MAX_SIZE) {
            throw new IllegalArgumentException("symbol " + name + ": width and height must be 1 to " + ScreenDef.MAX_SIZE);
        }
        parameters = List.copyOf(new LinkedHashSet<>(parameters == null ? List.of() : parameters));
        for (String p : parameters) {
            if (!Macros.validName(p)) {
                throw new IllegalArgumentException("symbol " + name + ": parameter " + p + " needs a name of letters, digits, '_' or '-'");
            }
        }
        widgets = List.copyOf(widgets == null ? List.of() : widgets);
        // the same rule as a screen's: one id once
        asScreen(id, name, width, height, widgets);
    }

    /** The definition as a screen of its size, so the editor edits it like one. */
    public ScreenDef asScreen() {
        return asScreen(id, name, width, height, widgets);
    }

    private static ScreenDef asScreen(UUID id, String name, int width, int height, List<WidgetDef> widgets) {
        return new ScreenDef(id, name, width, height, ScreenDef.DEFAULT_BACKGROUND, 1, false, widgets);
    }

    /**
     * The definition after an edit of its drawing: the screen's size and widgets, the parameters
     * kept, and a macro the drawing newly refers to added as a parameter.
     */
    public SymbolDef edited(ScreenDef drawing) {
        List<String> params = new ArrayList<>(parameters);
        for (String m : referencedMacros(drawing.widgets())) {
            if (!params.contains(m)) {
                params.add(m);
            }
        }
        return new SymbolDef(id, drawing.name(), drawing.width(), drawing.height(), params, drawing.widgets());
    }

    /** The macro names {@code widgets} refer to (texts, bindings, commands; also inside groups), in order of appearance. */
    public static Set<String> referencedMacros(List<WidgetDef> widgets) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> given = new HashSet<>();
        for (WidgetDef w : ScreenDef.of(UUID.randomUUID(), "x").withWidgets(widgets).allWidgets()) {
            given.addAll(w.macros().keySet());
            w.properties().forEach((k, v) -> {
                if (v instanceof String s) {
                    out.addAll(Macros.referenced(s));
                }
            });
            w.bindings().values().forEach(b -> out.addAll(Macros.referenced(b.source())));
            if (w.command() != null) {
                out.addAll(Macros.referenced(w.command().tag()));
                out.addAll(Macros.referenced(w.command().value()));
            }
        }
        // a macro a group inside the drawing sets is not the instance's to give
        out.removeAll(given);
        return out;
    }
}
