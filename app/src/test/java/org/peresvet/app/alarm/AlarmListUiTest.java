package org.peresvet.app.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.dialogOver;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.alarm.AlarmJournalCsv;
import org.peresvet.alarm.AlarmView;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.app.shell.ShellController;
import org.peresvet.app.shell.Theme;
import org.peresvet.app.shell.UserMode;
import org.peresvet.app.shell.WorkstationApp;
import org.peresvet.app.tree.NodeRef;
import org.peresvet.engine.Engine;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmTransition;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.TagDef;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRule;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The alarm list in the real window (headless Monocle) over the demo project with alarms added on
 * its two manual setpoints, driven by writing values that cross the limits. The horn's sound is
 * recorded (no audio hardware here); everything else is real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlarmListUiTest {
    private Stage stage;
    private WorkstationApp app;
    private ShellController shell;
    private final FxRobot robot = new FxRobot();
    private final RecordingAlertSound sound = new RecordingAlertSound();
    private TagDef level;
    private TagDef pressure;
    private AlarmDef levelHiHi;
    private AlarmDef levelHi;
    private AlarmDef pressureHi;
    private AlarmDef pressureLo;

    @BeforeAll
    void openTheDemoWithAlarms(@TempDir Path home) throws Exception {
        Path project = UiSupport.demoProject(home, "pump-station");
        stage = FxToolkit.registerPrimaryStage();
        app = (WorkstationApp) FxToolkit.setupApplication(WorkstationApp.class, "--project", project.toString());
        await(() -> app.engine() != null && app.engine().status().samplesAccepted() > 0);
        shell = app.shell();
        fx(() -> {
            shell.useAlertSound(sound);
            stage.setWidth(1280);
            stage.setHeight(800);
            shell.modeProperty().set(UserMode.OPERATOR);
            shell.themeProperty().set(Theme.ISA101);
            return null;
        });
        level = engine().model().findTag("/PumpStation/Tank1/LevelSetpoint").orElseThrow();
        pressure = engine().model().findTag("/PumpStation/Outlet/PressureSetpoint").orElseThrow();
        levelHiHi = AlarmDef.builder(level.id(), AlarmKind.HIHI).limit(4.5).priority(AlarmPriority.CRITICAL)
                .message("Tank 1 level setpoint very high: {value} {units}").build();
        levelHi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(4.0).priority(AlarmPriority.HIGH)
                .message("Tank 1 level setpoint high: {value} {units}").build();
        pressureHi = AlarmDef.builder(pressure.id(), AlarmKind.HI).limit(8.0).priority(AlarmPriority.MEDIUM)
                .message("Outlet pressure setpoint high: {value} {units}").build();
        pressureLo = AlarmDef.builder(pressure.id(), AlarmKind.LO).limit(1.0).priority(AlarmPriority.LOW).latching(true)
                .message("Outlet pressure setpoint low: {value} {units}").build();
        // Only this test's alarms: the demo's own (its boards' communication loss, levels, pumps) would fire here,
        // where no board runs.
        engine().edit(engine().model().alarms().stream().map(x -> (ModelEdit) new ModelEdit.DeleteAlarm(x.id())).toList());
        engine().edit(new ModelEdit.PutAlarm(levelHiHi), new ModelEdit.PutAlarm(levelHi),
                new ModelEdit.PutAlarm(pressureHi), new ModelEdit.PutAlarm(pressureLo));
        write(level, 3.0);
        write(pressure, 4.2);
        await(() -> engine().alarms().active().isEmpty());
    }

    @AfterEach
    void lastScreen(TestInfo info) throws Exception {
        Screenshots.save(stage.getScene(), "end-" + info.getTestMethod().orElseThrow().getName());
        Window d = dialogOver(stage);
        if (d != null) {
            fx(() -> {
                if (d instanceof Stage s) {
                    s.close();
                }
                return null;
            });
        }
    }

    @AfterAll
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    private Engine engine() {
        return app.engine();
    }

    private void write(TagDef tag, double value) {
        engine().write(tag.id(), value);
        engine().flush();
    }

    private AlarmView alarm(AlarmDef d) {
        return engine().alarms().get(d.id());
    }

    private AlarmState state(AlarmDef d) {
        AlarmView v = alarm(d);
        return v == null ? null : v.state();
    }

    private AlarmListView view() throws Exception {
        return fx(() -> shell.workbench().alarmView());
    }

    private List<UUID> shownIds() throws Exception {
        return fx(() -> shell.workbench().alarmView().table().getItems().stream().map(AlarmRow::id).toList());
    }

    private void shot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300); // one more refresh of the feed, so the picture is what an operator sees
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), name);
    }

    private void shotDialog(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Window d = dialogOver(stage);
        assertThat(d).as("a dialog is open").isNotNull();
        Screenshots.save(d.getScene(), name);
    }

    private void clickInDialog(String text) {
        Window d = dialogOver(stage);
        assertThat(d).as("a dialog is open").isNotNull();
        robot.clickOn(robot.from(d.getScene().getRoot()).lookup((Button b) -> text.equals(b.getText())).queryAs(Button.class));
    }

    /** Clicks the alarm list's row of {@code alarm} (Ctrl held: adds it to the selection). */
    private void clickRow(AlarmDef alarm, boolean add) throws Exception {
        await(() -> shownIds().contains(alarm.id()));
        // Only a shown row: the table's virtual flow keeps spare, hidden row cells that may still
        // hold the same item from an earlier layout.
        await(() -> robot.lookup(".alarm-table .table-row-cell").match((TableRow<?> r) -> isShownRowOf(r, alarm)).tryQuery().isPresent());
        TableRow<?> row = robot.lookup(".alarm-table .table-row-cell").match((TableRow<?> r) -> isShownRowOf(r, alarm)).query();
        if (add) {
            robot.press(KeyCode.CONTROL).clickOn(row).release(KeyCode.CONTROL);
        } else {
            robot.clickOn(row);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean isShownRowOf(TableRow<?> r, AlarmDef alarm) {
        return r.getItem() instanceof AlarmRow a && a.id().equals(alarm.id()) && r.isVisible() && !r.isEmpty()
                && r.getTableView() != null && r.getIndex() == r.getTableView().getItems().indexOf(r.getItem());
    }

    private Label banner(String styleClass) {
        return robot.lookup(".alarm-banner ." + styleClass).queryAs(Label.class);
    }

    @Test
    @Order(1)
    void anAlarmAppearsWhenATagCrossesALimitAndTheHornSounds() throws Exception {
        robot.push(KeyCode.F7);
        await(() -> robot.lookup("#tab-alarms").tryQuery().isPresent());
        write(level, 4.8);
        await(() -> shownIds().containsAll(List.of(levelHiHi.id(), levelHi.id())));

        List<AlarmRow> rows = fx(() -> List.copyOf(shell.workbench().alarmView().table().getItems()));
        assertThat(rows).extracting(AlarmRow::priority).as("most urgent first")
                .containsExactly(AlarmPriority.CRITICAL, AlarmPriority.HIGH);
        assertThat(rows.get(0).objectPath()).isEqualTo("/PumpStation/Tank1/LevelSetpoint");
        assertThat(rows.get(0).message()).isEqualTo("Tank 1 level setpoint very high: 4.8 m");
        assertThat(rows.get(0).state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        await(() -> banner("alarm-count").getText().equals("2 unacknowledged"));
        assertThat(banner("alarm-priority").getText()).as("priority reads without colour").isEqualTo("\u25A0 Critical");
        assertThat(banner("alarm-message").getText()).startsWith("/PumpStation/Tank1/LevelSetpoint#HiHi");
        assertThat(sound.isSounding()).isTrue();
        assertThat(sound.calls()).containsExactly("start");
        shot("alarm-list-active");
        // The object view shows the tag's most urgent alarm in its alarm column.
        fx(() -> {
            shell.workbench().tree().select(List.of(NodeRef.tag(level.id())));
            return null;
        });
        await(() -> "\u25A0 HiHi ! Unack".equals(fx(() -> shell.workbench().objectView().alarmMarksProperty().get().get(level.id()))));
        robot.push(KeyCode.F7);
    }

    @Test
    @Order(2)
    void acknowledgeOneWithAComment() throws Exception {
        clickRow(levelHi, false);
        robot.clickOn(view().askCommentBox());
        robot.clickOn("#alarm-ack-button");
        await(() -> dialogOver(stage) != null);
        robot.clickOn("#ack-comment").write("operator checking the level");
        shotDialog("alarm-ack-comment-dialog");
        clickInDialog("Acknowledge");
        await(() -> state(levelHi) == AlarmState.ACKNOWLEDGED);
        assertThat(alarm(levelHi).status().ack().comment()).isEqualTo("operator checking the level");
        assertThat(alarm(levelHi).status().ack().user()).isEqualTo(shell.actor().name());
        assertThat(state(levelHiHi)).as("only the selected alarm").isEqualTo(AlarmState.UNACKNOWLEDGED);
        await(() -> fx(() -> shell.workbench().alarmView().table().getSelectionModel().getSelectedItems().stream()
                .anyMatch(r -> r.id().equals(levelHi.id()) && r.acknowledged())));
        await(() -> banner("alarm-count").getText().equals("1 unacknowledged"));
        assertThat(sound.isSounding()).as("one alarm still waits").isTrue();
        shot("alarm-list-one-acknowledged");
    }

    @Test
    @Order(3)
    void acknowledgeAllShownWithACommentStopsTheHorn() throws Exception {
        write(pressure, 9.5);
        await(() -> shownIds().contains(pressureHi.id()));
        write(level, 3.0); // HiHi and Hi return to normal: HiHi still waits, now as "returned, unacknowledged"
        await(() -> state(levelHiHi) == AlarmState.RETURNED_UNACKNOWLEDGED);
        await(() -> !shownIds().contains(levelHi.id()));
        shot("alarm-list-returned-unacknowledged");
        robot.clickOn("#alarm-ack-all-button");
        await(() -> dialogOver(stage) != null);
        robot.clickOn("#ack-comment").write("shift handover");
        clickInDialog("Acknowledge");
        await(() -> state(pressureHi) == AlarmState.ACKNOWLEDGED && alarm(levelHiHi) != null && state(levelHiHi) == AlarmState.NORMAL);
        assertThat(alarm(pressureHi).status().ack().comment()).isEqualTo("shift handover");
        await(() -> banner("alarm-count").getText().isEmpty());
        assertThat(banner("alarm-message").getText()).isEqualTo("No unacknowledged alarms");
        await(() -> !sound.isSounding());
        assertThat(sound.calls()).containsExactly("start", "stop");
        fx(() -> {
            shell.workbench().alarmView().askCommentBox().setSelected(false);
            return null;
        });
        shot("alarm-list-all-acknowledged");
    }

    @Test
    @Order(4)
    void shelveWithAReasonLeavesTheListAndUnshelveBringsItBack() throws Exception {
        clickRow(pressureHi, false);
        robot.clickOn("#alarm-shelve-button");
        await(() -> dialogOver(stage) != null);
        Window d = dialogOver(stage);
        Button ok = robot.from(d.getScene().getRoot()).lookup((Button b) -> "Shelve".equals(b.getText())).queryAs(Button.class);
        assertThat(ok.isDisabled()).as("a reason is required").isTrue();
        robot.clickOn("#shelve-reason").write("transmitter being calibrated");
        @SuppressWarnings("unchecked")
        ComboBox<ShelveChoice> length = robot.from(d.getScene().getRoot()).lookup("#shelve-length").queryAs(ComboBox.class);
        assertThat(length.getItems().get(length.getItems().size() - 2).duration())
                .as("lengths stop at the engine's longest").isEqualTo(engine().alarms().maxShelve());
        fx(() -> {
            length.setValue(new ShelveChoice(java.time.Duration.ofMinutes(30)));
            return null;
        });
        shotDialog("alarm-shelve-dialog");
        clickInDialog("Shelve");
        await(() -> state(pressureHi) == AlarmState.SHELVED);
        assertThat(alarm(pressureHi).status().shelving().reason()).isEqualTo("transmitter being calibrated");
        await(() -> !shownIds().contains(pressureHi.id()));
        shot("alarm-list-shelved-hidden");

        robot.clickOn(robot.lookup((javafx.scene.control.CheckBox c) -> "Show shelved, suppressed, out of service".equals(c.getText()))
                .queryAs(javafx.scene.control.CheckBox.class));
        await(() -> shownIds().contains(pressureHi.id()));
        shot("alarm-list-shelved-shown");
        clickRow(pressureHi, false);
        robot.clickOn("#alarm-unshelve-button");
        await(() -> state(pressureHi) == AlarmState.ACKNOWLEDGED);
        robot.clickOn(robot.lookup((javafx.scene.control.CheckBox c) -> "Show shelved, suppressed, out of service".equals(c.getText()))
                .queryAs(javafx.scene.control.CheckBox.class));
        await(() -> shownIds().contains(pressureHi.id()));
        assertThat(fx(() -> shell.workbench().alarmView().model().showMaskedProperty().get())).isFalse();
    }

    @Test
    @Order(5)
    void filterByPriorityAndSubtree() throws Exception {
        write(level, 4.2); // Hi (high) again, beside the pressure Hi (medium)
        await(() -> shownIds().containsAll(List.of(levelHi.id(), pressureHi.id())));
        ComboBox<AlarmListView.PriorityChoice> priority = view().priorityFilter();
        robot.clickOn(priority);
        robot.clickOn("\u25C6 High and above");
        await(() -> shownIds().equals(List.of(levelHi.id())));
        shot("alarm-list-filter-priority");
        fx(() -> {
            priority.setValue(new AlarmListView.PriorityChoice(null));
            return null;
        });
        await(() -> shownIds().size() == 2);

        TextField subtree = view().subtreeField();
        robot.clickOn(subtree).write("/PumpStation/Nowhere").type(KeyCode.ENTER);
        Label error = robot.lookup(".alarm-view .feedback-error").queryAs(Label.class);
        await(error::isVisible);
        await(() -> error.getText().equals("No object at /PumpStation/Nowhere: the filter is unchanged"));
        assertThat(shownIds()).hasSize(2);
        robot.clickOn(subtree).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("/PumpStation/Outlet").type(KeyCode.ENTER);
        await(() -> shownIds().equals(List.of(pressureHi.id())));
        assertThat(error.getText()).isEmpty();
        assertThat(error.isVisible()).isFalse();
        shot("alarm-list-filter-subtree");

        // The tree's selection as the subtree: a tag selects its object.
        fx(() -> {
            shell.workbench().tree().select(List.of(NodeRef.tag(level.id())));
            return null;
        });
        robot.clickOn("Tree selection");
        await(() -> shownIds().equals(List.of(levelHi.id())));
        assertThat(subtree.getText()).isEqualTo("/PumpStation/Tank1");
        robot.clickOn(robot.lookup(".alarm-view").lookup((Button b) -> "Clear".equals(b.getText())).queryAs(Button.class));
        await(() -> shownIds().size() == 2);
    }

    @Test
    @Order(6)
    void theHornIsSilencedFromTheBannerAndANewAlarmSoundsAgain() throws Exception {
        await(sound::isSounding); // the Hi of order 5 waits
        ToggleButton silence = robot.lookup(".silence-button").queryAs(ToggleButton.class);
        assertThat(silence.getText()).isEqualTo("Silence horn");
        robot.clickOn(silence);
        await(() -> !sound.isSounding());
        assertThat(silence.getText()).isEqualTo("Horn silenced");
        assertThat(banner("alarm-count").getText()).as("silencing acknowledges nothing").isEqualTo("1 unacknowledged");
        shot("alarm-banner-silenced");
        write(level, 4.9); // HiHi: a new alarm
        await(sound::isSounding);
        await(() -> silence.getText().equals("Silence horn"));
        await(() -> banner("alarm-priority").getText().equals("\u25A0 Critical"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        await(() -> !sound.isSounding());
        shot("alarm-banner-critical");
        // Acknowledge with the keyboard: select all in the list, Space.
        clickRow(levelHiHi, false);
        clickRow(levelHi, true);
        robot.type(KeyCode.SPACE);
        await(() -> state(levelHiHi) == AlarmState.ACKNOWLEDGED && state(levelHi) == AlarmState.ACKNOWLEDGED);
        await(() -> banner("alarm-count").getText().isEmpty());
        assertThat(sound.isSounding()).isFalse();
    }

    @Test
    @Order(7)
    void resetALatchedAlarm() throws Exception {
        write(pressure, 0.5);
        await(() -> shownIds().contains(pressureLo.id()));
        write(pressure, 4.2);
        await(() -> state(pressureLo) == AlarmState.LATCHED);
        clickRow(pressureLo, false);
        Button reset = robot.lookup("#alarm-reset-button").queryAs(Button.class);
        assertThat(reset.isDisabled()).as("reset needs an acknowledgement first").isTrue();
        robot.clickOn("#alarm-ack-button");
        await(() -> alarm(pressureLo).status().acknowledged());
        await(() -> !reset.isDisabled());
        shot("alarm-list-latched");
        robot.clickOn(reset);
        await(() -> state(pressureLo) == AlarmState.NORMAL);
        await(() -> !shownIds().contains(pressureLo.id()));
    }

    @Test
    @Order(8)
    void historyTabShowsTheJournalAndExportsCsv(@TempDir Path out) throws Exception {
        TabPane pages = robot.lookup(".alarm-pages").queryAs(TabPane.class);
        robot.clickOn(robot.from(pages).lookup(".tab-label").match((Label l) -> "History".equals(l.getText())).queryAs(Label.class));
        await(() -> view().historyTable().getItems().size() > 10);
        List<AlarmJournalEntry> rows = fx(() -> List.copyOf(shell.workbench().alarmView().historyTable().getItems()));
        assertThat(rows.get(0).time()).as("newest first").isGreaterThanOrEqualTo(rows.get(rows.size() - 1).time());
        assertThat(rows).anyMatch(r -> r.transition() == AlarmTransition.ACKNOWLEDGED && "shift handover".equals(r.comment()));
        assertThat(rows).anyMatch(r -> r.transition() == AlarmTransition.SHELVED && "transmitter being calibrated".equals(r.comment()));
        assertThat(rows).anyMatch(r -> r.transition() == AlarmTransition.RESET);
        shot("alarm-history");

        // The state filter reads the journal again.
        ComboBox<AlarmListView.StateChoice> states = view().stateFilter();
        fx(() -> {
            states.setValue(new AlarmListView.StateChoice(AlarmState.SHELVED));
            return null;
        });
        await(() -> !view().historyTable().getItems().isEmpty()
                && view().historyTable().getItems().stream().allMatch(r -> r.state() == AlarmState.SHELVED));
        shot("alarm-history-filter-shelved");

        Path csv = out.resolve("journal.csv");
        var task = fx(() -> shell.workbench().alarmView().exportHistoryTo(csv));
        await(() -> Files.exists(csv) && !task.runningProperty().get());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(AlarmJournalCsv.HEADER);
        assertThat(lines).hasSize(1 + engine().alarms().journal(AlarmJournalQuery.all().states(AlarmState.SHELVED)).size());
        assertThat(lines.get(1)).contains("transmitter being calibrated");
        fx(() -> {
            states.setValue(new AlarmListView.StateChoice(null));
            return null;
        });
    }

    @Test
    @Order(9)
    void theBannerOpensTheListAndTheDarkThemeReads() throws Exception {
        write(pressure, 12.0);
        write(level, 4.9);
        fx(() -> {
            TabPane tabs = (TabPane) robot.lookup(".workspace-tabs").query();
            Tab t = tabs.getTabs().stream().filter(x -> "tab-alarms".equals(x.getId())).findFirst().orElseThrow();
            tabs.getTabs().remove(t);
            t.getOnClosed().handle(null);
            return null;
        });
        await(() -> robot.lookup("#tab-alarms").tryQuery().isEmpty());
        await(() -> banner("alarm-count").getText().equals("1 unacknowledged"));
        robot.clickOn(banner("alarm-message"));
        await(() -> robot.lookup("#tab-alarms").tryQuery().isPresent());
        await(() -> shownIds().size() >= 2);
        fx(() -> {
            shell.themeProperty().set(Theme.DARK);
            return null;
        });
        shot("alarm-list-dark");
        fx(() -> {
            shell.themeProperty().set(Theme.ISA101);
            return null;
        });
    }

    @Test
    @Order(10)
    void theStatusBarShowsEngineExportConnectorsApiAndUser() throws Exception {
        await(() -> shell.api() != null);
        String api = shell.api().server().url();
        List<String> slots = fx(() -> robot.lookup(".status-bar .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList());
        // no tag count pinned: the demo plant grows
        assertThat(slots).anyMatch(t -> t.matches("Engine running · \\d+ tags.*"));
        // The demo's ESP32 board connector: connecting, or connected when a broker runs on 1883.
        assertThat(slots).anyMatch(t -> t.startsWith("Connectors: pump-board-1 "));
        assertThat(slots).contains("Export: off", "API " + api, "No users configured: this PC has full rights");
        Screenshots.save(stage.getScene(), "status-bar");
    }

    @Test
    @Order(11)
    void anAcknowledgementARuleWantsAReasonForAsksWhyAndKeepsItAsTheComment() throws Exception {
        engine().security().setReasonRules(Actor.SYSTEM, List.of(new ReasonRule(Permission.ACK_ALARMS, level.objectId())));
        try {
            write(level, 3.0);
            write(level, 4.8);
            await(() -> state(levelHi) == AlarmState.UNACKNOWLEDGED);
            fx(() -> {
                shell.workbench().alarmView().askCommentBox().setSelected(false);
                return null;
            });
            clickRow(levelHi, false);
            robot.clickOn("#alarm-ack-button");
            // Refused without a comment (nothing acknowledged): the operator is asked why, the rule named.
            await(() -> robot.lookup("#reason-input").tryQuery().isPresent());
            assertThat(state(levelHi)).isEqualTo(AlarmState.UNACKNOWLEDGED);
            assertThat(robot.lookup((Label l) -> l.getText() != null && l.getText().contains("A reason is required")
                    && l.getText().contains("ACK_ALARMS /PumpStation/Tank1")).tryQuery()).isPresent();
            robot.clickOn("#reason-input").write("level probe being cleaned");
            shotDialog("alarm-ack-reason");
            clickInDialog("Send");
            await(() -> state(levelHi) == AlarmState.ACKNOWLEDGED);
            assertThat(alarm(levelHi).status().ack().comment()).isEqualTo("level probe being cleaned");
            AuditEntry last = engine().security().audit(AuditQuery.last(1)).get(0).entry();
            assertThat(last.action()).isEqualTo("alarm.acknowledge");
            assertThat(last.reason()).isEqualTo("level probe being cleaned");
            assertThat(last.result()).isEqualTo("ok");
        } finally {
            engine().security().setReasonRules(Actor.SYSTEM, List.of());
        }
    }
}
