package org.peresvet.screen;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.ModelSnapshot;

/**
 * Which screens use which tags and objects, for the tree's delete and rename warnings and the
 * API's reference check: a binding (by path or inside an expression), a command's tag, an alarm
 * indicator's or sparkline's source. Macros are applied first, so {@code /Station/$(pump)/Flow}
 * with {@code pump=P1} counts as a use of {@code /Station/P1/Flow}; an instance of a library symbol
 * uses what its definition's widgets use with its parameter values.
 */
public final class ScreenReferences {

    /**
     * One use of a model item by a screen.
     *
     * @param itemId   the tag or object used
     * @param path     its path as the screen names it
     * @param property the widget property, {@code command}, or the source property
     */
    public record Use(UUID screenId, String screenName, String widgetId, String property, UUID itemId, String path) {
    }

    private ScreenReferences() {
    }

    /** Every use of a tag or object that exists in {@code model}, by every screen. */
    public static List<Use> uses(ModelSnapshot model, Collection<ScreenDef> screens) {
        List<Use> out = new ArrayList<>();
        SymbolLibrary library = SymbolLibrary.of(model);
        for (ScreenDef s : screens) {
            for (WidgetDef w : library.expand(s).expanded().allWidgets()) {
                for (Map.Entry<String, Binding> e : w.bindings().entrySet()) {
                    Binding b = e.getValue();
                    if (b.isTag()) {
                        addPath(out, model, s, w, e.getKey(), b.tag());
                    } else {
                        try {
                            CompiledBinding c = CompiledBinding.compile(model, b);
                            c.formula().inputs().forEach(r -> out.add(new Use(s.id(), s.name(), w.id(), e.getKey(), r.id(), r.path())));
                        } catch (IllegalArgumentException badExpression) {
                            // a broken expression uses nothing; ScreenCheck reports it
                        }
                    }
                }
                if (w.command() != null) {
                    addPath(out, model, s, w, "command", w.command().tag());
                }
                for (String p : pathProperties(w)) {
                    addPath(out, model, s, w, p, w.text(p));
                }
            }
        }
        return out;
    }

    /** The uses of any of {@code ids} (tags or objects). */
    public static List<Use> usesOf(ModelSnapshot model, Collection<ScreenDef> screens, Set<UUID> ids) {
        return uses(model, screens).stream().filter(u -> ids.contains(u.itemId())).toList();
    }

    /** The names of the screens that use the tag or object at {@code path}. */
    public static List<String> screensUsing(ModelSnapshot model, Collection<ScreenDef> screens, String path) {
        return uses(model, screens).stream().filter(u -> u.path().equals(path)).map(Use::screenName).distinct().toList();
    }

    /** Text properties of {@code w} that hold a tag or object path rather than a binding. */
    static List<String> pathProperties(WidgetDef w) {
        return switch (w.type()) {
            case WidgetTypes.ALARM -> List.of("source");
            case WidgetTypes.SPARKLINE -> List.of("tag");
            default -> List.of();
        };
    }

    private static void addPath(List<Use> out, ModelSnapshot model, ScreenDef s, WidgetDef w, String property, String path) {
        if (path == null || path.isEmpty()) {
            return;
        }
        model.findTag(path).ifPresentOrElse(t -> out.add(new Use(s.id(), s.name(), w.id(), property, t.id(), path)),
                () -> model.findObject(path).ifPresent(o -> out.add(new Use(s.id(), s.name(), w.id(), property, o.id(), path))));
    }
}
