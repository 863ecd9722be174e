package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.layout.Pane;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;

/**
 * The widgets of the edited screen as nodes of the symbol library (the runtime's representation),
 * one per top-level widget, a group's children inside it. A change of the screen rebuilds only the
 * widgets that changed other than by moving; a drag only translates the dragged nodes. FX thread.
 */
final class WidgetLayer extends Pane {
    private final Function<WidgetDef, Node> symbols;
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, WidgetDef> shown = new HashMap<>();

    WidgetLayer(Function<WidgetDef, Node> symbols) {
        this.symbols = symbols;
        setMouseTransparent(true); // the canvas hit-tests the screen model, not the nodes
        getStyleClass().add("editor-widgets");
    }

    /** Shows {@code s}, reusing the nodes of widgets that only moved. */
    void show(ScreenDef s) {
        List<Node> order = new ArrayList<>(s == null ? 0 : s.widgets().size());
        Map<String, Node> keep = new HashMap<>();
        Map<String, WidgetDef> keepDefs = new HashMap<>();
        if (s != null) {
            for (WidgetDef w : s.widgets()) {
                WidgetDef old = shown.get(w.id());
                Node n = nodes.get(w.id());
                if (n == null || old == null || !samePlaced(old, w)) {
                    n = build(w);
                } else {
                    place(n, w);
                }
                keep.put(w.id(), n);
                keepDefs.put(w.id(), w);
                order.add(n);
            }
        }
        nodes.clear();
        nodes.putAll(keep);
        shown.clear();
        shown.putAll(keepDefs);
        if (!order.equals(getChildren())) {
            getChildren().setAll(order);
        }
    }

    /** The node of a top-level widget, or null. */
    Node node(String id) {
        return nodes.get(id);
    }

    /** Moves the nodes of {@code ids} by dx, dy for the drag's preview (0, 0 puts them back). */
    void translate(List<String> ids, double dx, double dy) {
        for (String id : ids) {
            Node n = nodes.get(id);
            if (n != null) {
                n.setTranslateX(dx);
                n.setTranslateY(dy);
            }
        }
    }

    private static boolean samePlaced(WidgetDef a, WidgetDef b) {
        return a.at(0, 0).equals(b.at(0, 0));
    }

    private Node build(WidgetDef w) {
        Node n;
        if (w.widgetType().container()) {
            Pane g = new Pane();
            g.setPickOnBounds(false);
            g.getStyleClass().add("editor-group");
            for (WidgetDef c : w.children()) {
                g.getChildren().add(build(c));
            }
            n = g;
        } else {
            n = symbols.apply(w);
        }
        place(n, w);
        n.setRotate(w.number("rotation", 0));
        // Hidden widgets stay visible to the engineer, faintly.
        n.setOpacity(w.bool("visible") ? 1 : 0.35);
        return n;
    }

    private static void place(Node n, WidgetDef w) {
        n.setLayoutX(w.number("x", 0));
        n.setLayoutY(w.number("y", 0));
        n.setTranslateX(0);
        n.setTranslateY(0);
    }
}
