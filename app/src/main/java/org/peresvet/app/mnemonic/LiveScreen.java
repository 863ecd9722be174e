package org.peresvet.app.mnemonic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ChangeListener;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import org.peresvet.alarm.AlarmView;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.fx.LiveValue;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.fx.Watch;
import org.peresvet.app.project.HistoryReader;
import org.peresvet.formula.FormulaState;
import org.peresvet.history.HistoryQuery;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.screen.Binding;
import org.peresvet.screen.CompiledBinding;
import org.peresvet.screen.PropertyDef;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.SymbolLibrary;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * One screen running live: its widgets' frames on a pane of the screen's size and background,
 * every binding resolved once (expressions compiled once), the bound tags watched through the
 * value bridge. A change of a watched value only marks its bindings dirty; once per pulse the dirty
 * bindings are evaluated (an expression once, however many of its inputs changed) and each touched
 * symbol redrawn once, so nodes are never touched per sample. FX thread only.
 */
public final class LiveScreen implements AutoCloseable {
    /** Quality words: shape and text on the symbol, never colour alone. */
    public static final String NO_DATA = "NO DATA";
    public static final String LOST = "LOST";
    public static final String BAD = "BAD";
    public static final String CONFIG = "NO TAG";

    private final ScreenDef screen;
    private final ModelSnapshot model;
    private final Pane root = new Pane();
    private final Map<String, WidgetFrame> frames = new LinkedHashMap<>();
    private final List<Bound> bounds = new ArrayList<>();
    private final Map<UUID, List<Bound>> byTag = new HashMap<>();
    private final Map<WidgetFrame, List<Bound>> byFrame = new LinkedHashMap<>();
    private final Map<WidgetFrame, Set<UUID>> frameTags = new LinkedHashMap<>();
    private final Map<WidgetFrame, String> configProblems = new HashMap<>();
    /** Per tag, the symbols whose command writes it: each shows how a command to it fares. */
    private final Map<UUID, List<WidgetFrame>> byCommandTag = new HashMap<>();
    private final Set<Bound> dirty = new LinkedHashSet<>();
    private final Consumer<Runnable> later;
    private final Watch watch;
    private final List<Runnable> unlisten = new ArrayList<>();
    private final Timeline blink;
    private boolean scheduled;
    private boolean blinkOn = true;
    private boolean closed;
    private Consumer<WidgetFrame> onControl = f -> { };
    private Consumer<WidgetFrame> onInspect = f -> { };
    private Consumer<WidgetFrame> onTrend = f -> { };

    /** A property bound to a tag or an expression, with its inputs' live values. */
    private static final class Bound {
        final WidgetFrame frame;
        final String property;
        final CompiledBinding binding;
        final LiveValue[] inputs;
        final FormulaState state;
        String quality;

        Bound(WidgetFrame frame, String property, CompiledBinding binding, LiveValue[] inputs) {
            this.frame = frame;
            this.property = property;
            this.binding = binding;
            this.inputs = inputs;
            this.state = binding.formula() == null ? null : binding.formula().newState();
        }
    }

    /**
     * Builds {@code screen} (macros applied here) over {@code model}, watching through
     * {@code bridge}; {@code later} runs the once-per-pulse apply (Platform::runLater; a bench or
     * test may run it itself).
     */
    public LiveScreen(ScreenDef screen, ModelSnapshot model, ValueBridge bridge, Consumer<Runnable> later) {
        // library symbols drawn as their definitions' widgets, then every macro applied
        this.screen = SymbolLibrary.of(model).expand(screen).expanded();
        this.model = model;
        this.later = later;
        root.setPrefSize(screen.width(), screen.height());
        root.setMinSize(screen.width(), screen.height());
        root.setMaxSize(screen.width(), screen.height());
        root.setClip(new Rectangle(screen.width(), screen.height()));
        root.setBackground(new Background(new BackgroundFill(Isa101.color(screen.background(), Isa101.BACKGROUND), null, null)));
        root.getStyleClass().add("live-screen");
        // the bindings compile on another core while the nodes are built here
        CompletableFuture<Map<Binding, Object>> compiling = CompletableFuture.supplyAsync(() -> compileAll(this.screen, model));
        List<Object[]> pending = new ArrayList<>();
        for (WidgetDef w : this.screen.widgets()) {
            root.getChildren().add(build(w, pending));
        }
        Map<Binding, Object> compiled = compiling.join();
        Map<Bound, List<UUID>> wanted = new LinkedHashMap<>();
        Map<WidgetFrame, Set<UUID>> inputs = new HashMap<>();
        for (Object[] one : pending) {
            WidgetFrame f = (WidgetFrame) one[0];
            if (compiled.get((Binding) one[2]) instanceof CompiledBinding cb) {
                Bound b = new Bound(f, (String) one[1], cb, new LiveValue[cb.inputs().size()]);
                wanted.put(b, cb.inputs());
                inputs.computeIfAbsent(f, k -> new LinkedHashSet<>()).addAll(cb.inputs());
            } else {
                // the screen check lists it; the symbol says it is not connected
                configProblems.put(f, CONFIG);
            }
        }
        // a symbol's tags: what its bindings read, then what its command writes
        inputs.forEach((f, in) -> {
            in.addAll(frameTags.get(f));
            frameTags.put(f, in);
        });
        Set<UUID> ids = new LinkedHashSet<>();
        wanted.values().forEach(ids::addAll);
        watch = bridge.watch(ids);
        for (Map.Entry<Bound, List<UUID>> e : wanted.entrySet()) {
            Bound b = e.getKey();
            for (int i = 0; i < b.inputs.length; i++) {
                b.inputs[i] = watch.get(e.getValue().get(i));
            }
            bounds.add(b);
            byFrame.computeIfAbsent(b.frame, k -> new ArrayList<>()).add(b);
            for (UUID id : new LinkedHashSet<>(e.getValue())) {
                byTag.computeIfAbsent(id, k -> new ArrayList<>()).add(b);
            }
        }
        for (UUID id : ids) {
            LiveValue v = watch.get(id);
            List<Bound> users = byTag.get(id);
            ChangeListener<Sample> l = (obs, o, n) -> markDirty(users);
            v.sampleProperty().addListener(l);
            unlisten.add(() -> v.sampleProperty().removeListener(l));
        }
        configProblems.forEach(WidgetFrame::showQuality);
        dirty.addAll(bounds);
        apply();
        blink = new Timeline(new KeyFrame(Duration.millis(500), e -> blinkStep()));
        blink.setCycleCount(Timeline.INDEFINITE);
        blink.play();
    }

    /** A widget's bindings, a sparkline's tag counting as its value's. */
    private static Map<String, Binding> bindingsOf(WidgetDef w) {
        Map<String, Binding> bindings = new LinkedHashMap<>(w.bindings());
        if (w.type().equals(WidgetTypes.SPARKLINE) && !w.text("tag").isBlank() && !bindings.containsKey("value")) {
            bindings.put("value", Binding.tag(w.text("tag")));
        }
        return bindings;
    }

    /** Every binding of the screen compiled once: a {@link CompiledBinding}, or the reason it does not compile. */
    private static Map<Binding, Object> compileAll(ScreenDef screen, ModelSnapshot model) {
        Map<Binding, Object> out = new HashMap<>();
        for (WidgetDef w : screen.allWidgets()) {
            for (Binding b : bindingsOf(w).values()) {
                out.computeIfAbsent(b, k -> {
                    try {
                        return CompiledBinding.compile(model, k);
                    } catch (IllegalArgumentException e) {
                        return e;
                    }
                });
            }
        }
        return out;
    }

    /** The widget's frame (and its children's); its bindings go to {@code pending} as frame, property, binding. */
    private WidgetFrame build(WidgetDef w, List<Object[]> pending) {
        WidgetFrame f = new WidgetFrame(w);
        frames.put(w.id(), f);
        Set<UUID> tags = new LinkedHashSet<>();
        for (Map.Entry<String, Binding> e : bindingsOf(w).entrySet()) {
            pending.add(new Object[] {f, e.getKey(), e.getValue()});
        }
        if (w.command() != null) {
            model.findTag(w.command().tag()).ifPresentOrElse(t -> {
                tags.add(t.id());
                byCommandTag.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(f);
            }, () -> configProblems.put(f, CONFIG));
        }
        frameTags.put(f, tags);
        if (f.symbol().isControl()) {
            f.symbol().setOnActivate(() -> onControl.accept(f));
        } else if (!w.type().equals(WidgetTypes.GROUP)) {
            // a click: the faceplate; a double-click: the popup trend of the symbol's tag
            f.setOnMouseClicked(e -> (e.getClickCount() == 2 ? onTrend : onInspect).accept(f));
        }
        if (f.symbol() instanceof CameraView) {
            f.symbol().start();
        }
        for (WidgetDef c : w.children()) {
            f.addChild(build(c, pending));
        }
        return f;
    }

    private void markDirty(List<Bound> users) {
        if (closed) {
            return;
        }
        dirty.addAll(users);
        if (!scheduled) {
            scheduled = true;
            later.accept(this::apply);
        }
    }

    /** Evaluates the dirty bindings and redraws each touched symbol once. Returns the symbols redrawn. */
    public int apply() {
        scheduled = false;
        if (dirty.isEmpty() || closed) {
            return 0;
        }
        Set<WidgetFrame> touched = new LinkedHashSet<>();
        long now = Micros.now();
        for (Bound b : dirty) {
            Sample s;
            if (b.binding.formula() != null) {
                LiveValue[] in = b.inputs;
                boolean missing = false;
                for (LiveValue v : in) {
                    missing |= v.getSample() == null;
                }
                s = missing ? null : b.binding.formula().evaluate(slot -> in[slot].getSample(), b.state, now);
            } else {
                s = b.inputs[0].getSample();
            }
            b.quality = qualityWord(s);
            Props p = b.frame.props();
            p.put(b.property, s == null || !s.isGood() ? null : convert(b.frame.def(), b.property, s.y()));
            if (b.frame.def().type().equals(WidgetTypes.SPARKLINE) && s != null) {
                p.put(Sparkline.SAMPLE_TIME, s.x());
            }
            if (b.property.equals("visible")) {
                b.frame.setVisible(s == null || !s.isGood() || p.bool("visible"));
            }
            touched.add(b.frame);
        }
        dirty.clear();
        for (WidgetFrame f : touched) {
            f.refresh();
            String worst = configProblems.get(f);
            for (Bound b : byFrame.get(f)) {
                worst = worse(worst, b.quality);
            }
            f.showQuality(worst);
        }
        return touched.size();
    }

    /** The word a sample's quality shows, null when good. */
    static String qualityWord(Sample s) {
        if (s == null) {
            return NO_DATA;
        }
        if (s.isGood()) {
            return null;
        }
        return switch (s.q()) {
            case Quality.CONNECTION_LOST, Quality.SOURCE_LOST -> LOST;
            case Quality.CONNECTION_RESTORED -> NO_DATA;
            default -> BAD;
        };
    }

    private static String worse(String a, String b) {
        List<String> order = List.of(CONFIG, LOST, BAD, NO_DATA);
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return order.indexOf(a) <= order.indexOf(b) ? a : b;
    }

    /** A tag's value in the form of the bound property's type. */
    static Object convert(WidgetDef w, String property, Object y) {
        PropertyDef p = w.widgetType().property(property);
        if (y == null || p == null) {
            return y;
        }
        return switch (p.type()) {
            case NUMBER -> y instanceof Number n ? n.doubleValue() : y instanceof Boolean b ? (b ? 1.0 : 0.0) : parse(y.toString());
            case BOOLEAN -> y instanceof Boolean b ? b : y instanceof Number n ? n.doubleValue() != 0
                    : "true".equalsIgnoreCase(y.toString().trim()) || "1".equals(y.toString().trim());
            default -> y instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : y.toString();
        };
    }

    private static Double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Shows the active alarms: on each symbol, the most urgent alarm of its tags (blinking while
     * unacknowledged); on each alarm indicator, the most urgent priority and the count under its
     * source (a tag, or every tag under an object).
     */
    public void showAlarms(Collection<AlarmView> active) {
        Map<UUID, AlarmPriority> worst = new HashMap<>();
        Map<UUID, Boolean> unacked = new HashMap<>();
        List<AlarmView> shown = new ArrayList<>();
        for (AlarmView a : active) {
            AlarmState st = a.state();
            if (st == AlarmState.NORMAL || st.isMasked()) {
                continue;
            }
            shown.add(a);
            UUID tag = a.def().tagId();
            worst.merge(tag, a.priority(), (x, y) -> x.ordinal() <= y.ordinal() ? x : y);
            unacked.merge(tag, needsAck(st), Boolean::logicalOr);
        }
        for (Map.Entry<WidgetFrame, Set<UUID>> e : frameTags.entrySet()) {
            WidgetFrame f = e.getKey();
            if (f.def().type().equals(WidgetTypes.ALARM)) {
                showIndicator(f, shown);
                continue;
            }
            AlarmPriority p = null;
            boolean un = false;
            for (UUID id : e.getValue()) {
                AlarmPriority q = worst.get(id);
                if (q != null && (p == null || q.ordinal() < p.ordinal())) {
                    p = q;
                }
                un |= unacked.getOrDefault(id, false);
            }
            f.showAlarm(p, un);
        }
    }

    static boolean needsAck(AlarmState st) {
        return st == AlarmState.UNACKNOWLEDGED || st == AlarmState.RETURNED_UNACKNOWLEDGED || st == AlarmState.LATCHED;
    }

    private void showIndicator(WidgetFrame f, List<AlarmView> shown) {
        String source = f.def().text("source");
        AlarmPriority p = null;
        int n = 0;
        for (AlarmView a : shown) {
            String path = model.tagPath(a.def().tagId());
            if (!source.isEmpty() && path != null && (path.equals(source) || path.startsWith(source.endsWith("/") ? source : source + "/"))) {
                n++;
                if (p == null || a.priority().ordinal() < p.ordinal()) {
                    p = a.priority();
                }
            }
        }
        f.props().put(Props.ALARM_PRIORITY, p);
        f.props().put(Props.ALARM_COUNT, n == 0 ? null : n);
        f.refresh();
    }

    private void blinkStep() {
        blinkOn = !blinkOn;
        for (WidgetFrame f : frames.values()) {
            if (f.alarm() != null) {
                f.blink(blinkOn);
            }
        }
    }

    /** The screen as running (macros applied). */
    public ScreenDef screen() {
        return screen;
    }

    /** The pane showing the screen at its own size. */
    public Pane root() {
        return root;
    }

    /** The frame of widget {@code id}, or null. */
    public WidgetFrame frame(String id) {
        return frames.get(id);
    }

    public Collection<WidgetFrame> frames() {
        return frames.values();
    }

    /** The tags a widget shows or writes (its bindings' inputs and its command's tag). */
    public List<TagDef> tagsOf(WidgetFrame f) {
        return frameTags.getOrDefault(f, Set.of()).stream().map(model::tag).filter(Objects::nonNull).toList();
    }

    /**
     * The symbols that show a command to {@code tagId}: {@code from} (the control used, or the
     * faceplate's symbol) and every symbol whose command writes the same tag, so a second button
     * for the same pump says "sending…" too.
     */
    public List<WidgetFrame> commanding(UUID tagId, WidgetFrame from) {
        List<WidgetFrame> out = new ArrayList<>();
        if (from != null) {
            out.add(from);
        }
        for (WidgetFrame f : byCommandTag.getOrDefault(tagId, List.of())) {
            if (f != from) {
                out.add(f);
            }
        }
        return out;
    }

    /** The tag a symbol's property is bound to directly (not through an expression), or null. */
    public UUID tagBoundTo(WidgetFrame f, String property) {
        for (Bound b : byFrame.getOrDefault(f, List.of())) {
            if (b.property.equals(property) && b.binding.formula() == null && b.binding.inputs().size() == 1) {
                return b.binding.inputs().get(0);
            }
        }
        return null;
    }

    /** The number of bindings running. */
    public int bindingCount() {
        return bounds.size();
    }

    /** Runs when the operator uses a control (navigation, command, setpoint, toggle). */
    public void onControl(Consumer<WidgetFrame> c) {
        onControl = c;
    }

    /** Runs when the operator double-clicks a symbol (its popup trend). */
    public void onTrend(Consumer<WidgetFrame> c) {
        onTrend = c;
    }

    /**
     * The tag a symbol's trend shows: the tag its value is bound to (directly or the first input of
     * its expression), else the first tag it shows; null when it shows none.
     */
    public UUID trendTagOf(WidgetFrame f) {
        List<Bound> bs = byFrame.getOrDefault(f, List.of());
        for (Bound b : bs) {
            if (b.property.equals("value") && !b.binding.inputs().isEmpty()) {
                return b.binding.inputs().get(0);
            }
        }
        for (Bound b : bs) {
            if (!b.binding.inputs().isEmpty()) {
                return b.binding.inputs().get(0);
            }
        }
        return null;
    }

    /**
     * Fills each sparkline with its tag's stored history over the span it shows (read off the FX
     * thread), so it opens with the last minutes rather than empty.
     */
    public void fillSparklines(HistoryReader history) {
        long now = Micros.now();
        for (WidgetFrame f : frames.values()) {
            UUID tag = f.symbol() instanceof Sparkline ? trendTagOf(f) : null;
            if (tag == null) {
                continue;
            }
            Sparkline s = (Sparkline) f.symbol();
            long span = (long) (Math.max(1, f.def().number("seconds", 600)) * 1e6);
            // one point per two pixels is all a sparkline can show
            long step = Math.max(1_000_000L, span / Math.max(10, (long) (f.def().number("width", 160) / 2)));
            FxTasks.run(() -> history.read(HistoryQuery.range(tag, now - span, now).withTimeStep(step)).data(), data -> {
                if (!closed) {
                    s.seed(data, f.props());
                }
            }, e -> { });
        }
    }

    /** Runs when the operator clicks a symbol (the faceplate). */
    public void onInspect(Consumer<WidgetFrame> c) {
        onInspect = c;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        blink.stop();
        unlisten.forEach(Runnable::run);
        watch.close();
        frames.values().forEach(f -> f.symbol().dispose());
    }
}
