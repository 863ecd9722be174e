package org.peresvet.app.alarm;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.peresvet.app.Messages;
import org.peresvet.model.AlarmPriority;

/**
 * The operator station's alarm strip. Calm and grey while nothing waits (ISA-101: colour only for
 * what is abnormal); with an unacknowledged alarm, the newest most urgent one: a marker in the
 * priority's shape and colour that blinks until it is acknowledged, its time, tag, alarm and text.
 * On the right, per priority, how many alarms are active and how many wait. A click opens the
 * panel. FX thread only.
 */
final class AlarmStrip implements AutoCloseable {
    private static final String CALM = "-fx-background-color: #D4D4D4; -fx-border-color: #A0A0A0; -fx-border-width: 0 0 1 0;";
    private static final String ALERT = "-fx-background-color: #F4F4F4; -fx-border-color: #3C3C3C; -fx-border-width: 0 0 2 0;";

    private final AlarmListModel list;
    private final HBox box = new HBox(10);
    private final Label marker = new Label();
    private final Label time = new Label();
    private final Label what = new Label();
    private final Label counts = new Label();
    private final Label open = new Label(Messages.get("opAlarms.open"));
    private final Timeline blink;

    AlarmStrip(AlarmListModel list, Runnable onClick) {
        this.list = list;
        box.setId("operator-alarm-strip");
        box.getStyleClass().add("operator-alarm-strip");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(4, 10, 4, 10));
        box.setMinHeight(34);
        box.setOnMouseClicked(e -> onClick.run());
        box.setCursor(Cursor.HAND);
        marker.setId("operator-alarm-marker");
        marker.setMinWidth(Region.USE_PREF_SIZE);
        time.setId("operator-alarm-time");
        time.setMinWidth(Region.USE_PREF_SIZE);
        what.setId("operator-alarm-text");
        what.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(what, Priority.ALWAYS);
        counts.setId("operator-alarm-counts");
        counts.setMinWidth(Region.USE_PREF_SIZE);
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.setStyle("-fx-text-fill: #333333; -fx-underline: true;");
        box.getChildren().addAll(marker, time, what, counts, open);
        blink = new Timeline(new KeyFrame(Duration.millis(500), e -> marker.setOpacity(marker.getOpacity() < 1 ? 1 : 0.2)));
        blink.setCycleCount(Timeline.INDEFINITE);
        list.mostImportantProperty().addListener((o, a, b) -> show());
        list.rows().addListener((ListChangeListener<AlarmRow>) c -> show());
        show();
    }

    HBox node() {
        return box;
    }

    boolean blinking() {
        return blink.getStatus() == Animation.Status.RUNNING;
    }

    String text() {
        return String.join("  ", marker.getText(), time.getText(), what.getText(), counts.getText()).strip();
    }

    private void show() {
        AlarmRow top = list.mostImportantProperty().get();
        counts.setText(counts());
        if (top == null) {
            box.setStyle(CALM);
            marker.setText("");
            marker.setStyle("");
            marker.setVisible(false);
            marker.setManaged(false);
            time.setText("");
            what.setText(list.rows().isEmpty() ? Messages.get("opAlarms.calm") : Messages.get("opAlarms.allAcked", list.rows().size()));
            what.setStyle("-fx-text-fill: #4A4A4A;");
            counts.setStyle("-fx-text-fill: #4A4A4A;");
            blink.stop();
            marker.setOpacity(1);
            return;
        }
        box.setStyle(ALERT);
        marker.setVisible(true);
        marker.setManaged(true);
        marker.setText(AlarmText.priority(top.priority()));
        marker.setStyle(PriorityColors.badge(top.priority()) + " -fx-font-weight: bold; -fx-padding: 2 8 2 8;");
        time.setText(AlarmText.shortTime(top.time(), LocalDate.now()));
        time.setStyle("-fx-text-fill: #1A1A1A; -fx-font-family: monospace;");
        StringBuilder b = new StringBuilder(top.objectPath()).append('#').append(top.alarm());
        if (!top.message().isBlank()) {
            b.append("   ").append(top.message());
        } else if (!top.value().isBlank()) {
            b.append("   ").append(top.value());
        }
        what.setText(b.toString());
        what.setStyle("-fx-text-fill: #1A1A1A; -fx-font-weight: bold;");
        counts.setStyle("-fx-text-fill: #1A1A1A;");
        if (!blinking()) {
            blink.play();
        }
    }

    /** Per priority with any active alarm: "◆ 2 (1 unack)"; most urgent first. */
    private String counts() {
        Map<AlarmPriority, int[]> by = new EnumMap<>(AlarmPriority.class);
        for (AlarmRow r : list.rows()) {
            int[] c = by.computeIfAbsent(r.priority(), k -> new int[2]);
            c[0]++;
            c[1] += r.needsAck() ? 1 : 0;
        }
        StringBuilder b = new StringBuilder();
        by.forEach((p, c) -> {
            if (b.length() > 0) {
                b.append("   ");
            }
            b.append(Messages.get("opAlarms.countOne", AlarmText.marker(p), c[0], c[1]));
        });
        return b.toString();
    }

    @Override
    public void close() {
        blink.stop();
    }
}
