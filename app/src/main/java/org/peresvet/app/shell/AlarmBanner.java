package org.peresvet.app.shell;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import org.peresvet.alarm.AlarmView;
import org.peresvet.app.Messages;
import org.peresvet.app.alarm.AlarmFeed;
import org.peresvet.app.alarm.AlarmListModel;
import org.peresvet.app.alarm.AlarmText;
import org.peresvet.app.alarm.AudibleAlert;
import org.peresvet.app.alarm.ToneAlertSound;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.ModelSnapshot;

/**
 * The alarm banner above the status bar and the horn: fed by the active alarm list, which the
 * feed reads from the project at most once per refresh, on the FX pulse. FX thread only.
 */
final class AlarmBanner implements AutoCloseable {
    private static final List<String> PRIORITY_CLASSES = Arrays.stream(AlarmPriority.values())
            .map(p -> "alarm-banner-" + p.label()).toList();

    private final HBox banner;
    private final Label priority;
    private final Label message;
    private final Label count;
    private final ToggleButton silence;
    private final MenuItem silenceItem;
    private final AlarmBannerModel model = new AlarmBannerModel();
    /** Every alarm that is not normal, fed by {@link #feed} once per pulse at most. */
    private final AlarmListModel list = new AlarmListModel();
    private final AlarmFeed feed = new AlarmFeed();
    private final AudibleAlert horn = new AudibleAlert(new ToneAlertSound());
    private ProjectContext project;

    AlarmBanner(HBox banner, Label priority, Label message, Label count, ToggleButton silence, MenuItem silenceItem) {
        this.banner = banner;
        this.priority = priority;
        this.message = message;
        this.count = count;
        this.silence = silence;
        this.silenceItem = silenceItem;
        list.unacknowledgedIdsProperty().addListener((obs, o, ids) -> horn.update(ids));
        list.mostImportantProperty().addListener((obs, o, n) -> model.show(n, list.unacknowledgedProperty().get()));
        list.unacknowledgedProperty().addListener((obs, o, n) -> model.show(list.mostImportantProperty().get(), n.intValue()));
        model.unacknowledgedProperty().addListener((obs, o, n) -> show());
        model.messageProperty().addListener((obs, o, n) -> show());
        model.priorityProperty().addListener((obs, o, n) -> show());
        horn.silencedProperty().addListener((obs, o, n) -> show());
        silence.setOnAction(e -> horn.toggleSilence());
        show();
    }

    AlarmListModel list() {
        return list;
    }

    AlarmFeed feed() {
        return feed;
    }

    AudibleAlert horn() {
        return horn;
    }

    void attach(ProjectContext p) {
        project = p;
        feed.attach(p.alarms());
    }

    void detach() {
        project = null;
        feed.detach();
        list.subtreeProperty().set(null); // object ids of the old project mean nothing in the next
        list.update(List.of(), ModelSnapshot.empty());
    }

    /** On the pulse: reads the list when it changed; {@code marks} gets the alarm marks per tag. */
    void poll(Consumer<Map<UUID, String>> marks) {
        List<AlarmView> active = feed.poll();
        if (active != null) {
            ProjectContext p = project;
            list.update(active, p == null ? ModelSnapshot.empty() : p.model().snapshot());
            marks.accept(list.marksByTag());
        }
    }

    private void show() {
        int n = model.unacknowledgedProperty().get();
        banner.getStyleClass().removeAll("alarm-banner-active");
        banner.getStyleClass().removeAll(PRIORITY_CLASSES);
        var p = model.priorityProperty().get();
        priority.setVisible(n > 0 && p != null);
        priority.setManaged(n > 0 && p != null);
        if (n == 0 || p == null) {
            priority.setText("");
            message.setText(Messages.get("alarm.none"));
            count.setText("");
        } else {
            banner.getStyleClass().addAll("alarm-banner-active", "alarm-banner-" + p.label());
            priority.setText(AlarmText.priority(p));
            message.setText(model.messageProperty().get());
            count.setText(Messages.get("alarm.count", n));
        }
        boolean silenced = horn.silencedProperty().get();
        silence.setSelected(silenced);
        silence.setText(Messages.get(silenced ? "alarm.silenced" : "alarm.silence"));
        silence.setDisable(n == 0);
        silenceItem.setDisable(n == 0);
    }

    @Override
    public void close() {
        horn.close();
    }
}
