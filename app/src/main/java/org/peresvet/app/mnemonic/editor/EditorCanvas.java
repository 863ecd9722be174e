package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * The drawing area: the screen's page with its grid, the widgets, and over them the selection,
 * resize handles, alignment guides and the rubber band. Mouse: click or shift-click to select,
 * drag a widget to move the selection (snapped, guides shown, one edit at release), drag a handle
 * to resize, drag on the page for a rubber band, middle button to pan, Ctrl+wheel to zoom; with a
 * palette type armed a click places it. Keys: arrows nudge (shift: a grid step), Delete, Ctrl+A/C/X/V,
 * Ctrl+G group, Ctrl+Shift+G ungroup, Ctrl+Z/Y undo/redo. FX thread.
 */
final class EditorCanvas {
    /** Handle size on screen, whatever the zoom. */
    private static final double HANDLE = 7;
    static final String DRAG_PREFIX = "peresvet-widget-type:";

    private final EditorModel model;
    private final ScrollPane scroll = new ScrollPane();
    private final Pane stage = new Pane();
    private final Region page = new Region();
    /**
     * The grid's dots as one rectangle filled with a tiled pattern: cheap to repaint in any part
     * (a drag's dirty region), where a page-sized canvas was a page-sized texture.
     */
    private final Rectangle grid = new Rectangle();
    private final WidgetLayer widgets;
    private final Group selectionMarks = new Group();
    private final Group guides = new Group();
    private final Rectangle band = new Rectangle();
    private final Rectangle resizeGhost = new Rectangle();
    private final Scale scale = new Scale(1, 1);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    /** A palette type waiting for a click on the page, or null. */
    private final ObjectProperty<String> armed = new SimpleObjectProperty<>(this, "armed");

    private enum Drag { NONE, MOVE, RESIZE, BAND, PAN }

    private Drag drag = Drag.NONE;
    private double pressX;
    private double pressY;
    private double pressSceneX;
    private double pressSceneY;
    private double panH;
    private double panV;
    private Box dragStart;
    private List<Box> dragOthers = List.of();
    private List<String> dragIds = List.of();
    private Handle dragHandle;
    private Snapping.Move lastMove;
    private Box lastResize;
    private boolean moved;
    private String pressedOn;

    EditorCanvas(EditorModel model, Function<WidgetDef, Node> symbols) {
        this.model = model;
        this.widgets = new WidgetLayer(symbols);
        page.getStyleClass().add("editor-page");
        grid.setMouseTransparent(true);
        band.getStyleClass().add("editor-band");
        band.setFill(Color.rgb(30, 110, 220, 0.12));
        band.setStroke(Color.rgb(30, 110, 220));
        band.getStrokeDashArray().addAll(4.0, 3.0);
        band.setVisible(false);
        resizeGhost.setFill(null);
        resizeGhost.setStroke(Color.rgb(30, 110, 220));
        resizeGhost.getStrokeDashArray().addAll(4.0, 3.0);
        resizeGhost.setVisible(false);
        Group overlay = new Group(selectionMarks, guides, band, resizeGhost);
        overlay.setMouseTransparent(true);
        stage.getChildren().addAll(page, grid, widgets, overlay);
        stage.getTransforms().add(scale);
        stage.getStyleClass().add("editor-stage");
        scale.xProperty().bind(zoom);
        scale.yProperty().bind(zoom);
        Group content = new Group(stage);
        scroll.setContent(content);
        scroll.getStyleClass().add("editor-canvas");
        scroll.setFocusTraversable(true);
        stage.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        stage.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        stage.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        scroll.addEventFilter(ScrollEvent.SCROLL, this::wheel);
        scroll.addEventFilter(KeyEvent.KEY_PRESSED, this::key); // before the scroll pane scrolls on arrows
        stage.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith(DRAG_PREFIX)) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        stage.setOnDragDropped(e -> {
            String s = e.getDragboard().getString();
            boolean ok = s != null && s.startsWith(DRAG_PREFIX);
            if (ok) {
                model.place(s.substring(DRAG_PREFIX.length()), e.getX(), e.getY());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        model.screenProperty().addListener((o, a, s) -> show(s));
        // a library symbol changed: its instances are drawn anew
        model.libraryVersionProperty().addListener((o, a, b) -> show(model.screen()));
        model.selection().addListener((ListChangeListener<String>) c -> drawSelection());
        model.snappingProperty().addListener((o, a, b) -> drawGrid(model.screen()));
        zoom.addListener((o, a, b) -> {
            widgets.cacheFor(model.screen(), zoom.get());
            drawSelection();
        });
        // The marks of a big selection are copied as one bitmap while they follow a drag.
        selectionMarks.setCache(true);
        show(model.screen());
    }

    ScrollPane view() {
        return scroll;
    }

    DoubleProperty zoomProperty() {
        return zoom;
    }

    ObjectProperty<String> armedProperty() {
        return armed;
    }

    /** The page node (tests click on it at screen coordinates through {@link #toScene}). */
    Pane stage() {
        return stage;
    }

    WidgetLayer widgets() {
        return widgets;
    }

    /** Where the screen point x, y is in the scene. */
    Point2D toScreen(double x, double y) {
        return stage.localToScreen(x, y);
    }

    /** Zooms by {@code factor}, between 10 % and 800 %. */
    void zoomBy(double factor) {
        zoom.set(Math.max(0.1, Math.min(8, zoom.get() * factor)));
    }

    /** Scrolls so the top-level widget {@code id} is in view. */
    void reveal(String id) {
        Box b = model.layout().box(id);
        if (b == null) {
            return;
        }
        double cw = stage.getBoundsInParent().getWidth();
        double ch = stage.getBoundsInParent().getHeight();
        double vw = scroll.getViewportBounds().getWidth();
        double vh = scroll.getViewportBounds().getHeight();
        double z = zoom.get();
        if (cw > vw) {
            scroll.setHvalue(Math.max(0, Math.min(1, (b.centerX() * z - vw / 2) / (cw - vw))));
        }
        if (ch > vh) {
            scroll.setVvalue(Math.max(0, Math.min(1, (b.centerY() * z - vh / 2) / (ch - vh))));
        }
    }

    private void show(ScreenDef s) {
        if (s != null) {
            page.setPrefSize(s.width(), s.height());
            page.resize(s.width(), s.height());
            page.setStyle("-fx-background-color: " + s.background() + "; -fx-border-color: #8a8a8a; -fx-border-width: 1;");
            stage.setPrefSize(s.width(), s.height());
        }
        page.setVisible(s != null);
        drawGrid(s);
        widgets.cacheFor(s, zoom.get());
        widgets.show(model.expanded(s));
        drawSelection();
    }

    private void drawGrid(ScreenDef s) {
        double step = model.snappingProperty().get().grid();
        if (s == null || step < 4) {
            grid.setVisible(false);
            return;
        }
        grid.setWidth(s.width());
        grid.setHeight(s.height());
        grid.setFill(dots(step * 2));
        grid.setVisible(true);
    }

    /** Dots at every other grid point keep the page calm; snapping still uses every point. */
    private static ImagePattern dots(double spacing) {
        int n = Math.max(2, (int) Math.round(spacing));
        WritableImage tile = new WritableImage(n, n);
        tile.getPixelWriter().setColor(0, 0, Color.rgb(0, 0, 0, 0.18));
        return new ImagePattern(tile, 0, 0, spacing, spacing, false);
    }

    /** Outlines of the selection, and the handles of a single resizable widget. */
    void drawSelection() {
        List<Node> marks = new ArrayList<>();
        Layout l = model.layout();
        double z = zoom.get();
        for (String id : model.selection()) {
            Box b = l.box(id);
            if (b == null) {
                continue;
            }
            Rectangle r = new Rectangle(b.x() - 2 / z, b.y() - 2 / z, b.w() + 4 / z, b.h() + 4 / z);
            r.setFill(null);
            r.setStroke(Color.rgb(30, 110, 220));
            r.setStrokeWidth(1.5 / z);
            r.getStyleClass().add("editor-selection");
            marks.add(r);
        }
        if (model.selection().size() == 1 && resizable(model.selection().get(0))) {
            Box b = l.box(model.selection().get(0));
            for (Handle h : Handle.values()) {
                double s = HANDLE / z;
                Rectangle r = new Rectangle(h.x(b) - s / 2, h.y(b) - s / 2, s, s);
                r.setFill(Color.WHITE);
                r.setStroke(Color.rgb(30, 110, 220));
                r.setStrokeWidth(1 / z);
                r.getStyleClass().add("editor-handle");
                marks.add(r);
            }
        }
        selectionMarks.getChildren().setAll(marks);
        selectionMarks.setTranslateX(0);
        selectionMarks.setTranslateY(0);
    }

    private boolean resizable(String id) {
        ScreenDef s = model.screen();
        WidgetDef w = s == null ? null : s.widgets().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        // a symbol instance takes its definition's size
        return w != null && !w.widgetType().container() && !WidgetTypes.SYMBOL.equals(w.type());
    }

    // ---- mouse ------------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        scroll.requestFocus();
        if (model.screen() == null) {
            return;
        }
        pressX = e.getX();
        pressY = e.getY();
        pressSceneX = e.getSceneX();
        pressSceneY = e.getSceneY();
        moved = false;
        if (e.getButton() == MouseButton.MIDDLE) {
            drag = Drag.PAN;
            panH = scroll.getHvalue();
            panV = scroll.getVvalue();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (armed.get() != null) {
            model.place(armed.get(), e.getX(), e.getY());
            armed.set(null);
            drag = Drag.NONE;
            return;
        }
        Layout l = model.layout();
        if (model.selection().size() == 1 && resizable(model.selection().get(0))) {
            Box b = l.box(model.selection().get(0));
            Handle h = Handle.at(b, e.getX(), e.getY(), HANDLE / zoom.get());
            if (h != null) {
                drag = Drag.RESIZE;
                dragHandle = h;
                dragStart = b;
                dragIds = List.copyOf(model.selection());
                dragOthers = l.others(dragIds);
                return;
            }
        }
        pressedOn = l.hit(e.getX(), e.getY());
        if (pressedOn == null) {
            drag = Drag.BAND;
            if (!e.isShiftDown()) {
                model.select(List.of());
            }
            return;
        }
        if (e.isShiftDown() || e.isShortcutDown()) {
            model.toggle(pressedOn);
            drag = model.selection().contains(pressedOn) ? Drag.MOVE : Drag.NONE;
        } else {
            if (!model.selection().contains(pressedOn)) {
                model.select(List.of(pressedOn));
            }
            drag = Drag.MOVE;
        }
        if (drag == Drag.MOVE) {
            dragIds = List.copyOf(model.selection());
            dragStart = Box.union(l.boxesOf(dragIds).values());
            dragOthers = l.others(dragIds);
        }
    }

    private void dragged(MouseEvent e) {
        double dx = e.getX() - pressX;
        double dy = e.getY() - pressY;
        if (!moved && Math.abs(e.getSceneX() - pressSceneX) < 3 && Math.abs(e.getSceneY() - pressSceneY) < 3) {
            return; // a click that trembles is still a click
        }
        moved = true;
        switch (drag) {
            case MOVE -> dragTo(dx, dy);
            case RESIZE -> {
                lastResize = dragHandle.resize(dragStart, e.getX(), e.getY(), model.snappingProperty().get().edges(dragOthers));
                resizeGhost.setX(lastResize.x());
                resizeGhost.setY(lastResize.y());
                resizeGhost.setWidth(lastResize.w());
                resizeGhost.setHeight(lastResize.h());
                resizeGhost.setStrokeWidth(1 / zoom.get());
                resizeGhost.setVisible(true);
            }
            case BAND -> {
                Box b = Box.spanning(pressX, pressY, e.getX(), e.getY());
                band.setX(b.x());
                band.setY(b.y());
                band.setWidth(b.w());
                band.setHeight(b.h());
                band.setStrokeWidth(1 / zoom.get());
                band.setVisible(true);
            }
            case PAN -> {
                double cw = stage.getBoundsInParent().getWidth() - scroll.getViewportBounds().getWidth();
                double ch = stage.getBoundsInParent().getHeight() - scroll.getViewportBounds().getHeight();
                if (cw > 0) {
                    scroll.setHvalue(Math.max(0, Math.min(1, panH - (e.getSceneX() - pressSceneX) / cw)));
                }
                if (ch > 0) {
                    scroll.setVvalue(Math.max(0, Math.min(1, panV - (e.getSceneY() - pressSceneY) / ch)));
                }
            }
            default -> {
            }
        }
        e.consume();
    }

    /** One frame of a move drag: snap, translate the dragged nodes and their marks, draw the guides. */
    void dragTo(double dx, double dy) {
        if (!widgets.lifting()) {
            widgets.lift(dragIds);
        }
        lastMove = model.snappingProperty().get().move(dragStart, dx, dy, dragOthers);
        widgets.translateLifted(lastMove.dx(), lastMove.dy());
        selectionMarks.setTranslateX(lastMove.dx());
        selectionMarks.setTranslateY(lastMove.dy());
        List<Node> lines = new ArrayList<>();
        ScreenDef s = model.screen();
        for (double x : lastMove.verticals()) {
            lines.add(guide(x, 0, x, s.height()));
        }
        for (double y : lastMove.horizontals()) {
            lines.add(guide(0, y, s.width(), y));
        }
        guides.getChildren().setAll(lines);
    }

    /** Starts a move drag of the current selection (the benchmark drives drags through here). */
    void beginMove() {
        Layout l = model.layout();
        dragIds = List.copyOf(model.selection());
        dragStart = Box.union(l.boxesOf(dragIds).values());
        dragOthers = l.others(dragIds);
        drag = Drag.MOVE;
        moved = true;
    }

    /** Ends a move drag: one edit for the whole drag. */
    void endMove() {
        guides.getChildren().clear();
        drag = Drag.NONE;
        if (lastMove != null && (lastMove.dx() != 0 || lastMove.dy() != 0)) {
            model.move(lastMove.dx(), lastMove.dy());
        }
        widgets.drop(); // the move's new screen has put them back already, unless nothing moved or it was refused
        lastMove = null;
        drawSelection();
    }

    private Line guide(double x0, double y0, double x1, double y1) {
        Line l = new Line(x0, y0, x1, y1);
        l.setStroke(Color.rgb(220, 30, 160));
        l.setStrokeWidth(1 / zoom.get());
        l.getStrokeDashArray().addAll(6 / zoom.get(), 4 / zoom.get());
        l.getStyleClass().add("editor-guide");
        return l;
    }

    private void released(MouseEvent e) {
        Drag d = drag;
        drag = Drag.NONE;
        switch (d) {
            case MOVE -> {
                if (moved) {
                    endMove();
                } else if (pressedOn != null && !e.isShiftDown() && !e.isShortcutDown()) {
                    model.select(List.of(pressedOn)); // a plain click on one of several selected picks it alone
                }
            }
            case RESIZE -> {
                resizeGhost.setVisible(false);
                if (moved && lastResize != null) {
                    model.resize(dragIds.get(0), lastResize);
                }
                lastResize = null;
            }
            case BAND -> {
                band.setVisible(false);
                if (moved) {
                    List<String> hit = model.layout().within(Box.spanning(pressX, pressY, e.getX(), e.getY()));
                    List<String> sel = new ArrayList<>(e.isShiftDown() ? model.selection() : List.of());
                    for (String id : hit) {
                        if (!sel.contains(id)) {
                            sel.add(id);
                        }
                    }
                    model.select(sel);
                }
            }
            default -> {
            }
        }
    }

    private void wheel(ScrollEvent e) {
        if (e.isShortcutDown()) {
            zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1);
            e.consume();
        }
    }

    private void key(KeyEvent e) {
        boolean ctrl = e.isShortcutDown();
        KeyCode k = e.getCode();
        boolean done = true;
        if (k == KeyCode.LEFT || k == KeyCode.RIGHT || k == KeyCode.UP || k == KeyCode.DOWN) {
            if (model.selection().isEmpty()) {
                return;
            }
            model.nudge(k == KeyCode.LEFT ? -1 : k == KeyCode.RIGHT ? 1 : 0, k == KeyCode.UP ? -1 : k == KeyCode.DOWN ? 1 : 0,
                    e.isShiftDown());
        } else if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
            model.delete();
        } else if (k == KeyCode.ESCAPE) {
            armed.set(null);
            model.select(List.of());
        } else if (ctrl && k == KeyCode.A) {
            model.selectAll();
        } else if (ctrl && k == KeyCode.C) {
            model.copy();
        } else if (ctrl && k == KeyCode.X) {
            model.cut();
        } else if (ctrl && k == KeyCode.V) {
            model.paste();
        } else if (ctrl && k == KeyCode.G) {
            if (e.isShiftDown()) {
                model.ungroup();
            } else {
                model.group();
            }
        } else if (ctrl && (k == KeyCode.Z && !e.isShiftDown())) {
            model.editor().undo();
        } else if (ctrl && (k == KeyCode.Y || k == KeyCode.Z)) {
            model.editor().redo();
        } else if (ctrl && (k == KeyCode.PLUS || k == KeyCode.EQUALS || k == KeyCode.ADD)) {
            zoomBy(1.25);
        } else if (ctrl && (k == KeyCode.MINUS || k == KeyCode.SUBTRACT)) {
            zoomBy(1 / 1.25);
        } else if (ctrl && (k == KeyCode.DIGIT0 || k == KeyCode.NUMPAD0)) {
            zoom.set(1);
        } else {
            done = false;
        }
        if (done) {
            e.consume();
        }
    }
}
