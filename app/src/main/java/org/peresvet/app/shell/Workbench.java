package org.peresvet.app.shell;

import org.peresvet.app.wizard.BrokerSettingsPane;
import org.peresvet.app.wizard.ConnectorWizard;
import javafx.stage.Window;
import javafx.stage.Stage;
import javafx.scene.Scene;
import java.util.ResourceBundle;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import org.peresvet.app.Messages;
import org.peresvet.app.alarm.AlarmListView;
import org.peresvet.app.common.FormulaRef;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.formula.FormulaEditor;
import org.peresvet.app.formula.FormulaTarget;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxPulse;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.mnemonic.ScreenView;
import org.peresvet.app.mnemonic.Symbols;
import org.peresvet.app.mnemonic.editor.EditorModel;
import org.peresvet.app.mnemonic.editor.LivePreview;
import org.peresvet.app.mnemonic.editor.ScreenEditor;
import org.peresvet.app.project.AlarmCommands;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.app.tree.NodeRef;
import org.peresvet.app.tree.ObjectView;
import org.peresvet.app.tree.PropertiesModel;
import org.peresvet.app.tree.PropertiesView;
import org.peresvet.app.tree.References;
import org.peresvet.app.tree.ScreensPanel;
import org.peresvet.app.tree.TreeController;
import org.peresvet.app.tree.WriteService;
import org.peresvet.app.trend.PopupTrend;
import org.peresvet.app.trend.TrendList;
import org.peresvet.app.trend.TrendStore;
import org.peresvet.app.trend.TrendView;
import org.peresvet.history.HistoryQuery;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.runtime.Subscription;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;

/**
 * The screens of the main window and what they share: the value bridge and its pulse, the model
 * editor with the project's undo history, the tree, the property sheet, the tabs. Every screen
 * gets the open project as a {@link ProjectContext} (or a part of it), never the engine. FX
 * thread only.
 */
public final class Workbench {
    private final Supplier<ProjectContext> project;
    private final AlarmBanner banner;
    private final Feedback feedback;
    private final DialogService dialogs;
    private final ObjectProperty<UserMode> mode;
    private final ValueBridge bridge = new ValueBridge();
    private final FxPulse pulse = new FxPulse(bridge);
    private final ModelEditor editor;
    private final References references = new References();
    private final TreeController tree;
    private final ScreensPanel screensPanel;
    private final PropertiesModel properties;
    private final PropertiesView propertiesView;
    private final ObjectView objectView;
    private TabHost tabHost;
    private AlarmListView alarmView;
    private Subscription modelChanges;

    Workbench(Executor edits, Supplier<ProjectContext> project, AlarmBanner banner, Feedback feedback, ObjectProperty<UserMode> mode,
              DialogService dialogs) {
        this.project = project;
        this.dialogs = dialogs;
        this.banner = banner;
        this.feedback = feedback;
        this.mode = mode;
        editor = new ModelEditor(new NoProject(), edits, Platform::runLater);
        editor.onApplied(c -> bridge.publishModel());
        tree = new TreeController(editor, bridge.modelProperty(), references, feedback, dialogs);
        screensPanel = new ScreensPanel(editor, bridge.modelProperty(), feedback, dialogs);
        screensPanel.onOpen(this::openScreen);
        tree.addBelow(screensPanel.view());
        properties = new PropertiesModel(editor);
        propertiesView = new PropertiesView(properties);
        objectView = new ObjectView(bridge, () -> {
            ProjectContext p = project.get();
            if (p == null) {
                throw new IllegalStateException(Messages.get("shell.noProject"));
            }
            return WriteService.Target.of(p);
        }, dialogs);
        tree.onEditFormula(this::openFormula);
        tree.onTrend(this::openTrend);
        objectView.onPopupTrend(this::popupTrend);
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
        // A delete names the screens that show or write what it removes.
        references.register(ScreenUsage::find);
        references.registerRenames(ScreenUsage::rename);
        // The alarm feed reads the project's list at most once per refresh, on the pulse.
        pulse.also(() -> banner.poll(this::showAlarmMarks));
    }

    /** Puts the screens that are always there into the tab pane. */
    void openIn(TabPane tabs) {
        tabHost = new TabHost(tabs);
        tabHost.open(objectView);
    }

    Node propertiesView() {
        return propertiesView.view();
    }

    void editable(boolean edit) {
        tree.editableProperty().set(edit);
        screensPanel.editableProperty().set(edit);
        properties.editableProperty().set(edit);
    }

    private void showAlarmMarks(Map<UUID, String> marks) {
        if (!marks.equals(objectView.alarmMarksProperty().get())) {
            objectView.alarmMarksProperty().set(marks);
        }
    }

    void attach(ProjectContext p) {
        editor.retarget(ModelEditor.Target.of(p.model()));
        modelChanges = p.model().onChange(c -> {
            if (project.get() == p) {
                bridge.modelChanged(c.snapshot());
                banner.feed().invalidate(); // paths and names in the alarm list follow the model
            }
        });
        ModelSnapshot m = p.model().snapshot();
        bridge.attach(p.values(), m);
        tree.reset();
        pulse.start();
        // Start on the first object that has tags, so the window shows live values at once.
        UUID first = firstObjectWithTags(m, null, 0);
        if (first == null && !m.childObjects(null).isEmpty()) {
            first = m.childObjects(null).get(0).id();
        }
        if (first != null) {
            // After the frame that shows the tree: the object view and property sheet fill one pulse later.
            NodeRef start = NodeRef.object(first);
            Platform.runLater(() -> {
                if (project.get() == p && tree.selection().isEmpty()) {
                    tree.select(List.of(start));
                }
            });
        }
    }

    void detach() {
        if (modelChanges != null) {
            modelChanges.close();
            modelChanges = null;
        }
        pulse.stop();
        bridge.detach();
        if (alarmView != null) {
            alarmView.history().show(List.of());
        }
        if (tabHost != null) {
            tabHost.screen(ObjectView.KEY).ifPresent(s -> objectView.show(null, null));
        }
        editor.retarget(new NoProject());
    }

    void close() {
        pulse.stop();
    }

    /** Depth-first, children in tree order, at most a few levels deep (a large tree is not walked). */
    private static UUID firstObjectWithTags(ModelSnapshot m, UUID parent, int depth) {
        if (depth > 4) {
            return null;
        }
        for (ObjectDef o : m.childObjects(parent)) {
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

    /** The object selected in the tree when exactly one object is selected, else null. */
    UUID selectedObject() {
        List<NodeRef> sel = tree.selection();
        return sel.size() == 1 && sel.get(0).isObject() ? sel.get(0).id() : null;
    }

    /** The object selected in the tree (a tag's object for a tag), or null. */
    private UUID treeObject() {
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

    void writeValue() {
        tabHost.open(objectView);
        objectView.writeSelected();
    }

    /** Opens (or selects) the alarm list tab on its active page or its history. */
    AlarmListView showAlarms(boolean active) {
        AlarmListView v = alarmView();
        tabHost.open(v);
        v.showPage(active);
        return v;
    }

    /** The alarm list screen, built on first use. */
    public AlarmListView alarmView() {
        if (alarmView == null) {
            alarmView = new AlarmListView(banner.list(), new AlarmListView.Context() {
                @Override
                public AlarmCommands alarms() {
                    ProjectContext p = project.get();
                    return p == null ? null : p.alarms();
                }

                @Override
                public UUID treeObject() {
                    return Workbench.this.treeObject();
                }

                @Override
                public void changed() {
                    banner.feed().invalidate();
                }

                @Override
                public DialogService dialogs() {
                    return dialogs;
                }
            }, feedback);
        }
        return alarmView;
    }

    /**
     * Opens the formula editor on a calculated tag's or a write method's formula (or shows the
     * tab already open for it). Returns the editor, or null when there is nothing to edit.
     */
    public FormulaEditor openFormula(FormulaRef ref) {
        ProjectContext p = project.get();
        ModelSnapshot m = bridge.getModel();
        FormulaTarget target = new FormulaTarget(ref);
        if (p == null || m == null || !target.existsIn(m)) {
            feedback.error(Messages.get("formula.noFormula"));
            return null;
        }
        String key = FormulaEditor.key(target);
        var open = tabHost.screen(key);
        if (open.isPresent()) {
            return (FormulaEditor) tabHost.open(open.get());
        }
        FormulaEditor.History history = (id, at) -> {
            var data = p.history().read(HistoryQuery.current(id).withFinish(at)).data();
            return data.isEmpty() ? null : data.get(data.size() - 1);
        };
        FormulaEditor screen = new FormulaEditor(target, bridge, editor, history, feedback,
                mode.isEqualTo(UserMode.ENGINEER),
                () -> tabHost.closeTab(key));
        return (FormulaEditor) tabHost.open(screen);
    }

    /** Opens (or selects) the mnemonic screens tab; a new one starts on the home screen. */
    public ScreenView showScreens() {
        var open = tabHost.screen(ScreenView.KEY);
        if (open.isPresent()) {
            return (ScreenView) tabHost.open(open.get());
        }
        ScreenView v = new ScreenView(new ScreenView.Context() {
            @Override
            public ProjectContext project() {
                return project.get();
            }

            @Override
            public ValueBridge bridge() {
                return bridge;
            }

            @Override
            public List<ScreenDef> screens() {
                ModelSnapshot m = bridge.getModel();
                return m == null ? List.of() : ScreenDocuments.all(m);
            }
        });
        v.setTrendPopup(this::popupTrend);
        tabHost.open(v);
        v.home();
        return v;
    }

    private int trends;

    /** Opens a new trend tab with pens for these tags; returns it, or null without a project. */
    public TrendView openTrend(List<UUID> tagIds) {
        ProjectContext p = project.get();
        if (p == null) {
            feedback.error(Messages.get("shell.noProject"));
            return null;
        }
        TrendStore store = new TrendStore(editor, feedback::error);
        store.onManage(this::openTrendList);
        TrendView view = new TrendView("trend-" + ++trends, p, store, feedback::error);
        view.theme(tabHost.isDark());
        tagIds.forEach(view::addPen);
        return (TrendView) tabHost.open(view);
    }

    /** The saved trends as a tab (open, rename, duplicate, delete); selects it when open. */
    public TrendList openTrendList() {
        var open = tabHost.screen(TrendList.KEY);
        if (open.isPresent()) {
            return (TrendList) tabHost.open(open.get());
        }
        TrendStore store = new TrendStore(editor, feedback::error);
        return (TrendList) tabHost.open(new TrendList(store, doc -> {
            TrendView v = openTrend(List.of());
            if (v != null) {
                store.open(v, doc);
            }
        }, feedback::error));
    }

    /** The last hour of one tag in a small window. */
    public TrendView popupTrend(UUID tagId) {
        ProjectContext p = project.get();
        return p == null ? null : PopupTrend.show(p, tagId, tabHost.window());
    }

    /** Opens the mnemonic screen editor tab (or selects it when open). */
    public ScreenEditor openScreenEditor() {
        var open = tabHost.screen(ScreenEditor.KEY);
        if (open.isPresent()) {
            return (ScreenEditor) tabHost.open(open.get());
        }
        EditorModel model = new EditorModel(editor, bridge.modelProperty());
        ScreenEditor screen = new ScreenEditor(model, Symbols::create, LivePreview.over(bridge), dialogs, (title, text) -> dialogs.confirm(
                new DialogService.Confirmation(title, null, text, null, List.of(), Messages.get("button.ok"), false)));
        return (ScreenEditor) tabHost.open(screen);
    }

    /** Opens a screen from the screens list: in the editor for an engineer, running otherwise. */
    public void openScreen(UUID id) {
        if (mode.get() == UserMode.ENGINEER) {
            openScreenEditor().model().open(id);
            return;
        }
        ModelSnapshot m = bridge.getModel();
        if (m != null) {
            ScreenDocuments.get(m, id).ifPresent(s -> showScreens().open(s));
        }
    }

    public ScreensPanel screensPanel() {
        return screensPanel;
    }

    public ValueBridge bridge() {
        return bridge;
    }

    /** Opens the connector wizard over the open project (a window of its own, owned by {@code owner}). */
    public ConnectorWizard openWizard(Window owner) {
        ProjectContext p = project.get();
        if (p == null || p.boards() == null) {
            return null;
        }
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(ResourceBundle.getBundle(ConnectorWizard.BUNDLE).getString("wizard.title"));
        ConnectorWizard w = new ConnectorWizard(p, editor, stage::close);
        stage.setOnHidden(e -> w.close());
        stage.setScene(new Scene(w, 1080, 640));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.show();
        return w;
    }

    /** Project → MQTT broker…: the built-in broker's settings, a window of its own. */
    public void openBrokerSettings(Window owner) {
        ProjectContext p = project.get();
        if (p == null || p.boards() == null) {
            return;
        }
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(Messages.get("menu.brokerSettings"));
        stage.setScene(new Scene(new BrokerSettingsPane(p.boards(), stage::close), 760, 600));
        stage.show();
    }

    public ModelEditor editor() {
        return editor;
    }

    public TreeController tree() {
        return tree;
    }

    public ObjectView objectView() {
        return objectView;
    }

    public References references() {
        return references;
    }

    public TabHost tabs() {
        return tabHost;
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
