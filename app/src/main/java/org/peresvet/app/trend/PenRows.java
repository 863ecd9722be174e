package org.peresvet.app.trend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.peresvet.app.Messages;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/**
 * The pen table under a trend's chart: per pen a remove button, visibility, a colour swatch, the
 * tag's path and units (and its state lane), the line width, and the readouts at the cursor, at A
 * and B and their difference, which {@link TrendView} fills.
 */
final class PenRows {
    private final GridPane grid;
    /** A pen's look changed: the chart is to be drawn again. */
    private final Runnable changed;
    private final Consumer<PenSeries> remove;
    /** Per row: value at the cursor, A, B, B-A, quality at the cursor. */
    private final List<Label[]> readouts = new ArrayList<>();
    private final Map<String, Tooltip> tips = new HashMap<>();

    PenRows(GridPane grid, Runnable changed, Consumer<PenSeries> remove) {
        this.grid = grid;
        this.changed = changed;
        this.remove = remove;
    }

    /** Per row: the labels of the value at the cursor, A, B, B-A and the quality at the cursor. */
    List<Label[]> readouts() {
        return readouts;
    }

    /** The header and one row per pen, built anew (pens added, removed or reloaded). */
    void rebuild(List<PenSeries> pens, ModelSnapshot m) {
        grid.getChildren().clear();
        readouts.clear();
        String[] heads = {"", "trend.col.pen", "trend.col.width", "trend.col.value", "trend.col.quality", "trend.col.a", "trend.col.b", "trend.col.delta"};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c].isEmpty() ? "" : Messages.get(heads[c]));
            h.getStyleClass().add("trend-head");
            grid.add(h, c, 0);
        }
        int row = 1;
        for (PenSeries s : pens) {
            TrendPen pen = s.pen;
            CheckBox show = new CheckBox();
            show.setSelected(pen.visible());
            show.setOnAction(e -> {
                pen.visible(show.isSelected());
                changed.run();
            });
            Button color = colorButton(pen);
            HBox penCell = new HBox(4, show, color, new Label(label(m, pen.tagId())));
            penCell.setAlignment(Pos.CENTER_LEFT);
            TagDef tag = m.tag(pen.tagId());
            if (tag != null && TrendMath.states(tag) != null) {
                CheckBox lane = new CheckBox(Messages.get("trend.lane"));
                lane.setId("trend-lane-" + (row - 1));
                lane.setTooltip(rowTip("trend.lane.tip"));
                lane.setSelected(pen.states(tag) != null);
                lane.setOnAction(e -> {
                    pen.lane(lane.isSelected());
                    changed.run();
                });
                penCell.getChildren().add(lane);
            }
            Button width = widthButton(pen);
            Button remove = new Button("✕");
            remove.setTooltip(rowTip("trend.remove"));
            remove.setOnAction(e -> this.remove.accept(s));
            Label value = new Label();
            Label quality = new Label();
            Label a = new Label();
            Label b = new Label();
            Label delta = new Label();
            value.setId("trend-value-" + (row - 1));
            quality.setId("trend-quality-" + (row - 1));
            a.setId("trend-a-" + (row - 1));
            b.setId("trend-b-" + (row - 1));
            delta.setId("trend-delta-" + (row - 1));
            readouts.add(new Label[] {value, a, b, delta, quality});
            grid.addRow(row++, remove, penCell, width, value, quality, a, b, delta);
        }
    }

    /**
     * The tooltip of a pen row's control, one for every row (a tooltip may serve several nodes):
     * each tooltip is a popup control styled when its row enters the scene, 3 or 4 per row.
     */
    private Tooltip rowTip(String key) {
        return tips.computeIfAbsent(key, k -> new Tooltip(Messages.get(k)));
    }

    /**
     * A pen's colour: a swatch that offers the palette, and any colour through a colour picker made
     * only then. Light on purpose: a ColorPicker and a Spinner per pen row were most of the FX
     * time of putting eight pens on a trend.
     */
    private Button colorButton(TrendPen pen) {
        Rectangle swatch = new Rectangle(14, 14, Color.web(pen.color()));
        Button b = new Button(null, swatch);
        b.setTooltip(rowTip("trend.color"));
        b.setOnAction(e -> {
            ContextMenu menu = new ContextMenu();
            for (String c : TrendPen.PALETTE) {
                MenuItem item = new MenuItem(null, new Rectangle(14, 14, Color.web(c)));
                item.setOnAction(x -> {
                    pen.color(c);
                    swatch.setFill(Color.web(c));
                    changed.run();
                });
                menu.getItems().add(item);
            }
            MenuItem other = new MenuItem(Messages.get("trend.colorOther"));
            other.setOnAction(x -> otherColor(pen, swatch, b));
            menu.getItems().add(other);
            menu.show(b, Side.BOTTOM, 0, 0);
        });
        return b;
    }

    /** Any colour: a colour picker in the swatch's place while it is open. */
    private void otherColor(TrendPen pen, Rectangle swatch, Button b) {
        if (!(b.getParent() instanceof HBox cell)) {
            return;
        }
        int at = cell.getChildren().indexOf(b);
        ColorPicker picker = new ColorPicker(Color.web(pen.color()));
        picker.setOnAction(e -> {
            Color c = picker.getValue();
            pen.color(String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                    (int) Math.round(c.getBlue() * 255)));
            swatch.setFill(Color.web(pen.color()));
            changed.run();
        });
        picker.setOnHidden(e -> cell.getChildren().set(at, b));
        cell.getChildren().set(at, picker);
        Platform.runLater(picker::show);
    }

    /** A pen's line width: its value, the choices 0.5 to 6 in a menu. */
    private Button widthButton(TrendPen pen) {
        Button b = new Button(TrendMath.format(pen.width()));
        b.setTooltip(rowTip("trend.col.width"));
        b.setOnAction(e -> {
            ContextMenu menu = new ContextMenu();
            for (int k = 1; k <= 12; k++) {
                double w = k * 0.5;
                MenuItem item = new MenuItem(TrendMath.format(w));
                item.setOnAction(x -> {
                    pen.width(w);
                    b.setText(TrendMath.format(w));
                    changed.run();
                });
                menu.getItems().add(item);
            }
            menu.show(b, Side.BOTTOM, 0, 0);
        });
        return b;
    }

    private static String label(ModelSnapshot m, UUID tagId) {
        TagDef t = m.tag(tagId);
        if (t == null) {
            return Messages.get("trend.deletedTag");
        }
        String path = m.tagPath(tagId);
        return t.units() == null || t.units().isBlank() ? path : path + " [" + t.units() + "]";
    }
}
