package org.peresvet.engine;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.peresvet.alarm.Alarms;
import org.peresvet.connector.ConnectorManager;
import org.peresvet.connector.ConnectorMetrics;
import org.peresvet.connector.sim.SimulatorDriver;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.Exporters;
import org.peresvet.formula.CalculatedTags;
import org.peresvet.history.RemoteHistory;
import org.peresvet.method.MethodRunner;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.SecretBox;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.EngineEvent;
import org.peresvet.runtime.EngineLoop;
import org.peresvet.runtime.EventBus;
import org.peresvet.runtime.HistoryHealth;
import org.peresvet.runtime.LoopStage;
import org.peresvet.runtime.MetricsSource;
import org.peresvet.runtime.ScheduleTick;
import org.peresvet.runtime.SubscriptionFilter;
import org.peresvet.runtime.SubscriptionHub;
import org.peresvet.runtime.TagState;
import org.peresvet.runtime.WriteResult;
import org.peresvet.runtime.WriteRules;
import org.peresvet.schedule.ScheduleRunner;
import org.peresvet.store.HistoryWriter;
import org.peresvet.store.JournalWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts and how they are wired: the engine loop with its stages (calculated tags,
 * methods, alarms), the sinks (history, subscribers, exporters), connectors, schedules, the
 * simulator and housekeeping. Started and stopped by {@link Engine}; a model change reaches all
 * of them through {@link #apply}.
 */
final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    final EngineLoop loop;
    final SubscriptionHub hub;
    final EventBus events = new EventBus();
    final Alarms alarms;
    final ConnectorManager connectors;
    final List<MetricsSource> metricsSources = new CopyOnWriteArrayList<>();
    private final Stores stores;
    private final EngineOptions options;
    private final LongSupplier clock;
    private final Supplier<ModelSnapshot> model;
    private final Supplier<ProjectSettings> settings;
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final CalculatedTags calculatedTags;
    private final MethodRunner methods;
    private volatile RemoteHistory remoteHistory;
    private volatile Exporters exporters;
    private volatile HistoryWriter historyWriter;
    private volatile JournalWriter journalWriter;
    private SimulatorDriver simulator;
    private ScheduleRunner schedules;
    private ScheduledExecutorService housekeeping;

    Pipeline(Stores stores, EngineOptions options, Supplier<ModelSnapshot> model, Supplier<ProjectSettings> settings) {
        this.stores = stores;
        this.options = options;
        this.clock = options.clock();
        this.model = model;
        this.settings = settings;
        this.loop = new EngineLoop(options.queueCapacity(), options.clock());
        this.hub = new SubscriptionHub(this::resolve);
        this.alarms = new Alarms(events::publish, model, this::current, loop::execute, clock);
        this.alarms.journal(this::alarmJournal);
        this.alarms.expressions(new FormulaAlarmExpressions());
        this.connectors = new ConnectorManager(loop::submit, events::publish, model, this::current);
        this.connectors.connectGraceMillis(options.connectGraceMillis());
        this.connectors.secrets(SecretBox.of(stores.folder.dir())::openJson);
        this.metricsSources.add(new ConnectorMetrics(connectors::statuses));
        // Calculated tags are the first stage of the loop and methods the second, so the alarm
        // stage added at start (the last) sees calculated values in the same round.
        this.calculatedTags = new CalculatedTags(this::current);
        addStage(calculatedTags);
        // Method results for connector-bound targets go to the device, confirmed by read-back.
        this.methods = new MethodRunner(this::current, new MethodRunner.Output() {
            @Override
            public void write(UUID tagId, Sample sample) {
                submit(List.of(new TagSample(tagId, sample)));
            }

            @Override
            public CompletableFuture<WriteResult> writeToDevice(UUID tagId, Object value, String user) {
                return connectors.write(tagId, value, user);
            }
        }, events::publish, clock);
        addStage(methods);
        events.subscribe(ScheduleTick.class, t -> calculatedTags.scheduleFired(t.scheduleId(), t.time()));
        events.subscribe(EngineEvent.class, methods::onEvent);
    }

    private void addStage(LoopStage stage) {
        loop.addStage(stage);
        loop.execute(() -> stage.modelChanged(model.get())).join();
    }

    /** Restores current values from history, then runs the loop, history writer, alarms, connectors, schedules. */
    void start(ModelSnapshot m) {
        Map<UUID, Boolean> updateFlags = new HashMap<>();
        m.tags().forEach(t -> updateFlags.put(t.id(), readsAsUpdate(t)));
        Map<UUID, Sample> last = stores.history.lastValues(updateFlags.keySet(), updateFlags, clock.getAsLong());
        List<TagSample> defaults = new ArrayList<>();
        long now = clock.getAsLong();
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
                return stores.project.scheduleRuns();
            }

            @Override
            public void save(UUID scheduleId, long lastFire) {
                stores.project.saveScheduleRun(scheduleId, lastFire);
            }
        }, clock, ZoneId.systemDefault());
        schedules.update(m);
        if (exporters == null) {
            ExportConfig exportConfig = ExportConfig.load(stores.folder.dir());
            if (!exportConfig.enabledTargets().isEmpty()) {
                attachExporters(exportConfig);
            }
        }
        historyWriter = new HistoryWriter(stores.history, settings.get().historyFlushMillis(), options.historyMaxBuffered());
        loop.addSink(historyWriter);
        loop.addCurrentSink(hub); // subscribers see current values: a future-dated sample when it comes due
        startAlarms(m);
        loop.start();
        loop.submit(defaults);
        connectors.start(m);
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
        LOG.info("Engine running: {} tags, {} restored from history", m.tagCount(), last.size());
    }

    /**
     * Alarms: the journal writer listens on the bus, saved states come back, and the alarm stage
     * joins the loop as its last stage, so it sees every accepted sample, calculated ones included.
     */
    private void startAlarms(ModelSnapshot m) {
        journalWriter = new JournalWriter(stores.journal, settings.get().historyFlushMillis());
        events.subscribe(AlarmEvent.class, journalWriter::add);
        Map<UUID, AlarmStatus> saved = stores.journal.loadStates();
        List<UUID> gone = saved.keySet().stream().filter(id -> m.alarm(id) == null || !m.alarm(id).enabled()).toList();
        stores.journal.forgetStates(gone);
        gone.forEach(saved::remove);
        alarms.restore(saved);
        loop.addStage(alarms.stage());
        alarms.stage().modelChanged(m);
    }

    /** Reads the alarm journal after writing every transition published so far, so a query sees them all. */
    private List<AlarmJournalEntry> alarmJournal(AlarmJournalQuery query) {
        if (journalWriter != null) {
            journalWriter.flush(alarms.published(), 10_000);
        }
        return stores.journal.query(query);
    }

    /** A model change reaches the loop (tags, stages), subscribers, schedules, the simulator and connectors. */
    void apply(ModelSnapshot.Change change, boolean started) {
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
            long now = clock.getAsLong();
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
            connectors.modelChanged(m);
        }
    }

    /**
     * Checks the whole batch by the {@link WriteRules} (tags exist and are enabled, are not
     * calculated, values fit the tag types), then queues it; a rejected batch changes nothing.
     * Blocks while the ingest queue is full.
     */
    void submit(List<TagSample> batch) {
        ModelSnapshot m = model.get();
        List<TagSample> checked = new ArrayList<>(batch.size());
        for (TagSample ts : batch) {
            TagDef t = WriteRules.tag(m, ts.tagId(), WriteRules.Target.PIPELINE);
            Sample s = ts.sample();
            Object y = WriteRules.value(t, () -> m.tagPath(t.id()), s.y(), WriteRules.Target.PIPELINE);
            checked.add(y == s.y() ? ts : new TagSample(ts.tagId(), new Sample(s.x(), y, s.q())));
        }
        loop.submit(checked);
    }

    Sample current(UUID tagId) {
        TagState st = loop.state(tagId);
        return st == null ? null : st.current();
    }

    Set<UUID> resolve(SubscriptionFilter f) {
        return switch (f.kind()) {
            case ALL -> null;
            case TAGS -> f.tags();
            case SUBTREE -> {
                Set<UUID> ids = new HashSet<>();
                ModelSnapshot m = model.get();
                if (m.object(f.subtreeRoot()) != null) {
                    m.tagsInSubtree(f.subtreeRoot()).forEach(t -> ids.add(t.id()));
                }
                yield ids;
            }
        };
    }

    boolean runMethod(UUID methodId, String who) {
        return methods.runNow(methodId, who);
    }

    Long nextScheduleTick(UUID scheduleId) {
        return schedules == null ? null : schedules.nextTick(scheduleId);
    }

    HistoryWriter historyWriter() {
        return historyWriter;
    }

    RemoteHistory remoteHistory() {
        return remoteHistory;
    }

    Exporters exporters() {
        return exporters;
    }

    /**
     * Starts exporters and wires them in: they receive every accepted sample, answer history older
     * than local history (a target with {@code readHistory}), and close after the engine's last sample.
     */
    synchronized Exporters attachExporters(ExportConfig config) {
        if (exporters != null) {
            throw new IllegalStateException("exporters are already attached to this engine");
        }
        Exporters x = Exporters.start(config, stores.folder.dir().resolve(Exporters.QUEUE_FOLDER), model);
        loop.addSink(x.sink());
        events.subscribe(AlarmEvent.class, x::alarm); // alarm states as series, for Grafana
        if (x.history() != null) {
            remoteHistory = x.history();
        }
        closeables.add(x);
        exporters = x;
        return x;
    }

    /** Waits until every sample queued so far is applied and written to the history file (after start). */
    void flush() {
        loop.execute(() -> { }).join();
        historyWriter.flush();
        journalWriter.flush(alarms.published(), 10_000);
    }

    EngineStatus status(boolean running) {
        ModelSnapshot m = model.get();
        HistoryWriter w = historyWriter;
        return new EngineStatus(running && loop.isRunning(), m.objectCount(), m.tagCount(),
                simulator == null ? 0 : simulator.simulatedTags(), loop.received(), loop.accepted(), loop.queueDepth(),
                w == null ? 0 : w.samplesWritten(), w == null ? 0 : w.buffered(), w == null ? null : w.lastError());
    }

    HistoryHealth historyHealth() {
        HistoryWriter w = historyWriter;
        return w == null ? HistoryHealth.NOT_STARTED : w.health();
    }

    String journalError() {
        JournalWriter w = journalWriter;
        return w == null ? null : w.lastError();
    }

    /** A calculated tag's history is read with update semantics, so a recalculation replaces old results. */
    static boolean readsAsUpdate(TagDef t) {
        return t.update() || t.calculated();
    }

    private void purgeHistory() {
        try {
            ProjectSettings s = settings.get();
            long cutoff = Micros.now() - s.historyRetentionDays() * 86_400L * Micros.PER_SECOND;
            int removed = stores.history.purgeBefore(cutoff);
            stores.journal.purgeBefore(cutoff);
            if (removed > 0) {
                LOG.info("Purged {} history blocks older than {} days", removed, s.historyRetentionDays());
            }
        } catch (RuntimeException e) {
            LOG.error("History purge failed", e);
        }
    }

    /**
     * Stops in order: the simulator and connectors stop, queued samples are applied, exporters
     * close after the loop's last sample, history and journal are flushed.
     */
    void close() {
        if (simulator != null) {
            simulator.close();
        }
        connectors.close();
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (schedules != null) {
            schedules.close();
        }
        methods.close();
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
    }
}
