package org.peresvet.app.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Progress hand-over and cancel of long work, with a hand-run executor standing in for the FX thread. */
class FxTaskTest {
    private final List<Runnable> fxQueue = new ArrayList<>();

    private void runFx() {
        List<Runnable> now = new ArrayList<>(fxQueue);
        fxQueue.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void progressIsCoalescedIntoOneHandOverAtATime() {
        FxTask<Void> task = new FxTask<>("import", fxQueue::add);
        FxTask.Progress p = task.progress();
        for (int i = 0; i <= 1000; i++) {
            p.update(i, 1000);
        }
        p.message("reading");
        assertThat(fxQueue).hasSize(1);
        runFx();
        assertThat(task.progressProperty().get()).isEqualTo(1.0);
        assertThat(task.messageProperty().get()).isEqualTo("reading");
        p.update(-1, -1);
        runFx();
        assertThat(task.progressProperty().get()).as("unknown total").isEqualTo(-1.0);
    }

    @Test
    void cancelIsSeenByTheWork() {
        FxTask<Void> task = new FxTask<>("export", fxQueue::add);
        FxTask.Progress p = task.progress();
        p.checkCancelled();
        task.cancel();
        assertThat(p.isCancelled()).isTrue();
        assertThatThrownBy(p::checkCancelled).isInstanceOf(CancellationException.class);
        boolean[] done = new boolean[1];
        task.finish(() -> done[0] = true);
        runFx();
        assertThat(done[0]).isTrue();
        assertThat(task.runningProperty().get()).isFalse();
    }
}
