package org.peresvet.app.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.data.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.project.EngineProject;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.history.Bin;
import org.peresvet.model.Actor;
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
 * Dense history (more samples than pixel columns: bins with a min/max band), a bool pen on its
 * own lane, the period picker, a manual Y range and the raw CSV export, over a real engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrendStatesUiTest {
    private static final long S = Micros.PER_SECOND;
    private static final int N = 6_000;
    private Engine engine;
    private Stage stage;
    private TrendView view;
    private TagDef pressure;
    private TagDef pump;
    private long t0;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeAll
    void open(@TempDir Path dir) throws Exception {
        engine = Engine.open(dir, EngineOptions.quiet()).start();
        ObjectDef o = ObjectDef.create(null, "Line");
        pressure = TagDef.builder(o.id(), "Pressure", ValueType.DOUBLE).units("bar").build();
        pump = TagDef.builder(o.id(), "PumpRun", ValueType.BOOL).build();
        engine.edit(new ModelEdit.PutObject(o), new ModelEdit.PutTag(pressure), new ModelEdit.PutTag(pump));
        // Two hours ago: pressure every 0.5 s, a sawtooth of period 20 s around a slow rise (so
        // each ~4 s bin holds 8 samples spread over 2 bar); lost for a minute at 1800 s;
        // the pump on for 5 minutes, off for 5.
        t0 = (Micros.now() / S - 7_200) * S;
        List<TagSample> batch = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            long x = t0 + i * S / 2;
            Sample p = i >= 3_600 && i < 3_720 ? new Sample(x, null, Quality.CONNECTION_LOST)
                    : Sample.of(x, 5 + i / 1_000.0 + (i % 40) / 20.0);
            batch.add(new TagSample(pressure.id(), p));
            if (i % 20 == 0) {
                batch.add(new TagSample(pump.id(), Sample.of(x, (i / 600) % 2 == 0)));
            }
        }
        engine.write(batch);
        engine.flush();
        EngineProject project = new EngineProject(engine, Actor.SYSTEM);
        stage = FxToolkit.registerPrimaryStage();
        view = fx(() -> {
            TrendView v = new TrendView("trend-states", project, null, errors::add);
            Scene scene = new Scene(new BorderPane(v.content()), 1100, 700);
            scene.getStylesheets().add(TrendView.class.getResource("/org/peresvet/app/styles/isa101.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            v.addPen(pressure.id());
            v.addPen(pump.id());
            v.showPeriod(t0, t0 + N * S / 2, false);
            return v;
        });
        await(() -> fx(view::settled));
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

    @Test
    @Order(1)
    void binsDrawTheirMinAndMaxAsABandAndTheBoolOnItsLane() throws Exception {
        assertThat(fx(() -> view.series(0).history().raw())).isFalse();
        List<Bin> bins = fx(() -> view.series(0).history().bins());
        Drawn d = fx(() -> view.drawnOf(0));
        assertThat(d.bandSize).isGreaterThan(bins.size() / 2);
        // The band spans each bin's min to max; the line holds one point (the last value) per bin.
        Bin b = bins.get(10);
        double mid = (b.first().x() + b.last().x()) / 2000.0;
        int k = 0;
        while (k + 1 < d.bandSize && d.bx[k + 1] <= mid) {
            k++;
        }
        assertThat(d.lo[k]).isEqualTo(b.min());
        assertThat(d.hi[k]).isEqualTo(b.max());
        assertThat(d.size).isLessThanOrEqualTo(bins.size() + 8);
        // The lost minute is a gap with its quality.
        double lost = (t0 + 1_830 * S) / 1000.0;
        assertThat(fx(() -> view.valueAt(0, lost))).isNaN();
        assertThat(fx(() -> view.qualityAt(0, lost))).isEqualTo(Quality.CONNECTION_LOST);
        // The pump: states OFF and ON on a lane of its own.
        SymbolAxis lane = fx(() -> (SymbolAxis) view.chartForTests().plot().getRangeAxisForDataset(1));
        assertThat(lane.getSymbols()).containsExactly("OFF", "ON");
        assertThat(fx(() -> view.valueAt(1, (t0 + 100 * S) / 1000.0))).isEqualTo(1.0);
        assertThat(fx(() -> view.valueAt(1, (t0 + 400 * S) / 1000.0))).isEqualTo(0.0);
        fx(() -> {
            view.cursor(lost);
            return null;
        });
        Screenshots.save(stage.getScene(), "trend-band-lane");
    }

    @Test
    @Order(2)
    void thePeriodPickerAndAManualYRange() throws Exception {
        ZoneId zone = ZoneId.systemDefault();
        LocalDateTime from = LocalDateTime.ofInstant(Micros.toInstant(t0 + 600 * S), zone);
        LocalDateTime to = LocalDateTime.ofInstant(Micros.toInstant(t0 + 1_200 * S), zone);
        fx(() -> {
            ((ToggleButton) stage.getScene().lookup("#trend-ranges")).fire();
            ((DatePicker) stage.getScene().lookup("#trend-from-day")).setValue(from.toLocalDate());
            ((TextField) stage.getScene().lookup("#trend-from-time")).setText(from.toLocalTime().toString());
            ((DatePicker) stage.getScene().lookup("#trend-to-day")).setValue(to.toLocalDate());
            ((TextField) stage.getScene().lookup("#trend-to-time")).setText(to.toLocalTime().toString());
            ((Button) stage.getScene().lookup("#trend-show-period")).fire();
            return null;
        });
        await(() -> fx(view::settled));
        assertThat(fx(view::shown)).containsExactly(t0 + 600 * S, t0 + 1_200 * S);
        fx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> unit = (ComboBox<String>) stage.getScene().lookup("#trend-y-unit");
            unit.setValue("bar");
            ((TextField) stage.getScene().lookup("#trend-y-min")).setText("0");
            ((TextField) stage.getScene().lookup("#trend-y-max")).setText("20");
            ((Button) stage.getScene().lookup("#trend-y-set")).fire();
            return null;
        });
        await(() -> fx(view::settled));
        Range r = fx(() -> view.chartForTests().axisRange("bar"));
        assertThat(r.getUpperBound()).isEqualTo(20.0);
        assertThat(r.getLowerBound()).isLessThan(0.0); // the pump's lane lies below 0 bar
        Screenshots.save(stage.getScene(), "trend-period-manual-y");
        fx(() -> {
            ((Button) stage.getScene().lookup("#trend-y-auto")).fire();
            return null;
        });
        await(() -> fx(view::settled));
        assertThat(fx(() -> view.chartForTests().axisRange("bar").getUpperBound())).isLessThan(20.0);
    }

    @Test
    @Order(3)
    void rawCsvHoldsEveryStoredSampleOfThePeriod() throws Exception {
        TrendView.RawCsvJob job = fx(view::rawCsvJob);
        StringWriter w = new StringWriter();
        view.writeRawCsv(w, job.tags(), job.from(), job.to());
        List<String> lines = w.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("tag,time,value,quality");
        // 600 s at two samples a second, both ends included, and the pump every 10 s
        assertThat(lines.stream().filter(l -> l.startsWith("/Line/Pressure,"))).hasSize(1_201);
        assertThat(lines.stream().filter(l -> l.startsWith("/Line/PumpRun,"))).hasSize(61);
        assertThat(lines).contains("/Line/Pressure," + Micros.format(t0 + 600 * S) + ",6.2,GOOD",
                "/Line/PumpRun," + Micros.format(t0 + 600 * S) + ",true,GOOD");
        assertThat(errors).isEmpty();
    }

    @Test
    @Order(4)
    void theDarkTheme() throws Exception {
        fx(() -> {
            stage.getScene().getStylesheets().add(TrendView.class.getResource("/org/peresvet/app/styles/dark.css").toExternalForm());
            view.theme(true);
            view.showPeriod(t0, t0 + N * S / 2, true);
            return null;
        });
        await(() -> fx(view::settled));
        Screenshots.save(stage.getScene(), "trend-band-lane-dark");
    }

    @Test
    @Order(5)
    void aManualYRangeAndThePensLanesAreSavedWithTheTrend() throws Exception {
        // The pump drawn as a value instead of on its lane, the bar axis fixed by hand.
        fx(() -> {
            ((CheckBox) stage.getScene().lookup("#trend-lane-1")).fire();
            view.yRange("bar", new double[] {2, 12});
            return null;
        });
        await(() -> fx(view::settled));
        assertThat(fx(() -> view.chartForTests().plot().getRangeAxisForDataset(1))).isNotInstanceOf(SymbolAxis.class);
        assertThat(fx(() -> view.chartForTests().axisRange("bar").getUpperBound())).isEqualTo(12.0);
        TrendSpec saved = TrendSpec.parse(fx(view::spec).toJson());
        assertThat(saved.yRanges()).containsExactly(new TrendSpec.YRange("bar", 2, 12));
        assertThat(saved.pens()).extracting(TrendSpec.PenSpec::lane).containsExactly(null, false);
        // Reopened: the same axis range and the pump still off its lane; switched back, it is on its lane again.
        TrendView other = fx(() -> {
            TrendView v = new TrendView("trend-states-2", view.project(), null, errors::add);
            stage.getScene().setRoot(new BorderPane(v.content()));
            v.load(UUID.randomUUID(), "Pressure and pump", saved);
            return v;
        });
        await(() -> fx(other::settled));
        assertThat(fx(() -> other.chartForTests().axisRange("bar").getUpperBound())).isEqualTo(12.0);
        assertThat(fx(() -> other.chartForTests().manualRange("bar"))).containsExactly(2, 12);
        assertThat(fx(() -> other.chartForTests().plot().getRangeAxisForDataset(1))).isNotInstanceOf(SymbolAxis.class);
        assertThat(fx(() -> ((CheckBox) stage.getScene().lookup("#trend-lane-1")).isSelected())).isFalse();
        Screenshots.save(stage.getScene(), "trend-reopened-manual-y-pump-as-value");
        fx(() -> {
            ((CheckBox) stage.getScene().lookup("#trend-lane-1")).fire();
            return null;
        });
        await(() -> fx(other::settled));
        assertThat(fx(() -> other.chartForTests().plot().getRangeAxisForDataset(1))).isInstanceOf(SymbolAxis.class);
        assertThat(fx(() -> TrendSpec.parse(other.spec().toJson()).pens().get(1).lane())).isTrue();
        fx(() -> {
            other.dispose();
            return null;
        });
        // A body from outside is read strictly.
        String bad = saved.toJson().replace("\"max\":12.0", "\"max\":1.0");
        assertThatThrownBy(() -> TrendSpec.parse(bad)).hasMessageContaining("yRanges[0].max");
        assertThat(TrendSpec.parse("{\"pens\":[]}").yRanges()).isEmpty();
    }

    @Test
    @Order(6)
    void aPanReadsOnlyTheExposedEdgeAndAZoomBackReadsNothing() throws Exception {
        TrendView v = fx(() -> {
            TrendView t = new TrendView("trend-states-3", view.project(), null, errors::add);
            stage.getScene().setRoot(new BorderPane(t.content()));
            t.addPen(pressure.id());
            t.showPeriod(t0 + 600 * S, t0 + 1_800 * S, false);
            return t;
        });
        await(() -> fx(v::settled));
        var whole = fx(() -> v.series(0).history());
        // A quarter to the right: one read, of the new quarter only (whole bins past what the pen holds).
        fx(() -> {
            v.showPeriod(t0 + 900 * S, t0 + 2_100 * S, true);
            return null;
        });
        await(() -> fx(v::settled));
        var edge = fx(() -> v.series(0).history());
        assertThat(edge).isNotSameAs(whole);
        assertThat(edge.start()).isEqualTo(whole.finish() + 1);
        assertThat(edge.finish() - edge.start()).isLessThan(330 * S);
        // The line runs through the join: a value at every bin but in the lost minute (1,800 s to 1,860 s).
        Drawn d = fx(() -> v.drawnOf(0));
        for (long at = 910; at < 2_090; at += 7) {
            double t = (t0 + at * S) / 1000.0;
            if (at < 1_795 || at > 1_865) {
                assertThat(fx(() -> v.valueAt(0, t))).as("value at %d s", at).isNotNaN();
            }
        }
        assertThat(d.size).isLessThan(1_300); // about a point per pixel column, not per sample
        // Back to the period before: nothing read, drawn from what the pen holds.
        fx(() -> {
            v.zoomBack();
            return null;
        });
        await(() -> fx(v::settled));
        assertThat(fx(() -> v.series(0).history())).isSameAs(edge);
        assertThat(fx(v::shown)).containsExactly(t0 + 600 * S, t0 + 1_800 * S);
        assertThat(fx(() -> v.valueAt(0, (t0 + 700 * S) / 1000.0))).isNotNaN();
        Screenshots.save(stage.getScene(), "trend-panned-zoomed-back");
        fx(() -> {
            v.dispose();
            return null;
        });
        assertThat(errors).isEmpty();
    }

    @Test
    @Order(7)
    void aPensColourAndWidthComeFromTheirMenus() throws Exception {
        TrendView v = fx(() -> {
            TrendView t = new TrendView("trend-states-4", view.project(), null, errors::add);
            stage.getScene().setRoot(new BorderPane(t.content()));
            t.addPen(pressure.id());
            return t;
        });
        await(() -> fx(v::settled));
        // The row's swatch and width buttons open their menus; a choice changes the pen and redraws it.
        ContextMenu colours = fx(() -> openMenu(v, "#1f5fa8"));
        fx(() -> {
            colours.getItems().get(2).fire();
            colours.hide();
            return null;
        });
        assertThat(fx(() -> v.pens().get(0).color())).isEqualTo(TrendPen.PALETTE[2]);
        assertThat(colours.getItems().get(colours.getItems().size() - 1).getText()).isEqualTo("Other colour…");
        ContextMenu widths = fx(() -> openMenu(v, "1.5"));
        fx(() -> {
            widths.getItems().get(5).fire(); // 3
            widths.hide();
            return null;
        });
        assertThat(fx(() -> v.pens().get(0).width())).isEqualTo(3.0);
        await(() -> fx(v::settled));
        fx(() -> {
            v.dispose();
            return null;
        });
    }

    /** Fires the pen row's button showing this swatch colour or text and returns the menu it opened. */
    private static ContextMenu openMenu(TrendView v, String what) {
        for (Node n : v.content().lookupAll(".button")) {
            if (n instanceof Button b && (what.equals(b.getText())
                    || what.startsWith("#") && b.getGraphic() instanceof Rectangle r && r.getFill().equals(Color.web(what)))) {
                b.fire();
                return Window.getWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing()).map(ContextMenu.class::cast)
                        .reduce((x, y) -> y).orElseThrow();
            }
        }
        throw new AssertionError("no button " + what);
    }
}
