package org.peresvet.app.shell;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.peresvet.alarm.AlarmView;
import org.peresvet.api.ApiConfig;
import org.peresvet.app.Messages;
import org.peresvet.app.alarm.AlarmFeed;
import org.peresvet.app.alarm.AlarmListModel;
import org.peresvet.app.alarm.AlarmListView;
import org.peresvet.app.alarm.AlertSound;
import org.peresvet.app.alarm.AudibleAlert;
import org.peresvet.app.alarm.AlarmText;
import org.peresvet.app.alarm.ToneAlertSound;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxPulse;
import org.peresvet.app.fx.FxTask;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.fx.ValueSource;
import org.peresvet.app.formula.FormulaEditor;
import org.peresvet.app.formula.FormulaTarget;
import org.peresvet.app.tree.FormulaRef;
import org.peresvet.app.tree.ModelEditor;
import org.peresvet.app.tree.NodeRef;
import org.peresvet.app.tree.ObjectView;
import org.peresvet.app.tree.PropertiesModel;
import org.peresvet.app.tree.PropertiesView;
import org.peresvet.app.tree.References;
import org.peresvet.app.tree.TreeController;
import org.peresvet.app.tree.WriteService;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.engine.EngineStatus;
import org.peresvet.engine.PeresvetHome;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.io.FileImport;
import org.peresvet.model.io.ProjectJson;
import org.peresvet.model.io.TagCsv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window: menus, toolbar, the tree, the tabs, the property sheet, the alarm banner and
 * the status bar, over one running engine. Opens and switches projects (closing the old engine
 * off the FX thread), runs import and export as cancellable tasks, and remembers the layout.
 * FX thread only.
 */
public final class ShellController implements Feedback {
    private static final Logger LOG = LoggerFactory.getLogger(ShellController.class);

    @FXML private SplitPane mainSplit;
    @FXML private StackPane treeSlot;
    @FXML private TabPane tabs;
    @FXML private StackPane propertiesSlot;
    @FXML private VBox overlay;
    @FXML private Label projectTitle;
    @FXML private Label centreMessage;
    @FXML private HBox alarmBanner;
    @FXML private Label alarmPriority;
    @FXML private Label alarmMessage;
    @FXML private Label alarmCount;
    @FXML private Label status;
    @FXML private Label historyStatus;
    @FXML private Label connectorStatus;
    @FXML private Label exporterStatus;
    @FXML private Label apiStatus;
    @FXML private ToggleButton silenceButton;
    @FXML private MenuItem silenceItem;
    @FXML private Label feedback;
    @FXML private HBox taskBox;
    @FXML private Label taskLabel;
    @FXML private ProgressBar taskProgress;
    @FXML private Label modeStatus;
    @FXML private Label userStatus;
    @FXML private MenuItem undoItem;
    @FXML private MenuItem redoItem;
    @FXML private MenuItem newObjectItem;
    @FXML private MenuItem newTagItem;
    @FXML private MenuItem renameItem;
    @FXML private MenuItem cutItem;
    @FXML private MenuItem pasteItem;
    @FXML private MenuItem deleteItem;
    @FXML private MenuItem importItem;
    @FXML private RadioMenuItem engineerItem;
    @FXML private RadioMenuItem operatorItem;
    @FXML private RadioMenuItem isaThemeItem;
    @FXML private RadioMenuItem darkThemeItem;
    @FXML private Button undoButton;
    @FXML private Button redoButton;
    @FXML private Button newObjectButton;
    @FXML private Button newTagButton;
    @FXML private Button deleteButton;
    @FXML private Button importButton;
    @FXML private ToggleButton modeButton;

    private final Stage stage;
    private final LayoutStore layoutStore;
    private WindowLayout layout;
    private final ValueBridge bridge = new ValueBridge();
    private final FxPulse pulse = new FxPulse(bridge);
    /** Model edits run here, one at a time, in order. */
    private final ExecutorService edits = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "peresvet-model-edits");
        t.setDaemon(true);
        return t;
    });
    private final ModelEditor editor;
    private final References references = new References();
    private final AlarmBannerModel alarms = new AlarmBannerModel();
    /** Every alarm that is not normal, fed by {@link #alarmFeed} once per pulse at most. */
    private final AlarmListModel alarmList = new AlarmListModel();
    private final AlarmFeed alarmFeed = new AlarmFeed();
    private final AudibleAlert horn = new AudibleAlert(new ToneAlertSound());
    /** The operator's name recorded with alarm commands (no log-in yet: the system user). */
    private final String user = System.getProperty("user.name", "operator");
    private AlarmListView alarmView;
    /** The HTTP API settings; null: no API. */
    private ApiConfig apiConfig = ApiConfig.defaults();
    private volatile WorkstationApi api;
    private final ObjectProperty<UserMode> mode = new SimpleObjectProperty<>(this, "mode", UserMode.ENGINEER);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.ISA101);
    private TreeController tree;
    private PropertiesModel properties;
    private ObjectView objectView;
    private TabHost tabHost;
    private volatile Engine engine;
    private Timeline statusPoll;
    private FxTask<?> currentTask;

    public ShellController(Stage stage, LayoutStore layoutStore) {
        this.stage = stage;
        this.layoutStore = layoutStore;
        this.layout = layoutStore.load();
        this.editor = new ModelEditor(new NoProject(), edits, Platform::runLater);
        editor.onApplied(c -> bridge.publishModel());
    }

    @FXML
    private void initialize() {
        tree = new TreeController(editor, bridge.modelProperty(), references, this);
        properties = new PropertiesModel(editor);
        PropertiesView propertiesView = new PropertiesView(properties);
        treeSlot.getChildren().add(tree.view());
        propertiesSlot.getChildren().add(propertiesView.view());
        tabHost = new TabHost(tabs);
        objectView = new ObjectView(bridge, () -> {
            Engine e = engine;
            if (e == null) {
                throw new IllegalStateException(Messages.get("shell.noProject"));
            }
            return WriteService.Target.of(e);
        });
        tabHost.open(objectView);
        tree.onEditFormula(this::openFormula);
        propertiesView.onEditFormula(this::openFormula);
        tree.onSelectionChanged(sel -> {
            properties.select(sel);
            objectView.follow(sel);
        });
        bridge.modelProperty().addListener((obs, o, m) -> {
            if (m != null) {
                properties.refresh(m);
            }
        });

        // Undo / redo state, with what they would undo in the menu.
        undoItem.disableProperty().bind(editor.canUndoProperty().not().or(mode.isEqualTo(UserMode.OPERATOR)));
        redoItem.disableProperty().bind(editor.canRedoProperty().not().or(mode.isEqualTo(UserMode.OPERATOR)));
        undoButton.disableProperty().bind(undoItem.disableProperty());
        redoButton.disableProperty().bind(redoItem.disableProperty());
        editor.undoLabelProperty().addListener((obs, o, n) -> undoItem.setText(n.isEmpty() ? Messages.get("menu.undo") : Messages.get("menu.undoWhat", n)));
        editor.redoLabelProperty().addListener((obs, o, n) -> redoItem.setText(n.isEmpty() ? Messages.get("menu.redo") : Messages.get("menu.redoWhat", n)));

        // Editing belongs to engineers.
        for (MenuItem i : List.of(newObjectItem, newTagItem, renameItem, cutItem, pasteItem, deleteItem, importItem)) {
            i.disableProperty().bind(mode.isEqualTo(UserMode.OPERATOR));
        }
        for (Button b : List.of(newObjectButton, newTagButton, deleteButton, importButton)) {
            b.disableProperty().bind(mode.isEqualTo(UserMode.OPERATOR));
        }
        mode.addListener((obs, o, m) -> showMode(m));
        theme.addListener((obs, o, t) -> applyTheme(t));

        // Alarms: the feed reads the engine's list at most once per refresh, on the pulse; the list
        // model feeds the banner and the horn whatever the list's filter.
        pulse.also(this::pollAlarms);
        alarmList.unacknowledgedIdsProperty().addListener((obs, o, ids) -> horn.update(ids));
        alarmList.mostImportantProperty().addListener((obs, o, n) -> alarms.show(n, alarmList.unacknowledgedProperty().get()));
        alarmList.unacknowledgedProperty().addListener((obs, o, n) -> alarms.show(alarmList.mostImportantProperty().get(), n.intValue()));
        alarms.unacknowledgedProperty().addListener((obs, o, n) -> showBanner());
        alarms.messageProperty().addListener((obs, o, n) -> showBanner());
        alarms.priorityProperty().addListener((obs, o, n) -> showBanner());
        horn.silencedProperty().addListener((obs, o, n) -> showBanner());
        alarmBanner.setOnMouseClicked(e -> showAlarmList());
        silenceButton.setOnAction(e -> horn.toggleSilence());
        showBanner();
        stage.sceneProperty().addListener((obs, o, sc) -> {
            if (sc != null) {
                // A second shortcut for the alarm list (the menu item has F7).
                sc.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.A,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN, javafx.scene.input.KeyCombination.SHIFT_DOWN), this::showAlarmList);
            }
        });

        userStatus.setText(Messages.get("status.user", user));
        mode.set(UserMode.parse(layout.mode()));
        theme.set(Theme.parse(layout.theme()));
        showMode(mode.get());
        (theme.get() == Theme.DARK ? darkThemeItem : isaThemeItem).setSelected(true);
        mainSplit.setDividerPositions(layout.dividers().get(0), layout.dividers().get(1));
        SplitPane.setResizableWithParent(treeSlot, false);
        SplitPane.setResizableWithParent(propertiesSlot, false);
        status.setText(Messages.get("status.noProject"));
    }

    /** The layout this window started with (bounds are applied by the app). */
    public WindowLayout layout() {
        return layout;
    }

    /** Applies the theme's stylesheets to the scene (call once the scene exists, and on every change). */
    public void applyTheme(Theme t) {
        Scene scene = stage.getScene();
        if (scene == null) {
            return;
        }
        List<String> urls = new ArrayList<>();
        for (String sheet : t.sheets()) {
            URL css = ShellController.class.getResource(sheet);
            if (css == null) {
                throw new IllegalStateException("Stylesheet missing from the classpath: " + sheet);
            }
            urls.add(css.toExternalForm());
        }
        scene.getStylesheets().setAll(urls);
        layout = layout.withTheme(t);
    }

    private void showMode(UserMode m) {
        boolean edit = m.canEdit();
        tree.editableProperty().set(edit);
        properties.editableProperty().set(edit);
        modeButton.setSelected(!edit);
        modeButton.setText(Messages.get(edit ? "mode.engineer" : "mode.operator"));
        modeStatus.setText(Messages.get("status.mode", Messages.get(edit ? "mode.engineer" : "mode.operator")));
        (edit ? engineerItem : operatorItem).setSelected(true);
        layout = layout.withMode(m);
    }

    private static final List<String> BANNER_CLASSES = java.util.Arrays.stream(org.peresvet.model.AlarmPriority.values())
            .map(p -> "alarm-banner-" + p.label()).toList();

    private void showBanner() {
        int n = alarms.unacknowledgedProperty().get();
        alarmBanner.getStyleClass().removeAll("alarm-banner-active");
        alarmBanner.getStyleClass().removeAll(BANNER_CLASSES);
        var p = alarms.priorityProperty().get();
        alarmPriority.setVisible(n > 0 && p != null);
        alarmPriority.setManaged(n > 0 && p != null);
        if (n == 0 || p == null) {
            alarmPriority.setText("");
            alarmMessage.setText(Messages.get("alarm.none"));
            alarmCount.setText("");
        } else {
            alarmBanner.getStyleClass().addAll("alarm-banner-active", "alarm-banner-" + p.label());
            alarmPriority.setText(AlarmText.priority(p));
            alarmMessage.setText(alarms.messageProperty().get());
            alarmCount.setText(Messages.get("alarm.count", n));
        }
        boolean silenced = horn.silencedProperty().get();
        silenceButton.setSelected(silenced);
        silenceButton.setText(Messages.get(silenced ? "alarm.silenced" : "alarm.silence"));
        silenceButton.setDisable(n == 0);
        silenceItem.setDisable(n == 0);
    }

    private void pollAlarms() {
        List<AlarmView> active = alarmFeed.poll();
        if (active != null) {
            Engine e = engine;
            alarmList.update(active, e == null ? ModelSnapshot.empty() : e.model());
            var marks = alarmList.marksByTag();
            if (!marks.equals(objectView.alarmMarksProperty().get())) {
                objectView.alarmMarksProperty().set(marks);
            }
        }
    }

    /** Opens (or selects) the alarm list tab on its active page. */
    @FXML
    public AlarmListView showAlarmList() {
        AlarmListView v = alarmView();
        tabHost.open(v);
        v.showPage(true);
        return v;
    }

    @FXML
    void showAlarmHistory() {
        AlarmListView v = alarmView();
        tabHost.open(v);
        v.showPage(false);
    }

    @FXML
    void acknowledgeAlarms() {
        showAlarmList().acknowledgeSelected();
    }

    @FXML
    void silenceHorn() {
        horn.toggleSilence();
    }

    /** The alarm list screen, built on first use. */
    public AlarmListView alarmView() {
        if (alarmView == null) {
            alarmView = new AlarmListView(alarmList, new AlarmListView.Context() {
                @Override
                public org.peresvet.alarm.Alarms alarms() {
                    Engine e = engine;
                    return e == null ? null : e.alarms();
                }

                @Override
                public String user() {
                    return user;
                }

                @Override
                public UUID treeObject() {
                    List<NodeRef> sel = tree.selection();
                    if (sel.isEmpty()) {
                        return null;
                    }
                    NodeRef r = sel.get(0);
                    if (r.isObject()) {
                        return r.id();
                    }
                    var t = editor.model().tag(r.id());
                    return t == null ? null : t.objectId();
                }

                @Override
                public void changed() {
                    alarmFeed.invalidate();
                }
            }, this);
        }
        return alarmView;
    }

    // ---- projects ----

    /** Opens the project in {@code dir} (off the FX thread) and closes the one open now. */
    public void open(Path dir) {
        overlay.setVisible(true);
        projectTitle.setText("");
        centreMessage.setText(Messages.get("shell.opening"));
        centreMessage.getStyleClass().setAll("placeholder-note");
        WorkstationApi oldApi = api;
        api = null;
        Engine old = detach();
        long asked = System.nanoTime();
        ApiConfig apiWanted = apiConfig;
        FxTasks.run(() -> {
            if (oldApi != null) {
                oldApi.close();
            }
            if (old != null) {
                old.close();
            }
            Engine e = Engine.open(dir, EngineOptions.defaults()).start();
            engineUpAt = System.nanoTime();
            return e;
        }, e -> {
            attach(e);
            startApi(e, apiWanted);
            long ready = System.nanoTime();
            openTimings = new OpenTimings((engineUpAt - asked) / 1_000_000, (ready - engineUpAt) / 1_000_000, engineUpAt, ready);
            LOG.info("Project {} open: engine up in {} ms, window ready {} ms later", dir,
                    openTimings.engineMillis(), openTimings.windowMillis());
        }, error -> failed(dir, error));
    }

    /** The API serves the engine the window shows, started after the window shows it; a taken port is reported, not fatal. */
    private void startApi(Engine e, ApiConfig config) {
        FxTasks.run(() -> WorkstationApi.start(e, config), a -> {
            if (engine == e && api == null) {
                api = a;
                showStatus();
            } else {
                FxTasks.run(() -> {
                    a.close(); // the project changed meanwhile
                    return null;
                }, x -> { }, x -> { });
            }
        }, err -> error(Messages.get("status.apiFailed", err.getMessage())));
    }

    /**
     * How long the last open took: until the engine ran, and from then until the window showed the
     * project (the stamps are {@link System#nanoTime()} values).
     */
    public record OpenTimings(long engineMillis, long windowMillis, long engineUpNanos, long readyNanos) {
    }

    private volatile long engineUpAt;
    private volatile OpenTimings openTimings;

    /** The timings of the last project opened, or null. */
    public OpenTimings lastOpenTimings() {
        return openTimings;
    }

    private Engine detach() {
        Engine old = engine;
        engine = null;
        if (statusPoll != null) {
            statusPoll.stop();
        }
        pulse.stop();
        bridge.detach();
        alarmFeed.detach();
        alarmList.subtreeProperty().set(null); // object ids of the old project mean nothing in the next
        alarmList.update(List.of(), ModelSnapshot.empty());
        if (alarmView != null) {
            alarmView.history().show(List.of());
        }
        tabHost.screen(ObjectView.KEY).ifPresent(s -> objectView.show(null, null));
        editor.retarget(new NoProject());
        return old;
    }

    private void attach(Engine e) {
        engine = e;
        String name = e.settings().name().isEmpty() ? e.folder().name() : e.settings().name();
        stage.setTitle(Messages.get("app.titleWithProject", name));
        status.setTooltip(new javafx.scene.control.Tooltip(Messages.get("shell.projectFolder", e.folder().dir().toAbsolutePath())));
        editor.retarget(ModelEditor.Target.of(e));
        e.onModelChange(c -> {
            if (engine == e) {
                bridge.modelChanged(c.snapshot());
                alarmFeed.invalidate(); // paths and names in the alarm list follow the model
            }
        });
        bridge.attach(ValueSource.of(e), e.model());
        alarmFeed.attach(() -> e.alarms().active(), e.events());
        tree.reset();
        pulse.start();
        overlay.setVisible(false);
        layout = layout.withLastProject(e.folder().dir().toAbsolutePath().toString());
        WindowLayout remembered = layout;
        edits.execute(() -> layoutStore.save(remembered)); // file I/O stays off the FX thread
        // The status bar polls once a second: the engine never calls into the FX thread.
        statusPoll = new Timeline(new KeyFrame(Duration.seconds(1), ev -> showStatus()));
        statusPoll.setCycleCount(Timeline.INDEFINITE);
        statusPoll.play();
        showStatus();
        // Start on the first object that has tags, so the window shows live values at once.
        UUID first = firstObjectWithTags(e.model(), null, 0);
        if (first == null && !e.model().childObjects(null).isEmpty()) {
            first = e.model().childObjects(null).get(0).id();
        }
        if (first != null) {
            // After the frame that shows the tree: the object view and property sheet fill one pulse later.
            NodeRef start = NodeRef.object(first);
            Platform.runLater(() -> {
                if (engine == e && tree.selection().isEmpty()) {
                    tree.select(List.of(start));
                }
            });
        }
        info(Messages.get("shell.opened", name, e.model().objectCount(), e.model().tagCount()));
    }

    /** Depth-first, children in tree order, at most a few levels deep (a large tree is not walked). */
    private static UUID firstObjectWithTags(ModelSnapshot m, UUID parent, int depth) {
        if (depth > 4) {
            return null;
        }
        for (org.peresvet.model.ObjectDef o : m.childObjects(parent)) {
            if (!m.tagsOf(o.id()).isEmpty()) {
                return o.id();
            }
            UUID below = firstObjectWithTags(m, o.id(), depth + 1);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    private void failed(Path dir, Throwable error) {
        overlay.setVisible(true);
        projectTitle.setText("");
        centreMessage.setText(Messages.get("shell.openFailed", dir, error.getMessage()));
        centreMessage.getStyleClass().setAll("error-text");
        status.setText(Messages.get("status.noProject"));
        LOG.warn("Could not open {}", dir, error);
    }

    private void showStatus() {
        Engine e = engine;
        EngineStatus s = e == null ? null : e.status();
        status.setText(StatusLine.engine(s));
        historyStatus.setText(StatusLine.history(s, e == null ? null : e.historyHealth(), System.currentTimeMillis()));
        abnormal(historyStatus, StatusLine.historyFails(s));
        show(connectorStatus, e == null ? StatusLine.states("status.connectors", List.of())
                : StatusLine.connectors(e.connectors()));
        show(exporterStatus, StatusLine.exporter(e == null ? null : e.exporters().map(x -> x.status()).orElse(null)));
        WorkstationApi a = api;
        if (a != null) {
            show(apiStatus, a.status());
        } else if (e == null) {
            show(apiStatus, new StatusLine.Slot("", false));
        }
    }

    private static void show(Label l, StatusLine.Slot slot) {
        if (!slot.text().equals(l.getText())) {
            l.setText(slot.text());
            // A slot may shrink with an ellipsis on a narrow window; the tooltip keeps the whole text.
            l.setTooltip(slot.text().isEmpty() ? null : new javafx.scene.control.Tooltip(slot.text()));
        }
        abnormal(l, slot.abnormal());
    }

    private static void abnormal(Label l, boolean bad) {
        l.getStyleClass().remove("status-error");
        if (bad) {
            l.getStyleClass().add("status-error");
        }
    }

    @FXML
    void newProject() {
        TextInputDialog d = new TextInputDialog();
        d.setTitle(Messages.get("project.newTitle"));
        d.setHeaderText(Messages.get("project.newHeader", PeresvetHome.current().projects()));
        d.setContentText(Messages.get("project.name"));
        dialogStyle(d);
        d.showAndWait().map(String::strip).filter(n -> !n.isEmpty()).ifPresent(n -> {
            String bad = ModelSnapshot.invalidNameReason(n);
            Path dir = PeresvetHome.current().projects().resolve(n);
            if (bad != null || n.contains("\\") || n.startsWith(".")) {
                error(Messages.get("project.badName", n, bad == null ? Messages.get("project.badChars") : bad));
            } else if (Files.exists(dir)) {
                error(Messages.get("project.exists", dir));
            } else {
                open(dir);
            }
        });
    }

    @FXML
    void openProject() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(Messages.get("project.openTitle"));
        Path projects = PeresvetHome.current().projects();
        if (Files.isDirectory(projects)) {
            c.setInitialDirectory(projects.toFile());
        }
        var dir = c.showDialog(stage);
        if (dir != null) {
            open(dir.toPath());
        }
    }

    @FXML
    void importFile() {
        if (engine == null || !mode.get().canEdit()) {
            return;
        }
        FileChooser c = new FileChooser();
        c.setTitle(Messages.get("import.title"));
        c.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter(Messages.get("file.projectOrCsv"), "*.json", "*.csv"),
                new FileChooser.ExtensionFilter(Messages.get("file.all"), "*"));
        var f = c.showOpenDialog(stage);
        if (f != null) {
            importFrom(f.toPath());
        }
    }

    /**
     * Imports a project document (.json, added under the selected object) or a tag list (.csv) as
     * one undoable edit. Reading and checking run as a cancellable task; nothing changes until the
     * checked edits are applied.
     */
    public FxTask<List<ModelEdit>> importFrom(Path file) {
        ModelSnapshot m = editor.model();
        UUID into = selectedObject();
        String name = file.getFileName().toString();
        return runTask(Messages.get("import.task", name), p -> {
            p.message(Messages.get("import.reading", name));
            byte[] bytes = Files.readAllBytes(file);
            p.checkCancelled();
            p.update(1, 3);
            p.message(Messages.get("import.checking", name));
            // Read strictly and checked here, off the FX thread; nothing changes until applied.
            List<ModelEdit> out = FileImport.edits(m, name, bytes, into);
            p.update(2, 3);
            p.checkCancelled();
            return out;
        }, out -> {
            if (out.isEmpty()) {
                info(Messages.get("import.nothing", name));
                return;
            }
            info(Messages.get("import.applying", name, out.size()));
            editor.submit(Messages.get("undo.import", name), out).whenComplete((c, err) -> {
                if (err != null) {
                    error(Messages.get("import.failed", name, cause(err).getMessage()));
                } else {
                    info(Messages.get("import.done", name, c.snapshot().tagCount()));
                }
            });
        }, err -> error(Messages.get("import.failed", name, err.getMessage())));
    }

    @FXML
    void exportFile() {
        Engine e = engine;
        if (e == null) {
            return;
        }
        FileChooser c = new FileChooser();
        c.setTitle(Messages.get("export.title"));
        c.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter(Messages.get("file.project"), "*.json"),
                new FileChooser.ExtensionFilter(Messages.get("file.csv"), "*.csv"));
        c.setInitialFileName(e.folder().name() + ".json");
        var f = c.showSaveDialog(stage);
        if (f != null) {
            exportTo(f.toPath());
        }
    }

    /** Exports the whole project (.json) or its tags (.csv) as a cancellable task. */
    public FxTask<Integer> exportTo(Path file) {
        Engine e = engine;
        ModelSnapshot m = e.model();
        var settings = e.settings();
        String name = file.getFileName().toString();
        boolean csv = name.toLowerCase(Locale.ROOT).endsWith(".csv");
        return runTask(Messages.get("export.task", name), p -> {
            p.message(Messages.get("export.writing", name));
            String text = csv ? TagCsv.write(m, null) : ProjectJson.write(m, settings, null);
            p.update(1, 2);
            p.checkCancelled();
            Path tmp = file.resolveSibling(name + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (p.isCancelled()) {
                Files.deleteIfExists(tmp);
                p.checkCancelled();
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return m.tagCount();
        }, n -> info(Messages.get("export.done", n, file)), err -> error(Messages.get("export.failed", name, err.getMessage())));
    }

    private <T> FxTask<T> runTask(String title, FxTasks.Work<T> work, java.util.function.Consumer<T> ok, java.util.function.Consumer<Throwable> failed) {
        if (currentTask != null) {
            currentTask.cancel();
        }
        FxTask<T> task = FxTasks.start(title, work, r -> {
            endTask();
            ok.accept(r);
        }, err -> {
            endTask();
            if (err instanceof java.util.concurrent.CancellationException) {
                info(Messages.get("task.cancelled", title));
            } else {
                failed.accept(err);
            }
        });
        currentTask = task;
        taskLabel.textProperty().bind(javafx.beans.binding.Bindings.when(task.messageProperty().isEmpty())
                .then(title).otherwise(task.messageProperty()));
        taskProgress.progressProperty().bind(task.progressProperty());
        taskBox.setVisible(true);
        taskBox.setManaged(true);
        return task;
    }

    private void endTask() {
        currentTask = null;
        taskLabel.textProperty().unbind();
        taskProgress.progressProperty().unbind();
        taskBox.setVisible(false);
        taskBox.setManaged(false);
    }

    @FXML
    void cancelTask() {
        if (currentTask != null) {
            currentTask.cancel();
        }
    }

    private UUID selectedObject() {
        List<NodeRef> sel = tree.selection();
        if (sel.size() != 1) {
            return null;
        }
        NodeRef r = sel.get(0);
        return r.isObject() ? r.id() : null;
    }

    // ---- edit commands (menus, toolbar, shortcuts) ----

    /** A text box with the focus gets the clipboard and delete keys, not the tree. */
    private TextInputControl focusedText() {
        Scene s = stage.getScene();
        return s != null && s.getFocusOwner() instanceof TextInputControl t ? t : null;
    }

    /** The formula editor's code area with the focus gets undo, redo, the clipboard and delete keys. */
    private org.fxmisc.richtext.GenericStyledArea<?, ?, ?> focusedCode() {
        Scene s = stage.getScene();
        return s != null && s.getFocusOwner() instanceof org.fxmisc.richtext.GenericStyledArea<?, ?, ?> a ? a : null;
    }

    @FXML
    void undo() {
        if (focusedCode() != null) {
            focusedCode().undo();
            return;
        }
        report(editor.undoLabelProperty().get(), "undo.undone", editor.undo());
    }

    @FXML
    void redo() {
        if (focusedCode() != null) {
            focusedCode().redo();
            return;
        }
        report(editor.redoLabelProperty().get(), "undo.redone", editor.redo());
    }

    private void report(String label, String doneKey, CompletableFuture<?> f) {
        f.whenComplete((c, err) -> {
            if (err != null) {
                error(Messages.get("tree.refused", cause(err).getMessage()));
            } else if (c != null) {
                info(Messages.get(doneKey, label));
            }
        });
    }

    private static Throwable cause(Throwable err) {
        return err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    }

    @FXML
    void newObject() {
        tree.newObject();
    }

    @FXML
    void newTag() {
        tree.newTag();
    }

    @FXML
    void rename() {
        if (focusedCode() != null) {
            return;
        }
        if (focusedText() == null) {
            tree.rename();
        }
    }

    @FXML
    void cut() {
        if (focusedCode() != null) {
            focusedCode().cut();
            return;
        }
        TextInputControl t = focusedText();
        if (t != null) {
            t.cut();
        } else {
            tree.cut();
        }
    }

    @FXML
    void copy() {
        if (focusedCode() != null) {
            focusedCode().copy();
            return;
        }
        TextInputControl t = focusedText();
        if (t != null) {
            t.copy();
        } else {
            tree.copy();
        }
    }

    @FXML
    void paste() {
        if (focusedCode() != null) {
            focusedCode().paste();
            return;
        }
        TextInputControl t = focusedText();
        if (t != null) {
            t.paste();
        } else {
            tree.paste();
        }
    }

    @FXML
    void delete() {
        if (focusedCode() != null) {
            focusedCode().deleteNextChar();
            return;
        }
        TextInputControl t = focusedText();
        if (t != null) {
            t.deleteNextChar();
        } else {
            tree.delete();
        }
    }

    @FXML
    void find() {
        tree.focusFilter();
    }

    /** Edit ▸ Edit formula: the selected calculated tag's formula (or the selected object's write method). */
    @FXML
    void editFormula() {
        tree.editFormula();
    }

    /**
     * Opens the formula editor on a calculated tag's or a write method's formula (or shows the
     * tab already open for it). Returns the editor, or null when there is nothing to edit.
     */
    public FormulaEditor openFormula(FormulaRef ref) {
        Engine e = engine;
        ModelSnapshot m = bridge.getModel();
        FormulaTarget target = new FormulaTarget(ref);
        if (e == null || m == null || !target.existsIn(m)) {
            error(Messages.get("formula.noFormula"));
            return null;
        }
        String key = FormulaEditor.key(target);
        var open = tabHost.screen(key);
        if (open.isPresent()) {
            return (FormulaEditor) tabHost.open(open.get());
        }
        FormulaEditor.History history = (id, at) -> {
            var data = e.history(org.peresvet.history.HistoryQuery.current(id).withFinish(at)).data();
            return data.isEmpty() ? null : data.get(data.size() - 1);
        };
        FormulaEditor screen = new FormulaEditor(target, bridge, editor, history, this,
                mode.isEqualTo(UserMode.ENGINEER), () -> tabHost.closeTab(key));
        return (FormulaEditor) tabHost.open(screen);
    }

    @FXML
    void writeValue() {
        tabHost.open(objectView);
        objectView.writeSelected();
    }

    @FXML
    void engineerMode() {
        mode.set(UserMode.ENGINEER);
    }

    @FXML
    void operatorMode() {
        mode.set(UserMode.OPERATOR);
    }

    @FXML
    void toggleMode() {
        mode.set(mode.get() == UserMode.ENGINEER ? UserMode.OPERATOR : UserMode.ENGINEER);
    }

    @FXML
    void toggleModeButton() {
        mode.set(modeButton.isSelected() ? UserMode.OPERATOR : UserMode.ENGINEER);
    }

    @FXML
    void isaTheme() {
        theme.set(Theme.ISA101);
    }

    @FXML
    void darkTheme() {
        theme.set(Theme.DARK);
    }

    @FXML
    void resetLayout() {
        WindowLayout d = WindowLayout.defaults();
        mainSplit.setDividerPositions(d.dividers().get(0), d.dividers().get(1));
        stage.setMaximized(false);
        stage.setWidth(d.width());
        stage.setHeight(d.height());
        stage.centerOnScreen();
    }

    @FXML
    void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle(Messages.get("shortcuts.title"));
        a.setHeaderText(Messages.get("shortcuts.title"));
        a.setContentText(Messages.get("shortcuts.text"));
        dialogStyle(a);
        a.show();
    }

    @FXML
    void exit() {
        stage.close();
    }

    private void dialogStyle(javafx.scene.control.Dialog<?> d) {
        d.initOwner(stage);
        if (stage.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
        }
    }

    // ---- feedback ----

    @Override
    public void info(String message) {
        feedback.setText(message);
        feedback.getStyleClass().remove("feedback-error");
    }

    @Override
    public void error(String message) {
        feedback.setText(message);
        if (!feedback.getStyleClass().contains("feedback-error")) {
            feedback.getStyleClass().add("feedback-error");
        }
    }

    // ---- shutdown ----

    /** Saves the layout and stops the engine cleanly (history is flushed). */
    void shutdown() {
        saveLayout();
        WorkstationApi a = api;
        api = null;
        Engine e = detach();
        pulse.stop();
        edits.shutdown();
        horn.close();
        if (a != null) {
            a.close();
        }
        if (e != null) {
            e.close();
        }
    }

    void saveLayout() {
        double[] d = mainSplit.getDividerPositions();
        List<Double> dividers = d.length == 2 ? List.of(d[0], d[1]) : layout.dividers();
        layout = layout.withDividers(dividers);
        if (stage.isShowing() && !stage.isIconified()) {
            layout = stage.isMaximized() ? layout.withBounds(layout.x(), layout.y(), layout.width(), layout.height(), true)
                    : layout.withBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        }
        layoutStore.save(layout);
    }

    // ---- for the app and tests ----

    public Engine engine() {
        return engine;
    }

    public ValueBridge bridge() {
        return bridge;
    }

    public ModelEditor editor() {
        return editor;
    }

    public TreeController tree() {
        return tree;
    }

    public PropertiesModel properties() {
        return properties;
    }

    public ObjectView objectView() {
        return objectView;
    }

    public References references() {
        return references;
    }

    public AlarmBannerModel alarms() {
        return alarms;
    }

    public AlarmListModel alarmList() {
        return alarmList;
    }

    public AudibleAlert horn() {
        return horn;
    }

    /** Replaces the horn's sound (tests record it instead of playing it). */
    public void useAlertSound(AlertSound sound) {
        horn.use(sound);
    }

    /** The HTTP API settings for the next project opened; null switches the API off. */
    public void apiConfig(ApiConfig config) {
        apiConfig = config;
    }

    /** The API of the open project, or null. */
    public WorkstationApi api() {
        return api;
    }

    public String user() {
        return user;
    }

    public TabHost tabs() {
        return tabHost;
    }

    public ObjectProperty<UserMode> modeProperty() {
        return mode;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Before a project is open, and while one is switching: nothing to edit. */
    private static final class NoProject implements ModelEditor.Target {
        @Override
        public ModelSnapshot model() {
            return ModelSnapshot.empty();
        }

        @Override
        public ModelSnapshot.Change edit(List<ModelEdit> edits) {
            throw new IllegalStateException(Messages.get("shell.noProject"));
        }
    }
}
