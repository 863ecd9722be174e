package org.peresvet.app.mnemonic.editor;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.ObservableList;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenDef;

/**
 * Runs the screen checks off the FX thread after an edit: the latest request wins (requests made
 * while a check runs collapse into one, and a result that a newer request overtook is dropped),
 * and the list is updated on the FX thread. {@link #check} is called on the FX thread.
 */
final class BackgroundChecks {
    /** What to check: immutable parts, safe to read on the checking thread. */
    private record Request(long run, ModelSnapshot model, ScreenDef screen, List<String> screenNames, boolean symbolDefinition) {
    }

    private final Executor background;
    private final Executor fx;
    private final ObservableList<ScreenFindings.Finding> findings;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicReference<Request> pending = new AtomicReference<>();

    BackgroundChecks(Executor background, Executor fx, ObservableList<ScreenFindings.Finding> findings) {
        this.background = background;
        this.fx = fx;
        this.findings = findings;
    }

    /** Checks {@code screen} (null: no screen, no findings) in the background. */
    void check(ModelSnapshot model, ScreenDef screen, List<String> screenNames) {
        check(model, screen, screenNames, false);
    }

    /**
     * @param symbolDefinition the screen is a library symbol's definition: its parameters have no
     *                         value until an instance gives them one, which is not a finding
     */
    void check(ModelSnapshot model, ScreenDef screen, List<String> screenNames, boolean symbolDefinition) {
        Request r = new Request(runs.incrementAndGet(), model, screen, List.copyOf(screenNames), symbolDefinition);
        // Only the first request of a burst schedules a task; the task takes whatever is latest.
        if (pending.getAndSet(r) == null) {
            background.execute(this::runLatest);
        }
    }

    private void runLatest() {
        Request r = pending.getAndSet(null);
        if (r == null) {
            return;
        }
        List<ScreenFindings.Finding> f;
        try {
            f = r.screen() == null ? List.of() : ScreenFindings.of(r.model(), r.screen(), r.screenNames());
            if (r.symbolDefinition()) {
                f = f.stream().filter(x -> !(x.message().startsWith("macro ") && x.message().endsWith(" has no value"))).toList();
            }
        } catch (RuntimeException e) {
            f = List.of(); // a check that fails must not stop later ones; the editor shows no findings
        }
        List<ScreenFindings.Finding> result = f;
        fx.execute(() -> {
            if (r.run() == runs.get() && !result.equals(findings)) {
                findings.setAll(result);
            }
        });
    }
}
