package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.transform.Scale;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;

/**
 * The widgets of the edited screen as nodes of the symbol library (the runtime's representation),
 * one per top-level widget, a group's children inside it. A change of the screen rebuilds only the
 * widgets that changed other than by moving.
 *
 * <p>Rendering a thousand vector symbols every frame is what makes a drag slow, so the widgets
 * sit in a layer that is cached as one bitmap: a frame that changes nothing in it (a selection, a
 * guide) only copies the bitmap. A drag lifts the dragged nodes into a second cached layer that
 * is translated as a whole; the still layer is drawn once without them, and the lifted one once,
 * and every frame of the drag copies two bitmaps. FX thread.
 */
final class WidgetLayer extends Pane {
    /** Above this many pixels along a side (screen size × zoom) the layers draw without a bitmap cache. */
    private static final double MAX_CACHED_SIDE = 4096;

    private final Function<WidgetDef, Node> symbols;
    private final Pane still = new Pane();
    private final Group lifted = new Group();
    /** The still layer as one picture while a drag lasts (see {@link #freeze}). */
    private final ImageView picture = new ImageView();
    private double zoom = 1;
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, WidgetDef> shown = new HashMap<>();
    private List<Node> order = List.of();

    WidgetLayer(Function<WidgetDef, Node> symbols) {
        this.symbols = symbols;
        setMouseTransparent(true); // the canvas hit-tests the screen model, not the nodes
        getStyleClass().add("editor-widgets");
        still.getStyleClass().add("editor-widgets-still");
        getChildren().addAll(still, lifted);
        for (Node layer : List.of(still, lifted)) {
            layer.setCache(true);
            layer.setCacheHint(CacheHint.QUALITY);
        }
    }

    /** Shows {@code s}, reusing the nodes of widgets that only moved; puts lifted nodes back. */
    void show(ScreenDef s) {
        List<Node> next = new ArrayList<>(s == null ? 0 : s.widgets().size());
        Map<String, Node> keep = new HashMap<>();
        Map<String, WidgetDef> keepDefs = new HashMap<>();
        if (s != null) {
            for (WidgetDef w : s.widgets()) {
                WidgetDef old = shown.get(w.id());
                Node n = nodes.get(w.id());
                if (n == null || old == null || !samePlaced(old, w)) {
                    n = build(w);
                } else if (!old.equals(w)) {
                    place(n, w);
                }
                keep.put(w.id(), n);
                keepDefs.put(w.id(), w);
                next.add(n);
            }
        }
        nodes.clear();
        nodes.putAll(keep);
        shown.clear();
        shown.putAll(keepDefs);
        order = next;
        drop();
    }

    /** The node of a top-level widget, or null. */
    Node node(String id) {
        return nodes.get(id);
    }

    /** Whether the nodes of a drag are lifted out of the still layer. */
    boolean lifting() {
        return !lifted.getChildren().isEmpty();
    }

    /** Lifts the nodes of {@code ids} out of the still layer for a drag (they draw above the rest meanwhile). */
    void lift(List<String> ids) {
        Set<Node> up = new HashSet<>();
        for (String id : ids) {
            Node n = nodes.get(id);
            if (n != null) {
                up.add(n);
            }
        }
        still.getChildren().removeAll(up);
        lifted.getChildren().setAll(order.stream().filter(up::contains).toList());
        lifted.setTranslateX(0);
        lifted.setTranslateY(0);
        freeze();
    }

    /**
     * Puts a picture of the still layer in its place for the drag. Every pulse walks every node of
     * the scene to update bounds, and a thousand symbols are thousands of nodes: with the still
     * ones out of the scene a drag frame walks only the dragged ones. The picture is taken at the
     * zoom, so it looks the same; the layer comes back at the drop.
     */
    private void freeze() {
        Bounds b = still.getBoundsInParent();
        if (!still.isCache() || still.getScene() == null || b.getWidth() < 1 || b.getHeight() < 1) {
            return; // a page too big for one picture draws as it is
        }
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        p.setTransform(new Scale(zoom, zoom));
        picture.setImage(still.snapshot(p, null));
        picture.setFitWidth(b.getWidth());
        picture.setFitHeight(b.getHeight());
        picture.setSmooth(true);
        picture.relocate(b.getMinX(), b.getMinY());
        getChildren().set(0, picture);
    }

    /** Shows the lifted nodes moved by dx, dy from where they were lifted. */
    void translateLifted(double dx, double dy) {
        lifted.setTranslateX(dx);
        lifted.setTranslateY(dy);
    }

    /** Puts lifted nodes back where they were, in the screen's order. */
    void drop() {
        if (getChildren().get(0) == picture) {
            getChildren().set(0, still);
            picture.setImage(null);
        }
        lifted.getChildren().clear();
        lifted.setTranslateX(0);
        lifted.setTranslateY(0);
        if (!order.equals(still.getChildren())) {
            still.getChildren().setAll(order);
        }
    }

    /** Draws the layers through a bitmap cache only while a bitmap of the whole page stays small. */
    void cacheFor(ScreenDef s, double zoom) {
        this.zoom = zoom;
        boolean small = s == null || Math.max(s.width(), s.height()) * zoom <= MAX_CACHED_SIDE;
        still.setCache(small);
        lifted.setCache(small);
    }

    private static boolean samePlaced(WidgetDef a, WidgetDef b) {
        return a.equals(b) || a.at(0, 0).equals(b.at(0, 0));
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
