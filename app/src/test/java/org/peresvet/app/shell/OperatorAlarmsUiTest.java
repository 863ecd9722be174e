package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.alarm.AlarmRow;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.mnemonic.OperatorQuestions;
import org.peresvet.app.project.EngineProject;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.screen.CommandDef;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRule;
import org.peresvet.security.UserAccount;
import org.testfx.api.FxToolkit;

/**
 * The operator station's alarm actions on a real engine: an alarm raised by a tag shows in the
 * strip (blinking), the operator acknowledges from the strip's panel (the strip calms, the engine
 * has it acknowledged, the audit trail one record per alarm under the operator's name) and from a
 * faceplate; a viewer sees the same but cannot acknowledge (disabled with the reason; a call made
 * anyway is refused and changes nothing). A command's note shows on every symbol writing the same
 * tag. Screenshots target/screenshots/operator-alarms-*.png.
 */
class OperatorAlarmsUiTest {
    private Stage stage;
    private OperatorStation station;
    private UUID level;
    private UUID pressure;
    private UUID run;
    private AlarmDef levelHigh;
    private AlarmDef pressureHigh;

    @AfterEach
    void close() throws Exception {
        if (station != null) {
            fx(() -> {
                station.close();
                stage.setFullScreen(false);
                stage.hide();
                return null;
            });
        }
    }

    @Test
    void theOperatorAcknowledgesFromTheStripsPanelAndFromAFaceplate(@TempDir Path home) throws Exception {
        Path dir = project(home);
        open(dir, "oleg", "oleg-pass-1");
        assertThat(fx(() -> station.alarms().stripText())).contains("No active alarms");
        assertThat(fx(() -> station.alarms().blinking())).isFalse();
        Screenshots.save(stage.getScene(), "operator-alarms-normal");

        engine().write(level, Sample.of(Micros.now(), 95.0));
        engine().write(pressure, Sample.of(Micros.now(), 7.5));
        await(() -> fx(() -> station.alarms().list().unacknowledgedProperty().get() == 2 && station.alarms().blinking()));
        // the most urgent waiting alarm, and the counts by priority
        assertThat(fx(() -> station.alarms().stripText())).contains("/Plant/Level#High").contains("Tank level high")
                .contains("1 active, 1 unack");
        // each symbol shows its own alarm, the second too (raised while the first was being read)
        await(() -> fx(() -> station.view().live().frame("level").alarmUnacknowledged()
                && station.view().live().frame("pressure").alarm() == AlarmPriority.MEDIUM));
        Screenshots.save(stage.getScene(), "operator-alarms-banner");

        // a click on the strip opens the panel: newest first
        fx(() -> {
            Event.fireEvent(station.alarms().strip(), click(1));
            return null;
        });
        assertThat(fx(() -> station.alarms().panelOpen())).isTrue();
        assertThat(fx(() -> station.alarms().panel().acknowledgeAllButton().isDisabled())).isFalse();
        assertThat(fx(() -> station.alarms().panel().reason())).isEmpty();
        Screenshots.save(stage.getScene(), "operator-alarms-panel");

        // the level alarm selected, with a comment
        fx(() -> {
            var t = station.alarms().panel().table();
            AlarmRow row = t.getItems().stream().filter(r -> r.id().equals(levelHigh.id())).findFirst().orElseThrow();
            t.getSelectionModel().clearSelection();
            t.getSelectionModel().select(row);
            station.alarms().panel().comment().setText("seen, tank checked");
            station.alarms().panel().acknowledgeButton().fire();
            return null;
        });
        await(() -> acknowledged(levelHigh) && fx(() -> station.alarms().list().unacknowledgedProperty().get() == 1));
        assertThat(acknowledged(pressureHigh)).isFalse();
        // the list was read again; the operator's selection stays on the (now acknowledged) alarm
        assertThat(fx(() -> station.alarms().panel().table().getSelectionModel().getSelectedItem().id())).isEqualTo(levelHigh.id());
        assertThat(fx(() -> station.alarms().panel().acknowledgeButton().isDisabled())).isTrue();
        List<AuditRecord> acks = acks();
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).entry().actor()).isEqualTo("oleg");
        assertThat(acks.get(0).entry().target()).contains("/Plant/Level");
        assertThat(acks.get(0).entry().reason()).isEqualTo("seen, tank checked");
        assertThat(acks.get(0).entry().result()).isEqualTo("ok");

        // all shown: the rest; the strip calms down
        fx(() -> {
            station.alarms().panel().acknowledgeAllButton().fire();
            return null;
        });
        await(() -> acknowledged(pressureHigh) && fx(() -> !station.alarms().blinking()));
        assertThat(fx(() -> station.alarms().stripText())).contains("2 active alarms, all acknowledged");
        assertThat(acks()).hasSize(2).allSatisfy(r -> assertThat(r.entry().actor()).isEqualTo("oleg"));
        fx(() -> {
            station.alarms().closePanel();
            return null;
        });

        // back to normal and high again: a new alarm to acknowledge, this time on the symbol's faceplate
        engine().write(level, Sample.of(Micros.now(), 20.0));
        await(() -> !engine().alarms().get(levelHigh.id()).status().active());
        engine().write(level, Sample.of(Micros.now(), 96.0));
        await(() -> fx(() -> station.alarms().blinking()));
        fx(() -> {
            Event.fireEvent(station.view().live().frame("level"), click(1));
            return null;
        });
        await(() -> fx(() -> ackButton() != null));
        assertThat(fx(() -> ackButton().isDisabled())).isFalse();
        Screenshots.save(stage.getScene(), "operator-alarms-faceplate");
        assertThat(writeButtons()).isNotEmpty().noneMatch(Node::isDisabled);
        assertThat(fx(() -> stage.getScene().lookup("#faceplate-refused") == null)).isTrue();
        fx(() -> {
            ackButton().fire();
            return null;
        });
        await(() -> acknowledged(levelHigh) && fx(() -> !station.alarms().blinking() && ackButton() == null));
        assertThat(acks()).hasSize(3);

        // a command shows on every symbol that writes the same tag, not only on the one used
        fx(() -> {
            station.view().setQuestions(new Yes());
            ((Button) station.view().live().frame("start1").lookup(".button")).fire();
            return null;
        });
        await(() -> fx(() -> "\u2713 confirmed".equals(station.view().live().frame("start1").command())
                && "\u2713 confirmed".equals(station.view().live().frame("start2").command())));
        assertThat(fx(() -> station.view().live().frame("level").command())).isNull();
        Screenshots.save(stage.getScene(), "operator-alarms-command-notes");
    }

    @Test
    void aRuleThatWantsAReasonAsksForItInThePanelAndOnTheFaceplate(@TempDir Path home) throws Exception {
        Path dir = project(home);
        open(dir, "oleg", "oleg-pass-1");
        engine().security().setReasonRules(Actor.SYSTEM, List.of(new ReasonRule(Permission.ACK_ALARMS, null)));
        List<String> asked = new ArrayList<>();
        fx(() -> {
            station.alarms().askReasonWith(why -> {
                asked.add(why.describe());
                return Optional.of("pump tripped, checking");
            });
            return null;
        });
        engine().write(level, Sample.of(Micros.now(), 95.0));
        await(() -> fx(() -> station.alarms().list().unacknowledgedProperty().get() == 1));
        // the panel without a comment: refused by the engine, the operator is asked, the reason becomes the comment
        fx(() -> {
            station.alarms().openPanel();
            return null;
        });
        await(() -> fx(() -> !station.alarms().panel().table().getItems().isEmpty()));
        fx(() -> {
            station.alarms().panel().acknowledgeAllButton().fire();
            return null;
        });
        await(() -> acknowledged(levelHigh));
        assertThat(asked).containsExactly("ACK_ALARMS");
        assertThat(engine().alarms().get(levelHigh.id()).status().ack().comment()).isEqualTo("pump tripped, checking");
        assertThat(acks()).hasSize(1).allSatisfy(r -> assertThat(r.entry().reason()).isEqualTo("pump tripped, checking"));

        // the faceplate asks through the station's operator questions
        fx(() -> {
            station.alarms().closePanel();
            return null;
        });
        engine().write(level, Sample.of(Micros.now(), 20.0));
        await(() -> !engine().alarms().get(levelHigh.id()).status().active());
        engine().write(level, Sample.of(Micros.now(), 96.0));
        await(() -> fx(() -> station.alarms().blinking()));
        List<String> rules = new ArrayList<>();
        fx(() -> {
            station.view().setQuestions(new Yes() {
                @Override
                public Optional<String> confirmWithReason(String title, String header, String text, String rule) {
                    rules.add(rule);
                    return Optional.of("level confirmed on site");
                }
            });
            Event.fireEvent(station.view().live().frame("level"), click(1));
            return null;
        });
        await(() -> fx(() -> ackButton() != null));
        fx(() -> {
            ackButton().fire();
            return null;
        });
        await(() -> acknowledged(levelHigh));
        assertThat(rules).containsExactly("ACK_ALARMS");
        assertThat(engine().alarms().get(levelHigh.id()).status().ack().comment()).isEqualTo("level confirmed on site");
        engine().security().setReasonRules(Actor.SYSTEM, List.of());
    }

    @Test
    void aViewerSeesTheAlarmsButCannotAcknowledge(@TempDir Path home) throws Exception {
        Path dir = project(home);
        showStation(dir);
        // the strip shows the plant's alarms at the login card already
        engine().write(level, Sample.of(Micros.now(), 95.0));
        await(() -> fx(() -> station.alarms().blinking()));
        assertThat(fx(() -> stage.getScene().lookup("#loginCover").isVisible())).isTrue();
        Screenshots.save(stage.getScene(), "operator-alarms-login");
        logIn("vera", "vera-pass-1");
        fx(() -> {
            station.alarms().openPanel();
            return null;
        });
        await(() -> fx(() -> !station.alarms().panel().table().getItems().isEmpty()));
        assertThat(fx(() -> station.alarms().panel().acknowledgeAllButton().isDisabled())).isTrue();
        fx(() -> {
            station.alarms().panel().table().getSelectionModel().select(0);
            return null;
        });
        assertThat(fx(() -> station.alarms().panel().acknowledgeButton().isDisabled())).isTrue();
        assertThat(fx(() -> station.alarms().panel().reason())).contains("vera").contains("viewer").contains("acknowledge");
        Screenshots.save(stage.getScene(), "operator-alarms-viewer-panel");
        // a call made anyway is refused by the engine and changes nothing
        fx(() -> {
            station.alarms().panel().acknowledgeAllShown();
            return null;
        });
        await(() -> fx(() -> station.alarms().panel().result().contains("refused")));
        assertThat(acknowledged(levelHigh)).isFalse();
        assertThat(acks()).isEmpty();
        assertThat(fx(() -> station.alarms().blinking())).isTrue();

        // the faceplate lists the alarm; its Acknowledge is disabled with the reason
        fx(() -> {
            station.alarms().closePanel();
            Event.fireEvent(station.view().live().frame("level"), click(1));
            return null;
        });
        await(() -> fx(() -> ackButton() != null));
        assertThat(fx(() -> ackButton().isDisabled())).isTrue();
        assertThat(fx(() -> ((Label) stage.getScene().lookup("#faceplate-ack-reason")).getText())).contains("vera");
        // and its Write… is disabled too, with the reason said once (not a refusal after the dialog)
        assertThat(writeButtons()).isNotEmpty().allMatch(Node::isDisabled);
        assertThat(fx(() -> ((Label) stage.getScene().lookup("#faceplate-refused")).getText())).contains("vera")
                .contains("viewer").contains("write values");
        Screenshots.save(stage.getScene(), "operator-alarms-viewer-faceplate");

        // a command button on the screen asks nothing and says why at once; nothing is sent
        List<String> asked = new ArrayList<>();
        fx(() -> {
            station.view().setQuestions(new Yes() {
                @Override
                public boolean confirm(String title, String header, String text) {
                    asked.add(header);
                    return true;
                }
            });
            ((Button) station.view().live().frame("start1").lookup(".button")).fire();
            return null;
        });
        assertThat(fx(() -> station.view().live().frame("start1").command())).isEqualTo("\u2715 NOT SENT");
        assertThat(fx(() -> station.view().live().frame("start1").commandDetail())).contains("vera").contains("write values");
        assertThat(asked).isEmpty();
        assertThat(engine().current(run)).isNull();
    }

    /** The open faceplate's Write… buttons. */
    private List<Node> writeButtons() throws Exception {
        return fx(() -> List.copyOf(stage.getScene().getRoot().lookupAll(".faceplate-write")));
    }

    /** A small plant: two tags with alarms, a pump run command on two buttons, two users. */
    private Path project(Path home) throws Exception {
        Path dir = home.resolve("plant");
        ObjectDef plant = ObjectDef.create(null, "Plant");
        TagDef lvl = TagDef.builder(plant.id(), "Level", ValueType.DOUBLE).units("%").min(0.0).max(100.0).build();
        TagDef prs = TagDef.builder(plant.id(), "Pressure", ValueType.DOUBLE).units("bar").build();
        TagDef run = TagDef.builder(plant.id(), "Run", ValueType.BOOL).build();
        level = lvl.id();
        pressure = prs.id();
        this.run = run.id();
        levelHigh = AlarmDef.builder(lvl.id(), AlarmKind.HI).name("High").priority(AlarmPriority.HIGH).limit(80.0)
                .message("Tank level high").build();
        pressureHigh = AlarmDef.builder(prs.id(), AlarmKind.HI).name("High").priority(AlarmPriority.MEDIUM).limit(6.0).build();
        ScreenDef screen = ScreenDef.of(UUID.randomUUID(), "Overview").withHome(true).withSize(900, 420).withWidgets(List.of(
                WidgetDef.of("level", WidgetTypes.ANALOG).at(40, 40).size(300, 46).with("text", "Tank level").with("units", "%")
                        .with("alarmHigh", 80.0).bindTag("value", "/Plant/Level"),
                WidgetDef.of("pressure", WidgetTypes.VALUE).at(40, 140).with("text", "Pressure").with("units", "bar")
                        .bindTag("value", "/Plant/Pressure"),
                WidgetDef.of("pump", WidgetTypes.PUMP).at(420, 60).with("text", "Pump").bindTag("running", "/Plant/Run"),
                WidgetDef.of("start1", WidgetTypes.COMMAND).at(40, 260).with("text", "Start").withCommand(new CommandDef("/Plant/Run", "true")),
                WidgetDef.of("start2", WidgetTypes.COMMAND).at(240, 260).with("text", "Start (2)").withCommand(new CommandDef("/Plant/Run", "true"))));
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            e.edit(new ModelEdit.PutObject(plant), new ModelEdit.PutTag(lvl), new ModelEdit.PutTag(prs), new ModelEdit.PutTag(run),
                    new ModelEdit.PutAlarm(levelHigh), new ModelEdit.PutAlarm(pressureHigh), ScreenDocuments.put(screen));
            e.security().putUser(Actor.SYSTEM, UserAccount.local("admin", "administrator"), "admin-pass-1".toCharArray());
            e.security().putUser(Actor.SYSTEM, UserAccount.local("oleg", "operator"), "oleg-pass-1".toCharArray());
            e.security().putUser(Actor.SYSTEM, UserAccount.local("vera", "viewer"), "vera-pass-1".toCharArray());
        }
        return dir;
    }

    /** Opens the station on {@code dir} and logs in. */
    private void open(Path dir, String user, String password) throws Exception {
        showStation(dir);
        logIn(user, password);
    }

    /** Opens the station on {@code dir}: the login card shows. */
    private void showStation(Path dir) throws Exception {
        FxToolkit.registerPrimaryStage();
        station = fx(() -> {
            stage = new Stage();
            OperatorStation s = new OperatorStation(stage, Actor.workstation("nobody"), KeyCombination.valueOf("Ctrl+Shift+F12"));
            s.setExit(() -> false, () -> { });
            s.show(dir);
            return s;
        });
        await(() -> fx(() -> stage.getScene().lookup("#loginCover") != null && stage.getScene().lookup("#loginCover").isVisible()));
    }

    private void logIn(String user, String password) throws Exception {
        fx(() -> {
            ((TextField) stage.getScene().lookup("#loginUser")).setText(user);
            ((TextField) stage.getScene().lookup("#loginPassword")).setText(password);
            ((Button) stage.getScene().lookup("#loginSubmit")).fire();
            return null;
        });
        await(() -> fx(() -> station.view() != null && station.view().live() != null));
    }

    private Engine engine() {
        return ((EngineProject) station.project()).engine();
    }

    private boolean acknowledged(AlarmDef a) {
        return engine().alarms().get(a.id()).status().acknowledged();
    }

    /** The trail's acknowledgements that took effect. */
    private List<AuditRecord> acks() {
        return engine().security().audit(AuditQuery.last(1000)).stream()
                .filter(r -> r.entry().action().equals("alarm.acknowledge") && r.entry().result().equals("ok")).toList();
    }

    private Button ackButton() {
        Node n = stage.getScene().lookup(".faceplate-ack");
        return n instanceof Button b ? b : null;
    }

    private static MouseEvent click(int count) {
        return new MouseEvent(MouseEvent.MOUSE_CLICKED, 10, 10, 10, 10, MouseButton.PRIMARY, count, false, false, false, false,
                true, false, false, true, false, false, null);
    }

    /** Confirms every command. */
    private static class Yes implements OperatorQuestions {
        @Override
        public Optional<String> askValue(String title, String what, String current, UnaryOperator<String> check) {
            return Optional.empty();
        }

        @Override
        public boolean confirm(String title, String header, String text) {
            return true;
        }
    }
}
