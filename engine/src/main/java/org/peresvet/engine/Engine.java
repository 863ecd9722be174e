package org.peresvet.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.peresvet.connector.Connector;
import org.peresvet.connector.ConnectorFactory;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.NamedStatus;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;
import org.peresvet.method.MethodResult;
import org.peresvet.model.Actor;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.io.ProjectDocument;
import org.peresvet.model.io.ProjectJson;
import org.peresvet.runtime.EventSource;
import org.peresvet.runtime.HistoryHealth;
import org.peresvet.runtime.Subscription;
import org.peresvet.runtime.SubscriptionFilter;
import org.peresvet.runtime.TagState;
import org.peresvet.runtime.WriteResult;
import org.peresvet.security.Permission;
import org.peresvet.security.Security;
import org.peresvet.store.ProjectFolder;
import org.peresvet.store.ProjectLock;
import org.peresvet.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine facade: one project, its model and history, the value pipeline and the simulator.
 * The app, the API, the CLI and tests use only this class and the narrow views it hands out
 * ({@link #project()}, {@link #values()}, {@link #history()}, {@link #alarms()}, {@link #devices()},
 * {@link #events()}); the parts behind them stay inside. Every call that changes something names
 * its {@link Actor}. Thread-safe.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Stores stores;
    private final ModelEditing project;
    private final Pipeline pipeline;
    private final ValuePath values;
    private final HistoryService history;
    private final AlarmCommands alarms;
    private final DeviceWrites devices;
    private final Security security;
    private final Guard guard;
    private final SecurityAccess securityView;
    private final EngineBroker broker;
    private final Telemetry telemetry;
    private volatile boolean started;
    private volatile boolean closed;

    private Engine(Stores stores, EngineOptions options) {
        this.stores = stores;
        this.project = new ModelEditing(stores, this::ensureOpen);
        // The stages are built on an empty model and get the loaded one at start, compiled once.
        this.pipeline = new Pipeline(stores, options, project::model, project::settings);
        this.project.loaded(stores.loaded, change -> pipeline.apply(change, started));
        this.values = new ValuePath(pipeline, () -> started, this::ensureOpen);
        this.history = new HistoryService(stores, pipeline, project, this::ensureOpen);
        // Users, roles and the audit trail: every change below is checked and recorded.
        this.security = Security.open(stores.folder.dir(), project::model);
        this.guard = new Guard(security, project::model);
        pipeline.events.subscribe(MethodResult.class, guard::methodRun); // schedule and alarm runs audited
        this.project.guard(guard);
        this.values.guard(guard);
        this.history.guard(guard);
        this.alarms = new EngineAlarms(pipeline.alarms, guard);
        this.devices = new EngineDevices(pipeline.connectors, guard);
        this.securityView = new EngineSecurity(guard);
        this.broker = new EngineBroker(stores.folder.dir(), this::ensureOpen);
        pipeline.metricsSources.add(broker);
        this.telemetry = new EngineTelemetry(pipeline, stores, this::ensureOpen, () -> closed);
    }

    /** Opens a project folder with default options; see {@link #open(Path, EngineOptions)}. */
    public static Engine open(Path dir) {
        return open(dir, EngineOptions.defaults());
    }

    /**
     * Opens (or creates) the project in {@code dir}. A new folder that holds a {@code project.json}
     * is seeded from it. The engine is not running until {@link #start()}.
     *
     * @throws StoreException when the files cannot be opened (another process holds them, damage)
     * @throws ModelException when the seed document is invalid
     */
    public static Engine open(Path dir, EngineOptions options) {
        ProjectFolder folder = new ProjectFolder(dir);
        ProjectLock lock = ProjectLock.acquire(folder);
        if (options.logToProject()) {
            ProjectLog.attach(folder.logs());
        }
        Stores stores = Stores.open(folder, lock);
        Engine engine;
        try {
            engine = new Engine(stores, options);
            if (stores.fresh && Files.exists(folder.seed())) {
                engine.seedFrom(folder.seed());
            } else if (stores.fresh) {
                stores.project.saveSettings(engine.settings());
            }
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
        LOG.info("Opened project {} ({} objects, {} tags)", folder.dir(), engine.model().objectCount(), engine.model().tagCount());
        return engine;
    }

    private void seedFrom(Path seed) {
        String json;
        try {
            json = Files.readString(seed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read " + seed + ": " + e.getMessage(), e);
        }
        ProjectDocument doc = ProjectJson.read(json);
        project.importDocument(Actor.SYSTEM, doc, null, true);
        LOG.info("Seeded the new project from {}", seed);
    }

    /** Starts the pipeline: restores current values from history, then runs loop, history writer, connectors and simulator. */
    public synchronized Engine start() {
        if (started) {
            return this;
        }
        broker.startConfigured();   // first, so connectors that use it connect at once
        pipeline.start(project.model());
        started = true;
        return this;
    }

    // ---- the narrow views ----

    /** The model and settings: read, edit, import, export. */
    public ProjectModel project() {
        return project;
    }

    /** Current values: read, write, subscribe. */
    public Values values() {
        return values;
    }

    /** Stored history: queries and recalculation. */
    public HistoryAccess history() {
        return history;
    }

    /** Alarms: lists, journal, health and the operator's commands. */
    public AlarmCommands alarms() {
        return alarms;
    }

    /** Writes to devices, connector states and logs. */
    public DeviceWrites devices() {
        return devices;
    }

    /** Users, roles, logins and the audit trail. */
    public SecurityAccess security() {
        return securityView;
    }

    /** The built-in MQTT broker and board discovery on any broker. */
    public Brokers brokers() {
        return broker;
    }

    /** The VictoriaMetrics export and the gauges of {@code /metrics}. */
    public Telemetry telemetry() {
        return telemetry;
    }

    /** Events of the engine (alarm transitions, schedule ticks, method results, device writes), to listen to. */
    public EventSource events() {
        return pipeline.events;
    }

    // ---- model (shorthands of project()) ----

    public ModelSnapshot model() {
        return project.model();
    }

    public ProjectSettings settings() {
        return project.settings();
    }

    public ProjectFolder folder() {
        return stores.folder;
    }

    public void onModelChange(Consumer<ModelSnapshot.Change> listener) {
        project.onModelChange(listener);
    }

    /** See {@link ProjectModel#edit(Actor, List)}. */
    public ModelSnapshot.Change edit(Actor actor, ModelEdit... edits) {
        return project.edit(actor, List.of(edits));
    }

    public ModelSnapshot.Change edit(Actor actor, List<ModelEdit> edits) {
        return project.edit(actor, edits);
    }

    /** An edit by the engine itself ({@link Actor#SYSTEM}): tests, tools and seeding. */
    public ModelSnapshot.Change edit(ModelEdit... edits) {
        return project.edit(Actor.SYSTEM, List.of(edits));
    }

    /** An edit by the engine itself ({@link Actor#SYSTEM}): tests, tools and seeding. */
    public ModelSnapshot.Change edit(List<ModelEdit> edits) {
        return project.edit(Actor.SYSTEM, edits);
    }

    public ModelSnapshot.Change importDocument(Actor actor, ProjectDocument doc, UUID intoParent, boolean replace) {
        return project.importDocument(actor, doc, intoParent, replace);
    }

    /** An import by the engine itself ({@link Actor#SYSTEM}): tests and tools. */
    public ModelSnapshot.Change importDocument(ProjectDocument doc, UUID intoParent, boolean replace) {
        return project.importDocument(Actor.SYSTEM, doc, intoParent, replace);
    }

    // ---- values (shorthands of values()) ----

    public void write(Actor actor, List<TagSample> batch) {
        values.write(actor, batch);
    }

    public void write(Actor actor, UUID tagId, Object value) {
        values.write(actor, tagId, value);
    }

    /** A write by the engine itself ({@link Actor#SYSTEM}): tests and tools. */
    public void write(UUID tagId, Object value) {
        values.write(Actor.SYSTEM, tagId, value);
    }

    /** A write by the engine itself ({@link Actor#SYSTEM}): tests and tools. */
    public void write(UUID tagId, Sample sample) {
        values.write(Actor.SYSTEM, List.of(new TagSample(tagId, sample)));
    }

    /** A write by the engine itself ({@link Actor#SYSTEM}): tests and tools. */
    public void write(List<TagSample> batch) {
        values.write(Actor.SYSTEM, batch);
    }

    public Sample current(UUID tagId) {
        return values.current(tagId);
    }

    public Subscription subscribe(SubscriptionFilter filter, Consumer<List<TagSample>> listener) {
        return values.subscribe(filter, listener);
    }

    /** See {@link HistoryAccess#query}. */
    public TagHistory history(HistoryQuery query) {
        return history.query(query);
    }

    // ---- devices, methods, schedules ----

    /** See {@link DeviceWrites#write}. */
    public CompletableFuture<WriteResult> writeToDevice(UUID tagId, Object value, Actor actor) {
        return devices.write(tagId, value, actor);
    }

    public List<NamedStatus> connectors() {
        return devices.connectors();
    }

    public List<ConnectorLogLine> connectorLog(UUID connectorId) {
        return devices.log(connectorId);
    }

    /** The running connector of this id (tests and plug-ins look inside one), or null when it is not running. */
    public Connector connectorInstance(UUID connectorId) {
        return pipeline.connectors.instance(connectorId);
    }

    /** Adds a connector kind besides those found on the class path (tests, plug-ins). */
    public void addConnectorFactory(ConnectorFactory factory) {
        pipeline.connectors.addFactory(factory);
    }

    /**
     * Runs a method now, under its run mode (as if an initiator fired).
     *
     * @return false when there is no such enabled method, or the engine is not running
     */
    public boolean runMethod(UUID methodId, Actor actor) {
        MethodDef m = model().method(methodId);
        UUID object = m == null ? null : m.objectId();
        String target = m == null ? String.valueOf(methodId) : (object == null ? "" : model().objectPath(object)) + "/" + m.name();
        return guard.run(actor, List.of(new Guard.Need(Permission.RUN_METHODS, object)),
                new Guard.What("method.run", target, null, null, null),
                () -> started && !closed && pipeline.runMethod(methodId, actor.name()), ran -> ran ? "ok" : "not run");
    }

    /** The next planned tick of a schedule (µs), or null when it has none or the engine is not running. */
    public Long nextScheduleTick(UUID scheduleId) {
        return pipeline.nextScheduleTick(scheduleId);
    }

    // ---- lifecycle ----

    /** Waits until every sample queued so far is applied and written to the history file. */
    public void flush() {
        if (started) {
            pipeline.flush();
        }
    }

    public EngineStatus status() {
        return pipeline.status(started && !closed);
    }

    /** Whether local history can be written (the fault explained), what waits in memory and its bound. */
    public HistoryHealth historyHealth() {
        return pipeline.historyHealth();
    }

    /** Why writing the alarm journal fails (disk full, the file, the free space), or null while it works. */
    public String journalError() {
        return pipeline.journalError();
    }

    public boolean isRunning() {
        return started && !closed && pipeline.loop.isRunning();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
    }

    /** Stops cleanly: the simulator stops, queued samples are applied, history is flushed, files closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pipeline.close();
        try {
            broker.close();
            security.close();
        } finally {
            stores.close();
        }
        LOG.info("Engine stopped; project {} closed", stores.folder.dir());
    }

    /** Reads a bundled example project's seed document, e.g. {@code pump-station}. */
    public static InputStream exampleSeed(String name) {
        return Engine.class.getResourceAsStream("/org/peresvet/examples/" + name + "/project.json");
    }

    /** Test seam: the TLS context LDAPS/StartTLS trust (a test server's own certificate). */
    void ldapTlsForTests(SSLContext context) {
        security.ldapTls(context);
    }

    /** Test seam: called after an edit is stored and before it reaches the running engine. */
    void afterStore(Consumer<ModelSnapshot.Change> hook) {
        project.afterStore(hook);
    }

    /** The definition the engine loop runs for a tag (tests compare it with the stored model). */
    TagDef runningTag(UUID tagId) {
        TagState st = pipeline.loop.state(tagId);
        return st == null ? null : st.def();
    }
}
