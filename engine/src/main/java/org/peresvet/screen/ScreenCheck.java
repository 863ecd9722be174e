package org.peresvet.screen;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.peresvet.model.ModelSnapshot;

/**
 * What is wrong with a screen in a model, so a screen never silently points at nothing: bindings
 * and commands to missing tags, expressions that do not compile, macros without a value, alarm and
 * trend sources that do not exist, navigation to a screen that does not exist, instances of a
 * library symbol that does not exist. Widgets inside an instance are checked as the runtime draws
 * them ({@code instance.widget}), with the instance's parameter values filled in.
 */
public final class ScreenCheck {

    /** One problem: the widget, the property ({@code command} for the command) and what is wrong. */
    public record Problem(String widgetId, String property, String message) {
        @Override
        public String toString() {
            return widgetId + "." + property + ": " + message;
        }
    }

    private ScreenCheck() {
    }

    /**
     * The problems of {@code screen} in {@code model}; {@code screenNames} are the project's screen
     * names for navigation targets (case-insensitive, like document names). Empty when all is well.
     */
    public static List<Problem> problems(ModelSnapshot model, ScreenDef screen, Collection<String> screenNames) {
        List<Problem> out = new ArrayList<>();
        SymbolLibrary library = SymbolLibrary.of(model);
        for (WidgetDef w : library.expand(screen).expanded().allWidgets()) {
            if (w.type().equals(WidgetTypes.SYMBOL)) {
                out.add(new Problem(w.id(), "symbol", library.whyNotExpanded(w)));
                continue;
            }
            for (Map.Entry<String, Object> e : w.properties().entrySet()) {
                // a symbol's name label "$(name)" placed without a value shows as written
                if (e.getValue() instanceof String text && w.widgetType().property(e.getKey()).type() == PropertyType.TEXT
                        && !Macros.referenced(text).isEmpty()) {
                    out.add(new Problem(w.id(), e.getKey(), "macro " + String.join(", ", Macros.referenced(text)) + " has no value"));
                }
            }
            for (Map.Entry<String, Binding> e : w.bindings().entrySet()) {
                String src = e.getValue().source();
                if (!Macros.referenced(src).isEmpty()) {
                    out.add(new Problem(w.id(), e.getKey(), "macro " + String.join(", ", Macros.referenced(src)) + " has no value"));
                    continue;
                }
                try {
                    CompiledBinding.compile(model, e.getValue());
                } catch (IllegalArgumentException ex) {
                    out.add(new Problem(w.id(), e.getKey(), ex.getMessage()));
                }
            }
            if (w.command() != null) {
                String tag = w.command().tag();
                if (!Macros.referenced(tag).isEmpty()) {
                    out.add(new Problem(w.id(), "command", "macro " + String.join(", ", Macros.referenced(tag)) + " has no value"));
                } else if (model.findTag(tag).isEmpty()) {
                    out.add(new Problem(w.id(), "command", "no tag " + tag));
                }
            }
            for (String p : ScreenReferences.pathProperties(w)) {
                String path = w.text(p);
                if (!path.isEmpty() && model.findTag(path).isEmpty() && model.findObject(path).isEmpty()) {
                    out.add(new Problem(w.id(), p, "no tag or object " + path));
                }
            }
            if (w.type().equals(WidgetTypes.NAVIGATION)) {
                String target = w.text("target");
                if (target.isEmpty() || screenNames.stream().noneMatch(n -> n.equalsIgnoreCase(target))) {
                    out.add(new Problem(w.id(), "target", target.isEmpty() ? "no target screen" : "no screen " + target));
                }
            }
            if (w.type().equals(WidgetTypes.COMMAND) && w.command() == null) {
                out.add(new Problem(w.id(), "command", "a command button needs a command"));
            }
        }
        return out;
    }
}
