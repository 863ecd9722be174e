package org.peresvet.app.mnemonic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.peresvet.alarm.AlarmView;
import org.peresvet.app.Messages;
import org.peresvet.app.common.ValueFormat;
import org.peresvet.app.fx.LiveValue;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.fx.Watch;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;

/**
 * A symbol's faceplate, beside the screen: its name and state, its commands (a valve's Open and
 * Close, a pump's Start and Stop, Auto and Manual — see {@link Action}), each of its tags with the
 * live value and quality, and a "Write…" for each tag an operator may write. Values follow through
 * its own watch on the value bridge (one update per tag per pulse). FX thread only.
 */
final class Faceplate extends VBox implements AutoCloseable {

    /** A command button of the faceplate: its node id, its text, and what it does (confirm, send). */
    /** A command button; {@code refused} (null: allowed) says why the current user may not use it. */
    record Action(String id, String text, Runnable run, String refused) {
        Action(String id, String text, Runnable run) {
            this(id, text, run, null);
        }
    }

    private final Watch watch;
    private final List<Runnable> unlisten = new ArrayList<>();
    private final WidgetFrame frame;
    private String alarmKey = "";

    /** {@code trend} opens a tag's popup trend (null: no trend buttons). */
    Faceplate(WidgetFrame f, List<TagDef> tags, ModelSnapshot model, ValueBridge bridge, Consumer<TagDef> write,
              Consumer<TagDef> trend, Runnable close) {
        this(f, tags, List.of(), model, bridge, write, t -> null, trend, close);
    }

    /**
     * @param whyNotWrite why the current user may not write a tag (null: allowed): its Write… button
     *                    is then disabled and the reason shown once, instead of a refusal after the dialog
     */
    Faceplate(WidgetFrame f, List<TagDef> tags, List<Action> actions, ModelSnapshot model, ValueBridge bridge,
              Consumer<TagDef> write, Function<TagDef, String> whyNotWrite, Consumer<TagDef> trend, Runnable close) {
        super(8);
        this.frame = f;
        setId("faceplate");
        getStyleClass().add("faceplate");
        setPadding(new Insets(10));
        setPrefWidth(380);
        setMinWidth(300);
        setStyle("-fx-background-color: #EEEEEE; -fx-border-color: #9A9A9A; -fx-border-width: 0 0 0 1;");
        String name = f.props().text("text").isEmpty() ? f.def().id() : f.props().text("text");
        Label title = new Label(name);
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 14;");
        Button x = new Button("\u2715");
        x.setId("faceplate-close");
        x.setOnAction(e -> close.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        getChildren().add(new HBox(6, title, gap, x));
        Label state = new Label(Messages.get("faceplate.type", f.def().type(), stateOf(f)));
        state.setId("faceplate-state");
        getChildren().add(state);
        if (f.quality() != null) {
            Label q = new Label(Messages.get("faceplate.quality", f.quality()));
            q.setStyle("-fx-text-fill: #8E24AA; -fx-font-weight: bold;");
            getChildren().add(q);
        }
        if (f.alarm() != null) {
            getChildren().add(new Label(Messages.get(f.alarmUnacknowledged() ? "faceplate.alarmUnacked" : "faceplate.alarm",
                    f.alarm().label())));
        }
        if (!actions.isEmpty()) {
            HBox buttons = new HBox(6);
            for (Action a : actions) {
                Button b = new Button(a.text());
                b.setId(a.id());
                b.getStyleClass().add("faceplate-action");
                b.setMinWidth(Region.USE_PREF_SIZE);
                b.setOnAction(e -> a.run().run());
                b.setDisable(a.refused() != null);
                buttons.getChildren().add(b);
            }
            getChildren().add(buttons);
            actions.stream().map(Action::refused).filter(r -> r != null).findFirst().ifPresent(r -> getChildren().add(refusal(r)));
        }
        if (f.command() != null) {
            Label cmd = new Label(Messages.get("faceplate.command", f.commandDetail()));
            cmd.setId("faceplate-command");
            cmd.setWrapText(true);
            cmd.setMinHeight(Region.USE_PREF_SIZE);
            cmd.setStyle(f.commandFailed() ? "-fx-text-fill: #C62828; -fx-font-weight: bold;" : "");
            getChildren().add(cmd);
        }
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        watch = bridge.watch(tags.stream().map(TagDef::id).toList());
        int row = 0;
        String writeRefused = null;
        for (TagDef t : tags) {
            Label path = new Label(model.tagPath(t.id()));
            path.setWrapText(true);
            path.setMaxWidth(150);
            Label value = new Label();
            value.getStyleClass().add("faceplate-value");
            value.setMinWidth(Region.USE_PREF_SIZE);
            LiveValue lv = watch.get(t.id());
            Runnable show = () -> {
                Sample s = lv.getSample();
                String word = LiveScreen.qualityWord(s);
                value.setText(ValueFormat.value(t, s) + (word == null ? "" : "  [" + word + "]"));
            };
            show.run();
            // the symbol's state follows too: after this pulse has redrawn the symbol from the same values
            ChangeListener<Sample> l = (o, a, b) -> {
                show.run();
                Platform.runLater(() -> state.setText(Messages.get("faceplate.type", f.def().type(), stateOf(f))));
            };
            lv.sampleProperty().addListener(l);
            unlisten.add(() -> lv.sampleProperty().removeListener(l));
            grid.add(path, 0, row);
            grid.add(value, 1, row);
            if (ValueFormat.writable(t)) {
                Button w = new Button(Messages.get("faceplate.write"));
                w.setMinWidth(Region.USE_PREF_SIZE);
                w.getStyleClass().add("faceplate-write");
                w.setOnAction(e -> write.accept(t));
                String why = whyNotWrite.apply(t);
                w.setDisable(why != null);
                if (why != null && writeRefused == null) {
                    writeRefused = why;
                }
                grid.add(w, 2, row);
            }
            if (trend != null) {
                Button tr = new Button(Messages.get("faceplate.trend"));
                tr.setMinWidth(Region.USE_PREF_SIZE);
                tr.getStyleClass().add("faceplate-trend");
                tr.setOnAction(e -> trend.accept(t));
                grid.add(tr, 3, row);
            }
            row++;
        }
        if (tags.isEmpty()) {
            getChildren().add(new Label(Messages.get("faceplate.noTags")));
        }
        getChildren().add(grid);
        if (writeRefused != null && actions.stream().allMatch(a -> a.refused() == null)) {
            getChildren().add(refusal(writeRefused));
        }
    }

    /** Why the disabled buttons are disabled: said once, where the operator looks. */
    private static Label refusal(String why) {
        Label l = new Label(why);
        l.setId("faceplate-refused");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setStyle("-fx-text-fill: #5A5A5A; -fx-font-style: italic;");
        return l;
    }

    WidgetFrame frame() {
        return frame;
    }

    /**
     * Lists the symbol's active alarms, each with Acknowledge while it waits for one; for a user
     * who may not acknowledge the buttons are disabled and {@code whyNot} says why.
     */
    void showAlarms(List<AlarmView> alarms, String whyNot, Consumer<AlarmView> ack) {
        alarmKey = alarmKey(alarms);
        if (alarms.isEmpty()) {
            return;
        }
        VBox box = new VBox(4);
        box.setId("faceplate-alarms");
        Label head = new Label(Messages.get("faceplate.alarms"));
        head.setStyle("-fx-font-weight: bold;");
        box.getChildren().add(head);
        for (AlarmView a : alarms) {
            boolean waits = LiveScreen.needsAck(a.state());
            Label badge = new Label(Isa101.alarmNumber(a.priority()) + " " + Messages.get("alarm.priority." + a.priority().label()));
            badge.setMinWidth(Region.USE_PREF_SIZE);
            Color c = Isa101.alarm(a.priority());
            badge.setStyle("-fx-background-color: #1A1A1A, " + web(c) + "; -fx-background-insets: 0, 1; -fx-padding: 1 6 1 6; -fx-text-fill: "
                    + (c.getBrightness() * (1 - c.getSaturation() / 2) < 0.6 ? "#FFFFFF" : "#000000") + ";");
            String message = a.status().message() == null ? "" : a.status().message();
            Label text = new Label(Messages.get("faceplate.alarmLine", a.def().name(), message,
                    Messages.get("alarm.state." + a.state().name().toLowerCase(Locale.ROOT))));
            text.setWrapText(true);
            text.setMaxWidth(200);
            text.setStyle(waits ? "-fx-font-weight: bold;" : "");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox line = new HBox(6, badge, text, gap);
            line.getStyleClass().add("faceplate-alarm");
            if (waits) {
                Button b = new Button(Messages.get("faceplate.ack"));
                b.getStyleClass().add("faceplate-ack");
                b.setMinWidth(Region.USE_PREF_SIZE);
                b.setDisable(whyNot != null);
                b.setOnAction(e -> {
                    b.setDisable(true); // once: the list is read again after the engine answers
                    ack.accept(a);
                });
                line.getChildren().add(b);
            }
            box.getChildren().add(line);
        }
        if (whyNot != null) {
            Label why = new Label(whyNot);
            why.setId("faceplate-ack-reason");
            why.setWrapText(true);
            why.setMinHeight(Region.USE_PREF_SIZE);
            why.setStyle("-fx-text-fill: #8B0000;");
            box.getChildren().add(why);
        }
        // after the title and state lines, before the tags
        getChildren().add(Math.min(getChildren().size(), 2), box);
    }

    /** What the alarm list shows, to tell whether it needs building again. */
    String alarmKey() {
        return alarmKey;
    }

    static String alarmKey(List<AlarmView> alarms) {
        StringBuilder b = new StringBuilder();
        for (AlarmView a : alarms) {
            b.append(a.id()).append(':').append(a.state()).append(';');
        }
        return b.toString();
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02X%02X%02X", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    /** The symbol's state in words. */
    static String stateOf(WidgetFrame f) {
        Props p = f.props();
        return switch (f.def().type()) {
            case "pump", "motor", "fan" -> RotatingEquipment.state(p) + (p.def().widgetType().property("auto") == null ? ""
                    : p.bool("auto") ? ", auto" : ", manual");
            case "valve" -> ValveSymbol.state(p).name().toLowerCase(Locale.ROOT) + (p.bool("auto") ? ", auto" : ", manual");
            default -> p.isLive("value") ? String.valueOf(p.get("value")) : "";
        };
    }

    @Override
    public void close() {
        unlisten.forEach(Runnable::run);
        watch.close();
    }
}
