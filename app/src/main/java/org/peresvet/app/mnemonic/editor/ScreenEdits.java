package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.screen.ScreenCodec;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * The editor's changes to a screen as pure functions: each takes a screen and gives the changed
 * one (screens are immutable), so every change is one document put and undo is the model's.
 * Ids name top-level widgets unless said otherwise. Toolkit-free.
 */
public final class ScreenEdits {

    /** Where a z-order change puts the widgets. */
    public enum ZOrder { FRONT, BACK, FORWARD, BACKWARD }

    /** A screen with the ids of the widgets a change added. */
    public record Added(ScreenDef screen, List<String> ids) {
    }

    private ScreenEdits() {
    }

    /** A new widget of {@code type} with its default size, its top-left corner at x, y. */
    public static Added place(ScreenDef s, String type, double x, double y) {
        String id = uniqueId(ids(s), type);
        WidgetDef w = WidgetDef.of(id, type).at(x, y);
        if (Layout.hasPoints(w)) {
            // A line or pipe starts as a short horizontal stroke the engineer reshapes.
            w = w.with("points", List.of(0.0, 0.0, 120.0, 0.0));
        }
        List<WidgetDef> ws = new ArrayList<>(s.widgets());
        ws.add(w);
        return new Added(s.withWidgets(ws), List.of(id));
    }

    /** The widgets {@code ids} moved by dx, dy. */
    public static ScreenDef move(ScreenDef s, Collection<String> ids, double dx, double dy) {
        if (dx == 0 && dy == 0) {
            return s;
        }
        List<WidgetDef> ws = new ArrayList<>(s.widgets().size());
        for (WidgetDef w : s.widgets()) {
            ws.add(ids.contains(w.id()) ? w.at(w.number("x", 0) + dx, w.number("y", 0) + dy) : w);
        }
        return s.withWidgets(ws);
    }

    /** Each widget of {@code boxes} moved so its box starts where its new box does (align, distribute). */
    public static ScreenDef moveTo(ScreenDef s, Map<String, Box> boxes) {
        List<WidgetDef> ws = new ArrayList<>(s.widgets().size());
        for (WidgetDef w : s.widgets()) {
            Box to = boxes.get(w.id());
            if (to == null) {
                ws.add(w);
            } else {
                Box from = Layout.bounds(w);
                ws.add(w.at(w.number("x", 0) + to.x() - from.x(), w.number("y", 0) + to.y() - from.y()));
            }
        }
        return s.withWidgets(ws);
    }

    /**
     * The top-level widget {@code id} resized to {@code to}: a plain widget takes the box; a shape
     * through points has its points scaled; a group is only moved (its children keep their size).
     */
    public static ScreenDef resize(ScreenDef s, String id, Box to) {
        List<WidgetDef> ws = new ArrayList<>(s.widgets().size());
        for (WidgetDef w : s.widgets()) {
            ws.add(w.id().equals(id) ? resized(w, to) : w);
        }
        return s.withWidgets(ws);
    }

    private static WidgetDef resized(WidgetDef w, Box to) {
        Box from = Layout.bounds(w);
        if (w.widgetType().container()) {
            return w.at(w.number("x", 0) + to.x() - from.x(), w.number("y", 0) + to.y() - from.y());
        }
        if (Layout.hasPoints(w) && w.points("points").size() >= 2) {
            List<Double> p = w.points("points");
            double x = w.number("x", 0);
            double y = w.number("y", 0);
            double sx = from.w() == 0 ? 1 : to.w() / from.w();
            double sy = from.h() == 0 ? 1 : to.h() / from.h();
            List<Double> out = new ArrayList<>(p.size());
            for (int i = 0; i + 1 < p.size(); i += 2) {
                // Points stay relative to x, y; x, y stay.
                out.add(round((x + p.get(i) - from.x()) * sx + to.x() - x));
                out.add(round((y + p.get(i + 1) - from.y()) * sy + to.y() - y));
            }
            return w.with("points", out);
        }
        return w.at(to.x(), to.y()).size(to.w(), to.h());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The widgets {@code ids} without their others. */
    public static ScreenDef delete(ScreenDef s, Collection<String> ids) {
        return s.withWidgets(s.widgets().stream().filter(w -> !ids.contains(w.id())).toList());
    }

    /**
     * The widgets {@code ids} put into one new group where the topmost of them was; the group's
     * x, y is the selection's top-left corner and the children are placed relative to it.
     */
    public static Added group(ScreenDef s, Collection<String> ids) {
        List<WidgetDef> picked = s.widgets().stream().filter(w -> ids.contains(w.id())).toList();
        if (picked.isEmpty()) {
            return new Added(s, List.of());
        }
        Box all = Box.union(picked.stream().map(Layout::bounds).toList());
        List<WidgetDef> kids = new ArrayList<>();
        for (WidgetDef w : picked) {
            kids.add(w.at(w.number("x", 0) - all.x(), w.number("y", 0) - all.y()));
        }
        String gid = uniqueId(ids(s), "group");
        WidgetDef g = WidgetDef.group(gid, kids).at(all.x(), all.y());
        String top = picked.get(picked.size() - 1).id();
        List<WidgetDef> ws = new ArrayList<>();
        for (WidgetDef w : s.widgets()) {
            if (w.id().equals(top)) {
                ws.add(g);
            } else if (!ids.contains(w.id())) {
                ws.add(w);
            }
        }
        return new Added(s.withWidgets(ws), List.of(gid));
    }

    /** The groups among {@code ids} replaced by their children, placed where they were; a group's macros go to each child. */
    public static Added ungroup(ScreenDef s, Collection<String> ids) {
        List<WidgetDef> ws = new ArrayList<>();
        List<String> freed = new ArrayList<>();
        for (WidgetDef w : s.widgets()) {
            if (ids.contains(w.id()) && w.widgetType().container()) {
                double gx = w.number("x", 0);
                double gy = w.number("y", 0);
                for (WidgetDef c : w.children()) {
                    WidgetDef out = c.at(c.number("x", 0) + gx, c.number("y", 0) + gy);
                    for (var m : w.macros().entrySet()) {
                        if (!c.macros().containsKey(m.getKey())) {
                            out = out.withMacro(m.getKey(), m.getValue());
                        }
                    }
                    ws.add(out);
                    freed.add(c.id());
                }
            } else {
                ws.add(w);
            }
        }
        return new Added(s.withWidgets(ws), freed);
    }

    /** The widgets {@code ids} moved in the drawing order (front = drawn last, on top). */
    public static ScreenDef zOrder(ScreenDef s, Collection<String> ids, ZOrder how) {
        List<WidgetDef> ws = new ArrayList<>(s.widgets());
        switch (how) {
            case FRONT, BACK -> {
                List<WidgetDef> picked = ws.stream().filter(w -> ids.contains(w.id())).toList();
                ws.removeAll(picked);
                if (how == ZOrder.FRONT) {
                    ws.addAll(picked);
                } else {
                    ws.addAll(0, picked);
                }
            }
            case FORWARD -> {
                for (int i = ws.size() - 2; i >= 0; i--) {
                    if (ids.contains(ws.get(i).id()) && !ids.contains(ws.get(i + 1).id())) {
                        ws.add(i + 1, ws.remove(i));
                    }
                }
            }
            case BACKWARD -> {
                for (int i = 1; i < ws.size(); i++) {
                    if (ids.contains(ws.get(i).id()) && !ids.contains(ws.get(i - 1).id())) {
                        ws.add(i - 1, ws.remove(i));
                    }
                }
            }
            default -> throw new IllegalStateException(how.name());
        }
        return s.withWidgets(ws);
    }

    /** The widget with {@code id} (anywhere, also inside a group) replaced by {@code with}. */
    public static ScreenDef replace(ScreenDef s, String id, WidgetDef with) {
        return s.withWidgets(replaceIn(s.widgets(), id, with));
    }

    private static List<WidgetDef> replaceIn(List<WidgetDef> ws, String id, WidgetDef with) {
        List<WidgetDef> out = new ArrayList<>(ws.size());
        for (WidgetDef w : ws) {
            if (w.id().equals(id)) {
                out.add(with);
            } else if (!w.children().isEmpty()) {
                out.add(w.withChildren(replaceIn(w.children(), id, with)));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** The widgets {@code ids} as clipboard text (a screen body holding only them). */
    public static String copy(ScreenDef s, Collection<String> ids) {
        List<WidgetDef> picked = s.widgets().stream().filter(w -> ids.contains(w.id())).toList();
        return ScreenCodec.write(ScreenDef.of(UUID.randomUUID(), "clipboard").withWidgets(picked));
    }

    /**
     * The widgets of clipboard text added on top, moved by dx, dy; ids already in the screen are
     * renamed (also inside groups).
     *
     * @throws org.peresvet.model.ModelException when the text is not a copied selection
     */
    public static Added paste(ScreenDef s, String clip, double dx, double dy) {
        ScreenDef copied = ScreenCodec.read(UUID.randomUUID(), "clipboard", clip);
        Set<String> taken = ids(s);
        List<WidgetDef> ws = new ArrayList<>(s.widgets());
        List<String> added = new ArrayList<>();
        for (WidgetDef w : copied.widgets()) {
            WidgetDef fresh = renamed(w, taken, new HashMap<>());
            fresh = fresh.at(fresh.number("x", 0) + dx, fresh.number("y", 0) + dy);
            ws.add(fresh);
            added.add(fresh.id());
        }
        return new Added(s.withWidgets(ws), added);
    }

    private static WidgetDef renamed(WidgetDef w, Set<String> taken, Map<String, String> seen) {
        String id = taken.contains(w.id()) ? uniqueId(taken, base(w.id())) : w.id();
        taken.add(id);
        List<WidgetDef> kids = new ArrayList<>();
        for (WidgetDef c : w.children()) {
            kids.add(renamed(c, taken, seen));
        }
        WidgetDef out = w.withId(id);
        return kids.isEmpty() ? out : out.withChildren(kids);
    }

    /** "pump12" → "pump"; the part a fresh number is put after. */
    private static String base(String id) {
        String b = id.replaceAll("[0-9]+$", "");
        return b.isEmpty() ? "w" : b;
    }

    /** The first of base1, base2, … not in {@code taken}. */
    public static String uniqueId(Set<String> taken, String base) {
        String b = base.length() > 56 ? base.substring(0, 56) : base;
        for (int i = 1; ; i++) {
            String id = b + i;
            if (!taken.contains(id)) {
                return id;
            }
        }
    }

    /** Every widget id of the screen, also those inside groups. */
    public static Set<String> ids(ScreenDef s) {
        Set<String> out = new HashSet<>();
        for (WidgetDef w : s.allWidgets()) {
            out.add(w.id());
        }
        return out;
    }

    /** The top-level widget that is or holds the widget {@code id}, or null. */
    public static String topLevelOf(ScreenDef s, String id) {
        for (WidgetDef w : s.widgets()) {
            if (w.id().equals(id) || contains(w, id)) {
                return w.id();
            }
        }
        return null;
    }

    private static boolean contains(WidgetDef w, String id) {
        for (WidgetDef c : w.children()) {
            if (c.id().equals(id) || contains(c, id)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a type name is a group. */
    static boolean isGroup(WidgetDef w) {
        return WidgetTypes.GROUP.equals(w.type());
    }
}
