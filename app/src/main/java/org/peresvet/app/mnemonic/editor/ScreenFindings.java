package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;
import org.peresvet.screen.Binding;
import org.peresvet.screen.PropertyType;
import org.peresvet.screen.ScreenCheck;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.SymbolLibrary;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * The editor's screen checks: what the model's {@link ScreenCheck} finds (bindings to missing
 * tags, expressions that do not compile, …) plus the high-performance-HMI rules — commands on tags
 * that cannot be written, colour on things in their normal state (ISA-101: colour is for abnormal
 * states), text too small to read, widgets outside the screen, command buttons on top of each
 * other. A pure function of the screen and the model; each finding names the widget to jump to.
 */
public final class ScreenFindings {

    /** What a finding is about; the list groups and filters by it. */
    public enum Kind { MISSING_TAG, BAD_EXPRESSION, READ_ONLY_COMMAND, NORMAL_COLOUR, SMALL_TEXT, OUTSIDE, OVERLAPPING_COMMANDS, OTHER }

    /**
     * One finding.
     *
     * @param widgetId the widget (possibly inside a group) the finding is about
     * @param property the property concerned, or "" for the widget as a whole
     */
    public record Finding(Kind kind, String widgetId, String property, String message) {
    }

    /** Smallest font size (screen units, at 100 %) an operator reads from a console's distance. */
    public static final double MIN_FONT = 11;
    /** Controls whose boxes overlap are easy to press by mistake. */
    private static final List<String> CONTROLS = List.of(WidgetTypes.COMMAND, WidgetTypes.SETPOINT, WidgetTypes.TOGGLE,
            WidgetTypes.NAVIGATION);
    private static final List<String> COLOUR_PROPERTIES = List.of("fill", "stroke");

    private ScreenFindings() {
    }

    public static List<Finding> of(ModelSnapshot model, ScreenDef screen, Collection<String> screenNames) {
        List<Finding> out = new ArrayList<>();
        ScreenDef expanded = SymbolLibrary.of(model).expand(screen).expanded();
        for (ScreenCheck.Problem p : ScreenCheck.problems(model, screen, screenNames)) {
            out.add(new Finding(kindOf(expanded, p), p.widgetId(), p.property(), p.message()));
        }
        for (WidgetDef w : expanded.allWidgets()) {
            readOnlyCommand(model, w, out);
            normalColour(w, out);
            smallText(w, out);
        }
        Box page = new Box(0, 0, screen.width(), screen.height());
        List<WidgetDef> controls = new ArrayList<>();
        List<Box> controlBoxes = new ArrayList<>();
        absolute(expanded.widgets(), 0, 0, (w, b) -> {
            if (!page.encloses(b)) {
                out.add(new Finding(Kind.OUTSIDE, w.id(), "", String.format(Locale.ROOT,
                        "lies outside the %d × %d screen (at %.0f, %.0f, %.0f × %.0f)", screen.width(), screen.height(),
                        b.x(), b.y(), b.w(), b.h())));
            }
            if (CONTROLS.contains(w.type())) {
                for (int i = 0; i < controls.size(); i++) {
                    if (controlBoxes.get(i).overlaps(b)) {
                        out.add(new Finding(Kind.OVERLAPPING_COMMANDS, w.id(), "",
                                "overlaps the control " + controls.get(i).id() + ": an operator may press the wrong one"));
                    }
                }
                controls.add(w);
                controlBoxes.add(b);
            }
        });
        return out;
    }

    private static Kind kindOf(ScreenDef expanded, ScreenCheck.Problem p) {
        if ("command".equals(p.property())) {
            return p.message().startsWith("no tag") ? Kind.MISSING_TAG : Kind.OTHER;
        }
        WidgetDef w = expanded.widget(p.widgetId()).orElse(null);
        Binding b = w == null || w.widgetType().property(p.property()) == null ? null : w.binding(p.property());
        if (b == null) {
            return p.message().startsWith("no tag") ? Kind.MISSING_TAG : Kind.OTHER;
        }
        if (p.message().startsWith("macro")) {
            return Kind.OTHER;
        }
        return b.isTag() ? Kind.MISSING_TAG : Kind.BAD_EXPRESSION;
    }

    private static void readOnlyCommand(ModelSnapshot model, WidgetDef w, List<Finding> out) {
        if (w.command() == null) {
            return;
        }
        TagDef t = model.findTag(w.command().tag()).orElse(null);
        if (t == null) {
            return; // reported as a missing tag
        }
        if (t.calculated()) {
            out.add(new Finding(Kind.READ_ONLY_COMMAND, w.id(), "command",
                    "writes " + w.command().tag() + ", which its formula calculates: the write would be refused"));
        } else if (!t.enabled()) {
            out.add(new Finding(Kind.READ_ONLY_COMMAND, w.id(), "command",
                    "writes " + w.command().tag() + ", which is disabled: the write would be refused"));
        }
    }

    private static void normalColour(WidgetDef w, List<Finding> out) {
        for (String p : COLOUR_PROPERTIES) {
            var def = w.widgetType().property(p);
            if (def == null || def.type() != PropertyType.TEXT || w.binding(p) != null) {
                continue;
            }
            String c = w.text(p);
            if (Colours.saturated(c)) {
                out.add(new Finding(Kind.NORMAL_COLOUR, w.id(), p, "is always " + c
                        + ": ISA-101 keeps colour for abnormal states; use greys, or bind the colour to the state"));
            }
        }
    }

    private static void smallText(WidgetDef w, List<Finding> out) {
        var def = w.widgetType().property("fontSize");
        if (def != null) {
            double size = w.number("fontSize", MIN_FONT);
            // a multi-state has no "text" of its own: its states always show
            boolean shows = w.widgetType().property("text") == null || !w.text("text").isEmpty();
            if (size < MIN_FONT && shows) {
                out.add(new Finding(Kind.SMALL_TEXT, w.id(), "fontSize", String.format(Locale.ROOT,
                        "text of %.0f is below the readable %.0f", size, MIN_FONT)));
            }
        }
    }

    private interface Visit {
        void accept(WidgetDef w, Box absolute);
    }

    /** Every widget that is not a group with its box in screen coordinates. */
    private static void absolute(List<WidgetDef> ws, double ox, double oy, Visit visit) {
        for (WidgetDef w : ws) {
            if (w.widgetType().container()) {
                absolute(w.children(), ox + w.number("x", 0), oy + w.number("y", 0), visit);
            } else {
                visit.accept(w, Layout.bounds(w).moved(ox, oy));
            }
        }
    }
}
