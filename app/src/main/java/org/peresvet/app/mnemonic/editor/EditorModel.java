package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenCodec;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.SymbolDef;
import org.peresvet.screen.SymbolDocuments;
import org.peresvet.screen.SymbolLibrary;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * The screen editor without its view: which screen is edited, what is selected, and every change
 * as one undoable put of the screen's document through the {@link ModelEditor}. The screen shown
 * is the model's; a change shows at once (optimistically) and the model confirms it, or the
 * refusal puts the model's screen back. FX thread only; toolkit-free apart from properties.
 */
public final class EditorModel {
    /** Copied widgets, shared by every open editor so a copy pastes into another screen. */
    private static String clipboard;

    /** One daemon thread for the screen checks of every open editor. */
    private static final Executor CHECKS = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "screen-checks");
        t.setDaemon(true);
        return t;
    });

    private final ModelEditor editor;
    private final BackgroundChecks checker;
    private final ObservableValue<ModelSnapshot> model;
    private final ChangeListener<ModelSnapshot> modelListener = (o, a, m) -> modelChanged(m);
    private final ReadOnlyObjectWrapper<ScreenDef> screen = new ReadOnlyObjectWrapper<>(this, "screen");
    private final ObservableList<String> selection = FXCollections.observableArrayList();
    private final ObservableList<ScreenFindings.Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<DocumentDef> screens = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObjectProperty<Snapping> snapping = new SimpleObjectProperty<>(this, "snapping", Snapping.DEFAULT);
    /** The widget whose properties the sheet shows (a widget inside a group after a jump), or null. */
    private final ReadOnlyObjectWrapper<String> focus = new ReadOnlyObjectWrapper<>(this, "focus");
    private UUID screenId;
    private ModelSnapshot lastModel;
    /** The document last put and its screen: the model's echo of a change is not parsed again. */
    private DocumentDef putDoc;
    private ScreenDef putScreen;
    /** What the findings were last computed for: a change is checked once, not again on its echo. */
    private ScreenDef checkedScreen;
    private ModelSnapshot checkedModel;
    /** Library symbols: the definitions, the library read once per model, a count that moves when they change. */
    private final ObservableList<DocumentDef> symbols = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper libraryVersion = new ReadOnlyIntegerWrapper(this, "libraryVersion");
    private SymbolLibrary library;
    private ModelSnapshot libraryModel;

    public EditorModel(ModelEditor editor, ObservableValue<ModelSnapshot> model) {
        this(editor, model, CHECKS, Platform::runLater);
    }

    /**
     * @param checks where the screen checks run (off the FX thread: a check compiles every
     *               expression of the screen)
     * @param fx     the FX thread, where their result is shown
     */
    public EditorModel(ModelEditor editor, ObservableValue<ModelSnapshot> model, Executor checks, Executor fx) {
        this.editor = editor;
        this.model = model;
        this.checker = new BackgroundChecks(checks, fx, findings);
        model.addListener(modelListener);
        selection.addListener((ListChangeListener<String>) c ->
                focus.set(selection.size() == 1 ? selection.get(0) : null));
        modelChanged(model.getValue());
    }

    /** Stops following the model (the tab closed). */
    public void dispose() {
        model.removeListener(modelListener);
    }

    public ModelEditor editor() {
        return editor;
    }

    public ModelSnapshot snapshot() {
        return lastModel == null ? ModelSnapshot.empty() : lastModel;
    }

    // ---- screens ------------------------------------------------------------------------------

    /** The project's screens by name. */
    public ObservableList<DocumentDef> screens() {
        return screens;
    }

    /** Edits the screen with {@code id} (the selection starts empty). */
    public void open(UUID id) {
        screenId = id;
        selection.clear();
        reload();
    }

    public UUID screenId() {
        return screenId;
    }

    public ReadOnlyObjectProperty<ScreenDef> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    public ScreenDef screen() {
        return screen.get();
    }

    /** A new empty screen (the defaults: 1280 × 800, ISA-101 grey); opens it. */
    public CompletableFuture<?> newScreen(String name) {
        ScreenDef s = ScreenDef.of(UUID.randomUUID(), name);
        return put(EditorText.get("undo.newScreen", name), s).thenRun(() -> open(s.id()));
    }

    public CompletableFuture<?> rename(UUID id, String name) {
        DocumentDef d = snapshot().document(id).orElseThrow();
        return apply(EditorText.get("undo.renameScreen", d.name(), name), List.of(new ModelEdit.PutDocument(d.withName(name))));
    }

    /** A copy of a screen under a free name ("Overview copy", "Overview copy 2", …); opens it. */
    public CompletableFuture<?> duplicate(UUID id) {
        DocumentDef d = snapshot().document(id).orElseThrow();
        String name = freeName(d.name() + " copy");
        DocumentDef copy = new DocumentDef(UUID.randomUUID(), d.kind(), name, d.body());
        return apply(EditorText.get("undo.duplicateScreen", d.name()), List.of(new ModelEdit.PutDocument(copy)))
                .thenRun(() -> open(copy.id()));
    }

    public CompletableFuture<?> delete(UUID id) {
        DocumentDef d = snapshot().document(id).orElseThrow();
        return apply(EditorText.get("undo.deleteScreen", d.name()), List.of(new ModelEdit.DeleteDocument(id)));
    }

    /** "Screen: widget" for every navigation button of another screen that leads to the screen {@code id}. */
    public List<String> referencesTo(UUID id) {
        DocumentDef d = snapshot().document(id).orElse(null);
        List<String> out = new ArrayList<>();
        if (d == null) {
            return out;
        }
        for (DocumentDef other : snapshot().documents(ScreenDef.KIND)) {
            if (other.id().equals(id)) {
                continue;
            }
            ScreenDef s = read(other);
            if (s == null) {
                continue;
            }
            for (WidgetDef w : s.allWidgets()) {
                if (w.type().equals(WidgetTypes.NAVIGATION) && w.text("target").equalsIgnoreCase(d.name())) {
                    out.add(other.name() + ": " + w.id());
                }
            }
        }
        return out;
    }

    private String freeName(String base) {
        String name = base;
        for (int i = 2; snapshot().findDocument(ScreenDef.KIND, name).isPresent(); i++) {
            name = base + " " + i;
        }
        return name;
    }

    // ---- selection ----------------------------------------------------------------------------

    /** Top-level widget ids, in the order they were picked. */
    public ObservableList<String> selection() {
        return selection;
    }

    public void select(Collection<String> ids) {
        selection.setAll(new LinkedHashSet<>(ids));
    }

    /** Adds or removes one widget (shift-click). */
    public void toggle(String id) {
        if (!selection.remove(id)) {
            selection.add(id);
        }
    }

    public void selectAll() {
        ScreenDef s = screen();
        select(s == null ? List.of() : s.widgets().stream().map(WidgetDef::id).toList());
    }

    /** Selects the top-level widget holding {@code widgetId} and shows {@code widgetId}'s properties (a check's jump). */
    public void jumpTo(String widgetId) {
        ScreenDef s = screen();
        // a finding inside a symbol instance names the instance's widget: jump to the instance
        String top = s == null ? null : ScreenEdits.topLevelOf(expanded(s), widgetId);
        if (top != null) {
            select(List.of(top));
            focus.set(s.widget(widgetId).isPresent() ? widgetId : top);
        }
    }

    public ReadOnlyObjectProperty<String> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /** The widget the property sheet edits, or null. */
    public WidgetDef focused() {
        ScreenDef s = screen();
        return s == null || focus.get() == null ? null : s.widget(focus.get()).orElse(null);
    }

    public ObjectProperty<Snapping> snappingProperty() {
        return snapping;
    }

    public Layout layout() {
        ScreenDef s = screen();
        return s == null ? Layout.of(ScreenDef.of(UUID.randomUUID(), "none")) : Layout.of(sized(s));
    }

    // ---- changes ------------------------------------------------------------------------------

    public ObservableList<ScreenFindings.Finding> findings() {
        return findings;
    }

    /** The last refusal or note, for the status line; "" when all went well. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Places a widget of {@code type} at x, y (snapped to the grid) and selects it. */
    public void place(String type, double x, double y) {
        if (type.startsWith(SYMBOL_PREFIX)) {
            placeSymbol(UUID.fromString(type.substring(SYMBOL_PREFIX.length())), armedValues, x, y);
            return;
        }
        Snapping sn = snapping.get();
        ScreenEdits.Added a = ScreenEdits.place(screen(), type, sn.toGrid(x), sn.toGrid(y));
        change(EditorText.get("undo.place", type), a.screen(), a.ids());
    }

    public void move(double dx, double dy) {
        change(EditorText.get("undo.move", selection.size()), ScreenEdits.move(screen(), selection, dx, dy), selection);
    }

    /** Arrow keys: one unit, or one grid step with shift. */
    public void nudge(int sx, int sy, boolean big) {
        double step = big ? Math.max(1, snapping.get().grid()) * (snapping.get().grid() > 0 ? 1 : 10) : 1;
        move(sx * step, sy * step);
    }

    public void resize(String id, Box to) {
        change(EditorText.get("undo.resize", id), ScreenEdits.resize(screen(), id, to), selection);
    }

    public void align(Arrange.Align how) {
        if (selection.size() < 2) {
            return;
        }
        Map<String, Box> to = Arrange.align(layout().boxesOf(selection), how);
        change(EditorText.get("undo.align", selection.size()), ScreenEdits.moveTo(screen(), to), selection);
    }

    public void distribute(boolean horizontal) {
        Map<String, Box> to = Arrange.distribute(layout().boxesOf(selection), horizontal);
        change(EditorText.get("undo.distribute", selection.size()), ScreenEdits.moveTo(screen(), to), selection);
    }

    public void group() {
        if (selection.size() < 2) {
            return;
        }
        ScreenEdits.Added a = ScreenEdits.group(screen(), selection);
        change(EditorText.get("undo.group", selection.size()), a.screen(), a.ids());
    }

    public void ungroup() {
        // a library symbol's instance ungroups into a copy of its drawing, no longer following the definition
        ScreenEdits.Added a = ScreenEdits.ungroup(expandedInstances(screen(), selection), selection);
        if (!a.ids().isEmpty()) {
            change(EditorText.get("undo.ungroup"), a.screen(), a.ids());
        }
    }

    public void zOrder(ScreenEdits.ZOrder how) {
        change(EditorText.get("undo.zorder"), ScreenEdits.zOrder(screen(), selection, how), selection);
    }

    public void delete() {
        if (!selection.isEmpty()) {
            change(EditorText.get("undo.delete", selection.size()), ScreenEdits.delete(screen(), selection), List.of());
        }
    }

    public void copy() {
        if (!selection.isEmpty()) {
            clipboard = ScreenEdits.copy(screen(), selection);
        }
    }

    public void cut() {
        copy();
        delete();
    }

    /** Pastes the copied widgets; into the screen they came from, one grid step down and right. */
    public void paste() {
        if (clipboard == null || screen() == null) {
            return;
        }
        Set<String> before = ScreenEdits.ids(screen());
        double offset = 0;
        try {
            ScreenDef copied = ScreenCodec.read(UUID.randomUUID(), "clipboard", clipboard);
            if (copied.widgets().stream().anyMatch(w -> before.contains(w.id()))) {
                offset = Math.max(8, snapping.get().grid());
            }
        } catch (ModelException e) {
            message.set(e.getMessage());
            return;
        }
        ScreenEdits.Added a = ScreenEdits.paste(screen(), clipboard, offset, offset);
        change(EditorText.get("undo.paste", a.ids().size()), a.screen(), a.ids());
    }

    /** Whether something was copied (in any editor). */
    public static boolean hasClipboard() {
        return clipboard != null;
    }

    /** Replaces one widget (the property sheet's change). */
    public boolean replace(String label, WidgetDef before, WidgetDef after) {
        if (before.equals(after)) {
            return true;
        }
        return change(label, ScreenEdits.replace(screen(), before.id(), after), selection);
    }

    /** Changes the screen's own size, background or level. */
    public boolean changeScreen(String label, ScreenDef next) {
        return change(label, next, selection);
    }

    /** Adds an imported drawing as one group at x, y and selects it. */
    public void addGroup(String label, List<WidgetDef> widgets, double x, double y) {
        ScreenDef s = screen();
        Set<String> taken = ScreenEdits.ids(s);
        String clip = ScreenCodec.write(ScreenDef.of(UUID.randomUUID(), "import").withWidgets(List.of(
                WidgetDef.group(ScreenEdits.uniqueId(taken, "drawing"), widgets))));
        ScreenEdits.Added a = ScreenEdits.paste(s, clip, x, y);
        change(label, a.screen(), a.ids());
    }

    /**
     * Shows {@code next} at once and puts it into the model as one undoable step; the selection
     * becomes {@code select}. False (with the reason in {@link #messageProperty()}) when refused.
     */
    boolean change(String label, ScreenDef requested, Collection<String> select) {
        ScreenDef now = screen();
        if (now == null || requested == null) {
            return false;
        }
        // a symbol's drawing keeps only its size and widgets (no background, level or home)
        ScreenDef next;
        try {
            next = symbolOpen() ? SymbolDocuments.read(documentOf(requested)).asScreen() : requested;
        } catch (ModelException | IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
        List<String> sel = List.copyOf(select);
        if (next.equals(now)) {
            return true;
        }
        try {
            put(label, next);
        } catch (ModelException | IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
        screen.set(next);
        String kept = focus.get();
        Set<String> top = topLevelIds(next);
        selection.setAll(sel.stream().filter(top::contains).toList());
        // A widget inside a group stays in the sheet after its own change.
        if (kept != null && next.widget(kept).isPresent() && selection.size() == 1
                && selection.get(0).equals(ScreenEdits.topLevelOf(next, kept))) {
            focus.set(kept);
        }
        refreshFindings();
        return true;
    }

    private CompletableFuture<?> put(String label, ScreenDef s) {
        DocumentDef doc = documentOf(s);
        putDoc = doc;
        putScreen = s;
        return apply(label, List.of(new ModelEdit.PutDocument(doc)));
    }

    private CompletableFuture<?> apply(String label, List<ModelEdit> edits) {
        message.set("");
        return editor.apply(label, edits).whenComplete((c, err) -> {
            if (err != null) {
                Throwable cause = err.getCause() != null ? err.getCause() : err;
                message.set(cause.getMessage());
                reload();
            }
        });
    }

    // ---- model --------------------------------------------------------------------------------

    private void modelChanged(ModelSnapshot m) {
        lastModel = m;
        List<DocumentDef> docs = m == null ? List.of() : m.documents(ScreenDef.KIND);
        if (!docs.equals(screens)) {
            screens.setAll(docs);
        }
        List<DocumentDef> defs = m == null ? List.of() : m.documents(SymbolDef.KIND);
        if (!defs.equals(symbols)) {
            symbols.setAll(defs);
            libraryVersion.set(libraryVersion.get() + 1);
        }
        reload();
    }

    private void reload() {
        ScreenDef s = null;
        if (screenId != null) {
            Optional<DocumentDef> d = snapshot().document(screenId);
            s = d.map(this::readOwn).orElse(null);
        }
        if (s == null || !s.equals(screen.get())) {
            screen.set(s);
            Set<String> top = s == null ? Set.of() : topLevelIds(s);
            selection.removeIf(id -> !top.contains(id));
        }
        refreshFindings();
    }

    private static Set<String> topLevelIds(ScreenDef s) {
        Set<String> ids = new HashSet<>();
        s.widgets().forEach(w -> ids.add(w.id()));
        return ids;
    }

    private ScreenDef readOwn(DocumentDef d) {
        return d.equals(putDoc) ? putScreen : read(d);
    }

    /** The screen in a document (a library symbol's drawing as a screen), or null when its body cannot be read (reported elsewhere). */
    static ScreenDef read(DocumentDef d) {
        try {
            if (d.kind().equals(SymbolDef.KIND)) {
                return SymbolDocuments.read(d).asScreen();
            }
            return ScreenCodec.read(d.id(), d.name(), d.body());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void refreshFindings() {
        ScreenDef s = screen.get();
        if (s != null && snapshot() == checkedModel && s.equals(checkedScreen)) {
            return;
        }
        checkedScreen = s;
        checkedModel = snapshot();
        checker.check(snapshot(), s, screens.stream().map(DocumentDef::name).toList(), s != null && symbolOpen());
    }

    // ---- library symbols ----------------------------------------------------------------------

    /** What the palette arms to place a library symbol: this and the definition's id. */
    public static final String SYMBOL_PREFIX = "symbol:";
    /** The parameter values the armed symbol is placed with. */
    private Map<String, String> armedValues = Map.of();

    /** Arms the canvas's next click to place the symbol {@code symbolId} with {@code values}; returns what to arm. */
    public String armSymbol(UUID symbolId, Map<String, String> values) {
        armedValues = Map.copyOf(values);
        return SYMBOL_PREFIX + symbolId;
    }

    /** The project's library symbols by name. */
    public ObservableList<DocumentDef> symbols() {
        return symbols;
    }

    /** Moves whenever a library symbol changes: what the canvas draws for instances may have changed. */
    public ReadOnlyIntegerProperty libraryVersionProperty() {
        return libraryVersion.getReadOnlyProperty();
    }

    /** The model's library symbols (read once per model). */
    public SymbolLibrary library() {
        ModelSnapshot m = snapshot();
        if (library == null || libraryModel != m) {
            library = SymbolLibrary.of(m);
            libraryModel = m;
        }
        return library;
    }

    /** Whether the open document is a library symbol's definition rather than a screen. */
    public boolean symbolOpen() {
        return screenId != null && snapshot().document(screenId).map(d -> d.kind().equals(SymbolDef.KIND)).orElse(false);
    }

    /**
     * {@code s} as drawn: each symbol instance replaced by its definition's widgets, a top-level
     * instance with its parameter values filled in (Pump2's name shows, not {@code $(name)}).
     */
    public ScreenDef expanded(ScreenDef s) {
        ScreenDef x = s == null ? null : library().expand(s);
        return x == null || x == s ? x : x.withWidgets(filled(s.widgets(), x.widgets()));
    }

    /** The expanded widgets {@code drawn} with each instance's parameter values filled in ({@code stored} tells which are instances). */
    private static List<WidgetDef> filled(List<WidgetDef> stored, List<WidgetDef> drawn) {
        List<WidgetDef> out = new ArrayList<>(drawn.size());
        for (int i = 0; i < drawn.size(); i++) {
            WidgetDef was = stored.get(i);
            WidgetDef w = drawn.get(i);
            if (WidgetTypes.SYMBOL.equals(was.type()) && w.widgetType().container()) {
                out.add(w.expand(Map.of()));
            } else if (!was.children().isEmpty()) {
                out.add(w.withChildren(filled(was.children(), w.children())));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** {@code s} with each top-level instance as large as its definition now is (what selection and hits use). */
    private ScreenDef sized(ScreenDef s) {
        if (symbols.isEmpty()) {
            return s;
        }
        List<WidgetDef> ws = new ArrayList<>(s.widgets().size());
        boolean changed = false;
        for (WidgetDef w : s.widgets()) {
            SymbolDef d = library().definitionOf(w).orElse(null);
            WidgetDef sizedW = d == null ? w : w.size(d.width(), d.height());
            changed |= sizedW != w;
            ws.add(sizedW);
        }
        return changed ? s.withWidgets(ws) : s;
    }

    /** The selection as a draft symbol (its widgets and the object its bindings use). */
    public SymbolDraft draftOfSelection() {
        return SymbolDraft.of(screen(), selection, snapshot());
    }

    /**
     * Saves the draft as the library symbol {@code name} for the parameter object {@code object} and
     * puts an instance for that object where the selection was: one undoable step.
     */
    public boolean saveAsSymbol(SymbolDraft draft, String name, String object) {
        ScreenDef s = screen();
        if (s == null || selection.isEmpty()) {
            return false;
        }
        try {
            SymbolDef def = draft.define(UUID.randomUUID(), name, object);
            Box all = Box.union(layout().boxesOf(selection).values());
            String id = ScreenEdits.uniqueId(ScreenEdits.ids(ScreenEdits.delete(s, selection)), "symbol");
            WidgetDef instance = SymbolLibrary.instance(id, def, SymbolDraft.valuesFor(object), all.x(), all.y());
            // the instance takes the place of the topmost picked widget in the drawing order
            String top = s.widgets().stream().filter(w -> selection.contains(w.id())).reduce((a, b) -> b).orElseThrow().id();
            List<WidgetDef> ws = new ArrayList<>();
            for (WidgetDef w : s.widgets()) {
                if (w.id().equals(top)) {
                    ws.add(instance);
                } else if (!selection.contains(w.id())) {
                    ws.add(w);
                }
            }
            return changeWith(EditorText.get("undo.saveSymbol", name), s.withWidgets(ws), List.of(id),
                    List.of(SymbolDocuments.put(def)));
        } catch (ModelException | IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
    }

    /** Places an instance of the symbol {@code symbolId} with the parameter values {@code values} at x, y (snapped) and selects it. */
    public void placeSymbol(UUID symbolId, Map<String, String> values, double x, double y) {
        SymbolDef def = SymbolDocuments.get(snapshot(), symbolId).orElse(null);
        ScreenDef s = screen();
        if (def == null || s == null) {
            return;
        }
        if (symbolOpen() && (def.id().equals(screenId) || library().symbolsUsing(screenId).contains(def.name()))) {
            message.set(EditorText.get("symbol.inItself", def.name()));
            return;
        }
        Snapping sn = snapping.get();
        String id = ScreenEdits.uniqueId(ScreenEdits.ids(s), "symbol");
        List<WidgetDef> ws = new ArrayList<>(s.widgets());
        ws.add(SymbolLibrary.instance(id, def, values, sn.toGrid(x), sn.toGrid(y)));
        change(EditorText.get("undo.placeSymbol", def.name()), s.withWidgets(ws), List.of(id));
    }

    /** The screens (and other symbols) that place the symbol {@code symbolId}: what deleting it breaks. */
    public List<String> symbolUsers(UUID symbolId) {
        List<ScreenDef> all = new ArrayList<>();
        for (DocumentDef d : screens) {
            ScreenDef s = read(d);
            if (s != null) {
                all.add(s);
            }
        }
        List<String> out = new ArrayList<>(library().screensUsing(symbolId, all));
        for (String sym : library().symbolsUsing(symbolId)) {
            out.add(EditorText.get("symbol.usedBySymbol", sym));
        }
        return out;
    }

    /** Renames a library symbol; its instances refer to it by id and keep showing it. */
    public CompletableFuture<?> renameSymbol(UUID symbolId, String name) {
        DocumentDef d = snapshot().document(symbolId).orElseThrow();
        return apply(EditorText.get("undo.renameSymbol", d.name(), name), List.of(new ModelEdit.PutDocument(d.withName(name))));
    }

    /** Deletes the library symbol {@code symbolId} (its instances then show as missing and the check lists them). */
    public CompletableFuture<?> deleteSymbol(UUID symbolId) {
        DocumentDef d = snapshot().document(symbolId).orElseThrow();
        if (symbolId.equals(screenId)) {
            screenId = null;
            selection.clear();
        }
        return apply(EditorText.get("undo.deleteSymbol", d.name()), List.of(new ModelEdit.DeleteDocument(symbolId)));
    }

    /** The document that stores the edited screen, or the edited symbol's definition with its parameters kept. */
    private DocumentDef documentOf(ScreenDef s) {
        if (symbolOpen()) {
            return SymbolDocuments.document(SymbolDocuments.read(snapshot().document(s.id()).orElseThrow()).edited(s));
        }
        return new DocumentDef(s.id(), ScreenDef.KIND, s.name(), ScreenCodec.write(s));
    }

    /** {@code s} with the top-level instances among {@code ids} replaced by groups of their definitions' widgets. */
    private ScreenDef expandedInstances(ScreenDef s, Collection<String> ids) {
        if (s == null || s.widgets().stream().noneMatch(w -> ids.contains(w.id()) && WidgetTypes.SYMBOL.equals(w.type()))) {
            return s;
        }
        List<WidgetDef> ws = new ArrayList<>();
        ScreenDef x = library().expand(s);
        for (int i = 0; i < s.widgets().size(); i++) {
            WidgetDef w = s.widgets().get(i);
            ws.add(ids.contains(w.id()) && WidgetTypes.SYMBOL.equals(w.type()) ? x.widgets().get(i) : w);
        }
        return s.withWidgets(ws);
    }

    /** Like {@link #change} with {@code extra} edits in the same undoable step. */
    private boolean changeWith(String label, ScreenDef next, Collection<String> select, List<ModelEdit> extra) {
        DocumentDef doc = documentOf(next);
        List<ModelEdit> edits = new ArrayList<>(extra);
        edits.add(new ModelEdit.PutDocument(doc));
        putDoc = doc;
        putScreen = next;
        apply(label, edits);
        screen.set(next);
        selection.setAll(List.copyOf(select));
        refreshFindings();
        return true;
    }
}
