package org.peresvet.app.shell;

import java.io.UncheckedIOException;
import org.peresvet.api.ApiConfig;
import org.peresvet.api.ApiServer;
import org.peresvet.app.Messages;
import org.peresvet.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API served from inside the workstation, as the headless engine serves it: on
 * 127.0.0.1:8321 by default. A port already taken (another workstation, a headless engine) is not
 * fatal: the window runs without the API and the status bar says why. Blocking: call off the FX thread.
 */
public final class WorkstationApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkstationApi.class);

    private final ApiServer server;
    private final StatusLine.Slot status;

    private WorkstationApi(ApiServer server, StatusLine.Slot status) {
        this.server = server;
        this.status = status;
    }

    /** Starts the API for {@code engine}; {@code config} null means the API is switched off. */
    public static WorkstationApi start(Engine engine, ApiConfig config) {
        if (config == null) {
            return new WorkstationApi(null, new StatusLine.Slot(Messages.get("status.apiOff"), false));
        }
        try {
            ApiServer s = ApiServer.start(engine, config);
            LOG.info("HTTP API: {}/v1/", s.url());
            return new WorkstationApi(s, new StatusLine.Slot(Messages.get("status.api", s.url()), false));
        } catch (UncheckedIOException e) {
            String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            LOG.warn("HTTP API not started: cannot listen on {}:{} ({})", config.bindAddress(), config.port(), why);
            return new WorkstationApi(null, new StatusLine.Slot(
                    Messages.get("status.apiPortTaken", config.bindAddress(), String.valueOf(config.port())), true));
        } catch (IllegalArgumentException e) {
            LOG.warn("HTTP API not started: {}", e.getMessage());
            return new WorkstationApi(null, new StatusLine.Slot(Messages.get("status.apiFailed", e.getMessage()), true));
        }
    }

    /**
     * The API settings from the command line ({@code --api-port N}, {@code --no-api}) or the system
     * property {@code peresvet.api.port} (tests use 0: a free port), and the settings
     * {@code -Dperesvet.api.allowedOrigins=…} and the like ({@link ApiConfig#withSystemSettings()});
     * null when switched off.
     *
     * @throws IllegalArgumentException for a port that is not a number in range
     */
    public static ApiConfig config(java.util.List<String> args) {
        if (args.contains("--no-api")) {
            return null;
        }
        String port = null;
        int i = args.indexOf("--api-port");
        if (i >= 0 && i + 1 < args.size()) {
            port = args.get(i + 1);
        } else if (System.getProperty("peresvet.api.port") != null) {
            port = System.getProperty("peresvet.api.port");
        }
        // api.allowedOrigins, api.hostNames, limits: -Dperesvet.api.<setting>=… (PERESVET_JAVA_OPTS)
        ApiConfig base = ApiConfig.defaults().withSystemSettings();
        if (port == null) {
            return base;
        }
        try {
            return base.withPort(Integer.parseInt(port.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the API port must be a number, got '" + port + "'");
        }
    }

    /** The server, or null when it is not running. */
    public ApiServer server() {
        return server;
    }

    public StatusLine.Slot status() {
        return status;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
