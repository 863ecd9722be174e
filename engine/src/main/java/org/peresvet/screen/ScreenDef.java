package org.peresvet.screen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A mnemonic (HMI) screen, toolkit-free and immutable: its size in screen units, background
 * colour, place in the ISA-101 display hierarchy ({@code level} 1 overview, 2 unit, 3 detail,
 * 4 diagnostic), whether it is the project's home screen, and its widgets in drawing order (later
 * ones on top). Stored as a project document of kind {@value #KIND}: {@code id} and {@code name}
 * are the document's, the rest is its body ({@link ScreenCodec}).
 */
public record ScreenDef(UUID id, String name, int width, int height, String background, int level, boolean home,
                        List<WidgetDef> widgets) {

    /** The document kind screens are stored as. */
    public static final String KIND = "screen";
    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 800;
    /** ISA-101: a light grey background, so colour is left for abnormal states. */
    public static final String DEFAULT_BACKGROUND = "#DDDDDD";
    public static final int MAX_SIZE = 20_000;

    public ScreenDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (width < 1 || width > MAX_SIZE || height < 1 || height > MAX_SIZE) {
            throw new IllegalArgumentException("screen " + name + ": width and height must be 1 to " + MAX_SIZE);
        }
        if (level < 1 || level > 4) {
            throw new IllegalArgumentException("screen " + name + ": level must be 1 (overview) to 4 (diagnostic)");
        }
        if (background == null || !background.matches("#[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("screen " + name + ": background must be a colour like #DDDDDD");
        }
        widgets = List.copyOf(widgets == null ? List.of() : widgets);
        Set<String> ids = new HashSet<>();
        for (WidgetDef w : flatten(widgets)) {
            if (!ids.add(w.id())) {
                throw new IllegalArgumentException("screen " + name + ": widget id " + w.id() + " is used twice");
            }
        }
    }

    /** An empty screen with the defaults. */
    public static ScreenDef of(UUID id, String name) {
        return new ScreenDef(id, name, DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_BACKGROUND, 1, false, List.of());
    }

    public ScreenDef withWidgets(List<WidgetDef> w) {
        return new ScreenDef(id, name, width, height, background, level, home, w);
    }

    public ScreenDef withSize(int w, int h) {
        return new ScreenDef(id, name, w, h, background, level, home, widgets);
    }

    public ScreenDef withLevel(int l) {
        return new ScreenDef(id, name, width, height, background, l, home, widgets);
    }

    public ScreenDef withHome(boolean h) {
        return new ScreenDef(id, name, width, height, background, level, h, widgets);
    }

    public ScreenDef withBackground(String b) {
        return new ScreenDef(id, name, width, height, b, level, home, widgets);
    }

    public ScreenDef withName(String n) {
        return new ScreenDef(id, n, width, height, background, level, home, widgets);
    }

    /** Every widget, groups before their children, in drawing order. */
    public List<WidgetDef> allWidgets() {
        return flatten(widgets);
    }

    /** The widget with {@code widgetId} anywhere in the screen. */
    public Optional<WidgetDef> widget(String widgetId) {
        return allWidgets().stream().filter(w -> w.id().equals(widgetId)).findFirst();
    }

    /** This screen with every widget's macros applied ({@link WidgetDef#expand}). */
    public ScreenDef expanded() {
        List<WidgetDef> out = new ArrayList<>(widgets.size());
        for (WidgetDef w : widgets) {
            out.add(w.expand(Map.of()));
        }
        return withWidgets(out);
    }

    private static List<WidgetDef> flatten(List<WidgetDef> ws) {
        List<WidgetDef> out = new ArrayList<>();
        for (WidgetDef w : ws) {
            out.add(w);
            out.addAll(flatten(w.children()));
        }
        return out;
    }
}
