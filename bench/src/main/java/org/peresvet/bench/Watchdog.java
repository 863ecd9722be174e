package org.peresvet.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * Ends a load driver that never finishes. A stuck engine (a history writer thread that died,
 * say) makes {@code flush()} wait forever; a benchmark should then say so and stop, not hang the
 * whole run. Prints a FAIL summary line and the stacks of the engine's threads, then halts.
 */
final class Watchdog {
    private Watchdog() {
    }

    static void arm(String figure, int seconds) {
        arm(figure, seconds, () -> { });
    }

    /** @param cleanUp runs before the halt (shutdown hooks do not): stop child processes, delete temp files */
    static void arm(String figure, int seconds, Runnable cleanUp) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            Report.summary("%s: FAIL — no result after %d s: the engine is stuck or far too slow (thread stacks below)", figure, seconds);
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                String name = e.getKey().getName();
                if (name.startsWith("peresvet") || name.equals("main")) {
                    Report.detail("thread %s (%s): %s", name, e.getKey().getState(),
                            Arrays.toString(Arrays.copyOf(e.getValue(), Math.min(6, e.getValue().length))));
                }
            }
            System.out.flush();
            try {
                cleanUp.run();
            } finally {
                Runtime.getRuntime().halt(2);
            }
        }, "bench-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
