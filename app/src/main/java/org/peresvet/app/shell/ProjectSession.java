package org.peresvet.app.shell;

import java.nio.file.Path;
import org.peresvet.api.ApiConfig;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.project.EngineProject;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.model.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project the window shows: opens one (off the FX thread) and closes the one open before,
 * starts the workstation's HTTP API over it, and tells the window at each step. The window sees
 * the project only as a {@link ProjectContext}. FX thread only, except where noted.
 */
final class ProjectSession {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectSession.class);

    /** What the window does at each step (FX thread). */
    interface Listener {
        /** The open project is going away: let go of it. */
        void detached();

        void attached(ProjectContext project);

        void failed(Path dir, Throwable error);

        /** The API started (or its status changed). */
        void apiChanged();
    }

    /** Who changes are recorded as until a project user logs in: the user of this PC. */
    private final Actor actor;
    private final Listener listener;
    private final Feedback feedback;
    private volatile ProjectContext current;
    /** The HTTP API settings; null: no API. */
    private ApiConfig apiConfig = ApiConfig.defaults();
    private volatile WorkstationApi api;
    private volatile long engineUpAt;
    private volatile OpenTimings openTimings;

    ProjectSession(Listener listener, Feedback feedback) {
        this(Actor.workstation(System.getProperty("user.name", "operator")), listener, feedback);
    }

    /** A session acting as {@code actor} until a project user logs in (the operator station names its own). */
    ProjectSession(Actor actor, Listener listener, Feedback feedback) {
        this.actor = actor;
        this.listener = listener;
        this.feedback = feedback;
    }

    /** The open project, or null (any thread). */
    ProjectContext current() {
        return current;
    }

    /** The API of the open project, or null (any thread). */
    WorkstationApi api() {
        return api;
    }

    /** The HTTP API settings for the next project opened; null switches the API off. */
    void apiConfig(ApiConfig config) {
        apiConfig = config;
    }

    OpenTimings lastOpenTimings() {
        return openTimings;
    }

    /** Opens the project in {@code dir} (off the FX thread) and closes the one open now. */
    void open(Path dir) {
        WorkstationApi oldApi = api;
        ProjectContext old = detach();
        long asked = System.nanoTime();
        ApiConfig apiWanted = apiConfig;
        FxTasks.run(() -> {
            close(oldApi, old);
            EngineProject p = EngineProject.open(dir, actor);
            engineUpAt = System.nanoTime();
            return p;
        }, p -> {
            current = p;
            listener.attached(p);
            startApi(p, apiWanted);
            long ready = System.nanoTime();
            openTimings = new OpenTimings((engineUpAt - asked) / 1_000_000, (ready - engineUpAt) / 1_000_000, engineUpAt, ready);
            LOG.info("Project {} open: engine up in {} ms, window ready {} ms later", dir,
                    openTimings.engineMillis(), openTimings.windowMillis());
        }, error -> listener.failed(dir, error));
    }

    /** The API serves the engine the window shows, started after the window shows it; a taken port is reported, not fatal. */
    private void startApi(EngineProject p, ApiConfig config) {
        FxTasks.run(() -> WorkstationApi.start(p.engine(), config), a -> {
            if (current == p && api == null) {
                api = a;
                listener.apiChanged();
            } else {
                FxTasks.run(() -> {
                    a.close(); // the project changed meanwhile
                    return null;
                }, x -> { }, x -> { });
            }
        }, err -> feedback.error(Messages.get("status.apiFailed", err.getMessage())));
    }

    private ProjectContext detach() {
        ProjectContext old = current;
        current = null;
        api = null;
        listener.detached();
        return old;
    }

    /** Who the open project's changes are recorded as, or this PC's user without a project (any thread). */
    Actor actor() {
        ProjectContext p = current;
        return p == null ? actor : p.actor();
    }

    /** Lets go of the project and closes it off the FX thread (a login was cancelled). */
    void discard() {
        WorkstationApi a = api;
        ProjectContext old = detach();
        FxTasks.run(() -> {
            close(a, old);
            return null;
        }, x -> { }, err -> LOG.warn("Closing the project failed", err));
    }

    /** Closes the project and its API here and now (the window is closing; history is flushed). */
    void close() {
        WorkstationApi a = api;
        close(a, detach());
    }

    private static void close(WorkstationApi a, ProjectContext p) {
        if (a != null) {
            a.close();
        }
        if (p != null) {
            p.close();
        }
    }
}
