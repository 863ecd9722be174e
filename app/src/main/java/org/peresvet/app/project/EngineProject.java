package org.peresvet.app.project;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.broker.BrokerStatus;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.discovery.BoardDiscovery;
import org.peresvet.connector.mqtt.discovery.BrokerCheck;
import org.peresvet.alarm.AlarmView;
import org.peresvet.connector.NamedStatus;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.engine.EngineStatus;
import org.peresvet.engine.LdapMigration;
import org.peresvet.export.ExportStatus;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;
import org.peresvet.migrate.ldap.ExportTargetSpec;
import org.peresvet.migrate.ldap.ImportOptions;
import org.peresvet.migrate.ldap.ImportPlan;
import org.peresvet.migrate.ldap.PeresvetDirectory;
import org.peresvet.model.Actor;
import org.peresvet.model.TagDef;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.HistoryHealth;
import org.peresvet.runtime.Subscription;
import org.peresvet.runtime.SubscriptionFilter;
import org.peresvet.runtime.WriteResult;
import org.peresvet.security.Permission;

/**
 * The project context over the engine running inside the workstation. The only app class that
 * calls the engine facade: when the facade changes, this class changes and the screens do not.
 */
public final class EngineProject implements ProjectContext, ProjectModel, LiveValues, HistoryReader, TagWrites, AlarmCommands {

    private final Engine engine;
    /** Who changes are recorded as: the OS user until a project user logs in ({@link ProjectSecurity#actAs}). */
    private volatile Actor actor;
    private final List<Consumer<List<TagSample>>> sampleListeners = new CopyOnWriteArrayList<>();
    private boolean sinkAdded;

    public EngineProject(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
    }

    /** Opens and starts the project in {@code dir} (blocking: off the FX thread). */
    public static EngineProject open(Path dir, Actor actor) {
        return new EngineProject(Engine.open(dir, EngineOptions.defaults()).start(), actor);
    }

    /** The engine itself, for the workstation's HTTP API (which serves this very engine) and for tests. */
    public Engine engine() {
        return engine;
    }

    // ---- the context ----

    @Override
    public BoardAccess boards() {
        return new BoardAccess() {
            @Override
            public BrokerConfig brokerConfig() {
                return engine.brokers().config();
            }

            @Override
            public BrokerStatus configureBroker(BrokerConfig config) {
                return engine.brokers().configure(config);
            }

            @Override
            public Optional<BrokerStatus> brokerStatus() {
                return engine.brokers().status();
            }

            @Override
            public Optional<MqttSettings> builtInBrokerSettings() {
                return engine.brokers().builtInSettings();
            }

            @Override
            public BrokerCheck.Result check(MqttSettings settings) {
                return engine.brokers().check(settings);
            }

            @Override
            public BoardDiscovery discover(MqttSettings settings) {
                return engine.brokers().discoverBoards(settings);
            }
        };
    }

    @Override
    public String name() {
        return engine.settings().name().isEmpty() ? engine.folder().name() : engine.settings().name();
    }

    @Override
    public String location() {
        return engine.folder().dir().toAbsolutePath().toString();
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public ProjectModel model() {
        return this;
    }

    @Override
    public ProjectSecurity security() {
        return new EngineProjectSecurity(engine.security(), () -> actor, a -> actor = a);
    }

    @Override
    public LiveValues values() {
        return this;
    }

    @Override
    public HistoryReader history() {
        return this;
    }

    @Override
    public TagWrites writes() {
        return this;
    }

    @Override
    public AlarmCommands alarms() {
        return this;
    }

    @Override
    public DirectoryImport directoryImport() {
        return new DirectoryImport() {
            @Override
            public ImportPlan plan(PeresvetDirectory directory) {
                return LdapMigration.plan(engine, directory, ImportOptions.defaults());
            }

            @Override
            public List<String> addExportTargets(List<ExportTargetSpec> targets) {
                return LdapMigration.addExportTargets(engine, targets);
            }
        };
    }

    @Override
    public EngineStatus status() {
        return engine.status();
    }

    @Override
    public HistoryHealth historyHealth() {
        return engine.historyHealth();
    }

    @Override
    public List<NamedStatus> connectors() {
        return engine.connectors();
    }

    @Override
    public ExportStatus exporter() {
        return engine.telemetry().exporters().map(x -> x.status()).orElse(null);
    }

    @Override
    public void close() {
        engine.close();
    }

    // ---- model ----

    @Override
    public ModelSnapshot snapshot() {
        return engine.model();
    }

    @Override
    public ProjectSettings settings() {
        return engine.settings();
    }

    @Override
    public ModelSnapshot.Change edit(List<ModelEdit> edits) {
        return engine.edit(actor, edits);
    }

    @Override
    public ModelSnapshot.Change edit(List<ModelEdit> edits, String reason) {
        return engine.edit(actor.withReason(reason), edits);
    }

    @Override
    public Subscription onChange(Consumer<ModelSnapshot.Change> listener) {
        // The engine keeps model listeners for its lifetime: a closed subscription goes quiet.
        AtomicBoolean open = new AtomicBoolean(true);
        engine.onModelChange(c -> {
            if (open.get()) {
                listener.accept(c);
            }
        });
        return new Subscription() {
            @Override
            public void close() {
                open.set(false);
            }

            @Override
            public int pending() {
                return 0;
            }
        };
    }

    // ---- values and history ----

    @Override
    public Subscription subscribe(Consumer<List<TagSample>> listener) {
        return engine.subscribe(SubscriptionFilter.all(), listener);
    }

    @Override
    public Subscription everySample(Consumer<List<TagSample>> listener) {
        synchronized (sampleListeners) {
            if (!sinkAdded) {
                // The engine keeps sinks for its lifetime: one sink, and listeners that can leave.
                engine.values().onAccepted(batch -> sampleListeners.forEach(l -> l.accept(batch)));
                sinkAdded = true;
            }
        }
        sampleListeners.add(listener);
        return new Subscription() {
            @Override
            public void close() {
                sampleListeners.remove(listener);
            }

            @Override
            public int pending() {
                return 0;
            }
        };
    }

    @Override
    public Sample current(UUID tagId) {
        return engine.current(tagId);
    }

    @Override
    public TagHistory read(HistoryQuery query) {
        return engine.history(query);
    }

    @Override
    public BinnedHistory bins(BinQuery query) {
        return engine.history().bins(query);
    }

    // ---- writes ----

    @Override
    public void write(UUID tagId, Sample sample) {
        engine.write(actor, List.of(new TagSample(tagId, sample)));
    }

    @Override
    public void flush() {
        engine.flush();
    }

    @Override
    public CompletableFuture<WriteResult> toDevice(UUID tagId, Object value) {
        return engine.writeToDevice(tagId, value, actor);
    }

    @Override
    public Optional<String> reasonRequired(UUID tagId) {
        TagDef t = engine.model().tag(tagId);
        if (t == null || actor.kind() != Actor.Kind.PERSON) {
            return Optional.empty();
        }
        return engine.security().reasonRequired(Permission.WRITE_VALUES, t.objectId())
                .map(r -> r.permission() + (r.objectId() == null ? "" : " " + engine.model().objectPath(r.objectId())));
    }

    @Override
    public TagWrites withReason(String reason) {
        return new TagWrites() {
            @Override
            public void write(UUID tagId, Sample sample) {
                engine.write(actor.withReason(reason), List.of(new TagSample(tagId, sample)));
            }

            @Override
            public void flush() {
                engine.flush();
            }

            @Override
            public CompletableFuture<WriteResult> toDevice(UUID tagId, Object value) {
                return engine.writeToDevice(tagId, value, actor.withReason(reason));
            }
        };
    }

    // ---- alarms ----

    @Override
    public List<AlarmView> active() {
        return engine.alarms().active();
    }

    @Override
    public Duration maxShelve() {
        return engine.alarms().maxShelve();
    }

    @Override
    public boolean acknowledge(UUID alarmId, String comment) {
        return engine.alarms().acknowledge(alarmId, actor, comment);
    }

    @Override
    public void shelve(UUID alarmId, String reason, Duration duration) {
        engine.alarms().shelve(alarmId, actor, reason, duration);
    }

    @Override
    public void shelveOneShot(UUID alarmId, String reason) {
        engine.alarms().shelveOneShot(alarmId, actor, reason);
    }

    @Override
    public boolean unshelve(UUID alarmId) {
        return engine.alarms().unshelve(alarmId, actor);
    }

    @Override
    public boolean unshelve(UUID alarmId, String reason) {
        return engine.alarms().unshelve(alarmId, actor.withReason(reason));
    }

    @Override
    public boolean reset(UUID alarmId, String comment) {
        return engine.alarms().reset(alarmId, actor, comment);
    }

    @Override
    public List<AlarmJournalEntry> journal(AlarmJournalQuery query) {
        return engine.alarms().journal(query);
    }

    @Override
    public Subscription onAlarmEvent(Runnable changed) {
        return engine.events().subscribe(AlarmEvent.class, e -> changed.run());
    }
}
