package org.peresvet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;

/** {@code --headless}: runs a project's engine until the process is asked to stop. */
final class Headless {
    private Headless() {
    }

    static int run(Path dir, PrintWriter out) throws InterruptedException {
        ProjectTask.requireProject(dir);
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.onStop(stop::countDown);
        Engine engine = Engine.open(dir, EngineOptions.defaults());
        // Also covers a stop the signal handler does not see (System.exit elsewhere, SIGHUP).
        Thread hook = new Thread(engine::close, "peresvet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            engine.start();
            out.println("Peresvet engine running: " + dir.toAbsolutePath().normalize() + " ("
                    + engine.model().tagCount() + " tags). Press Ctrl-C to stop.");
            out.flush();
            stop.await();
        } finally {
            engine.close(); // stops the simulator and flushes history
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway and finds the engine closed
            }
        }
        out.println("Peresvet engine stopped; history flushed.");
        out.flush();
        return PeresvetCli.EXIT_OK;
    }
}
