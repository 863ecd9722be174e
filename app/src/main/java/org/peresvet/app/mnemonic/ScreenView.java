package org.peresvet.app.mnemonic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.transform.Scale;
import org.peresvet.alarm.AlarmView;
import org.peresvet.app.Messages;
import org.peresvet.app.common.TrendPopup;
import org.peresvet.app.common.ValueFormat;
import org.peresvet.app.common.WorkspaceTab;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.fx.ReasonRetry;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmState;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.Subscription;
import org.peresvet.screen.CommandDef;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.peresvet.security.Permission;

/**
 * The operator's runtime in a workspace tab: one screen at a time, scaled to fit, live through the
 * value bridge; back, forward and home; the screen's level in the ISA-101 hierarchy in the title;
 * a faceplate for a clicked symbol; and the controls: every write asks for confirmation showing
 * the old and the new value, then the status line says "sending…" and the verdict (confirmed, or
 * the reason from the read-back). Values outside the widget's limits or the tag's range are
 * refused before anything is sent. FX thread only.
 */
public final class ScreenView implements WorkspaceTab {
    public static final String KEY = "mnemonic";

    /** What the runtime needs from the workstation. */
    public interface Context {
        /** The open project, or null. */
        ProjectContext project();

        ValueBridge bridge();

        /** The project's screens in the current model. */
        List<ScreenDef> screens();
    }

    private final Context ctx;
    private final BorderPane content = new BorderPane();
    private final StackPane viewport = new StackPane();
    private final Group scaled = new Group();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Label title = new Label();
    private final Label status = new Label();
    private final Button back = new Button("\u25C0");
    private final Button forward = new Button("\u25B6");
    private final Button home = new Button("\u2302");
    private final Navigation nav = new Navigation();
    private final AtomicBoolean alarmsPending = new AtomicBoolean();
    /** An alarm changed while a read was under way: read once more when it ends. */
    private boolean alarmsAgain;
    private OperatorQuestions questions;
    private LiveScreen live;
    private Faceplate faceplate;
    private Subscription alarmEvents;
    private Consumer<String> statusListener = s -> { };
    private TrendPopup trendPopup = TrendPopup.NONE;
    /** The active alarms as last read: the faceplate lists its symbol's. */
    private List<AlarmView> alarms = List.of();

    public ScreenView(Context ctx) {
        this.ctx = ctx;
        this.questions = new FxOperatorQuestions(content);
        back.setId("screen-back");
        forward.setId("screen-forward");
        home.setId("screen-home");
        back.setOnAction(e -> show(nav.back()));
        forward.setOnAction(e -> show(nav.forward()));
        home.setOnAction(e -> home());
        title.setId("screen-title");
        title.setStyle("-fx-font-weight: bold;");
        status.setId("screen-status");
        status.setPadding(new Insets(2, 8, 2, 8));
        status.setMaxWidth(Double.MAX_VALUE);
        content.setTop(new ToolBar(back, forward, home, title));
        content.setBottom(status);
        scaled.getTransforms().add(scale);
        viewport.getChildren().add(new Group(scaled));
        viewport.setStyle("-fx-background-color: #C8C8C8;");
        viewport.setMinSize(0, 0);
        viewport.widthProperty().addListener((o, a, b) -> fit());
        viewport.heightProperty().addListener((o, a, b) -> fit());
        content.setCenter(viewport);
        content.getStyleClass().add("screen-view");
        updateButtons();
    }

    /** Replaces the dialogs (tests answer directly). */
    public void setQuestions(OperatorQuestions q) {
        questions = q;
    }

    /** What a double-click on a symbol (or a faceplate's "Trend") opens: the tag's popup trend. */
    public void setTrendPopup(TrendPopup p) {
        trendPopup = p == null ? TrendPopup.NONE : p;
    }

    /** Hears every status line (tests, the operator station's log). */
    public void onStatus(Consumer<String> l) {
        statusListener = l;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return Messages.get("screen.tab");
    }

    @Override
    public Node content() {
        return content;
    }

    /** Opens the project's home screen (the first screen when none is marked home). */
    public boolean home() {
        List<ScreenDef> all = ctx.screens();
        Optional<ScreenDef> h = all.stream().filter(ScreenDef::home).findFirst().or(() -> all.stream().findFirst());
        h.ifPresentOrElse(this::open, () -> setStatus(Messages.get("screen.none")));
        return h.isPresent();
    }

    /** Opens {@code s}, remembered for back. */
    public void open(ScreenDef s) {
        nav.go(s.id());
        display(s);
    }

    /** Opens the screen called {@code name} (case-insensitive); false when there is none. */
    public boolean open(String name) {
        Optional<ScreenDef> s = ctx.screens().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
        s.ifPresent(this::open);
        return s.isPresent();
    }

    private void show(UUID id) {
        if (id != null) {
            ctx.screens().stream().filter(s -> s.id().equals(id)).findFirst().ifPresentOrElse(this::display,
                    () -> setStatus(Messages.get("screen.gone")));
        }
    }

    private void display(ScreenDef s) {
        closeFaceplate();
        if (live != null) {
            live.close();
        }
        ModelSnapshot m = ctx.bridge().getModel();
        live = new LiveScreen(s, m == null ? ModelSnapshot.empty() : m, ctx.bridge(), Platform::runLater);
        live.onControl(this::use);
        live.onInspect(this::inspect);
        live.onTrend(this::trend);
        if (ctx.project() != null) {
            live.fillSparklines(ctx.project().history());
        }
        scaled.getChildren().setAll(live.root());
        title.setText(Messages.get("screen.title", s.name(), s.level(), Messages.get("screen.level" + s.level())));
        fit();
        updateButtons();
        watchAlarms();
        refreshAlarms();
    }

    private void updateButtons() {
        back.setDisable(!nav.canGoBack());
        forward.setDisable(!nav.canGoForward());
    }

    /** Scales the screen to fit the tab, keeping its proportions. */
    private void fit() {
        if (live == null) {
            return;
        }
        ScreenDef s = live.screen();
        double k = Math.min(viewport.getWidth() / s.width(), viewport.getHeight() / s.height());
        if (!(k > 0) || Double.isInfinite(k)) {
            k = 1;
        }
        scale.setX(k);
        scale.setY(k);
    }

    /** The screen running now, or null. */
    public LiveScreen live() {
        return live;
    }

    public String status() {
        return status.getText();
    }

    private void setStatus(String s) {
        status.setText(s);
        statusListener.accept(s);
    }

    // ---- alarms: fetched off the FX thread when an alarm changes, at most one fetch at a time

    private void watchAlarms() {
        ProjectContext p = ctx.project();
        if (alarmEvents == null && p != null) {
            alarmEvents = p.alarms().onAlarmEvent(() -> Platform.runLater(this::refreshAlarms));
        }
    }

    /** Reads the active alarms again and shows them. */
    public void refreshAlarms() {
        ProjectContext p = ctx.project();
        if (p == null) {
            return;
        }
        if (!alarmsPending.compareAndSet(false, true)) {
            alarmsAgain = true; // the read under way may have missed this change
            return;
        }
        FxTasks.run(() -> p.alarms().active(), (List<AlarmView> list) -> {
            alarmsPending.set(false);
            if (alarmsAgain) {
                alarmsAgain = false;
                refreshAlarms();
            }
            alarms = list;
            if (live != null) {
                live.showAlarms(list);
            }
            if (faceplate != null && !faceplate.alarmKey().equals(Faceplate.alarmKey(symbolAlarms(faceplate.frame())))) {
                inspect(faceplate.frame());
            }
        }, e -> {
            alarmsPending.set(false);
            alarmsAgain = false;
        });
    }

    // ---- controls

    private void use(WidgetFrame f) {
        WidgetDef w = f.def();
        if (w.type().equals(WidgetTypes.NAVIGATION)) {
            if (!open(w.text("target"))) {
                setStatus(Messages.get("screen.noTarget", w.text("target")));
            }
            return;
        }
        CommandDef c = w.command();
        ModelSnapshot m = ctx.bridge().getModel();
        TagDef t = c == null || m == null ? null : m.findTag(c.tag()).orElse(null);
        if (t == null) {
            setStatus(Messages.get("screen.noCommand", w.id()));
            return;
        }
        String label = w.text("text").isEmpty() ? t.name() : w.text("text");
        String refused = whyNotWrite(t);
        if (refused != null) {
            // Said at once, on the control: no dialog that would end in the engine's refusal.
            setStatus(refused);
            f.showCommand(Messages.get("screen.command.NOT_SENT"), refused, true);
            return;
        }
        switch (w.type()) {
            case WidgetTypes.TOGGLE -> {
                var cur = ctx.project() == null ? null : ctx.project().values().current(t.id());
                boolean on = cur != null && cur.y() != null && Boolean.TRUE.equals(LiveScreen.convert(w, "value", cur.y()));
                Object next = t.type().coerce(on ? (t.type() == ValueType.BOOL ? "false" : "0")
                        : (t.type() == ValueType.BOOL ? "true" : "1"));
                confirmAndSend(label, t, next, f);
            }
            case WidgetTypes.SETPOINT -> askAndSend(label, t, w.number("min"), w.number("max"), f);
            default -> {
                if (c.value() == null) {
                    askAndSend(label, t, null, null, f);
                } else {
                    try {
                        confirmAndSend(label, t, ScreenWrites.parse(t, c.value(), null, null), f);
                    } catch (IllegalArgumentException e) {
                        setStatus(Messages.get("write.failed", m.tagPath(t.id()), e.getMessage()));
                    }
                }
            }
        }
    }

    /** Asks for a value (refusing one outside the limits while typing), then confirms and sends. */
    void askAndSend(String label, TagDef t, Double min, Double max, WidgetFrame from) {
        ProjectContext p = ctx.project();
        String cur = p == null ? "" : ValueFormat.plain(t, valueOf(p, t));
        Optional<String> text = questions.askValue(Messages.get("screen.setTitle"), Messages.get("screen.setHeader", label, pathOf(t)), cur, s -> {
            try {
                ScreenWrites.parse(t, s, min, max);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
        if (text.isEmpty()) {
            return;
        }
        Object v;
        try {
            v = ScreenWrites.parse(t, text.get(), min, max);
        } catch (IllegalArgumentException e) {
            // checked again: the answer may come from elsewhere than the dialog
            setStatus(Messages.get("screen.refused", pathOf(t), e.getMessage()));
            return;
        }
        confirmAndSend(label, t, v, from);
    }

    private static Object valueOf(ProjectContext p, TagDef t) {
        var s = p.values().current(t.id());
        return s == null ? null : s.y();
    }

    private String pathOf(TagDef t) {
        ModelSnapshot m = ctx.bridge().getModel();
        return m == null ? t.name() : m.tagPath(t.id());
    }

    /** Confirms and sends; the symbol {@code from} (the control, or the faceplate's symbol) shows how it fares. */
    private void confirmAndSend(String label, TagDef t, Object value, WidgetFrame from) {
        ProjectContext p = ctx.project();
        if (p == null) {
            return;
        }
        String old = ValueFormat.value(t, p.values().current(t.id()));
        String neu = ValueFormat.value(t, Sample.of(0, value));
        String title = Messages.get("screen.confirmTitle");
        String header = Messages.get("screen.confirmHeader", label, pathOf(t));
        String text = Messages.get("screen.confirmText", old, neu);
        Optional<String> rule = p.writes().reasonRequired(t.id());
        String reason = null;
        if (rule.isPresent()) {
            // A rule of the project wants to know why: the same confirmation, with a field for the reason.
            Optional<String> given = questions.confirmWithReason(title, header, text, rule.get());
            if (given.isEmpty()) {
                setStatus(Messages.get("screen.cancelled"));
                return;
            }
            reason = given.get();
        } else if (!questions.confirm(title, header, text)) {
            setStatus(Messages.get("screen.cancelled"));
            return;
        }
        String why = reason;
        setStatus(Messages.get("write.sending", neu, pathOf(t)));
        List<WidgetFrame> notes = live == null ? List.of(from) : live.commanding(t.id(), from);
        showCommand(notes, Messages.get("screen.commandSending"), Messages.get("write.sending", neu, pathOf(t)), false);
        FxTasks.run(() -> ScreenWrites.send(why == null ? p.writes() : p.writes().withReason(why), p, t, value), o -> {
            setStatus(o.message());
            showCommand(notes, o.word(), o.message(), !o.confirmed());
        }, e -> {
            String m = Messages.get("write.failed", pathOf(t), e.getMessage());
            setStatus(m);
            showCommand(notes, Messages.get("screen.command.FAILED"), m, true);
        });
    }

    /** Every symbol of the command shows its note; an open faceplate of one of them follows. */
    private void showCommand(List<WidgetFrame> frames, String word, String detail, boolean failed) {
        for (WidgetFrame f : frames) {
            f.showCommand(word, detail, failed);
        }
        if (faceplate != null && frames.contains(faceplate.frame())) {
            refreshFaceplate(faceplate.frame());
        }
    }

    // ---- faceplate

    private void inspect(WidgetFrame f) {
        closeFaceplate();
        ModelSnapshot m = ctx.bridge().getModel();
        faceplate = new Faceplate(f, live.tagsOf(f), actions(f, m), m, ctx.bridge(), t -> askAndSend(t.name(), t, null, null, f),
                this::whyNotWrite, trendPopup == TrendPopup.NONE ? null : t -> trendPopup.show(t.id()), this::closeFaceplate);
        faceplate.showAlarms(symbolAlarms(f), whyNotAcknowledge(), this::acknowledge);
        content.setRight(faceplate);
    }

    /** The active alarms of the symbol's tags (not masked), most urgent first. */
    private List<AlarmView> symbolAlarms(WidgetFrame f) {
        if (live == null) {
            return List.of();
        }
        Set<UUID> tags = live.tagsOf(f).stream().map(TagDef::id).collect(Collectors.toSet());
        return alarms.stream().filter(a -> tags.contains(a.def().tagId()) && a.state() != AlarmState.NORMAL && !a.state().isMasked())
                .sorted(Comparator.comparing(AlarmView::priority)).toList();
    }

    /**
     * Null when the current user may write the tag (on its object: subtree rules count), else why
     * not: the faceplate disables its buttons instead of letting a command be refused after the dialog.
     */
    private String whyNotWrite(TagDef t) {
        ProjectContext p = ctx.project();
        if (p == null || t == null || p.security().permissions(t.objectId()).contains(Permission.WRITE_VALUES)) {
            return null;
        }
        Actor a = p.actor();
        return Messages.get("faceplate.notAllowed", a.name(), a.role() == null ? "-" : a.role(),
                Messages.get("permission." + Permission.WRITE_VALUES.name()));
    }

    /** Null when the current user may acknowledge alarms, else why not (the faceplate shows it). */
    private String whyNotAcknowledge() {
        ProjectContext p = ctx.project();
        if (p == null || p.security().permissions().contains(Permission.ACK_ALARMS)) {
            return null;
        }
        Actor a = p.actor();
        return Messages.get("opAlarms.notAllowed", a.name(), a.role() == null ? "-" : a.role(),
                Messages.get("permission." + Permission.ACK_ALARMS.name()));
    }

    /** A faceplate's Acknowledge: as the context's user; the engine checks and audits it. */
    private void acknowledge(AlarmView a) {
        ProjectContext p = ctx.project();
        if (p == null) {
            return;
        }
        String name = pathOfAlarm(a);
        // a rule of the project may want a reason: asked for, it becomes the acknowledgement's comment
        ReasonRetry.Asker asker = refusal -> questions.confirmWithReason(Messages.get("reason.alarmTitle"), name,
                Messages.get("reason.alarmText"), refusal.describe());
        ReasonRetry.run(reason -> p.alarms().acknowledge(a.id(), reason), asker, ok -> {
            setStatus(Messages.get("faceplate.ackDone", name));
            refreshAlarms();
        }, e -> {
            setStatus(Messages.get("faceplate.ackRefused", e.getMessage()));
            refreshAlarms();
        });
    }

    private String pathOfAlarm(AlarmView a) {
        ModelSnapshot m = ctx.bridge().getModel();
        return (m == null || m.tag(a.def().tagId()) == null ? "" : m.tagPath(a.def().tagId())) + "#" + a.def().name();
    }

    /**
     * The faceplate's command buttons: Auto and Manual when the symbol's {@code auto} is bound to a
     * writable bool tag, Open and Close (a valve) or Start and Stop (rotating equipment) when its
     * command is a writable bool tag. Each asks for confirmation and shows the read-back, like a control.
     */
    private List<Faceplate.Action> actions(WidgetFrame f, ModelSnapshot m) {
        List<Faceplate.Action> out = new ArrayList<>();
        UUID modeId = live.tagBoundTo(f, "auto");
        TagDef mode = modeId == null ? null : m.tag(modeId);
        if (switchable(mode)) {
            String refused = whyNotWrite(mode);
            out.add(new Faceplate.Action("faceplate-auto", Messages.get("faceplate.auto"),
                    () -> confirmAndSend(Messages.get("faceplate.auto"), mode, Boolean.TRUE, f), refused));
            out.add(new Faceplate.Action("faceplate-manual", Messages.get("faceplate.manual"),
                    () -> confirmAndSend(Messages.get("faceplate.manual"), mode, Boolean.FALSE, f), refused));
        }
        TagDef command = f.def().command() == null ? null : m.findTag(f.def().command().tag()).orElse(null);
        if (switchable(command)) {
            boolean valve = f.def().type().equals(WidgetTypes.VALVE);
            String on = Messages.get(valve ? "faceplate.open" : "faceplate.start");
            String off = Messages.get(valve ? "faceplate.close" : "faceplate.stop");
            String refused = whyNotWrite(command);
            out.add(new Faceplate.Action("faceplate-on", on, () -> confirmAndSend(on, command, Boolean.TRUE, f), refused));
            out.add(new Faceplate.Action("faceplate-off", off, () -> confirmAndSend(off, command, Boolean.FALSE, f), refused));
        }
        return out;
    }

    private static boolean switchable(TagDef t) {
        return t != null && t.type() == ValueType.BOOL && ValueFormat.writable(t);
    }

    /** The faceplate shows its symbol's last command: built again when that changes. */
    private void refreshFaceplate(WidgetFrame f) {
        if (faceplate != null && faceplate.frame() == f && live != null && live.frame(f.def().id()) == f) {
            inspect(f);
        }
    }

    /** A double-click on a symbol: the popup trend of its tag. */
    private void trend(WidgetFrame f) {
        UUID tag = live == null ? null : live.trendTagOf(f);
        if (tag == null) {
            setStatus(Messages.get("screen.noTrend"));
        } else {
            trendPopup.show(tag);
        }
    }

    /** The open faceplate, or null. */
    public Node faceplate() {
        return faceplate;
    }

    public void closeFaceplate() {
        if (faceplate != null) {
            faceplate.close();
            faceplate = null;
            content.setRight(null);
        }
    }

    @Override
    public void dispose() {
        closeFaceplate();
        if (live != null) {
            live.close();
            live = null;
        }
        if (alarmEvents != null) {
            alarmEvents.close();
            alarmEvents = null;
        }
    }
}
