package org.peresvet.app.trend;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.peresvet.app.Messages;
import org.peresvet.app.common.WorkspaceTab;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.history.HistoryQuery;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.Subscription;

/**
 * A trend screen: pens from the tree (drag, or "Trend" in a tag's menu) or from a saved trend,
 * live or over a period, with zoom and a zoom-back stack, an X-trace readout of every pen at the
 * mouse and two cursors A and B with Δt and Δvalue per pen.
 *
 * <p>History comes decimated (at most one bin per pixel column) from {@link ProjectContext#history()}
 * on background threads and stays with each pen per bin width ({@link BinStrip}): a pan reads only
 * the newly exposed edge, a zoom back reads nothing, a zoom shows the coarser data until the finer
 * answer comes. Live samples go into each pen's ring on the delivery thread. The chart is redrawn
 * on the pulse, and only when something changed or the live window moved a pixel.
 */
public final class TrendView implements WorkspaceTab {
    /** Presets of the period shown, in seconds. */
    static final long[] PRESETS = {600, 3600, 8 * 3600, 24 * 3600, 7 * 24 * 3600};
    private static final String[] PRESET_KEYS = {"trend.preset.10m", "trend.preset.1h", "trend.preset.8h", "trend.preset.24h",
        "trend.preset.7d"};
    /** Live samples a pen keeps: 10 minutes at 100 samples/s. */
    static final int RING = 65_536;
    private static final long PREVIEW_AFTER_NANOS = 100_000_000L;

    private final String key;
    private final ProjectContext project;
    private final TrendStore store;
    private final Consumer<String> errors;
    private final TrendChart chart = new TrendChart();
    private final ChartViewer viewer;
    private final List<PenSeries> pens = new ArrayList<>();
    private final Map<UUID, PenSeries> byTag = new ConcurrentHashMap<>();
    private final Map<PenSeries, Drawn> drawn = new ConcurrentHashMap<>();
    private final Deque<TrendWindow> back = new ArrayDeque<>();
    private final BorderPane root = new BorderPane();
    private final GridPane penGrid = new GridPane();
    private final PenRows penRows = new PenRows(penGrid, () -> dirty = true, this::removePen);
    private final Label cursorLine = new Label();
    private final ToggleButton liveButton = new ToggleButton(Messages.get("trend.live"));
    private final ToggleButton pauseButton = new ToggleButton(Messages.get("trend.pause"));
    private final Button backButton = new Button(Messages.get("trend.back"));
    private final AnimationTimer timer;
    private final Subscription feed;
    private final TrendRanges ranges;

    private TrendWindow window = TrendWindow.live(PRESETS[0] * Micros.PER_SECOND);
    private long pausedAt;
    private boolean dirty = true;
    /** False once disposed: no read starts after that. */
    private boolean running = true;
    private boolean cursorsMoved;
    private boolean gridDue;
    /** Pulses a read waited for the chart's first layout (a few at most). */
    private int unlaidPulses;
    /** When to draw what the pens hold while a history read is still under way (-1: not due). */
    private long previewDueNanos = -1;
    private boolean adjusting;
    private long lastDrawNanos;
    private long lastPushNanos;
    private long fetchDueNanos = -1;
    /** Wall time of the last history read, from asking to every answer in (the benchmark reports it). */
    private long lastReadNanos;
    private int generation;
    private int fetching;
    private double cursorMillis = Double.NaN;
    private double aMillis = Double.NaN;
    private double bMillis = Double.NaN;
    private UUID savedId;
    private String savedName;
    private PulseCost cost = PulseCost.NONE;

    /**
     * @param store  where saved trends go (null: this trend cannot be saved, e.g. a popup)
     * @param errors shows a problem to the user
     */
    public TrendView(String key, ProjectContext project, TrendStore store, Consumer<String> errors) {
        this.key = key;
        this.project = project;
        this.store = store;
        this.errors = errors;
        this.viewer = new ChartViewer(chart.chart());
        viewer.setId("trend-chart");
        viewer.getCanvas().setRangeZoomable(false);
        viewer.setMinSize(200, 120);
        chart.timeAxis().addChangeListener(e -> {
            if (!adjusting) {
                userMovedTime();
            }
        });
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX e) {
                clicked(e.getTrigger());
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX e) {
                moved(e.getTrigger());
            }
        });
        feed = project.values().everySample(this::arrived);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulse(now);
            }
        };
        ranges = new TrendRanges(this, chart, ZoneId.systemDefault());
        buildLayout();
        timer.start();
    }

    // ---- the screen ----

    @Override
    public String key() {
        return key;
    }

    @Override
    public String title() {
        return savedName != null ? Messages.get("trend.titleNamed", savedName) : Messages.get("trend.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public void dispose() {
        running = false;
        timer.stop();
        feed.close();
        generation++;
    }

    private void buildLayout() {
        root.getStyleClass().add("trend-view");
        FlowPane bar = new FlowPane(4, 4); // wraps in a narrow tab instead of cutting every label to "…"
        bar.getStyleClass().add("trend-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        for (int i = 0; i < PRESETS.length; i++) {
            long seconds = PRESETS[i];
            Button b = new Button(Messages.get(PRESET_KEYS[i]));
            b.setId("trend-preset-" + seconds);
            b.setOnAction(e -> preset(seconds));
            bar.getChildren().add(b);
        }
        liveButton.setId("trend-live");
        liveButton.setSelected(true);
        liveButton.setOnAction(e -> {
            if (liveButton.isSelected()) {
                preset(window.span() / Micros.PER_SECOND);
            } else {
                showPeriod(window.from(now()), window.to(now()), true);
            }
        });
        pauseButton.setId("trend-pause");
        pauseButton.setTooltip(new Tooltip(Messages.get("trend.pause.tip")));
        pauseButton.setOnAction(e -> {
            pausedAt = now();
            dirty = true;
        });
        backButton.setId("trend-back");
        backButton.setOnAction(e -> zoomBack());
        backButton.setDisable(true);
        MenuItem drawnCsv = new MenuItem(Messages.get("trend.csvDrawn"));
        drawnCsv.setOnAction(e -> TrendFiles.saveCsv(this, root.getScene().getWindow(), errors));
        MenuItem rawCsv = new MenuItem(Messages.get("trend.csvRaw"));
        rawCsv.setOnAction(e -> TrendFiles.saveRawCsv(this, root.getScene().getWindow(), errors));
        MenuButton csv = new MenuButton(Messages.get("trend.csv"), null, drawnCsv, rawCsv);
        csv.setId("trend-csv");
        Button png = new Button(Messages.get("trend.png"));
        png.setId("trend-png");
        png.setOnAction(e -> TrendFiles.savePng(this, root.getScene().getWindow(), errors));
        bar.getChildren().addAll(liveButton, pauseButton, backButton, ranges.toggle(), csv, png);
        if (store != null) {
            bar.getChildren().addAll(store.saveButton(this), store.openButton(this));
        }
        root.setTop(new VBox(bar, ranges.row()));
        root.setCenter(viewer);
        cursorLine.getStyleClass().add("trend-cursors");
        cursorLine.setId("trend-cursor-line");
        penGrid.getStyleClass().add("trend-pens");
        penGrid.setHgap(10);
        penGrid.setVgap(2);
        penGrid.setPadding(new Insets(4));
        ScrollPane pensPane = new ScrollPane(penGrid);
        pensPane.setFitToWidth(true);
        pensPane.setPrefViewportHeight(90);
        VBox bottom = new VBox(2, cursorLine, pensPane);
        bottom.setPadding(new Insets(2, 4, 4, 4));
        root.setBottom(bottom);
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasString()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        root.setOnDragDropped(e -> {
            boolean done = e.getDragboard().hasString() && addPaths(e.getDragboard().getString()) > 0;
            e.setDropCompleted(done);
            e.consume();
        });
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.BACK_SPACE) {
                zoomBack();
            } else if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT) {
                long f = window.from(now());
                long t = window.to(now());
                long step = (t - f) / 4 * (e.getCode() == KeyCode.LEFT ? -1 : 1);
                showPeriod(f + step, t + step, true);
            } else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.MINUS) {
                long f = window.from(now());
                long t = window.to(now());
                long mid = (f + t) / 2;
                long half = (t - f) / (e.getCode() == KeyCode.MINUS ? 1 : 4);
                showPeriod(mid - half, mid + half, true);
            } else {
                return;
            }
            e.consume();
        });
        updateCursorLine();
    }

    // ---- pens ----

    /** Adds tags named by path (one per line, as a drag from the tree carries them); returns how many were added. */
    public int addPaths(String text) {
        ModelSnapshot m = project.model().snapshot();
        int added = 0;
        for (String line : text.split("\n")) {
            String p = line.strip();
            TagDef t = p.isEmpty() ? null : m.findTag(p).orElse(null);
            if (t != null && addPen(t.id())) {
                added++;
            }
        }
        if (added == 0) {
            errors.accept(Messages.get("trend.noTag"));
        }
        return added;
    }

    /** Adds a pen for the tag unless it is already drawn; false when unknown or already there. */
    public boolean addPen(UUID tagId) {
        TagDef t = project.model().snapshot().tag(tagId);
        if (t == null || byTag.containsKey(tagId) || pens.size() >= TrendSpec.MAX_PENS) {
            return false;
        }
        String color = TrendPen.PALETTE[pens.size() % TrendPen.PALETTE.length];
        addPen(new TrendPen(tagId, color, 1.5));
        return true;
    }

    private void addPen(TrendPen pen) {
        PenSeries s = new PenSeries(pen, RING);
        pens.add(s);
        byTag.put(pen.tagId(), s); // the ring fills from now on: before the history is asked
        gridDue = true; // once for pens added together, after their history read has started
        fetchSoon(0);
    }

    public List<TrendPen> pens() {
        return pens.stream().map(p -> p.pen).toList();
    }

    void clearPens() {
        pens.clear();
        byTag.clear();
        drawn.clear();
        chart.removePensFrom(0);
        rebuildPenGrid();
        dirty = true;
    }

    private void arrived(List<TagSample> batch) {
        for (TagSample ts : batch) {
            PenSeries s = byTag.get(ts.tagId());
            if (s != null) {
                s.ring.add(ts.sample());
            }
        }
    }

    private void rebuildPenGrid() {
        gridDue = false;
        penRows.rebuild(pens, project.model().snapshot());
        updateReadouts();
    }

    private void removePen(PenSeries s) {
        pens.remove(s);
        byTag.remove(s.pen.tagId());
        drawn.remove(s);
        chart.removePensFrom(pens.size());
        rebuildPenGrid();
        dirty = true;
    }

    // ---- time ----

    /** Live, the last {@code seconds} up to now. */
    public void preset(long seconds) {
        pushBack();
        window = TrendWindow.live(seconds * Micros.PER_SECOND);
        pauseButton.setSelected(false);
        liveButton.setSelected(true);
        fetchSoon(0);
    }

    /** A fixed period (µs); {@code remember}: the current one goes on the zoom-back stack. */
    public void showPeriod(long from, long to, boolean remember) {
        if (to <= from) {
            return;
        }
        if (remember) {
            pushBack();
        }
        window = TrendWindow.fixed(from, to);
        liveButton.setSelected(false);
        fetchSoon(0);
    }

    /** A fixed Y range for a unit's axis (lanes stay below it); null: autoscale again. */
    void yRange(String unit, double[] minMax) {
        chart.manualRange(unit, minMax);
        dirty = true;
    }

    /** Back to the period shown before the last zoom, pan or preset. */
    public void zoomBack() {
        if (back.isEmpty()) {
            return;
        }
        window = back.pop();
        liveButton.setSelected(window.live());
        backButton.setDisable(back.isEmpty());
        fetchSoon(0);
    }

    public int zoomDepth() {
        return back.size();
    }

    public boolean live() {
        return window.live();
    }

    public boolean paused() {
        return pauseButton.isSelected();
    }

    /** The period on screen now, µs. */
    public long[] shown() {
        long now = now();
        return new long[] {window.from(now), window.to(now)};
    }

    private void pushBack() {
        back.push(window);
        if (back.size() > 50) {
            back.removeLast();
        }
        backButton.setDisable(false);
    }

    /** The chart's own zoom (drag a rectangle), pan (ctrl-drag) or wheel moved the time axis. */
    private void userMovedTime() {
        var r = chart.timeAxis().getRange();
        long from = TrendMath.toMicros(r.getLowerBound());
        long to = TrendMath.toMicros(r.getUpperBound());
        long nowNanos = System.nanoTime();
        // One gesture (a pan drags through many ranges) is one step back.
        if (nowNanos - lastPushNanos > 700_000_000L) {
            pushBack();
        }
        lastPushNanos = nowNanos;
        window = TrendWindow.fixed(from, to);
        liveButton.setSelected(false);
        fetchSoon(80); // meanwhile the pens draw what they hold for the new period
        dirty = true;
    }

    long now() {
        return window.live() && pauseButton.isSelected() ? pausedAt : Micros.now();
    }

    // ---- history ----

    /** Reads history on a coming pulse; {@link #fetch} decides whether to redraw before the answer. */
    private void fetchSoon(long delayMillis) {
        fetchDueNanos = System.nanoTime() + delayMillis * 1_000_000L;
        if (delayMillis == 0) {
            Platform.runLater(this::fetchIfDue); // after the caller's other changes, not a pulse later
        }
    }

    /** A read due now starts at once when the chart's width (which sets the bin width) is known; else on a pulse. */
    private void fetchIfDue() {
        if (running && fetchDueNanos >= 0 && System.nanoTime() >= fetchDueNanos && viewer.getWidth() > 0) {
            fetch();
        }
    }

    /**
     * Pixel columns to decimate to: the chart's width (the data area is a little narrower, by the
     * Y axes). Not the data area itself: it is known only after a draw and moves with the axes, and
     * a pen finds its bins again only at the same bin width.
     */
    private int columns() {
        return (int) Math.max(200, Math.min(4000, viewer.getWidth() > 0 ? viewer.getWidth() : 1600));
    }

    /**
     * Reads what the window needs off the FX thread and shows it when every pen's answer is in (a
     * newer request makes older answers moot). Live: each pen's whole window. A period: only what
     * the pen's strip at the period's bin width lacks: nothing after a zoom back, the exposed edge
     * after a pan; meanwhile each pen draws what it holds (after a zoom the coarser data, at once).
     */
    private void fetch() {
        fetchDueNanos = -1;
        int gen = ++generation;
        long now = now();
        long from = window.from(now);
        long to = window.to(now);
        int columns = columns();
        boolean live = window.live();
        long width = live ? PenSeries.LIVE : BinStrip.widthFor(to - from, columns);
        List<PenSeries> asked = List.copyOf(pens);
        List<PenSeries> readFor = new ArrayList<>();
        List<BinQuery> queries = new ArrayList<>();
        boolean somethingToShow = false;
        for (PenSeries s : asked) {
            somethingToShow |= s.hasHistory();
            if (live) {
                readFor.add(s);
                queries.add(new BinQuery(s.pen.tagId(), from, to, columns));
                continue;
            }
            BinStrip strip = s.strip(width);
            if (strip.overlaps(from, to)) {
                s.show(width); // what it holds now, the exposed edge when it comes
            }
            for (long[] m : strip.missing(from, to)) {
                readFor.add(s);
                queries.add(new BinQuery(s.pen.tagId(), m[0], m[1], (int) ((m[1] - m[0] + 1) / width)));
            }
        }
        if (queries.isEmpty()) {
            dirty = true; // every pen holds the period: drawn on this pulse
            return;
        }
        if (somethingToShow) {
            // What the pens hold (after a zoom the coarser data) is drawn if the answer takes longer
            // than the eye waits (0.1 s); a quicker answer is drawn once, without a preview before it.
            previewDueNanos = System.nanoTime() + PREVIEW_AFTER_NANOS;
        }
        fetching++;
        long askedAt = Micros.now();
        long t0 = System.nanoTime();
        // One read per pen and edge, spread over the fetch threads: eight pens come in about half the time.
        List<CompletableFuture<BinnedHistory>> reads = queries.stream().map(q -> CompletableFuture.supplyAsync(
                () -> project.history().bins(q), TrendFetcher.POOL)).toList();
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> Platform.runLater(() -> {
            fetching--;
            if (gen != generation) {
                return;
            }
            if (failure != null) {
                errors.accept(Messages.get("trend.historyFailed", String.valueOf(failure.getCause() != null
                        ? failure.getCause().getMessage() : failure.getMessage())));
                return;
            }
            for (int i = 0; i < readFor.size(); i++) {
                readFor.get(i).history(width, reads.get(i).join(), askedAt, from, to);
            }
            asked.forEach(s -> s.show(width));
            previewDueNanos = -1;
            lastReadNanos = System.nanoTime() - t0;
            dirty = true;
            if (!gridDue) {
                long d0 = System.nanoTime();
                redrawCounted(d0, d0); // drawn now, on screen with the coming pulse rather than one later
            }
        }));
    }

    /** Whether no history read is under way (tests wait on it). */
    public boolean settled() {
        return fetching == 0 && fetchDueNanos < 0 && !dirty && !gridDue;
    }

    // ---- drawing, on the pulse ----

    private void pulse(long nanos) {
        long t0 = System.nanoTime();
        if (fetchDueNanos >= 0 && nanos >= fetchDueNanos) {
            // Just put on screen and not laid out yet: wait, its width sets the bin width, which the pens' bins must match.
            boolean unlaid = viewer.getWidth() <= 0 && viewer.getScene() != null && unlaidPulses++ < 5;
            if (!unlaid) {
                fetch();
            }
        }
        if (gridDue) {
            rebuildPenGrid();
        }
        if (previewDueNanos >= 0 && nanos >= previewDueNanos) {
            previewDueNanos = -1;
            dirty = fetching > 0 || dirty;
        }
        boolean liveDue = false;
        if (window.live() && !pauseButton.isSelected()) {
            // Scroll when the window moved a pixel, at most 10 times a second.
            long pixelNanos = Math.max(100_000_000L, window.span() * 1000L / Math.max(1, columns()));
            liveDue = nanos - lastDrawNanos >= pixelNanos;
            for (PenSeries s : pens) {
                if (!s.stitched() && fetchDueNanos < 0) {
                    fetchSoon(0); // the ring lost samples after the seam: ask history again
                }
            }
        }
        if (dirty || liveDue) {
            redrawCounted(t0, nanos);
        } else if (cursorsMoved) {
            cursorsMoved = false;
            chart.chart().fireChartChanged();
        }
    }

    /** Redraws, counting the FX time since {@code t0} as the cost of a redraw made at {@code nanos}. */
    private void redrawCounted(long t0, long nanos) {
        redraw();
        lastDrawNanos = nanos;
        dirty = false;
        cursorsMoved = false;
        cost = cost.add(System.nanoTime() - t0);
    }

    /** Builds every pen's points and redraws the chart once. */
    void redraw() {
        long now = now();
        long from = window.from(now);
        long to = window.to(now);
        int columns = columns();
        ModelSnapshot m = project.model().snapshot();
        Set<UUID> onLanes = new HashSet<>();
        var plot = chart.plot();
        plot.setNotify(false);
        try {
            adjusting = true;
            chart.range(from, to);
            chart.clearLimitBands();
            for (int i = 0; i < pens.size(); i++) {
                PenSeries s = pens.get(i);
                TagDef t = m.tag(s.pen.tagId());
                String unit = t == null ? "" : t.units();
                Drawn d = s.build(from, to, columns, now, window.live());
                drawn.put(s, d);
                String[] states = s.pen.states(t);
                if (states != null) {
                    onLanes.add(t.id());
                }
                int axis = states != null ? chart.laneFor(t.id(), states, s.pen.color()) : chart.axisFor(unit);
                chart.pen(i, axis, d, s.pen);
                if (t != null && states == null && s.pen.visible()) {
                    limitBands(m, t, axis);
                }
            }
            chart.removePensFrom(pens.size());
            chart.keepLanes(onLanes);
            chart.layoutLanes();
            chart.pensChanged();
            chart.cursors(cursorMillis, aMillis, bMillis);
        } finally {
            adjusting = false;
            plot.setNotify(true);
        }
        updateReadouts();
    }

    private void limitBands(ModelSnapshot m, TagDef t, int axis) {
        for (AlarmDef a : m.alarmsOf(t.id())) {
            if (!a.enabled() || a.limit() == null) {
                continue;
            }
            double lim = a.limit();
            double far = 1e12 * Math.max(1, Math.abs(lim));
            if (a.kind() == AlarmKind.HI || a.kind() == AlarmKind.HIHI) {
                chart.limitBand(axis, lim, far);
            } else if (a.kind() == AlarmKind.LO || a.kind() == AlarmKind.LOLO) {
                chart.limitBand(axis, -far, lim);
            }
        }
    }

    // ---- cursors ----

    private double timeAt(MouseEvent e) {
        ChartRenderingInfo info = viewer.getRenderingInfo();
        if (info == null || info.getPlotInfo() == null) {
            return Double.NaN;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (e.getX() < area.getMinX() || e.getX() > area.getMaxX()) {
            return Double.NaN;
        }
        return chart.timeAxis().java2DToValue(e.getX(), area, chart.plot().getDomainAxisEdge());
    }

    private void moved(MouseEvent e) {
        cursor(timeAt(e));
    }

    private void clicked(MouseEvent e) {
        if (!e.isStillSincePress()) {
            return; // the end of a zoom drag
        }
        double t = timeAt(e);
        if (e.isShiftDown()) {
            setB(t);
        } else {
            setA(t);
        }
    }

    /** The X-trace cursor at t (ms since the epoch; NaN hides it). */
    public void cursor(double tMillis) {
        cursorMillis = tMillis;
        chart.cursors(cursorMillis, aMillis, bMillis);
        cursorsMoved = true; // drawn on the next pulse: a mouse move does not redraw the chart by itself
        updateReadouts();
    }

    public void setA(double tMillis) {
        aMillis = tMillis;
        chart.cursors(cursorMillis, aMillis, bMillis);
        cursorsMoved = true; // drawn on the next pulse: a mouse move does not redraw the chart by itself
        updateReadouts();
    }

    public void setB(double tMillis) {
        bMillis = tMillis;
        chart.cursors(cursorMillis, aMillis, bMillis);
        cursorsMoved = true; // drawn on the next pulse: a mouse move does not redraw the chart by itself
        updateReadouts();
    }

    /** The points pen i draws now (tests and the benchmark read them). */
    Drawn drawnOf(int pen) {
        Drawn d = drawn.get(pens.get(pen));
        return d == null ? Drawn.EMPTY : d;
    }

    TrendChart chartForTests() {
        return chart;
    }

    PenSeries series(int pen) {
        return pens.get(pen);
    }

    /** The value pen i draws at t (ms): NaN in a gap or before its data. */
    public double valueAt(int pen, double tMillis) {
        Drawn d = drawn.get(pens.get(pen));
        return d == null ? Double.NaN : d.valueAt(tMillis);
    }

    /** The quality of pen i at t (ms), -1 before its data. */
    public int qualityAt(int pen, double tMillis) {
        Drawn d = drawn.get(pens.get(pen));
        return d == null || Double.isNaN(tMillis) ? -1 : d.qualityAt(tMillis);
    }

    private void updateReadouts() {
        List<Label[]> readouts = penRows.readouts();
        for (int i = 0; i < readouts.size() && i < pens.size(); i++) {
            Label[] l = readouts.get(i);
            double v = valueAt(i, cursorMillis);
            double a = valueAt(i, aMillis);
            double b = valueAt(i, bMillis);
            String[] states = states(i);
            l[0].setText(Double.isNaN(cursorMillis) ? "" : number(v, states));
            l[1].setText(Double.isNaN(aMillis) ? "" : number(a, states));
            l[2].setText(Double.isNaN(bMillis) ? "" : number(b, states));
            l[3].setText(Double.isNaN(aMillis) || Double.isNaN(bMillis) ? "" : number(b - a));
            int q = qualityAt(i, cursorMillis);
            l[4].setText(Double.isNaN(cursorMillis) || q < 0 ? "" : TrendMath.qualityName(q));
            l[4].setStyle(q > 0 ? "-fx-font-weight: bold" : ""); // not good: stands out without a colour of its own
        }
        updateCursorLine();
    }

    /** The state names of pen i when it is drawn as states, else null. */
    private String[] states(int pen) {
        PenSeries s = pens.get(pen);
        return s.pen.states(project.model().snapshot().tag(s.pen.tagId()));
    }

    /** A state's name where the pen has states (ON, OFF…), else the number. */
    private static String number(double v, String[] states) {
        int k = (int) v;
        return states != null && k == v && k >= 0 && k < states.length ? states[k] : number(v);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? Messages.get("trend.gap") : TrendMath.format(v);
    }

    private void updateCursorLine() {
        StringBuilder sb = new StringBuilder();
        if (!Double.isNaN(cursorMillis)) {
            sb.append(Messages.get("trend.at", Micros.format(TrendMath.toMicros(cursorMillis)))).append("   ");
        }
        if (!Double.isNaN(aMillis)) {
            sb.append("A ").append(Micros.format(TrendMath.toMicros(aMillis))).append("   ");
        }
        if (!Double.isNaN(bMillis)) {
            sb.append("B ").append(Micros.format(TrendMath.toMicros(bMillis))).append("   ");
        }
        if (!Double.isNaN(aMillis) && !Double.isNaN(bMillis)) {
            sb.append(Messages.get("trend.deltaT", TrendMath.format((bMillis - aMillis) / 1000.0)));
        }
        cursorLine.setText(sb.length() == 0 ? Messages.get("trend.cursorHelp") : sb.toString());
    }

    // ---- saving and exporting ----

    /** The trend as saved: its pens and its time. */
    public TrendSpec spec() {
        List<TrendSpec.PenSpec> ps = pens.stream()
                .map(s -> new TrendSpec.PenSpec(s.pen.tagId(), s.pen.color(), s.pen.width(), s.pen.visible(), s.pen.lane())).toList();
        List<TrendSpec.YRange> ys = chart.manualRanges().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new TrendSpec.YRange(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        long now = now();
        return new TrendSpec(ps, window.live(), Math.max(1, window.span() / Micros.PER_SECOND), window.live() ? 0 : window.from(now),
                window.live() ? 0 : window.to(now), ys);
    }

    /** Shows a saved trend: its pens and its time. */
    public void load(UUID id, String name, TrendSpec spec) {
        clearPens();
        savedId = id;
        savedName = name;
        for (TrendSpec.PenSpec p : spec.pens()) {
            if (project.model().snapshot().tag(p.tagId()) != null) {
                TrendPen pen = new TrendPen(p.tagId(), p.color(), p.width());
                pen.visible(p.visible());
                pen.lane(p.lane());
                addPen(pen);
            }
        }
        chart.clearManualRanges();
        for (TrendSpec.YRange y : spec.yRanges()) {
            chart.manualRange(y.unit(), new double[] {y.min(), y.max()});
        }
        back.clear();
        backButton.setDisable(true);
        window = spec.live() ? TrendWindow.live(spec.spanSeconds() * Micros.PER_SECOND) : TrendWindow.fixed(spec.start(), spec.finish());
        liveButton.setSelected(window.live());
        fetchSoon(0);
    }

    UUID savedId() {
        return savedId;
    }

    void saved(UUID id, String name) {
        savedId = id;
        savedName = name;
    }

    String savedName() {
        return savedName;
    }

    ProjectContext project() {
        return project;
    }

    /** The data as drawn, one row per point: tag path, ISO time, value (empty in a gap). */
    public void writeCsv(Writer w) throws IOException {
        ModelSnapshot m = project.model().snapshot();
        w.write("tag,time,value\n");
        for (PenSeries s : pens) {
            Drawn d = drawn.get(s);
            if (d == null) {
                continue;
            }
            String path = csvField(m.tag(s.pen.tagId()) == null ? s.pen.tagId().toString() : m.tagPath(s.pen.tagId()));
            for (int i = 0; i < d.size; i++) {
                w.write(path);
                w.write(',');
                w.write(Micros.format(TrendMath.toMicros(d.xs[i])));
                w.write(',');
                w.write(Double.isNaN(d.ys[i]) ? "" : Double.toString(d.ys[i]));
                w.write('\n');
            }
        }
    }

    /**
     * The stored samples of every pen in the shown period, one row each: tag path, ISO time, value
     * (empty when there is none), quality (GOOD, BAD, LOST…). Reads history: not on the FX thread.
     */
    public void writeRawCsv(Writer w, List<UUID> tags, long from, long to) throws IOException {
        ModelSnapshot m = project.model().snapshot();
        w.write("tag,time,value,quality\n");
        for (UUID tag : tags) {
            String path = csvField(m.tag(tag) == null ? tag.toString() : m.tagPath(tag));
            for (Sample s : project.history().read(HistoryQuery.range(tag, from, to)).data()) {
                w.write(path);
                w.write(',');
                w.write(Micros.format(s.x()));
                w.write(',');
                w.write(s.y() == null ? "" : csvField(String.valueOf(s.y())));
                w.write(',');
                w.write(TrendMath.qualityName(s.isGood() ? Quality.GOOD : s.q()));
                w.write('\n');
            }
        }
    }

    /** What {@link #writeRawCsv} needs, taken on the FX thread: the pens' tags and the shown period. */
    RawCsvJob rawCsvJob() {
        long[] p = shown();
        return new RawCsvJob(pens.stream().map(s -> s.pen.tagId()).toList(), p[0], p[1]);
    }

    record RawCsvJob(List<UUID> tags, long from, long to) {
    }

    public void writeCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(w);
        }
    }

    public void writePng(Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart.chart(), width, height);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Follows the workstation's theme (the dark sheet loaded or not). */
    public void theme(boolean dark) {
        // Restyling fires axis change events: not the user moving the time (it switched a new trend out of live mode).
        adjusting = true;
        try {
            chart.theme(dark);
        } finally {
            adjusting = false;
        }
        dirty = true;
    }

    /** Wall time of the last history read (ms), from asking to every answer in: the benchmark's breakdown. */
    public double lastReadMillis() {
        return lastReadNanos / 1e6;
    }

    /** FX time spent redrawing, for the live benchmark. */
    public PulseCost cost() {
        return cost;
    }

    public void resetCost() {
        cost = PulseCost.NONE;
    }

    /** Bytes of live data a pen holds at most. */
    public static long ringBytesPerPen() {
        return new LiveRing(RING).bytes();
    }

    /** Redraw work on the FX thread: how many redraws and how long they took together. */
    public record PulseCost(long redraws, long nanos) {
        static final PulseCost NONE = new PulseCost(0, 0);

        PulseCost add(long n) {
            return new PulseCost(redraws + 1, nanos + n);
        }
    }
}
