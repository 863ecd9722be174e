package org.peresvet.app.mnemonic.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.peresvet.app.common.MemoryTarget;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * The screen checks run off the FX thread after an edit: edits made while a check waits collapse
 * into one check of the latest screen, a result overtaken by a newer edit is never shown, and the
 * list changes only on the "FX" executor.
 */
class BackgroundChecksTest {
    /** An executor that runs what it was given only when told. */
    private static final class Held implements Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            queued.add(r);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.remove(0).run();
            }
        }
    }

    private final UUID id = UUID.randomUUID();
    private final Held checks = new Held();
    private final Held fx = new Held();
    private EditorModel model;

    private EditorModel open(ScreenDef s) {
        ModelSnapshot m = ScreenFindingsTest.model().apply(List.of(ScreenDocuments.put(s))).snapshot();
        MemoryTarget target = new MemoryTarget(m);
        ModelEditor editor = new ModelEditor(target, Runnable::run, Runnable::run);
        SimpleObjectProperty<ModelSnapshot> snapshot = new SimpleObjectProperty<>(m);
        editor.onApplied(c -> snapshot.set(c.snapshot()));
        EditorModel em = new EditorModel(editor, snapshot, checks, fx);
        em.open(id);
        return em;
    }

    private static WidgetDef missing(String wid, double x) {
        return WidgetDef.of(wid, WidgetTypes.PUMP).at(x, 10).bindTag("running", "/Station/P9/Running");
    }

    @Test
    void editsWhileACheckWaitsCollapseIntoOneCheckOfTheLatestScreen() {
        model = open(ScreenDef.of(id, "S").withWidgets(List.of(missing("a", 10))));
        checks.runAll();
        assertThat(model.findings()).isEmpty(); // not shown until the FX thread takes it
        fx.runAll();
        assertThat(model.findings()).extracting(ScreenFindings.Finding::widgetId).containsExactly("a");

        model.select(List.of("a"));
        model.move(8, 0);
        model.move(8, 0);
        model.place(WidgetTypes.PUMP, 200, 10); // a good pump: no new finding
        assertThat(checks.queued).hasSize(1); // three edits, one check waiting
        checks.runAll();
        fx.runAll();
        assertThat(model.findings()).extracting(ScreenFindings.Finding::widgetId).containsExactly("a");
        assertThat(model.screen().widgets()).hasSize(2);
    }

    @Test
    void aResultOvertakenByANewerEditIsDropped() {
        model = open(ScreenDef.of(id, "S").withWidgets(List.of(missing("a", 10), missing("b", 100))));
        checks.runAll();
        // The check of {a, b} finished; before the FX thread shows it, b is deleted.
        model.select(List.of("b"));
        model.delete();
        fx.runAll(); // the stale {a, b} result is dropped
        assertThat(model.findings()).isEmpty();
        checks.runAll();
        fx.runAll();
        assertThat(model.findings()).extracting(ScreenFindings.Finding::widgetId).containsExactly("a");
    }

    @Test
    void theCheckRunsOnTheBackgroundThreadAndTheListChangesOnTheFxOne() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        Executor background = r -> new Thread(() -> {
            threads.add(Thread.currentThread().getName());
            r.run();
        }, "checker").start();
        // The test's own thread plays the FX thread: it runs what the checks post to it.
        BlockingQueue<Runnable> posted = new LinkedBlockingQueue<>();
        ModelSnapshot m = ScreenFindingsTest.model().apply(List.of(ScreenDocuments.put(
                ScreenDef.of(id, "S").withWidgets(List.of(missing("a", 10)))))).snapshot();
        SimpleObjectProperty<ModelSnapshot> snapshot = new SimpleObjectProperty<>(m);
        EditorModel em = new EditorModel(new ModelEditor(new MemoryTarget(m), Runnable::run, Runnable::run), snapshot,
                background, posted::add);
        em.open(id);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (em.findings().isEmpty() && System.nanoTime() < end) {
            Runnable r = posted.poll(100, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
        assertThat(em.findings()).extracting(ScreenFindings.Finding::widgetId).containsExactly("a");
        assertThat(threads).isNotEmpty().allMatch("checker"::equals);
    }
}
