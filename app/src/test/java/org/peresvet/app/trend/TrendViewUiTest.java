package org.peresvet.app.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.assertj.core.data.Offset;
import org.jfree.data.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.project.EngineProject;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.history.HistoryQuery;
import org.peresvet.model.Actor;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.testfx.api.FxToolkit;

/**
 * The trend screen over a real engine (no simulator: the test decides every sample), in a real
 * stage under headless Monocle. History is written with known values a day ago; live samples
 * are written with the current time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrendViewUiTest {
    private static final long S = Micros.PER_SECOND;
    private Engine engine;
    private EngineProject project;
    private ModelEditor editor;
    private Stage stage;
    private TrendView view;
    private TagDef level;
    private TagDef flow;
    private long t0;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeAll
    void open(@TempDir Path dir) throws Exception {
        engine = Engine.open(dir, EngineOptions.quiet()).start();
        ObjectDef tank = ObjectDef.create(null, "Tank");
        level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).units("m").build();
        flow = TagDef.builder(tank.id(), "Flow", ValueType.DOUBLE).units("m3/h").build();
        engine.edit(new ModelEdit.PutObject(tank), new ModelEdit.PutTag(level), new ModelEdit.PutTag(flow));
        // A day ago: level 0, 1, 2 … 100 once a second, bad from 40 s to 50 s (the sample at 50 s is good again).
        t0 = (Micros.now() / S - 86_400) * S;
        List<TagSample> batch = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            Sample s = i >= 40 && i < 50 ? new Sample(t0 + i * S, null, Quality.CONNECTION_LOST) : Sample.of(t0 + i * S, (double) i);
            batch.add(new TagSample(level.id(), s));
            batch.add(new TagSample(flow.id(), Sample.of(t0 + i * S, 10.0 + (i % 10))));
        }
        engine.write(batch);
        engine.flush();
        project = new EngineProject(engine, Actor.SYSTEM);
        editor = new ModelEditor(ModelEditor.Target.of(project.model()), Executors.newSingleThreadExecutor(), Platform::runLater);
        stage = FxToolkit.registerPrimaryStage();
        view = fx(() -> {
            TrendView v = new TrendView("trend-test", project, new TrendStore(editor, errors::add), errors::add);
            Scene scene = new Scene(new BorderPane(v.content()), 1100, 700);
            scene.getStylesheets().add(TrendView.class.getResource("/org/peresvet/app/styles/isa101.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return v;
        });
    }

    @AfterAll
    void close() throws Exception {
        fx(() -> {
            view.dispose();
            stage.hide();
            return null;
        });
        engine.close();
    }

    private void showHistory(long from, long to) throws Exception {
        fx(() -> {
            view.showPeriod(from, to, true);
            return null;
        });
        settle();
    }

    private void settle() throws Exception {
        await(() -> fx(view::settled));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    @Test
    @Order(1)
    void tagsDroppedAsPathsBecomePens() throws Exception {
        // What a drag from the tree carries: the tags' paths, one per line.
        int added = fx(() -> view.addPaths("/Tank/Level\n/Tank/Flow\n/Tank/Nothing"));
        assertThat(added).isEqualTo(2);
        assertThat(fx(() -> view.pens().stream().map(TrendPen::tagId).toList())).containsExactly(level.id(), flow.id());
        showHistory(t0, t0 + 100 * S);
        Screenshots.save(stage.getScene(), "trend-history");
        assertThat(errors).isEmpty();
    }

    @Test
    @Order(2)
    void theCursorReadoutMatchesTheHistory() throws Exception {
        for (long at : new long[] {t0 + 10 * S, t0 + 25_500_000L, t0 + 77 * S + 250_000}) {
            Sample stored = engine.history(HistoryQuery.current(level.id()).withFinish(at)).data().get(0);
            fx(() -> {
                view.cursor(ms(at));
                return null;
            });
            assertThat(fx(() -> view.valueAt(0, ms(at)))).isCloseTo(stored.asDouble(), Offset.offset(1e-9));
            String shown = fx(() -> ((Label) stage.getScene().lookup("#trend-value-0")).getText());
            assertThat(shown).isEqualTo(TrendMath.format(stored.asDouble()));
        }
        Screenshots.save(stage.getScene(), "trend-cursor");
    }

    @Test
    @Order(3)
    void aBadQualityStretchIsAGapNotAValue() throws Exception {
        assertThat(fx(() -> view.valueAt(0, ms(t0 + 45 * S)))).isNaN();
        assertThat(fx(() -> view.valueAt(0, ms(t0 + 39 * S)))).isEqualTo(39.0);
        assertThat(fx(() -> view.valueAt(0, ms(t0 + 50 * S)))).isEqualTo(50.0);
        fx(() -> {
            view.cursor(ms(t0 + 45 * S));
            return null;
        });
        assertThat(fx(() -> ((Label) stage.getScene().lookup("#trend-value-0")).getText())).isEqualTo("no data");
        assertThat(fx(() -> ((Label) stage.getScene().lookup("#trend-quality-0")).getText())).isEqualTo("LOST");
        assertThat(fx(() -> ((Label) stage.getScene().lookup("#trend-quality-1")).getText())).isEqualTo("GOOD");
        Drawn d = fx(() -> view.drawnOf(0));
        // The line breaks: a NaN point lies between 39 s and 50 s.
        boolean gap = false;
        for (int i = 0; i < d.size; i++) {
            gap |= Double.isNaN(d.ys[i]) && d.xs[i] > ms(t0 + 39 * S) && d.xs[i] < ms(t0 + 50 * S);
        }
        assertThat(gap).isTrue();
    }

    @Test
    @Order(4)
    void abCursorsGiveDeltaTimeAndValuePerPen() throws Exception {
        fx(() -> {
            view.setA(ms(t0 + 10 * S));
            view.setB(ms(t0 + 30 * S));
            return null;
        });
        assertThat(fx(() -> ((Label) stage.getScene().lookup("#trend-delta-0")).getText())).isEqualTo("20");
        // Flow: 10 + (10 % 10) = 10 at A, 10 + (30 % 10) = 10 at B.
        assertThat(fx(() -> ((Label) stage.getScene().lookup("#trend-delta-1")).getText())).isEqualTo("0");
        assertThat(fx(() -> ((Label) stage.getScene().lookup("#trend-cursor-line")).getText())).contains("20 s");
        Screenshots.save(stage.getScene(), "trend-ab-cursors");
    }

    @Test
    @Order(5)
    void zoomByTheMouseAndZoomBack() throws Exception {
        long[] before = fx(view::shown);
        int depth = fx(view::zoomDepth);
        // A drag-zoom ends in the chart setting its time axis, as here.
        fx(() -> {
            view.chartForTests().timeAxis().setRange(new Range(ms(t0 + 20 * S), ms(t0 + 30 * S)));
            return null;
        });
        settle();
        assertThat(fx(view::shown)).containsExactly(t0 + 20 * S, t0 + 30 * S);
        assertThat(fx(view::zoomDepth)).isEqualTo(depth + 1);
        // Zoomed in this far, every stored sample comes raw.
        assertThat(fx(() -> view.series(0).history().raw())).isTrue();
        Screenshots.save(stage.getScene(), "trend-zoomed");
        fx(() -> {
            view.zoomBack();
            return null;
        });
        settle();
        assertThat(fx(view::shown)).containsExactly(before[0], before[1]);
    }

    @Test
    @Order(6)
    void csvHoldsTheShownData() throws Exception {
        StringWriter w = new StringWriter();
        fx(() -> {
            view.writeCsv(w);
            return null;
        });
        List<String> lines = w.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("tag,time,value");
        assertThat(lines).contains("/Tank/Level," + Micros.format(t0 + 39 * S) + ",39.0", "/Tank/Flow," + Micros.format(t0 + 5 * S) + ",15.0");
        assertThat(lines).anyMatch(l -> l.startsWith("/Tank/Level,") && l.endsWith(",")); // the gap
    }

    @Test
    @Order(7)
    void savedTrendsReopenWithTheirPensAndTime() throws Exception {
        fx(() -> {
            view.pens().get(1).color("#7b3fa0");
            return view.spec();
        });
        fx(() -> new TrendStore(editor, errors::add).save(view, "Tank overview")).get();
        await(() -> !project.model().snapshot().documents(TrendSpec.KIND).isEmpty());
        DocumentDef doc = project.model().snapshot().documents(TrendSpec.KIND).get(0);
        assertThat(doc.name()).isEqualTo("Tank overview");
        TrendView other = fx(() -> new TrendView("trend-2", project, null, errors::add));
        assertThat(fx(() -> new TrendStore(editor, errors::add).open(other, doc))).isTrue();
        assertThat(fx(() -> other.pens().stream().map(TrendPen::tagId).toList())).containsExactly(level.id(), flow.id());
        assertThat(fx(() -> other.pens().get(1).color())).isEqualTo("#7b3fa0");
        assertThat(fx(other::shown)).containsExactly(fx(view::shown));
        assertThat(fx(() -> other.title())).isEqualTo("Trend: Tank overview");
        fx(() -> {
            other.dispose();
            return null;
        });
        // The Trends list: open, rename, duplicate, delete, each one undoable step.
        List<DocumentDef> opened = new ArrayList<>();
        TrendList list = fx(() -> new TrendList(new TrendStore(editor, errors::add), opened::add, errors::add));
        Scene listScene = fx(() -> new Scene(new BorderPane(list.content()), 500, 300));
        assertThat(fx(list::names)).containsExactly("Tank overview");
        fx(() -> {
            ((ListView<?>) listScene.lookup("#trend-list")).getSelectionModel().select(0);
            ((Button) listScene.lookup("#trend-list-open")).fire();
            ((TextField) listScene.lookup("#trend-list-name")).setText("Tank main");
            ((Button) listScene.lookup("#trend-list-rename")).fire();
            return null;
        });
        assertThat(opened).extracting(DocumentDef::name).containsExactly("Tank overview");
        await(() -> fx(list::names).equals(List.of("Tank main")));
        fx(() -> {
            ((Button) listScene.lookup("#trend-list-duplicate")).fire();
            return null;
        });
        await(() -> fx(list::names).size() == 2);
        assertThat(fx(list::names)).containsExactlyInAnyOrder("Tank main", "Tank main (copy)");
        fx(() -> {
            ((Button) listScene.lookup("#trend-list-delete")).fire();
            return null;
        });
        await(() -> fx(list::names).equals(List.of("Tank main (copy)")) || fx(list::names).equals(List.of("Tank main")));
        Screenshots.save(listScene, "trend-list");
        // Undoable like any model edit: delete, duplicate, rename, save.
        for (int i = 0; i < 4; i++) {
            fx(editor::undo).get();
        }
        await(() -> project.model().snapshot().documents(TrendSpec.KIND).isEmpty());
        fx(() -> {
            list.dispose();
            return null;
        });
    }

    @Test
    @Order(8)
    void liveDataJoinsTheHistoryWithNoGapAndNoDuplicate() throws Exception {
        // 50 samples before the live view asks history (written, some still in the writer's memory), 50 after.
        long start = Micros.now() - 20 * S;
        for (int i = 0; i < 50; i++) {
            engine.write(flow.id(), Sample.of(start + i * 100_000L, 100.0 + i));
        }
        await(() -> Sample.of(start + 49 * 100_000L, 149.0).equals(engine.current(flow.id())));
        fx(() -> {
            view.preset(600);
            return null;
        });
        settle();
        for (int i = 50; i < 100; i++) {
            engine.write(flow.id(), Sample.of(start + i * 100_000L, 100.0 + i));
        }
        await(() -> Sample.of(start + 99 * 100_000L, 199.0).equals(engine.current(flow.id())));
        await(() -> fx(() -> view.series(1).ring.added() >= 50));
        Drawn d = fx(() -> {
            view.redraw();
            return view.drawnOf(1);
        });
        Set<Double> xs = new HashSet<>();
        List<Double> mine = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < d.size; i++) {
            if (d.xs[i] >= ms(start) && d.xs[i] <= ms(start + 99 * 100_000L)) {
                mine.add(d.ys[i]);
                times.add(d.xs[i]);
                assertThat(xs.add(d.xs[i])).as("no point twice at %s", d.xs[i]).isTrue();
            }
        }
        // History holds every sample up to the seam; after it the live samples are reduced to
        // first/min/max/last per pixel column (10 a second, about 2 pixels a second here).
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(100.0 + i);
        }
        assertThat(mine.subList(0, 51)).containsExactlyElementsOf(expected.subList(0, 51));
        assertThat(expected).containsSubsequence(mine);
        assertThat(mine.get(mine.size() - 1)).isEqualTo(199.0);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("no gap at %s", times.get(i)).isLessThanOrEqualTo(1_200.0);
        }
        assertThat(fx(view::live)).isTrue();
        Screenshots.save(stage.getScene(), "trend-live");
        // Pause freezes the picture but the ring keeps filling.
        fx(() -> {
            ((ToggleButton) stage.getScene().lookup("#trend-pause")).fire();
            return null;
        });
        long had = fx(() -> view.series(1).ring.added());
        engine.write(flow.id(), Sample.of(Micros.now(), 5.0));
        await(() -> fx(() -> view.series(1).ring.added() > had));
        assertThat(fx(view::paused)).isTrue();
    }

    @Test
    @Order(9)
    void theDarkThemeKeepsTheChartReadable() throws Exception {
        fx(() -> {
            stage.getScene().getStylesheets().add(TrendView.class.getResource("/org/peresvet/app/styles/dark.css").toExternalForm());
            view.theme(true);
            view.showPeriod(t0, t0 + 100 * S, true);
            view.cursor(ms(t0 + 60 * S));
            return null;
        });
        settle();
        Path shot = Screenshots.save(stage.getScene(), "trend-dark");
        assertThat(Files.size(shot)).isPositive();
        Path png = shot.resolveSibling("trend-export.png");
        fx(() -> {
            view.writePng(png, 800, 450);
            return null;
        });
        assertThat(Files.size(png)).isPositive();
        assertThat(errors).isEmpty();
    }
}
