package org.peresvet.app.trend;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import org.jfree.data.Range;
import org.peresvet.app.Messages;
import org.peresvet.model.Micros;

/**
 * The trend's second toolbar row, shown by its toggle: a period picker (from and to, date and
 * time in the workstation's zone) for history mode, and a manual range per Y axis (min and max
 * of a unit's axis, or back to autoscale).
 */
final class TrendRanges {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final TrendView view;
    private final TrendChart chart;
    private final ZoneId zone;
    private final FlowPane row = new FlowPane(4, 4);
    private final ToggleButton toggle = new ToggleButton(Messages.get("trend.ranges"));
    private final DatePicker fromDay = new DatePicker();
    private final TextField fromTime = new TextField();
    private final DatePicker toDay = new DatePicker();
    private final TextField toTime = new TextField();
    private final ComboBox<String> unit = new ComboBox<>();
    private final TextField min = new TextField();
    private final TextField max = new TextField();
    private final Label problem = new Label();

    TrendRanges(TrendView view, TrendChart chart, ZoneId zone) {
        this.view = view;
        this.chart = chart;
        this.zone = zone;
        toggle.setId("trend-ranges");
        toggle.setOnAction(e -> show(toggle.isSelected()));
        fromDay.setId("trend-from-day");
        fromTime.setId("trend-from-time");
        toDay.setId("trend-to-day");
        toTime.setId("trend-to-time");
        for (TextField f : new TextField[] {fromTime, toTime}) {
            f.setPrefColumnCount(6);
            f.setPromptText("hh:mm:ss");
        }
        for (DatePicker d : new DatePicker[] {fromDay, toDay}) {
            d.setPrefWidth(125);
        }
        Button period = new Button(Messages.get("trend.showPeriod"));
        period.setId("trend-show-period");
        period.setOnAction(e -> applyPeriod());
        unit.setId("trend-y-unit");
        unit.setOnAction(e -> fillAxis());
        min.setId("trend-y-min");
        max.setId("trend-y-max");
        min.setPrefColumnCount(5);
        max.setPrefColumnCount(5);
        Button setY = new Button(Messages.get("trend.setY"));
        setY.setId("trend-y-set");
        setY.setOnAction(e -> applyY());
        Button autoY = new Button(Messages.get("trend.autoY"));
        autoY.setId("trend-y-auto");
        autoY.setOnAction(e -> {
            view.yRange(unit.getValue(), null);
            min.clear(); // the axis scales on the next redraw
            max.clear();
        });
        problem.setId("trend-ranges-problem");
        problem.getStyleClass().add("trend-problem");
        row.setAlignment(Pos.CENTER_LEFT);
        row.setRowValignment(VPos.CENTER);
        row.setPadding(new Insets(0, 4, 4, 4));
        row.getChildren().addAll(new Label(Messages.get("trend.from")), fromDay, fromTime, new Label(Messages.get("trend.to")), toDay,
                toTime, period, new Separator(Orientation.VERTICAL), new Label(Messages.get("trend.yAxis")), unit, min, max, setY, autoY,
                problem);
        show(false);
    }

    ToggleButton toggle() {
        return toggle;
    }

    FlowPane row() {
        return row;
    }

    private void show(boolean on) {
        row.setVisible(on);
        row.setManaged(on);
        if (on) {
            fill();
        }
    }

    /** The fields from what the trend shows now. */
    void fill() {
        long[] shown = view.shown();
        LocalDateTime f = LocalDateTime.ofInstant(Micros.toInstant(shown[0]), zone);
        LocalDateTime t = LocalDateTime.ofInstant(Micros.toInstant(shown[1]), zone);
        fromDay.setValue(f.toLocalDate());
        fromTime.setText(f.toLocalTime().format(TIME));
        toDay.setValue(t.toLocalDate());
        toTime.setText(t.toLocalTime().format(TIME));
        String was = unit.getValue();
        unit.getItems().setAll(chart.units());
        unit.setValue(was != null && unit.getItems().contains(was) ? was : unit.getItems().isEmpty() ? null : unit.getItems().get(0));
        fillAxis();
        problem.setText("");
    }

    private void fillAxis() {
        String u = unit.getValue();
        double[] m = u == null ? null : chart.manualRange(u);
        Range r = u == null ? null : chart.axisRange(u);
        min.setText(m != null ? TrendMath.format(m[0]) : r != null ? TrendMath.format(r.getLowerBound()) : "");
        max.setText(m != null ? TrendMath.format(m[1]) : r != null ? TrendMath.format(r.getUpperBound()) : "");
    }

    private void applyPeriod() {
        try {
            long from = micros(fromDay.getValue(), fromTime.getText());
            long to = micros(toDay.getValue(), toTime.getText());
            if (to <= from) {
                problem.setText(Messages.get("trend.periodBackwards"));
                return;
            }
            problem.setText("");
            view.showPeriod(from, to, true);
        } catch (DateTimeParseException | NullPointerException e) {
            problem.setText(Messages.get("trend.periodBad"));
        }
    }

    private long micros(LocalDate day, String time) {
        LocalTime t = LocalTime.parse(time.strip());
        return Micros.of(LocalDateTime.of(day, t).atZone(zone).toInstant());
    }

    private void applyY() {
        String u = unit.getValue();
        try {
            double lo = Double.parseDouble(min.getText().strip());
            double hi = Double.parseDouble(max.getText().strip());
            if (u == null || !(hi > lo)) {
                problem.setText(Messages.get("trend.yBad"));
                return;
            }
            problem.setText("");
            view.yRange(u, new double[] {lo, hi});
        } catch (NumberFormatException e) {
            problem.setText(Messages.get("trend.yBad"));
        }
    }
}
