package org.peresvet.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.peresvet.alarm.Alarms;
import org.peresvet.connector.ConnectorFactory;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.ConnectorManager;
import org.peresvet.connector.NamedStatus;
import org.peresvet.connector.sim.SimulatorDriver;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.Exporters;
import org.peresvet.formula.CalculatedTags;
import org.peresvet.formula.Recalculator;
import org.peresvet.method.MethodRunner;
import org.peresvet.schedule.ScheduleRunner;
import org.peresvet.schedule.ScheduleTick;
import org.peresvet.runtime.EngineEvent;
import org.peresvet.history.HistoryQueries;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.RemoteHistory;
import org.peresvet.history.SampleSource;
import org.peresvet.history.TagHistory;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.io.ProjectDocument;
import org.peresvet.model.io.ProjectImport;
import org.peresvet.model.io.ProjectJson;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.EngineLoop;
import org.peresvet.runtime.EventBus;
import org.peresvet.runtime.LoopStage;
import org.peresvet.runtime.SampleSink;
import org.peresvet.runtime.Subscription;
import org.peresvet.runtime.SubscriptionFilter;
import org.peresvet.runtime.SubscriptionHub;
import org.peresvet.runtime.TagState;
import org.peresvet.runtime.WriteResult;
import org.peresvet.runtime.HistoryHealth;
import org.peresvet.store.HistoryStore;
import org.peresvet.store.HistoryWriter;
import org.peresvet.store.JournalStore;
import org.peresvet.store.JournalWriter;
import org.peresvet.store.ProjectFolder;
import org.peresvet.store.ProjectLock;
import org.peresvet.store.ProjectStore;
import org.peresvet.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine facade: one project, its model and history, the value pipeline and the simulator.
 * The app, the API, the CLI and tests use only this class. Thread-safe.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final ProjectFolder folder;
    private final ProjectLock lock;
    private final EngineOptions options;
    private final ProjectStore projectStore;
    private final HistoryStore historyStore;
    private final EngineLoop loop;
    private final SubscriptionHub hub;
    private final EventBus events = new EventBus();
    private final Object editLock = new Object();
    private final List<Consumer<ModelSnapshot.Change>> modelListeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final List<org.peresvet.runtime.MetricsSource> metricsSources = new CopyOnWriteArrayList<>();
    private volatile RemoteHistory remoteHistory;
    private volatile Exporters exporters;
    private volatile ModelSnapshot model;
    private volatile ProjectSettings settings;
    private HistoryWriter historyWriter;
    private final JournalStore journalStore;
    private final Alarms alarms;
    private final ConnectorManager connectorManager;
    private JournalWriter journalWriter;
    private SimulatorDriver simulator;
    private CalculatedTags calculatedTags;
    private MethodRunner methods;
    private ScheduleRunner schedules;
    private ScheduledExecutorService housekeeping;
    private volatile boolean started;
    private volatile boolean closed;

    private Engine(ProjectFolder folder, ProjectLock lock, EngineOptions options, ProjectStore projectStore, HistoryStore historyStore) {
        this.folder = folder;
        this.lock = lock;
        this.options = options;
        this.projectStore = projectStore;
        this.historyStore = historyStore;
        this.loop = new EngineLoop(options.queueCapacity());
        this.hub = new SubscriptionHub(this::resolve);
        this.journalStore = new JournalStore(historyStore);
        this.alarms = new Alarms(events::publish, () -> model, this::current, loop::execute, Micros::now);
        this.alarms.journal(this::alarmJournal);
        this.connectorManager = new ConnectorManager(loop::submit, events::publish, () -> model, this::current);
        this.alarms.expressions(new FormulaAlarmExpressions());
        this.metricsSources.add(new org.peresvet.connector.ConnectorMetrics(connectorManager::statuses));
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
        // The two files are independent: the history file opens on a second thread while the
        // model file opens and the model loads.
        CompletableFuture<HistoryStore> history = new CompletableFuture<>();
        Thread historyOpener = new Thread(() -> {
            try {
                history.complete(HistoryStore.open(folder));
            } catch (RuntimeException | Error e) {
                history.completeExceptionally(e);
            }
        }, "peresvet-open-history");
        historyOpener.start();
        ProjectStore ps = null;
        HistoryStore hs;
        boolean fresh;
        ModelSnapshot loaded;
        ProjectSettings loadedSettings;
        try {
            ps = ProjectStore.open(folder);
            // A project is new until its model holds something: a failed seed import is retried next time.
            fresh = ps.isEmpty();
            loaded = ps.load();
            loadedSettings = ps.loadSettings(folder.name());
            hs = joinOpen(history);
        } catch (RuntimeException e) {
            try {
                history.join().close();
            } catch (RuntimeException historyFailed) {
                // nothing of it to close (when it was the failure, e is that same failure)
            }
            if (ps != null) {
                ps.close();
            }
            lock.close();
            throw e;
        }
        Engine engine = new Engine(folder, lock, options, ps, hs);
        try {
            engine.model = ModelSnapshot.empty();
            engine.installStages();
            engine.model = loaded;
            engine.settings = loadedSettings;
            if (fresh && Files.exists(folder.seed())) {
                engine.seedFrom(folder.seed());
            } else if (fresh) {
                ps.saveSettings(engine.settings);
            }
        } catch (RuntimeException e) {
            engine.closeStores();
            throw e;
        }
        LOG.info("Opened project {} ({} objects, {} tags)", folder.dir(), engine.model.objectCount(), engine.model.tagCount());
        return engine;
    }

    /** The store opened on another thread, or its failure as it was thrown there. */
    private static HistoryStore joinOpen(CompletableFuture<HistoryStore> opening) {
        try {
            return opening.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Calculated tags are the first stage of the loop and methods the second, so stages added
     * later (alarms) see calculated values in the same round.
     */
    private void installStages() {
        calculatedTags = new CalculatedTags(this::current);
        addStage(calculatedTags);
        // Method results for connector-bound targets go to the device, confirmed by read-back.
        methods = new MethodRunner(this::current, new MethodRunner.Output() {
            @Override
            public void write(UUID tagId, Sample sample) {
                Engine.this.write(tagId, sample);
            }

            @Override
            public CompletableFuture<WriteResult> writeToDevice(UUID tagId, Object value, String user) {
                return Engine.this.writeToDevice(tagId, value, user);
            }
        }, events::publish, Micros::now);
        addStage(methods);
        events.subscribe(ScheduleTick.class, t -> calculatedTags.scheduleFired(t.scheduleId(), t.time()));
        events.subscribe(EngineEvent.class, methods::onEvent);
    }

    private void seedFrom(Path seed) {
        String json;
        try {
            json = Files.readString(seed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read " + seed + ": " + e.getMessage(), e);
        }
        ProjectDocument doc = ProjectJson.read(json);
        importDocument(doc, null, true);
        LOG.info("Seeded the new project from {}", seed);
    }

    /** Starts the pipeline: restores current values from history, then runs loop, history writer and simulator. */
    public synchronized Engine start() {
        if (started) {
            return this;
        }
        ModelSnapshot m = model;
        Map<UUID, Boolean> updateFlags = new HashMap<>();
        m.tags().forEach(t -> updateFlags.put(t.id(), readsAsUpdate(t)));
        Map<UUID, Sample> last = historyStore.lastValues(updateFlags.keySet(), updateFlags, Micros.now());
        List<TagSample> defaults = new ArrayList<>();
        long now = Micros.now();
        for (TagDef t : m.tags()) {
            Sample restored = last.get(t.id());
            loop.load(t, restored);
            if (restored == null && t.defaultValue() != null) {
                defaults.add(new TagSample(t.id(), Sample.of(now, t.defaultValue())));
            }
        }
        // The calculated tags start from the values just restored.
        loop.execute(() -> {
            calculatedTags.modelChanged(m);
            methods.modelChanged(m);
        }).join();
        schedules = new ScheduleRunner(events::publish, new ScheduleRunner.RunStore() {
            @Override
            public Map<UUID, Long> load() {
                return projectStore.scheduleRuns();
            }

            @Override
            public void save(UUID scheduleId, long lastFire) {
                projectStore.saveScheduleRun(scheduleId, lastFire);
            }
        }, Micros::now, java.time.ZoneId.systemDefault());
        schedules.update(m);
        if (exporters == null) {
            ExportConfig exportConfig = ExportConfig.load(folder.dir());
            if (!exportConfig.enabledTargets().isEmpty()) {
                attachExporters(exportConfig);
            }
        }
        historyWriter = new HistoryWriter(historyStore, settings.historyFlushMillis(), options.historyMaxBuffered());
        loop.addSink(historyWriter);
        loop.addCurrentSink(hub); // subscribers see current values: a future-dated sample when it comes due
        startAlarms(m);
        loop.start();
        loop.submit(defaults);
        connectorManager.start(m);
        if (options.simulate()) {
            simulator = new SimulatorDriver(loop::submit);
            simulator.update(m);
            simulator.start();
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peresvet-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::purgeHistory, 1, 60, TimeUnit.MINUTES);
        schedules.start();
        // Hibernate (edits only) boots a little after start, not competing with it for the CPU;
        // an edit before that boots it at once.
        housekeeping.schedule(projectStore::prepareEditsInBackground, 5, TimeUnit.SECONDS);
        started = true;
        LOG.info("Engine running: {} tags, {} restored from history", m.tagCount(), last.size());
        return this;
    }

    /**
     * Alarms: the journal writer listens on the bus, saved states come back, and the alarm stage
     * joins the loop as its last stage, so it sees every accepted sample, calculated ones included
     * (stages added by {@link #addStage} before start run before it).
     */
    private void startAlarms(ModelSnapshot m) {
        journalWriter = new JournalWriter(journalStore, settings.historyFlushMillis());
        events.subscribe(AlarmEvent.class, journalWriter::add);
        Map<UUID, AlarmStatus> saved = journalStore.loadStates();
        List<UUID> gone = saved.keySet().stream().filter(id -> m.alarm(id) == null || !m.alarm(id).enabled()).toList();
        journalStore.forgetStates(gone);
        gone.forEach(saved::remove);
        alarms.restore(saved);
        loop.addStage(alarms.stage());
        alarms.stage().modelChanged(m);
    }

    /** The alarm service: active alarms, acknowledge, shelve, reset, out of service, journal, health. */
    public Alarms alarms() {
        return alarms;
    }

    /** Reads the alarm journal after writing every transition published so far, so a query sees them all. */
    private List<AlarmJournalEntry> alarmJournal(AlarmJournalQuery query) {
        ensureOpen();
        if (journalWriter != null) {
            journalWriter.flush(alarms.published(), 10_000);
        }
        return journalStore.query(query);
    }

    // ---- model ----

    public ModelSnapshot model() {
        return model;
    }

    public ProjectSettings settings() {
        return settings;
    }

    public ProjectFolder folder() {
        return folder;
    }

    /** Called after every model change, on the editing thread. */
    public void onModelChange(Consumer<ModelSnapshot.Change> listener) {
        modelListeners.add(listener);
    }

    public ModelSnapshot.Change edit(ModelEdit... edits) {
        return edit(List.of(edits));
    }

    /**
     * Validates, stores and applies edits, all or nothing, to the running engine; no restart.
     *
     * @throws ModelException when an edit is invalid; nothing changed
     * @throws StoreException when the project file could not be written; nothing changed
     */
    public ModelSnapshot.Change edit(List<ModelEdit> edits) {
        return edit(edits, null);
    }

    /** Edits and (when not null) new settings, stored in one transaction. */
    private ModelSnapshot.Change edit(List<ModelEdit> edits, ProjectSettings newSettings) {
        ensureOpen();
        ModelSnapshot.Change change;
        synchronized (editLock) {
            ModelSnapshot before = model;
            change = before.apply(edits);
            projectStore.persist(before, change.applied(), newSettings);
            model = change.snapshot();
            if (newSettings != null) {
                settings = newSettings;
            }
        }
        applyToRuntime(change);
        return change;
    }

    private void applyToRuntime(ModelSnapshot.Change change) {
        ModelSnapshot m = change.snapshot();
        Set<UUID> touched = new HashSet<>();
        for (ModelEdit e : change.applied()) {
            if (e instanceof ModelEdit.PutTag p) {
                touched.add(p.tag().id());
            } else if (e instanceof ModelEdit.DeleteTag d) {
                touched.add(d.id());
            }
        }
        if (!touched.isEmpty()) {
            List<TagSample> defaults = new ArrayList<>();
            long now = Micros.now();
            loop.execute(() -> {
                for (UUID id : touched) {
                    TagDef t = m.tag(id);
                    if (t == null) {
                        loop.removeTag(id);
                    } else {
                        boolean isNew = loop.state(id) == null;
                        loop.putTag(t);
                        if (isNew && t.defaultValue() != null) {
                            defaults.add(new TagSample(id, Sample.of(now, t.defaultValue())));
                        }
                    }
                }
            }).join();
            if (started) {
                loop.submit(defaults);
            }
        }
        hub.modelChanged();
        loop.modelChanged(m);
        if (schedules != null) {
            schedules.update(m);
        }
        if (simulator != null) {
            simulator.update(m);
        }
        if (!touched.isEmpty() || change.applied().stream().anyMatch(e -> e instanceof ModelEdit.PutConnector
                || e instanceof ModelEdit.DeleteConnector)) {
            connectorManager.modelChanged(m);
        }
        for (Consumer<ModelSnapshot.Change> l : modelListeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.error("Model change listener failed", e);
            }
        }
    }

    public void updateSettings(ProjectSettings newSettings) {
        ensureOpen();
        synchronized (editLock) {
            projectStore.saveSettings(newSettings);
            settings = newSettings;
        }
    }

    /**
     * Imports a document atomically.
     *
     * @param replace true: the model (and settings, if the document has them) become the document's
     */
    public ModelSnapshot.Change importDocument(ProjectDocument doc, UUID intoParent, boolean replace) {
        return edit(ProjectImport.edits(model, doc, intoParent, replace), replace ? doc.settings() : null);
    }

    /** The whole project (root null) or one object's subtree as a JSON document. */
    public String exportJson(UUID root) {
        return ProjectJson.write(model, settings, root);
    }

    // ---- values ----

    /** Writes a value at the current time with good quality. */
    public void write(UUID tagId, Object value) {
        write(List.of(new TagSample(tagId, Sample.of(Micros.now(), value))));
    }

    public void write(UUID tagId, Sample sample) {
        write(List.of(new TagSample(tagId, sample)));
    }

    /**
     * Validates the whole batch (tags exist and are enabled, values fit the tag types), then queues
     * it. A rejected batch changes nothing. Blocks while the ingest queue is full.
     *
     * @throws IllegalArgumentException naming the tag and the problem
     */
    public void write(List<TagSample> batch) {
        ensureOpen();
        if (!started) {
            throw new IllegalStateException("the engine is not running: call start() before writing values");
        }
        ModelSnapshot m = model;
        List<TagSample> checked = new ArrayList<>(batch.size());
        for (TagSample ts : batch) {
            TagDef t = m.tag(ts.tagId());
            if (t == null) {
                throw new IllegalArgumentException("unknown tag " + ts.tagId());
            }
            if (!t.enabled()) {
                throw new IllegalArgumentException("tag " + m.tagPath(t.id()) + " is disabled");
            }
            if (t.calculated()) {
                throw new IllegalArgumentException("tag " + m.tagPath(t.id())
                        + " is calculated by its formula and cannot be written; write to its inputs instead");
            }
            Sample s = ts.sample();
            Object y;
            try {
                y = t.type().coerce(s.y());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tag " + m.tagPath(t.id()) + ": " + e.getMessage());
            }
            checked.add(y == s.y() ? ts : new TagSample(ts.tagId(), new Sample(s.x(), y, s.q())));
        }
        loop.submit(checked);
    }

    /** The current value of a tag (null before its first value). */
    public Sample current(UUID tagId) {
        TagState st = loop.state(tagId);
        return st == null ? null : st.current();
    }

    /**
     * Answers a history query from local history. Samples still waiting for the history writer are
     * flushed first, so a query sees everything the engine accepted.
     */
    public TagHistory history(HistoryQuery query) {
        ensureOpen();
        TagDef t = model.tag(query.tagId());
        if (t == null) {
            throw new IllegalArgumentException("unknown tag " + query.tagId());
        }
        if (historyWriter != null && historyWriter.hasPending(t.id())) {
            historyWriter.flush();
        }
        try (HistoryStore.Reader reader = historyStore.reader(t.id(), readsAsUpdate(t))) {
            long now = Micros.now();
            RemoteHistory remote = remoteHistory;
            SampleSource src = remote == null ? reader
                    : remote.withOlder(t, reader, now - settings.historyRetentionDays() * 86_400L * Micros.PER_SECOND);
            return HistoryQueries.run(query, t.type(), t.step(), src, now);
        }
    }

    /** A calculated tag's history is read with update semantics, so a recalculation replaces old results. */
    private static boolean readsAsUpdate(TagDef t) {
        return t.update() || t.calculated();
    }

    /**
     * Recomputes a calculated tag for [start, finish] from the stored history of its inputs (for a
     * formula fixed after the fact) and stores the results; a result at the time of a stored one
     * replaces it. The current value is not changed.
     *
     * @return how many samples were written
     * @throws IllegalArgumentException when the tag is unknown or not calculated
     */
    public int recalculate(UUID tagId, long start, long finish) {
        ensureOpen();
        ModelSnapshot m = model;
        TagDef t = m.tag(tagId);
        if (t == null) {
            throw new IllegalArgumentException("unknown tag " + tagId);
        }
        if (historyWriter != null) {
            historyWriter.flush();
        }
        List<Sample> results = Recalculator.recalculate(m, tagId, start, finish, (id, from, to) -> {
            TagDef in = m.tag(id);
            try (HistoryStore.Reader reader = historyStore.reader(id, in != null && readsAsUpdate(in))) {
                List<Sample> out = new ArrayList<>();
                Sample before = reader.before(from);
                if (before != null) {
                    out.add(before);
                }
                out.addAll(reader.range(from, to, Integer.MAX_VALUE));
                return out;
            }
        });
        if (!results.isEmpty()) {
            historyStore.write(Map.of(tagId, results));
        }
        LOG.info("Recalculated {}: {} samples from {} to {}", m.tagPath(tagId), results.size(), Micros.format(start), Micros.format(finish));
        return results.size();
    }

    /**
     * Sets the long-term store (VictoriaMetrics) that answers history queries for periods older
     * than local history; null for local history only.
     */
    public void setRemoteHistory(RemoteHistory remote) {
        this.remoteHistory = remote;
    }

    /**
     * Subscribes to value changes. The listener first receives the current values of the covered
     * tags, then batches of changes (at most one per tag per batch), on a delivery thread.
     */
    public Subscription subscribe(SubscriptionFilter filter, Consumer<List<TagSample>> listener) {
        List<TagSample> initial = new ArrayList<>();
        Set<UUID> covered = resolve(filter);
        for (TagState st : loop.states()) {
            Sample cur = st.current();
            if (cur != null && (covered == null || covered.contains(st.def().id()))) {
                initial.add(new TagSample(st.def().id(), cur));
            }
        }
        return hub.subscribe(filter, listener, initial);
    }

    private Set<UUID> resolve(SubscriptionFilter f) {
        return switch (f.kind()) {
            case ALL -> null;
            case TAGS -> f.tags();
            case SUBTREE -> {
                Set<UUID> ids = new HashSet<>();
                ModelSnapshot m = model;
                if (m.object(f.subtreeRoot()) != null) {
                    m.tagsInSubtree(f.subtreeRoot()).forEach(t -> ids.add(t.id()));
                }
                yield ids;
            }
        };
    }

    /**
     * Adds a consumer of every accepted sample (exporters, calculated values). It is called on the
     * engine loop thread once per batch and must only buffer or hand off, never block.
     */
    public void addSink(SampleSink sink) {
        loop.addSink(sink);
    }

    /**
     * Adds a stage to the engine loop (calculated tags, alarms). Add stages before {@link #start()};
     * the stage gets the current model at once and every change after.
     */
    public void addStage(LoopStage stage) {
        loop.addStage(stage);
        loop.execute(() -> stage.modelChanged(model)).join();
    }

    /**
     * Runs a method now, under its run mode (as if an initiator fired).
     *
     * @return false when there is no such enabled method, or the engine is not running
     */
    public boolean runMethod(UUID methodId) {
        return methods != null && methods.runNow(methodId, "manual");
    }

    /** The next planned tick of a schedule (µs), or null when it has none or the engine is not running. */
    public Long nextScheduleTick(UUID scheduleId) {
        return schedules == null ? null : schedules.nextTick(scheduleId);
    }

    // ---- connectors ----

    /** Every connector of the project with its status (state, reason, counts), sorted by name. */
    public List<NamedStatus> connectors() {
        return connectorManager.statuses();
    }

    /** The last lines of a connector's log, oldest first. */
    public List<ConnectorLogLine> connectorLog(UUID connectorId) {
        return connectorManager.log(connectorId);
    }

    /**
     * Writes a value to the device behind a connector tag; the future completes CONFIRMED only when
     * the device echoes it back within the binding's timeout (default 5 s), otherwise with the
     * reason. Every write is a {@link org.peresvet.runtime.DeviceWriteEvent} on the bus.
     *
     * @param user who asks (operator, "api", "method:…")
     */
    public CompletableFuture<WriteResult> writeToDevice(UUID tagId, Object value, String user) {
        return connectorManager.write(tagId, value, user);
    }

    /** Adds a connector kind besides those found on the class path (tests, plug-ins). */
    public void addConnectorFactory(ConnectorFactory factory) {
        connectorManager.addFactory(factory);
    }

    /** The connectors' runtime (kinds available, timing knobs for tests). */
    public ConnectorManager connectorManager() {
        return connectorManager;
    }

    /** The engine's event bus (alarm transitions, schedule ticks, method results). */
    public EventBus events() {
        return events;
    }

    /** Starts the VictoriaMetrics export configured in the project's {@code export.json}. */
    public Exporters attachExporters() {
        return attachExporters(ExportConfig.load(folder.dir()));
    }

    /**
     * Starts exporters and wires them in: they receive every accepted sample, answer history older
     * than local history (a target with {@code readHistory}), and close after the engine's last
     * sample. {@link #start()} does this by itself when export.json has an enabled target; call it
     * before start to use another configuration.
     */
    public synchronized Exporters attachExporters(ExportConfig config) {
        ensureOpen();
        if (exporters != null) {
            throw new IllegalStateException("exporters are already attached to this engine");
        }
        Exporters x = Exporters.start(config, folder.dir().resolve(Exporters.QUEUE_FOLDER), this::model);
        addSink(x.sink());
        events.subscribe(AlarmEvent.class, x::alarm); // alarm states as series, for Grafana
        if (x.history() != null) {
            setRemoteHistory(x.history());
        }
        addCloseable(x);
        exporters = x;
        return x;
    }

    /**
     * Adds gauges to {@code /metrics} (connector states and the like); {@link #removeMetricsSource}
     * takes them off again.
     */
    public void addMetricsSource(org.peresvet.runtime.MetricsSource source) {
        metricsSources.add(java.util.Objects.requireNonNull(source, "source"));
    }

    public void removeMetricsSource(org.peresvet.runtime.MetricsSource source) {
        metricsSources.remove(source);
    }

    /** The registered metrics sources, in the order added. */
    public List<org.peresvet.runtime.MetricsSource> metricsSources() {
        return List.copyOf(metricsSources);
    }

    /** The running exporters (status for the app and the API), if any. */
    public Optional<Exporters> exporters() {
        return closed ? Optional.empty() : Optional.ofNullable(exporters);
    }

    /**
     * Registers something to close with the engine (exporters): closed in reverse order after the
     * engine loop stopped, so it has received every accepted sample, and before the files close.
     */
    public void addCloseable(AutoCloseable closeable) {
        closeables.add(closeable);
    }

    /** Waits until every sample queued so far is applied and written to the history file. */
    public void flush() {
        if (!started) {
            return;
        }
        loop.execute(() -> { }).join();
        historyWriter.flush();
        journalWriter.flush(alarms.published(), 10_000);
    }

    public EngineStatus status() {
        ModelSnapshot m = model;
        return new EngineStatus(started && loop.isRunning() && !closed, m.objectCount(), m.tagCount(),
                simulator == null ? 0 : simulator.simulatedTags(), loop.received(), loop.accepted(), loop.queueDepth(),
                historyWriter == null ? 0 : historyWriter.samplesWritten(),
                historyWriter == null ? 0 : historyWriter.buffered(),
                historyWriter == null ? null : historyWriter.lastError());
    }

    /** Whether local history can be written (the fault explained), what waits in memory and its bound. */
    public HistoryHealth historyHealth() {
        HistoryWriter w = historyWriter;
        return w == null ? HistoryHealth.NOT_STARTED : w.health();
    }

    /** Why writing the alarm journal fails (disk full, the file, the free space), or null while it works. */
    public String journalError() {
        JournalWriter w = journalWriter;
        return w == null ? null : w.lastError();
    }

    public boolean isRunning() {
        return started && !closed && loop.isRunning();
    }

    private void purgeHistory() {
        try {
            long cutoff = Micros.now() - settings.historyRetentionDays() * 86_400L * Micros.PER_SECOND;
            int removed = historyStore.purgeBefore(cutoff);
            journalStore.purgeBefore(cutoff);
            if (removed > 0) {
                LOG.info("Purged {} history blocks older than {} days", removed, settings.historyRetentionDays());
            }
        } catch (RuntimeException e) {
            LOG.error("History purge failed", e);
        }
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
        if (simulator != null) {
            simulator.close();
        }
        connectorManager.close();
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (schedules != null) {
            schedules.close();
        }
        if (methods != null) {
            methods.close();
        }
        loop.stop();
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.error("Closing {} failed", closeables.get(i), e);
            }
        }
        if (historyWriter != null) {
            historyWriter.close();
        }
        hub.shutdown();
        events.shutdown();
        if (journalWriter != null) {
            journalWriter.close();
        }
        closeStores();
        LOG.info("Engine stopped; project {} closed", folder.dir());
    }

    private void closeStores() {
        try {
            historyStore.close();
        } finally {
            try {
                projectStore.close();
            } finally {
                lock.close();
            }
        }
    }

    /** Reads a bundled example project's seed document, e.g. {@code pump-station}. */
    public static InputStream exampleSeed(String name) {
        return Engine.class.getResourceAsStream("/org/peresvet/examples/" + name + "/project.json");
    }
}
