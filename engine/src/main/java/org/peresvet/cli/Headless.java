package org.peresvet.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.peresvet.api.ApiConfig;
import org.peresvet.api.ApiServer;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;

/** {@code --headless}: runs a project's engine until the process is asked to stop. */
final class Headless {
    private Headless() {
    }

    /** @param api the HTTP API to serve, or null for none */
    static int run(Path dir, ApiConfig api, PrintWriter out) throws InterruptedException {
        ProjectTask.requireProject(dir);
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.onStop(stop::countDown);
        Engine engine = Engine.open(dir, EngineOptions.defaults());
        // Also covers a stop the signal handler does not see (System.exit elsewhere, SIGHUP).
        Thread hook = new Thread(engine::close, "peresvet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ApiServer server = null;
        try {
            engine.start();
            if (api != null) {
                try {
                    server = ApiServer.start(engine, api);
                } catch (UncheckedIOException e) {
                    throw CliException.invalidInput("the HTTP API cannot listen on " + api.bindAddress() + ":" + api.port()
                            + " (" + e.getCause().getMessage() + "); choose another --api-port or use --no-api");
                } catch (IllegalArgumentException e) {
                    throw CliException.invalidInput(e.getMessage());
                }
            }
            out.println("Peresvet engine running: " + dir.toAbsolutePath().normalize() + " ("
                    + engine.model().tagCount() + " tags). Press Ctrl-C to stop.");
            if (server != null) {
                out.println("HTTP API: " + server.url() + "/v1/ (OpenAPI document: " + server.url() + "/v1/openapi.json)");
            }
            out.flush();
            stop.await();
        } finally {
            if (server != null) {
                server.close();
            }
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
