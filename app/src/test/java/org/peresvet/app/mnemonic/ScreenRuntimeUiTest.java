package org.peresvet.app.mnemonic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.fx.FxPulse;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.project.EngineProject;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.connector.board.BoardSimulator;
import org.peresvet.connector.mqtt.MosquittoBroker;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.history.HistoryQuery;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.Subscription;
import org.peresvet.screen.CommandDef;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRule;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The operator runtime on the demo project with its real ESP32 board simulator over a real broker:
 * every symbol in its states, the overview live, navigation, the faceplate, quality lost and
 * restored when the board disappears, an alarm border before and after acknowledgement, a command
 * confirmed by the board's echo and one that is not, and a setpoint outside its limits refused
 * before anything is sent. Screenshots under target/screenshots/screen-*.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScreenRuntimeUiTest {
    private final FxRobot robot = new FxRobot();
    private final Answers answers = new Answers();
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private final List<UUID> trends = new CopyOnWriteArrayList<>();
    private MosquittoBroker broker;
    private BoardSimulator board;
    private Engine engine;
    private EngineProject project;
    private ValueBridge bridge;
    private FxPulse pulse;
    private Subscription modelChanges;
    private Stage stage;
    private ScreenView view;
    private TagDef testValue;
    private AlarmDef testAlarm;

    /** Answers the operator's questions as the test says, and remembers what was asked. */
    static final class Answers implements OperatorQuestions {
        volatile String value;
        volatile boolean confirm = true;
        final List<String> refusals = new CopyOnWriteArrayList<>();
        final List<String> confirmations = new CopyOnWriteArrayList<>();

        @Override
        public Optional<String> askValue(String title, String what, String current, UnaryOperator<String> check) {
            String reason = check.apply(value);
            if (reason != null) {
                refusals.add(reason);
            }
            return Optional.ofNullable(value);
        }

        @Override
        public boolean confirm(String title, String header, String text) {
            confirmations.add(header + "\n" + text);
            return confirm;
        }

        @Override
        public Optional<String> confirmWithReason(String title, String header, String text, String rule) {
            confirmations.add(header + "\n" + text + "\nreason for " + rule);
            return confirm ? Optional.of("test") : Optional.empty();
        }
    }

    @BeforeAll
    void openTheDemoWithItsBoard(@TempDir Path home) throws Exception {
        FxToolkit.registerPrimaryStage();
        broker = MosquittoBroker.start(home.resolve("broker"));
        Path dir = UiSupport.demoProject(home, "pump-station");
        engine = Engine.open(dir, EngineOptions.quiet().withSimulate(true).withConnectGraceMillis(500));
        ConnectorDef c = engine.model().connectors().get(0);
        engine.edit(new ModelEdit.PutConnector(c.withConfig(c.config().replace("tcp://127.0.0.1:1883", broker.url()))));
        // the board's pump answers a command within 0.8 s or the write fails (its binding's echo timeout)
        TagDef pump = engine.model().findTag("/PumpStation/PumpBoard1/Pump").orElseThrow();
        engine.edit(new ModelEdit.PutTag(pump.toBuilder().sourceConfig(pump.sourceConfig().replaceFirst("\\{", "{\"echoTimeoutMs\":800,")).build()));
        ObjectDef test = ObjectDef.create(null, "Test");
        testValue = TagDef.builder(test.id(), "Value", ValueType.DOUBLE).units("%").min(0.0).max(100.0).build();
        testAlarm = AlarmDef.builder(testValue.id(), AlarmKind.HI).name("High").priority(AlarmPriority.HIGH).limit(80.0).build();
        engine.edit(new ModelEdit.PutObject(test), new ModelEdit.PutTag(testValue), new ModelEdit.PutAlarm(testAlarm),
                ScreenDocuments.put(gallery()), ScreenDocuments.put(alarmScreen()), ScreenDocuments.put(trendScreen()));
        board = new BoardSimulator(BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.ESPHOME, "pump-board-1")
                .withPublishPeriod(200).withCommandDelay(100)).start();
        engine.start();
        project = new EngineProject(engine, Actor.workstation("operator"));
        TagDef level = engine.model().findTag("/PumpStation/PumpBoard1/TankLevel").orElseThrow();
        // generous: the connector's first connection on a loaded build machine
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> engine.current(level.id()) != null && engine.current(level.id()).isGood());
        stage = FxToolkit.setupStage(s -> { });
        view = fx(() -> {
            bridge = new ValueBridge();
            bridge.attach(project, engine.model());
            modelChanges = project.model().onChange(ch -> bridge.modelChanged(ch.snapshot()));
            pulse = new FxPulse(bridge);
            pulse.start();
            ScreenView v = new ScreenView(new ScreenView.Context() {
                @Override
                public ProjectContext project() {
                    return project;
                }

                @Override
                public ValueBridge bridge() {
                    return bridge;
                }

                @Override
                public List<ScreenDef> screens() {
                    return ScreenDocuments.all(bridge.getModel());
                }
            });
            v.setQuestions(answers);
            v.setTrendPopup(trends::add);
            v.onStatus(statuses::add);
            stage.setScene(new Scene((Parent) v.content(), 1200, 760));
            stage.show();
            return v;
        });
    }

    @AfterAll
    void close() throws Exception {
        if (view != null) {
            fx(() -> {
                view.dispose();
                pulse.stop();
                stage.hide();
                return null;
            });
        }
        if (modelChanges != null) {
            modelChanges.close();
        }
        for (AutoCloseable a : new AutoCloseable[] {board, engine, broker}) {
            if (a != null) {
                a.close();
            }
        }
    }

    /** Every symbol in each of its states, with a caption per column. */
    private static ScreenDef gallery() {
        List<WidgetDef> w = new ArrayList<>();
        String[][] equipment = {{"stopped", "false", "false", "true"}, {"running", "true", "false", "true"},
            {"faulted", "false", "true", "true"}, {"running, manual", "true", "false", "false"}};
        int i = 0;
        for (String[] s : equipment) {
            double x = 150 + i * 150;
            w.add(WidgetDef.of("cap" + i, WidgetTypes.LABEL).at(x - 20, 10).with("text", s[0]).with("fontSize", 12.0));
            int row = 0;
            for (String type : List.of(WidgetTypes.PUMP, WidgetTypes.MOTOR, WidgetTypes.FAN)) {
                w.add(WidgetDef.of(type + i, type).at(x, 40 + row * 80).with("text", type)
                        .with("running", Boolean.parseBoolean(s[1])).with("fault", Boolean.parseBoolean(s[2]))
                        .with(type.equals(WidgetTypes.FAN) ? "visible" : "auto", Boolean.parseBoolean(s[3])));
                row++;
            }
            i++;
        }
        String[][] valves = {{"closed", "false", "true"}, {"open", "true", "false"}, {"in transit", "false", "false"}, {"failed", "true", "true"}};
        for (i = 0; i < valves.length; i++) {
            w.add(WidgetDef.of("valve" + i, WidgetTypes.VALVE).at(150 + i * 150, 280).with("text", "valve " + valves[i][0])
                    .with("open", Boolean.parseBoolean(valves[i][1])).with("closed", Boolean.parseBoolean(valves[i][2])));
        }
        w.add(WidgetDef.of("valveV", WidgetTypes.VALVE).at(760, 270).with("orientation", "vertical").with("auto", false).with("text", "vertical, manual"));
        w.add(WidgetDef.of("rowlabels", WidgetTypes.LABEL).at(10, 40).size(110, 260).with("text", "pump\n\n\nmotor\n\n\nfan\n\n\nvalve"));
        double[][] tanks = {{50, 0}, {95, 1}, {5, 2}};
        for (i = 0; i < tanks.length; i++) {
            w.add(WidgetDef.of("tank" + i, WidgetTypes.TANK).at(900 + i * 120, 40).size(80, 160).with("value", tanks[i][0])
                    .with("lowLimit", 10.0).with("highLimit", 90.0).with("units", "%").with("decimals", 0.0).with("text", List.of("normal", "above high", "below low").get(i)));
        }
        w.add(WidgetDef.of("pipeFlow", WidgetTypes.PIPE).with("points", List.of(40, 380, 300, 380)).with("flow", true));
        w.add(WidgetDef.of("pipeNoFlow", WidgetTypes.PIPE).with("points", List.of(40, 410, 300, 410)));
        w.add(WidgetDef.of("pipeCap", WidgetTypes.LABEL).at(310, 370).with("text", "pipe: flow / no flow"));
        double[] analog = {55, 93, 4};
        for (i = 0; i < analog.length; i++) {
            w.add(WidgetDef.of("analog" + i, WidgetTypes.ANALOG).at(40 + i * 240, 450).size(220, 46).with("value", analog[i])
                    .with("normalLow", 30.0).with("normalHigh", 70.0).with("alarmLow", 5.0).with("alarmHigh", 90.0).with("setpoint", 50.0)
                    .with("units", "%").with("text", List.of("normal", "above alarm", "below alarm").get(i)));
        }
        w.add(WidgetDef.of("analogV", WidgetTypes.ANALOG).at(760, 400).size(60, 160).with("orientation", "vertical").with("value", 62.0)
                .with("normalLow", 30.0).with("normalHigh", 70.0).with("alarmHigh", 90.0).with("setpoint", 50.0));
        w.add(WidgetDef.of("value", WidgetTypes.VALUE).at(40, 530).size(160, 26).with("text", "Flow").with("value", 123.456).with("units", "m3/h"));
        w.add(WidgetDef.of("bar", WidgetTypes.BAR).at(220, 520).size(24, 90).with("value", 65.0));
        w.add(WidgetDef.of("barH", WidgetTypes.BAR).at(260, 530).size(120, 20).with("value", 30.0).with("orientation", "horizontal"));
        w.add(WidgetDef.of("ms0", WidgetTypes.MULTI_STATE).at(400, 520).with("value", 1.0).with("states", "0=Stopped;1=Running;2=Tripped!"));
        w.add(WidgetDef.of("ms1", WidgetTypes.MULTI_STATE).at(400, 550).with("value", 2.0).with("states", "0=Stopped;1=Running;2=Tripped!"));
        w.add(WidgetDef.of("ms2", WidgetTypes.MULTI_STATE).at(400, 580).with("value", 7.0).with("states", "0=Stopped;1=Running;2=Tripped!"));
        w.add(WidgetDef.of("alarmIdle", WidgetTypes.ALARM).at(560, 520));
        w.add(WidgetDef.of("lbl", WidgetTypes.LABEL).at(40, 640).with("text", "A label, 14 px"));
        w.add(WidgetDef.of("line", WidgetTypes.LINE).with("points", List.of(40, 680, 200, 680)).with("lineWidth", 2.0));
        w.add(WidgetDef.of("poly", WidgetTypes.POLYLINE).with("points", List.of(220, 700, 260, 650, 300, 700)).with("closed", true));
        w.add(WidgetDef.of("rect", WidgetTypes.RECTANGLE).at(320, 640).size(80, 50).with("arc", 10.0));
        w.add(WidgetDef.of("ell", WidgetTypes.ELLIPSE).at(420, 640).size(80, 50).with("fill", "#BBBBBB"));
        w.add(WidgetDef.of("img", WidgetTypes.IMAGE).at(520, 630).size(120, 70).with("source", "missing.png"));
        w.add(WidgetDef.of("nav", WidgetTypes.NAVIGATION).at(660, 620).with("text", "Overview").with("target", "Overview"));
        w.add(WidgetDef.of("cmd", WidgetTypes.COMMAND).at(660, 660).with("text", "Start"));
        w.add(WidgetDef.of("sp", WidgetTypes.SETPOINT).at(800, 620).with("text", "SP").with("value", 42.5).with("units", "bar"));
        w.add(WidgetDef.of("togOff", WidgetTypes.TOGGLE).at(800, 660).with("text", "Pump"));
        w.add(WidgetDef.of("togOn", WidgetTypes.TOGGLE).at(890, 660).with("text", "Pump").with("value", true));
        w.add(WidgetDef.of("spark", WidgetTypes.SPARKLINE).at(960, 520).size(200, 50));
        w.add(WidgetDef.of("cam", WidgetTypes.CAMERA).at(980, 600).size(200, 130).with("text", "camera (no URL)"));
        return ScreenDef.of(UUID.randomUUID(), "Gallery").withLevel(4).withWidgets(w);
    }

    private static ScreenDef alarmScreen() {
        return ScreenDef.of(UUID.randomUUID(), "Alarm test").withSize(600, 300).withWidgets(List.of(
                WidgetDef.of("gauge", WidgetTypes.ANALOG).at(60, 60).size(240, 46).with("text", "Test").with("units", "%")
                        .with("alarmHigh", 80.0).bindTag("value", "/Test/Value"),
                WidgetDef.of("sum", WidgetTypes.ALARM).at(360, 60).with("source", "/Test"),
                WidgetDef.of("set", WidgetTypes.SETPOINT).at(60, 160).with("text", "Test value").with("min", 0.0).with("max", 50.0)
                        .bindTag("value", "/Test/Value").withCommand(CommandDef.entered("/Test/Value"))));
    }

    /** A sparkline of the board's tank level over the last 10 minutes. */
    private static ScreenDef trendScreen() {
        return ScreenDef.of(UUID.randomUUID(), "Trend test").withSize(600, 300).withWidgets(List.of(
                WidgetDef.of("spark", WidgetTypes.SPARKLINE).at(40, 40).size(300, 80).with("tag", "/PumpStation/PumpBoard1/TankLevel")
                        .with("seconds", 600.0),
                WidgetDef.of("level", WidgetTypes.VALUE).at(40, 160).size(200, 26).with("text", "Level")
                        .bindTag("value", "/PumpStation/PumpBoard1/TankLevel")));
    }

    /** A frame of the running screen (on the FX thread, or from it). */
    private WidgetFrame frame(String id) throws Exception {
        return Platform.isFxApplicationThread() ? view.live().frame(id) : fx(() -> view.live().frame(id));
    }

    private void open(String name) throws Exception {
        assertThat(fx(() -> view.open(name))).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @Order(1)
    void everySymbolInEachState() throws Exception {
        open("Gallery");
        assertThat(fx(() -> view.live().frames().size())).isEqualTo(gallery().allWidgets().size());
        assertThat(fx(() -> RotatingEquipment.state(frame("pump2").props()))).isEqualTo("faulted");
        assertThat(fx(() -> ValveSymbol.state(frame("valve2").props()))).isEqualTo(ValveSymbol.State.TRANSIT);
        assertThat(fx(() -> ValveSymbol.state(frame("valve3").props()))).isEqualTo(ValveSymbol.State.FAILED);
        // nothing is bound: no quality marks on a static screen
        assertThat(fx(() -> view.live().frames().stream().filter(f -> f.quality() != null).count())).isZero();
        Screenshots.save(stage.getScene(), "screen-symbols");
    }

    @Test
    @Order(2)
    void theHomeScreenIsTheLiveOverview() throws Exception {
        assertThat(fx(() -> view.home())).isTrue();
        await(() -> fx(() -> {
            WidgetFrame tank = view.live().frame("tank");
            WidgetFrame boardLevel = view.live().frame("board.levelValue");
            return tank.props().isLive("value") && tank.quality() == null && boardLevel.quality() == null;
        }));
        assertThat(fx(() -> ((Label) view.content().lookup("#screen-title")).getText())).startsWith("Overview").contains("level 1: overview");
        // macros: each pump group shows its own pump
        assertThat(fx(() -> frame("Pump2.sym").props().text("text"))).isEqualTo("Pump2");
        // two widgets bound to one tag agree
        assertThat(fx(() -> frame("p2.pipe").props().bool("flow") == frame("Pump2.sym").props().bool("running"))).isTrue();
        assertThat(fx(() -> view.live().bindingCount())).isGreaterThan(25);
        Screenshots.save(stage.getScene(), "screen-overview");
    }

    @Test
    @Order(3)
    void navigationBackForwardAndHome() throws Exception {
        fx(() -> {
            ((ControlSymbol) view.live().frame("Pump1.nav").symbol()).button().fire();
            return null;
        });
        assertThat(fx(() -> view.live().screen().name())).isEqualTo("Pump1 detail");
        await(() -> fx(() -> view.live().frame("speed").props().isLive("value")));
        Screenshots.save(stage.getScene(), "screen-pump1-detail");
        robot.clickOn("#screen-back");
        assertThat(fx(() -> view.live().screen().name())).isEqualTo("Overview");
        robot.clickOn("#screen-forward");
        assertThat(fx(() -> view.live().screen().name())).isEqualTo("Pump1 detail");
        fx(() -> {
            ((ControlSymbol) view.live().frame("back").symbol()).button().fire();
            return null;
        });
        assertThat(fx(() -> view.live().screen().name())).isEqualTo("Overview");
        robot.clickOn("#screen-back");
        assertThat(fx(() -> view.live().screen().name())).isEqualTo("Pump1 detail");
        robot.clickOn("#screen-home");
        assertThat(fx(() -> view.live().screen().name())).isEqualTo("Overview");
    }

    @Test
    @Order(4)
    void aClickOnASymbolOpensItsFaceplate() throws Exception {
        open("Overview");
        robot.clickOn(frame("Pump1.sym").symbol());
        await(() -> fx(() -> view.faceplate() != null));
        String text = fx(() -> robot.from(view.faceplate()).lookup(".label").queryAll().stream()
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + "\n" + b));
        assertThat(text).contains("/PumpStation/Pump1/Running").contains("pump: ");
        Screenshots.save(stage.getScene(), "screen-faceplate");
        robot.clickOn("#faceplate-close");
        assertThat(fx(() -> view.faceplate())).isNull();
    }

    @Test
    @Order(5)
    void aCommandIsConfirmedByTheBoardsEcho() throws Exception {
        open("Overview");
        statuses.clear();
        answers.confirm = true;
        fx(() -> {
            ((ControlSymbol) view.live().frame("board.toggle").symbol()).button().fire();
            return null;
        });
        await(() -> statuses.stream().anyMatch(s -> s.contains("confirmed by the device")));
        assertThat(answers.confirmations.get(answers.confirmations.size() - 1)).contains("Old value: false").contains("New value: true");
        assertThat(statuses.get(0)).startsWith("Sending true to /PumpStation/PumpBoard1/Pump");
        assertThat(board.pumpOn()).isTrue();
        await(() -> fx(() -> frame("board.pump").props().bool("running")));
        Screenshots.save(stage.getScene(), "screen-command-confirmed");
    }

    @Test
    @Order(6)
    void whenTheBoardDisappearsItsSymbolsShowLostAndACommandFailsWithTheReason() throws Exception {
        open("Overview");
        board.disappear();
        await(() -> fx(() -> LiveScreen.LOST.equals(frame("board.levelValue").quality())));
        // the tank's level comes from that board too; the temperature has no board
        await(() -> fx(() -> LiveScreen.LOST.equals(frame("tank").quality())));
        assertThat(fx(() -> frame("tank.temp").quality())).isNull();
        statuses.clear();
        fx(() -> {
            ((ControlSymbol) view.live().frame("board.toggle").symbol()).button().fire();
            return null;
        });
        await(() -> statuses.stream().anyMatch(s -> s.startsWith("\u2715")));
        Screenshots.save(stage.getScene(), "screen-quality-lost");
        assertThat(statuses.get(statuses.size() - 1)).contains("/PumpStation/PumpBoard1/Pump");
        board.reappear();
        await(() -> fx(() -> frame("board.levelValue").quality() == null));
    }

    @Test
    @Order(7)
    void aSetpointOutsideItsLimitsIsRefusedBeforeSending() throws Exception {
        open("Overview");
        TagDef sp = engine.model().findTag("/PumpStation/Tank1/LevelSetpoint").orElseThrow();
        Sample before = engine.current(sp.id());
        statuses.clear();
        answers.value = "4.8";
        int asked = answers.confirmations.size();
        fx(() -> {
            ((ControlSymbol) view.live().frame("tank.sp").symbol()).button().fire();
            return null;
        });
        assertThat(answers.refusals).anySatisfy(r -> assertThat(r).contains("4.8").contains("4.5"));
        assertThat(statuses).anySatisfy(s -> assertThat(s).startsWith("Refused before sending"));
        assertThat(answers.confirmations).hasSize(asked);
        assertThat(engine.current(sp.id())).isEqualTo(before);
        answers.value = "2,5";
        fx(() -> {
            ((ControlSymbol) view.live().frame("tank.sp").symbol()).button().fire();
            return null;
        });
        await(() -> statuses.stream().anyMatch(s -> s.startsWith("\u2713")));
        assertThat(engine.current(sp.id()).y()).isEqualTo(2.5);
        await(() -> fx(() -> frame("tank.level").props().number("setpoint") == 2.5));

        // A rule of the project wants a reason for writes in Tank1: the confirmation asks for one, the audit keeps it.
        UUID tank1 = engine.model().findObject("/PumpStation/Tank1").orElseThrow().id();
        engine.security().setReasonRules(Actor.SYSTEM, List.of(new ReasonRule(Permission.WRITE_VALUES, tank1)));
        try {
            statuses.clear();
            answers.value = "3";
            fx(() -> {
                ((ControlSymbol) view.live().frame("tank.sp").symbol()).button().fire();
                return null;
            });
            await(() -> statuses.stream().anyMatch(s -> s.startsWith("\u2713")));
            assertThat(answers.confirmations.get(answers.confirmations.size() - 1))
                    .contains("reason for WRITE_VALUES /PumpStation/Tank1");
            AuditEntry last = engine.security().audit(AuditQuery.last(1)).get(0).entry();
            assertThat(last.action()).isEqualTo("value.write");
            assertThat(last.reason()).isEqualTo("test");
        } finally {
            engine.security().setReasonRules(Actor.SYSTEM, List.of());
        }
    }

    @Test
    @Order(8)
    void anAlarmBorderBlinksUntilAcknowledged() throws Exception {
        open("Alarm test");
        project.writes().write(testValue.id(), Sample.of(Micros.now(), 95.0));
        await(() -> fx(() -> frame("gauge").alarm() == AlarmPriority.HIGH && frame("gauge").alarmUnacknowledged()));
        assertThat(fx(() -> frame("sum").props().get(Props.ALARM_COUNT))).isEqualTo(1);
        Screenshots.save(stage.getScene(), "screen-alarm-unacknowledged");
        project.alarms().acknowledge(testAlarm.id(), "seen");
        await(() -> fx(() -> frame("gauge").alarm() == AlarmPriority.HIGH && !frame("gauge").alarmUnacknowledged()));
        Screenshots.save(stage.getScene(), "screen-alarm-acknowledged");
        project.writes().write(testValue.id(), Sample.of(Micros.now(), 20.0));
        await(() -> fx(() -> frame("gauge").alarm() == null && frame("sum").props().get(Props.ALARM_PRIORITY) == null));
        // the setpoint entry's own limit (50) is tighter than the tag's range (100)
        answers.value = "60";
        fx(() -> {
            ((ControlSymbol) view.live().frame("set").symbol()).button().fire();
            return null;
        });
        assertThat(answers.refusals.get(answers.refusals.size() - 1)).contains("60").contains("50");
        assertThat(engine.current(testValue.id()).y()).isEqualTo(20.0);
    }

    @Test
    @Order(9)
    void aCommandThatTimesOutWhileTheBoardStaysOnlineShowsWhyOnTheSymbolAndTheFaceplate() throws Exception {
        open("Overview");
        await(() -> board.connected() && fx(() -> frame("board.levelValue").quality() == null));
        board.jamRelay(true);
        try {
            statuses.clear();
            answers.confirm = true;
            fx(() -> {
                ((ControlSymbol) view.live().frame("board.toggle").symbol()).button().fire();
                return null;
            });
            assertThat(fx(() -> frame("board.toggle").command())).startsWith("sending");
            await(() -> fx(() -> String.valueOf(frame("board.toggle").command()).startsWith("\u2715")));
            assertThat(fx(() -> frame("board.toggle").command())).contains("TIMEOUT");
            assertThat(fx(() -> frame("board.toggle").commandDetail())).contains("did not confirm it in time").contains("800 ms");
            // the board stayed online all along: its values are good, only the command failed
            assertThat(board.connected()).isTrue();
            assertThat(fx(() -> frame("board.levelValue").quality())).isNull();
            Screenshots.save(stage.getScene(), "screen-command-timeout");
            // the same from the faceplate: the symbol's last command and its reason
            robot.clickOn(frame("board.pump").symbol());
            await(() -> fx(() -> view.faceplate() != null));
            answers.value = "true";
            fx(() -> {
                ((Button) view.faceplate().lookup(".faceplate-write")).fire();
                return null;
            });
            await(() -> fx(() -> view.faceplate() != null && view.faceplate().lookup("#faceplate-command") != null
                    && ((Label) view.faceplate().lookup("#faceplate-command")).getText().contains("did not confirm it in time")));
            Screenshots.save(stage.getScene(), "screen-command-timeout-faceplate");
            fx(() -> {
                view.closeFaceplate();
                return null;
            });
        } finally {
            board.jamRelay(false);
        }
    }

    @Test
    @Order(10)
    void aDoubleClickOnABoundSymbolOpensItsTrendAndASparklineStartsFromHistory() throws Exception {
        TagDef level = engine.model().findTag("/PumpStation/PumpBoard1/TankLevel").orElseThrow();
        // good history for the last seconds first: earlier tests here take the board away (its values go LOST)
        await(() -> engine.history(HistoryQuery.range(level.id(), Micros.now() - 6_000_000L, Micros.now())
                .withTimeStep(1_000_000L)).data().stream().allMatch(x -> x != null && x.isGood()));
        long opened = Micros.now();
        open("Trend test");
        // the stored history of the last minutes, not only what arrived since the screen opened (a live sample is
        // at most a publish period older than the opening; earlier tests here may have left only seconds of good history)
        await(() -> fx(() -> ((Sparkline) frame("spark").symbol()).firstPointMicros() < opened - 1_000_000L));
        // history gives one point per 4 s of the tag's past; live points join it (a quick run may have stored only 8 s)
        await(() -> fx(() -> ((Sparkline) frame("spark").symbol()).pointCount()) >= 3);
        Screenshots.save(stage.getScene(), "screen-sparkline-history");
        trends.clear();
        robot.doubleClickOn(frame("level").symbol());
        await(() -> trends.contains(level.id()));
        // the faceplate offers it too
        robot.clickOn(frame("spark").symbol());
        await(() -> fx(() -> view.faceplate() != null && view.faceplate().lookup(".faceplate-trend") != null));
        trends.clear();
        fx(() -> {
            ((Button) view.faceplate().lookup(".faceplate-trend")).fire();
            view.closeFaceplate();
            return null;
        });
        assertThat(trends).containsExactly(level.id());
    }
}
