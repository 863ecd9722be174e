package org.peresvet.app.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.ObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.peresvet.api.ApiConfig;
import org.peresvet.app.Messages;
import org.peresvet.app.alarm.AlarmListView;
import org.peresvet.app.alarm.AlertSound;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxDialogs;
import org.peresvet.app.fx.FxTask;
import org.peresvet.app.fx.ReasonRetry;
import org.peresvet.app.login.LoginGate;
import org.peresvet.app.migrate.LdapImportFlow;
import org.peresvet.app.project.EngineProject;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.engine.Engine;
import org.peresvet.engine.PeresvetHome;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's FXML controller: wires menus, toolbar, the screens, the alarm banner and the
 * status bar to the parts that do the work ({@link Workbench}, {@link ProjectSession},
 * {@link AlarmBanner}, {@link StatusBar}, {@link TaskBar}, {@link ImportExport},
 * {@link EditCommands}, {@link Appearance}). FX thread only.
 */
public final class ShellController implements Feedback, ProjectSession.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ShellController.class);

    @FXML private SplitPane mainSplit;
    @FXML private VBox chrome;
    @FXML private StackPane workspace;
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
    @FXML private Label auditStatus;
    @FXML private MenuItem undoItem;
    @FXML private MenuItem redoItem;
    @FXML private MenuItem newObjectItem;
    @FXML private MenuItem newTagItem;
    @FXML private MenuItem renameItem;
    @FXML private MenuItem cutItem;
    @FXML private MenuItem pasteItem;
    @FXML private MenuItem deleteItem;
    @FXML private MenuItem importItem;
    @FXML private MenuItem importLdapItem;
    @FXML private MenuItem screenEditorItem;
    @FXML private MenuItem addBoardsItem;
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
    /** Model edits and layout saves run here, one at a time, in order. */
    private final ExecutorService edits = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "peresvet-model-edits");
        t.setDaemon(true);
        return t;
    });
    private final Appearance appearance;
    private final ProjectSession session;
    private final DialogService dialogs;
    private Workbench workbench;
    private AlarmBanner banner;
    private StatusBar statusBar;
    private TaskBar tasks;
    private ImportExport files;
    private LdapImportFlow ldapImport;
    private boolean ldapAfterOpen;
    private EditCommands commands;
    private ProjectOverlay cover;
    private Feedback say;
    private LoginGate login;
    private ModeControls mode;

    public ShellController(Stage stage, LayoutStore layoutStore) {
        this(stage, layoutStore, new FxDialogs(stage));
    }

    /** With the dialogs a test answers instead of a person. */
    ShellController(Stage stage, LayoutStore layoutStore, DialogService dialogs) {
        this.stage = stage;
        this.appearance = new Appearance(stage, layoutStore);
        this.session = new ProjectSession(this, this);
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        cover = new ProjectOverlay(overlay, projectTitle, centreMessage);
        say = new FeedbackLine(feedback);
        banner = new AlarmBanner(alarmBanner, alarmPriority, alarmMessage, alarmCount, silenceButton, silenceItem);
        workbench = new Workbench(edits, session::current, banner, this, appearance.modeProperty(), dialogs);
        treeSlot.getChildren().add(workbench.tree().view());
        propertiesSlot.getChildren().add(workbench.propertiesView());
        workbench.openIn(tabs);
        statusBar = new StatusBar(status, historyStatus, connectorStatus, exporterStatus, apiStatus, session::current, session::api);
        tasks = new TaskBar(taskBox, taskLabel, taskProgress, this);
        files = new ImportExport(workbench.editor(), session::current, workbench::selectedObject, tasks, this, dialogs);
        ldapImport = new LdapImportFlow(session::current, workbench.editor(), dialogs, this, () -> stage);
        commands = new EditCommands(stage::getScene, workbench.tree(), workbench.editor(), this);
        login = new LoginGate(workspace, chrome, userStatus, auditStatus, this, dialogs, () -> { session.discard(); showWelcome(); });
        login.idleTime(Duration.minutes(appearance.layout().lockMinutes()));
        workbench.editor().onRefused(login::refused);
        workbench.editor().askReasonWith(step -> ReasonRetry.dialog(dialogs, Messages.get("reason.editTitle"),
                Messages.get("reason.editText", step), Messages.get("reason.editConfirm")));
        mode = new ModeControls(appearance.modeProperty(), login.mayEditProperty(), modeButton, modeStatus, engineerItem, operatorItem,
                workbench::editable);

        // Undo / redo state, with what they would undo in the menu; editing belongs to engineers.
        EditCommands.bind(workbench.editor(), appearance.modeProperty().isEqualTo(UserMode.OPERATOR), undoItem, redoItem,
                undoButton, redoButton, List.of(newObjectItem, newTagItem, renameItem, cutItem, pasteItem, deleteItem, importItem,
                        importLdapItem, screenEditorItem, addBoardsItem),
                List.of(newObjectButton, newTagButton, deleteButton, importButton));

        alarmBanner.setOnMouseClicked(e -> showAlarmList());
        EditCommands.whenScene(stage, sc -> sc.getAccelerators().put(EditCommands.ALARM_LIST_KEY, this::showAlarmList));

        (appearance.themeProperty().get() == Theme.DARK ? darkThemeItem : isaThemeItem).setSelected(true);
        WindowLayout layout = appearance.layout();
        mainSplit.setDividerPositions(layout.dividers().get(0), layout.dividers().get(1));
        SplitPane.setResizableWithParent(treeSlot, false);
        SplitPane.setResizableWithParent(propertiesSlot, false);
    }

    /** The layout this window started with (bounds are applied by the app). */
    public WindowLayout layout() { return appearance.layout(); }

    /** Applies the theme's stylesheets to the scene (call once the scene exists). */
    public void applyTheme(Theme t) {
        appearance.apply(t);
    }

    // ---- projects ----

    /** The welcome page (no project yet): the demo, a new or existing project, a recent one, an LDAP import. */
    public void showWelcome() {
        cover.welcome(Welcome.page(this, dialogs, appearance.layout().lastProject()));
    }

    /** A new project, and the LDAP import into it once it is open. */
    void newProjectFromLdap() {
        ProjectNames.askNew(dialogs, PeresvetHome.current().projects(), this).ifPresent(d -> {
            ldapAfterOpen = true;
            open(d);
        });
    }

    /** Opens the project in {@code dir} (off the FX thread) and closes the one open now. */
    public void open(Path dir) {
        cover.opening();
        session.open(dir);
    }

    @Override
    public void detached() {
        statusBar.stop();
        login.detach();
        banner.detach();
        workbench.detach();
    }

    /** A project opened: shown once someone logged in (at once when it has no users). */
    @Override
    public void attached(ProjectContext p) {
        login.admit(p, () -> show(p));
    }

    private void show(ProjectContext p) {
        stage.setTitle(Messages.get("app.titleWithProject", p.name()));
        status.setTooltip(new Tooltip(Messages.get("shell.projectFolder", p.location())));
        workbench.attach(p);
        banner.attach(p);
        cover.hide();
        appearance.rememberProject(p.location(), edits); // file I/O stays off the FX thread
        statusBar.start();
        ModelSnapshot m = p.model().snapshot();
        info(Messages.get("shell.opened", p.name(), m.objectCount(), m.tagCount()));
        if (ldapAfterOpen) {
            ldapAfterOpen = false;
            ldapImport.start();
        }
    }

    @Override
    public void failed(Path dir, Throwable error) {
        cover.failed(dir, error);
        statusBar.noProject();
        LOG.warn("Could not open {}", dir, error);
    }

    @Override
    public void apiChanged() {
        statusBar.show();
    }

    @FXML void newProject() { ProjectNames.askNew(dialogs, PeresvetHome.current().projects(), this).ifPresent(this::open); }

    @FXML void openProject() { dialogs.chooseFolder(Messages.get("project.openTitle"), PeresvetHome.current().projects()).ifPresent(this::open); }

    @FXML void importFile() { if (canEdit()) { files.importFile(); } }

    /** Project ▸ Import from Peresvet LDAP: source, preview, then one undoable edit. */
    @FXML void importLdap() { if (canEdit()) { ldapImport.start(); } }

    private boolean canEdit() { return session.current() != null && appearance.modeProperty().get().canEdit(); }

    /** Imports a project document (.json) or a tag list (.csv) as one undoable edit. */
    public FxTask<List<ModelEdit>> importFrom(Path file) {
        return files.importFrom(file);
    }

    @FXML void exportFile() { files.exportFile(); }

    /** Exports the whole project (.json) or its tags (.csv) as a cancellable task. */
    public FxTask<Integer> exportTo(Path file) {
        return files.exportTo(file);
    }

    // ---- menus and toolbar ----

    @FXML void undo() { commands.undo(); }

    @FXML void redo() { commands.redo(); }

    @FXML void rename() { commands.rename(); }

    @FXML void cut() { commands.cut(); }

    @FXML void copy() { commands.copy(); }

    @FXML void paste() { commands.paste(); }

    @FXML void delete() { commands.delete(); }

    @FXML void newObject() { workbench.tree().newObject(); }

    @FXML void newTag() { workbench.tree().newTag(); }

    @FXML void find() { workbench.tree().focusFilter(); }

    /** Edit ▸ Edit formula: the selected calculated tag's formula (or the selected object's write method). */
    @FXML void editFormula() { workbench.tree().editFormula(); }

    @FXML void writeValue() { workbench.writeValue(); }

    /** Opens a trend of the tags selected in the tree (an empty one when none is). */
    @FXML void showTrend() { workbench.openTrend(workbench.tree().selectedTags()); }
    /** Opens (or selects) the mnemonic screen editor. */
    @FXML void openScreenEditor() { workbench.openScreenEditor(); }

    /** Opens the alarm list tab on its active page. */
    @FXML
    public AlarmListView showAlarmList() {
        return workbench.showAlarms(true);
    }

    @FXML void showAlarmHistory() { workbench.showAlarms(false); }

    /** View ▸ Screens: the mnemonic screens, on the project's home screen. */
    @FXML void showScreens() { workbench.showScreens(); }

    @FXML void showTrends() { workbench.openTrendList(); }

    @FXML void acknowledgeAlarms() { showAlarmList().acknowledgeSelected(); }

    @FXML void silenceHorn() { banner.horn().toggleSilence(); }

    @FXML void engineerMode() { appearance.modeProperty().set(UserMode.ENGINEER); }

    @FXML void operatorMode() { appearance.modeProperty().set(UserMode.OPERATOR); }

    @FXML void toggleMode() { mode.toggle(); }

    @FXML void toggleModeButton() { appearance.modeProperty().set(modeButton.isSelected() ? UserMode.OPERATOR : UserMode.ENGINEER); }

    @FXML void isaTheme() { appearance.themeProperty().set(Theme.ISA101); }

    @FXML void darkTheme() { appearance.themeProperty().set(Theme.DARK); }

    @FXML void resetLayout() { appearance.reset(mainSplit); }

    /** Project → Add boards… (the connector wizard), → MQTT broker… (the built-in broker's settings). */
    @FXML void addBoards() { workbench.openWizard(stage); }
    @FXML void brokerSettings() { workbench.openBrokerSettings(stage); }

    @FXML void showShortcuts() { dialogs.inform(Messages.get("shortcuts.title"), Messages.get("shortcuts.text")); }

    @FXML void cancelTask() { tasks.cancel(); }

    /** Project ▸ Lock (Ctrl+L), Switch user…, and View ▸ Audit trail: the login package does the work. */
    @FXML void lock() { login.lock(); }

    @FXML void switchUser() { login.switchUser(); }

    @FXML void showAudit() { workbench.tabs().open(login.auditView()); }

    @FXML void exit() { stage.close(); }

    // ---- feedback ----

    @Override public void info(String message) { say.info(message); }

    @Override public void error(String message) { say.error(message); }

    // ---- shutdown ----

    /** Saves the layout and stops the project cleanly (history is flushed). */
    void shutdown() {
        saveLayout();
        session.close();
        workbench.close();
        edits.shutdown();
        banner.close();
    }

    void saveLayout() {
        appearance.save(mainSplit);
    }

    // ---- for the app, the benchmarks and tests ----

    /** The engine of the open project (tests and benchmarks look inside it), or null. */
    public Engine engine() { return session.current() instanceof EngineProject p ? p.engine() : null; }

    /** The screens and their shared parts. */
    public Workbench workbench() { return workbench; }

    /** The HTTP API settings for the next project opened; null switches the API off. */
    public void apiConfig(ApiConfig config) { session.apiConfig(config); }

    /** The API of the open project, or null. */
    public WorkstationApi api() { return session.api(); }

    /** Who this workstation's changes are recorded as (the logged-in user). */
    public Actor actor() { return session.actor(); }

    /** Login, lock and the audit viewer. */
    public LoginGate login() { return login; }

    /** Replaces the horn's sound (tests record it instead of playing it). */
    public void useAlertSound(AlertSound sound) { banner.horn().use(sound); }

    public ObjectProperty<UserMode> modeProperty() { return appearance.modeProperty(); }

    public ObjectProperty<Theme> themeProperty() { return appearance.themeProperty(); }

    /** The timings of the last project opened, or null. */
    public OpenTimings lastOpenTimings() { return session.lastOpenTimings(); }
}
