package org.peresvet.app.alarm;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.peresvet.app.Messages;
import org.peresvet.app.common.WorkspaceTab;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxTask;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.fx.ReasonRetry;
import org.peresvet.app.fx.Views;
import org.peresvet.app.project.AlarmCommands;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.Micros;

/**
 * The alarm list tab: active alarms (filters, acknowledge, shelve, unshelve, reset) and the
 * journal's history (filters, CSV export). A thin controller over {@link AlarmListModel} and
 * {@link AlarmHistoryModel}; commands and journal reads run off the FX thread. FX thread only.
 */
public final class AlarmListView implements WorkspaceTab {
    public static final String KEY = "alarms";

    private static final PseudoClass UNACKED = PseudoClass.getPseudoClass("unacknowledged");
    private static final PseudoClass MASKED = PseudoClass.getPseudoClass("masked");
    private static final PseudoClass RTN = PseudoClass.getPseudoClass("returned");

    /** Where commands go and who gives them; looked up at each command since the project can change. */
    public interface Context {
        /** The open project's alarm commands (they record its actor), or null when no project is open. */
        AlarmCommands alarms();

        /** The object selected in the tree (a tag's object for a tag), or null. */
        UUID treeObject();

        /** A command took effect: read the list again at once. */
        void changed();

        /** Where the screen asks for files. */
        DialogService dialogs();
    }

    @FXML private TabPane pages;
    @FXML private Tab activeTab;
    @FXML private Tab historyTab;
    @FXML private Button ackButton;
    @FXML private Button ackAllButton;
    @FXML private CheckBox askComment;
    @FXML private Button shelveButton;
    @FXML private Button unshelveButton;
    @FXML private Button resetButton;
    @FXML private ComboBox<PriorityChoice> priorityFilter;
    @FXML private TextField subtreeField;
    @FXML private CheckBox showMasked;
    @FXML private Label summary;
    @FXML private Label filterError;
    @FXML private TableView<AlarmRow> table;
    @FXML private Label placeholder;
    @FXML private TableColumn<AlarmRow, String> timeColumn;
    @FXML private TableColumn<AlarmRow, AlarmPriority> priorityColumn;
    @FXML private TableColumn<AlarmRow, String> pathColumn;
    @FXML private TableColumn<AlarmRow, String> alarmColumn;
    @FXML private TableColumn<AlarmRow, String> messageColumn;
    @FXML private TableColumn<AlarmRow, String> valueColumn;
    @FXML private TableColumn<AlarmRow, AlarmRow> stateColumn;
    @FXML private ComboBox<AlarmHistoryModel.Period> periodFilter;
    @FXML private ComboBox<PriorityChoice> historyPriorityFilter;
    @FXML private ComboBox<StateChoice> stateFilter;
    @FXML private Button exportButton;
    @FXML private Label historySummary;
    @FXML private TableView<AlarmJournalEntry> historyTable;
    @FXML private TableColumn<AlarmJournalEntry, String> hTimeColumn;
    @FXML private TableColumn<AlarmJournalEntry, AlarmPriority> hPriorityColumn;
    @FXML private TableColumn<AlarmJournalEntry, String> hAlarmColumn;
    @FXML private TableColumn<AlarmJournalEntry, String> hTransitionColumn;
    @FXML private TableColumn<AlarmJournalEntry, String> hStateColumn;
    @FXML private TableColumn<AlarmJournalEntry, String> hValueColumn;
    @FXML private TableColumn<AlarmJournalEntry, String> hUserColumn;
    @FXML private TableColumn<AlarmJournalEntry, String> hCommentColumn;
    @FXML private TableColumn<AlarmJournalEntry, String> hMessageColumn;

    private final AlarmListModel model;
    private final AlarmHistoryModel history = new AlarmHistoryModel();
    private final Context context;
    private final Feedback feedback;
    private final Parent view;

    public AlarmListView(AlarmListModel model, Context context, Feedback feedback) {
        this.model = model;
        this.context = context;
        this.feedback = feedback;
        this.view = Views.load("alarm-list.fxml", this);
        buildActive();
        buildHistory();
    }

    /** A priority filter entry: this priority and more urgent (null: all). */
    public record PriorityChoice(AlarmPriority min) {
        static List<PriorityChoice> all() {
            List<PriorityChoice> out = new ArrayList<>();
            out.add(new PriorityChoice(null));
            for (AlarmPriority p : AlarmPriority.values()) {
                out.add(new PriorityChoice(p));
            }
            return out;
        }

        @Override
        public String toString() {
            if (min == null) {
                return Messages.get("alarms.allPriorities");
            }
            String name = AlarmText.marker(min) + " " + Messages.get("alarm.priority." + min.label());
            return min == AlarmPriority.CRITICAL ? name : Messages.get("alarms.andAbove", name);
        }
    }

    /** A state filter entry (null: all). */
    public record StateChoice(AlarmState state) {
        @Override
        public String toString() {
            return state == null ? Messages.get("alarms.allStates") : AlarmText.state(state);
        }
    }

    private void buildActive() {
        table.setItems(model.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        timeColumn.setCellValueFactory(c -> new SimpleStringProperty(AlarmText.shortTime(c.getValue().time(), java.time.LocalDate.now())));
        priorityColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().priority()));
        priorityColumn.setCellFactory(c -> new AlarmCells.PriorityCell<>());
        pathColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().objectPath()));
        pathColumn.setCellFactory(c -> new AlarmCells.TextCell<>(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS)); // the tag's name is the end
        alarmColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().alarm()));
        messageColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().message()));
        messageColumn.setCellFactory(c -> new AlarmCells.TextCell<>(javafx.scene.control.OverrunStyle.ELLIPSIS));
        valueColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().value()));
        stateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        stateColumn.setCellFactory(c -> new AlarmCells.StateCell());
        timeColumn.getStyleClass().add("time-column");
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(AlarmRow r, boolean empty) {
                super.updateItem(r, empty);
                boolean has = !empty && r != null;
                pseudoClassStateChanged(UNACKED, has && r.needsAck());
                pseudoClassStateChanged(MASKED, has && !r.annunciated());
                pseudoClassStateChanged(RTN, has && r.annunciated() && !r.active());
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.SPACE) {
                acknowledgeSelected();
                e.consume();
            }
        });
        // Selection survives a refresh: the rows are new objects, the alarms the same.
        model.beforeRowsChange(() -> {
            if (remembered.isEmpty()) {
                remembered = selection().stream().map(AlarmRow::id).toList();
            }
        });
        // After the table has handled the change itself (it drops the selection of replaced rows):
        // one runLater per refresh of the list, not per alarm event.
        model.rows().addListener((ListChangeListener<AlarmRow>) c -> {
            if (!remembered.isEmpty()) {
                javafx.application.Platform.runLater(this::reselect);
            }
        });
        var selected = table.getSelectionModel().getSelectedItems();
        ackButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.stream().noneMatch(AlarmRow::needsAck), selected));
        ackAllButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.rows().stream().noneMatch(AlarmRow::needsAck), model.rows()));
        shelveButton.disableProperty().bind(Bindings.isEmpty(selected));
        unshelveButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.stream().noneMatch(AlarmRow::shelved), selected));
        resetButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.stream().noneMatch(AlarmRow::resettable), selected));

        priorityFilter.getItems().setAll(PriorityChoice.all());
        priorityFilter.setValue(new PriorityChoice(model.minPriorityProperty().get()));
        priorityFilter.valueProperty().addListener((o, a, b) -> model.minPriorityProperty().set(b == null ? null : b.min()));
        showMasked.selectedProperty().bindBidirectional(model.showMaskedProperty());
        subtreeField.setText(model.subtreePath());
        model.subtreeProperty().addListener((o, a, b) -> subtreeField.setText(model.subtreePath()));
        model.rows().addListener((ListChangeListener<AlarmRow>) c -> showSummary());
        model.unacknowledgedProperty().addListener((o, a, b) -> showSummary());
        model.totalProperty().addListener((o, a, b) -> showSummary());
        showSummary();
    }

    private List<UUID> remembered = List.of();

    private void reselect() {
        if (remembered.isEmpty()) {
            return;
        }
        List<UUID> keep = remembered;
        remembered = List.of();
        table.getSelectionModel().clearSelection();
        List<AlarmRow> rows = model.rows();
        for (int i = 0; i < rows.size(); i++) {
            if (keep.contains(rows.get(i).id())) {
                table.getSelectionModel().select(i);
            }
        }
    }

    private void showSummary() {
        summary.setText(Messages.get("alarms.summary", model.rows().size(), model.totalProperty().get(),
                model.unacknowledgedProperty().get()));
        boolean filtered = model.subtreeProperty().get() != null || model.minPriorityProperty().get() != null
                || !model.showMaskedProperty().get();
        placeholder.setText(Messages.get(model.totalProperty().get() > 0 && filtered ? "alarms.noneShown" : "alarms.none"));
    }

    private void buildHistory() {
        historyTable.setItems(history.rows());
        historyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        hTimeColumn.setCellValueFactory(c -> new SimpleStringProperty(AlarmText.time(c.getValue().time())));
        hPriorityColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().priority()));
        hPriorityColumn.setCellFactory(c -> new AlarmCells.PriorityCell<>());
        hAlarmColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().alarmPath()));
        hAlarmColumn.setCellFactory(c -> new AlarmCells.TextCell<>(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS));
        hTransitionColumn.setCellValueFactory(c -> new SimpleStringProperty(
                Messages.get("alarm.transition." + c.getValue().transition().name().toLowerCase(java.util.Locale.ROOT))));
        hStateColumn.setCellValueFactory(c -> new SimpleStringProperty(AlarmText.state(c.getValue().state())));
        hValueColumn.setCellValueFactory(c -> new SimpleStringProperty(nz(c.getValue().value())));
        hUserColumn.setCellValueFactory(c -> new SimpleStringProperty(nz(c.getValue().user())));
        hCommentColumn.setCellValueFactory(c -> new SimpleStringProperty(nz(c.getValue().comment())));
        hMessageColumn.setCellValueFactory(c -> new SimpleStringProperty(nz(c.getValue().message())));

        periodFilter.getItems().setAll(AlarmHistoryModel.Period.values());
        periodFilter.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(AlarmHistoryModel.Period p) {
                return p == null ? "" : Messages.get("alarms.period." + p.name().toLowerCase(java.util.Locale.ROOT));
            }

            @Override
            public AlarmHistoryModel.Period fromString(String s) {
                return null;
            }
        });
        periodFilter.valueProperty().bindBidirectional(history.periodProperty());
        historyPriorityFilter.getItems().setAll(PriorityChoice.all());
        historyPriorityFilter.setValue(new PriorityChoice(null));
        historyPriorityFilter.valueProperty().addListener((o, a, b) -> {
            history.minPriorityProperty().set(b == null ? null : b.min());
            refreshHistory();
        });
        List<StateChoice> states = new ArrayList<>();
        states.add(new StateChoice(null));
        for (AlarmState s : AlarmState.values()) {
            states.add(new StateChoice(s));
        }
        stateFilter.getItems().setAll(states);
        stateFilter.setValue(states.get(0));
        stateFilter.valueProperty().addListener((o, a, b) -> {
            history.stateProperty().set(b == null ? null : b.state());
            refreshHistory();
        });
        history.periodProperty().addListener((o, a, b) -> refreshHistory());
        exportButton.disableProperty().bind(Bindings.isEmpty(history.rows()));
        pages.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t == historyTab) {
                refreshHistory();
            }
        });
        historySummary.setText(Messages.get("alarms.historyHint"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- active alarms: commands ----

    private List<AlarmRow> selection() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    /** Acknowledges the selected alarms that wait for it. */
    @FXML
    public void acknowledgeSelected() {
        acknowledge(selection().stream().filter(AlarmRow::needsAck).map(AlarmRow::id).toList());
    }

    /** Acknowledges every shown alarm that waits for it (the filter decides what is shown). */
    @FXML
    public void acknowledgeAllShown() {
        acknowledge(model.visibleUnacknowledged());
    }

    private void acknowledge(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String comment = null;
        if (askComment.isSelected()) {
            Object answer = context.dialogs().ask(AlarmDialogs.comment(ids.size(), this::styleDialog)).orElse(null);
            if (!(answer instanceof String s)) {
                return; // cancelled: nothing acknowledged
            }
            comment = s.isBlank() ? null : s.strip();
        }
        String note = comment;
        command((a, reason) -> {
            int n = 0;
            for (UUID id : ids) {
                try {
                    // the reason a rule asks for is the acknowledgement's comment
                    n += a.acknowledge(id, note != null ? note : reason) ? 1 : 0;
                } catch (IllegalArgumentException gone) {
                    // deleted or disabled since it was shown
                }
            }
            return n;
        }, n -> feedback.info(Messages.get("alarms.acked", n)), "alarms.ackFailed");
    }

    /** What the operator asked for in the shelve dialog. */
    public record ShelveRequest(String reason, ShelveChoice length) {
    }

    /** Shelves the selected alarms, with a reason and a length chosen in a dialog. */
    @FXML
    public void shelveSelected() {
        List<AlarmRow> rows = selection();
        AlarmCommands a = context.alarms();
        if (rows.isEmpty() || a == null) {
            return;
        }
        Object answer = context.dialogs().ask(AlarmDialogs.shelve(rows, a.maxShelve(), this::styleDialog)).orElse(null);
        if (!(answer instanceof ShelveRequest req)) {
            return;
        }
        List<UUID> ids = rows.stream().map(AlarmRow::id).toList();
        command((al, asked) -> {
            String reason = req.reason() == null || req.reason().isBlank() ? asked : req.reason();
            for (UUID id : ids) {
                if (req.length().oneShot()) {
                    al.shelveOneShot(id, reason);
                } else {
                    al.shelve(id, reason, req.length().duration());
                }
            }
            return ids.size();
        }, n -> feedback.info(Messages.get("alarms.shelved", n, req.length())), "alarms.shelveFailed");
    }

    /** Returns the selected shelved alarms to the list. */
    @FXML
    public void unshelveSelected() {
        List<UUID> ids = selection().stream().filter(AlarmRow::shelved).map(AlarmRow::id).toList();
        if (ids.isEmpty()) {
            return;
        }
        command((a, reason) -> {
            int n = 0;
            for (UUID id : ids) {
                n += a.unshelve(id, reason) ? 1 : 0;
            }
            return n;
        }, n -> feedback.info(Messages.get("alarms.unshelved", n)), "alarms.unshelveFailed");
    }

    /** Resets the selected latched alarms that are acknowledged. */
    @FXML
    public void resetSelected() {
        List<UUID> ids = selection().stream().filter(AlarmRow::resettable).map(AlarmRow::id).toList();
        if (ids.isEmpty()) {
            return;
        }
        command((a, reason) -> {
            int n = 0;
            for (UUID id : ids) {
                n += a.reset(id, reason) ? 1 : 0;
            }
            return n;
        }, n -> feedback.info(Messages.get("alarms.resetDone", n)), "alarms.resetFailed");
    }

    /**
     * Runs a command off the FX thread (it waits for the engine loop); reports on the FX thread.
     * When a rule of the project wants a reason, the operator is asked and the command runs once
     * more with it ({@code work} gets null the first time).
     */
    private <T> void command(BiFunction<AlarmCommands, String, T> work, Consumer<T> done, String failedKey) {
        AlarmCommands a = context.alarms();
        if (a == null) {
            feedback.error(Messages.get("shell.noProject"));
            return;
        }
        ReasonRetry.Asker asker = ReasonRetry.dialog(context.dialogs(), Messages.get("reason.alarmTitle"),
                Messages.get("reason.alarmText"), Messages.get("reason.alarmConfirm"));
        ReasonRetry.run(reason -> work.apply(a, reason), asker, r -> {
            context.changed();
            done.accept(r);
        }, err -> {
            context.changed();
            feedback.error(Messages.get(failedKey, err.getMessage()));
        });
    }

    // ---- active alarms: filters ----

    @FXML
    void applySubtree() {
        String bad = model.subtreePath(subtreeField.getText());
        showFilterError(bad == null ? "" : Messages.get("alarms.noSuchObject", bad));
        showSummary();
    }

    /** Filters by the object selected in the tree. */
    @FXML
    public void subtreeFromTree() {
        UUID o = context.treeObject();
        model.subtreeProperty().set(o);
        subtreeField.setText(model.subtreePath());
        showFilterError("");
        showSummary();
    }

    @FXML
    void clearSubtree() {
        model.subtreeProperty().set(null);
        subtreeField.setText("");
        showFilterError("");
        showSummary();
    }

    private void showFilterError(String text) {
        filterError.setText(text);
        filterError.setVisible(!text.isEmpty());
        filterError.setManaged(!text.isEmpty());
    }

    // ---- history ----

    /** Reads the journal with the current filters, off the FX thread. */
    @FXML
    public void refreshHistory() {
        AlarmCommands a = context.alarms();
        if (a == null) {
            return;
        }
        AlarmJournalQuery q = history.query(Micros.now());
        historySummary.setText(Messages.get("alarms.historyReading"));
        FxTasks.run(() -> a.journal(q), rows -> {
            history.show(rows);
            historySummary.setText(Messages.get(history.truncatedProperty().get() ? "alarms.historyTruncated" : "alarms.historyRows",
                    history.rows().size(), AlarmHistoryModel.MAX_ROWS));
        }, err -> {
            historySummary.setText(Messages.get("alarms.historyFailed", err.getMessage()));
            feedback.error(Messages.get("alarms.historyFailed", err.getMessage()));
        });
    }

    @FXML
    void exportHistory() {
        context.dialogs().saveFile(Messages.get("alarms.exportTitle"), "alarm-journal.csv",
                List.of(new DialogService.FileType(Messages.get("file.csv"), "*.csv"))).ifPresent(this::exportHistoryTo);
    }

    /** Writes the journal rows of the current filters as CSV, as a task off the FX thread. */
    public FxTask<Integer> exportHistoryTo(Path file) {
        AlarmCommands a = context.alarms();
        if (a == null) {
            throw new IllegalStateException(Messages.get("shell.noProject"));
        }
        AlarmJournalQuery q = history.query(Micros.now());
        String name = file.getFileName().toString();
        return FxTasks.start(Messages.get("alarms.exportTask", name), p -> {
            p.message(Messages.get("alarms.exportTask", name));
            List<AlarmJournalEntry> rows = a.journal(q);
            p.checkCancelled();
            Path tmp = file.resolveSibling(name + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                org.peresvet.alarm.AlarmJournalCsv.write(rows, w);
            }
            if (p.isCancelled()) {
                Files.deleteIfExists(tmp);
                p.checkCancelled();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            return rows.size();
        }, n -> feedback.info(Messages.get("alarms.exported", n, file)),
                err -> feedback.error(Messages.get("alarms.exportFailed", name, err.getMessage())));
    }

    // ---- tab ----

    /** Shows the active list (true) or the history. */
    public void showPage(boolean active) {
        pages.getSelectionModel().select(active ? activeTab : historyTab);
    }

    /** The alarm list's own look; owner and theme come from the dialog service. */
    private void styleDialog(Dialog<?> d) {
        d.getDialogPane().getStyleClass().add("alarm-dialog");
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return Messages.get("alarms.title");
    }

    @Override
    public Node content() {
        return view;
    }

    public TableView<AlarmRow> table() {
        return table;
    }

    public TableView<AlarmJournalEntry> historyTable() {
        return historyTable;
    }

    public AlarmListModel model() {
        return model;
    }

    public AlarmHistoryModel history() {
        return history;
    }

    public CheckBox askCommentBox() {
        return askComment;
    }

    public ComboBox<PriorityChoice> priorityFilter() {
        return priorityFilter;
    }

    public ComboBox<StateChoice> stateFilter() {
        return stateFilter;
    }

    public TextField subtreeField() {
        return subtreeField;
    }
}
