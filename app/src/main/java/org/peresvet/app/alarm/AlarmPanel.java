package org.peresvet.app.alarm;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.peresvet.app.Messages;
import org.peresvet.model.AlarmPriority;

/**
 * The operator station's alarm panel: the active alarms, newest first, and Acknowledge for the
 * selected ones or all shown, with an optional comment. For a user without ACK_ALARMS both buttons
 * are disabled and the panel says why. FX thread only.
 */
public final class AlarmPanel {
    private final OperatorAlarms owner;
    private final VBox box = new VBox(6);
    private final TableView<AlarmRow> table = new TableView<>();
    private final TextField comment = new TextField();
    private final Button ackSelected = new Button(Messages.get("alarms.ack"));
    private final Button ackAll = new Button(Messages.get("alarms.ackAll"));
    private final Label reason = new Label();
    private final Label result = new Label();
    private String refusedWhy;
    private List<UUID> selected = List.of();
    private boolean busy;

    AlarmPanel(AlarmListModel list, OperatorAlarms owner) {
        this.owner = owner;
        box.setId("operator-alarm-panel");
        box.setPadding(new Insets(8, 10, 8, 10));
        box.setPrefHeight(260);
        box.setMinHeight(160);
        box.setStyle("-fx-background-color: #EEEEEE; -fx-border-color: #9A9A9A; -fx-border-width: 1 0 0 0;");
        Label title = new Label(Messages.get("opAlarms.panelTitle"));
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 14;");
        Button close = new Button("\u2715");
        close.setId("operator-alarm-close");
        close.setOnAction(e -> owner.closePanel());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, gap, close);
        head.setAlignment(Pos.CENTER_LEFT);

        // newest first, whatever the priority: the strip already shows the most urgent
        table.setItems(new SortedList<>(list.rows(), Comparator.comparingLong(AlarmRow::time).reversed()
                .thenComparing(AlarmRow::priority)));
        table.setId("operator-alarm-table");
        table.getStyleClass().add("alarm-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label(Messages.get("opAlarms.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("alarms.col.time", 110, r -> AlarmText.shortTime(r.time(), LocalDate.now())),
                priorityColumn(),
                column("alarms.col.path", 260, AlarmRow::objectPath),
                column("alarms.col.alarm", 90, AlarmRow::alarm),
                column("alarms.col.message", 240, AlarmRow::message),
                column("alarms.col.value", 90, AlarmRow::value),
                stateColumn()));
        VBox.setVgrow(table, Priority.ALWAYS);

        comment.setId("operator-alarm-comment");
        comment.setPromptText(Messages.get("alarms.commentPrompt"));
        comment.setPrefColumnCount(28);
        ackSelected.setId("operator-alarm-ack");
        ackAll.setId("operator-alarm-ack-all");
        ackSelected.setOnAction(e -> acknowledgeSelected());
        ackAll.setOnAction(e -> acknowledgeAllShown());
        reason.setId("operator-alarm-reason");
        reason.setWrapText(true);
        reason.setStyle("-fx-text-fill: #8B0000; -fx-font-weight: bold;");
        result.setId("operator-alarm-result");
        Label commentLabel = new Label(Messages.get("alarms.comment"));
        for (Region r : new Region[] {commentLabel, ackSelected, ackAll}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(result, Priority.ALWAYS);
        HBox actions = new HBox(8, commentLabel, comment, ackSelected, ackAll, result);
        actions.setAlignment(Pos.CENTER_LEFT);
        reason.setMinHeight(Region.USE_PREF_SIZE);
        box.getChildren().addAll(head, table, actions, reason);

        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<AlarmRow>) c -> enable());
        // a new alarm must not take the operator's selection away: kept by alarm id across refreshes
        list.beforeRowsChange(() -> selected = table.getSelectionModel().getSelectedItems().stream().map(AlarmRow::id).toList());
        list.rows().addListener((ListChangeListener<AlarmRow>) c -> {
            reselect();
            enable();
        });
        enable();
    }

    VBox node() {
        return box;
    }

    /** The current user (and so what they may do) may have changed. */
    void permissionChanged() {
        refusedWhy = owner.whyNotAcknowledge();
        reason.setText(refusedWhy == null ? "" : refusedWhy);
        reason.setVisible(refusedWhy != null);
        reason.setManaged(refusedWhy != null);
        enable();
    }

    private void reselect() {
        if (selected.isEmpty()) {
            return;
        }
        table.getSelectionModel().clearSelection();
        for (int i = 0; i < table.getItems().size(); i++) {
            if (selected.contains(table.getItems().get(i).id())) {
                table.getSelectionModel().select(i);
            }
        }
        selected = List.of();
    }

    private void enable() {
        boolean may = refusedWhy == null && !busy;
        ackSelected.setDisable(!may || table.getSelectionModel().getSelectedItems().stream().noneMatch(AlarmRow::needsAck));
        ackAll.setDisable(!may || table.getItems().stream().noneMatch(AlarmRow::needsAck));
    }

    /** Acknowledges the selected alarms that wait for it. */
    public void acknowledgeSelected() {
        acknowledge(table.getSelectionModel().getSelectedItems().stream().filter(AlarmRow::needsAck).map(AlarmRow::id).toList());
    }

    /** Acknowledges every alarm shown that waits for it. */
    public void acknowledgeAllShown() {
        acknowledge(table.getItems().stream().filter(AlarmRow::needsAck).map(AlarmRow::id).toList());
    }

    private void acknowledge(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String note = comment.getText() == null || comment.getText().isBlank() ? null : comment.getText().strip();
        busy = true;
        enable();
        owner.acknowledge(ids, note, o -> {
            busy = false;
            if (o.refused() > 0) {
                result.setText(Messages.get("opAlarms.refused", o.acknowledged(), o.refused(), o.refusal()));
                result.setStyle("-fx-text-fill: #8B0000; -fx-font-weight: bold;");
            } else {
                result.setText(Messages.get("alarms.acked", o.acknowledged()));
                result.setStyle("-fx-text-fill: #1A1A1A;");
                comment.clear();
            }
            enable();
        });
    }

    /** The table (tests select in it). */
    public TableView<AlarmRow> table() {
        return table;
    }

    /** Why the buttons are disabled, or "" when they are not for lack of permission. */
    public String reason() {
        return reason.getText();
    }

    /** What the last acknowledgement did. */
    public String result() {
        return result.getText();
    }

    public Button acknowledgeButton() {
        return ackSelected;
    }

    public Button acknowledgeAllButton() {
        return ackAll;
    }

    public TextField comment() {
        return comment;
    }

    private static TableColumn<AlarmRow, String> column(String key, double width, Function<AlarmRow, String> f) {
        TableColumn<AlarmRow, String> c = new TableColumn<>(Messages.get(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setCellFactory(x -> new AlarmCells.TextCell<>(OverrunStyle.ELLIPSIS));
        c.setSortable(false);
        return c;
    }

    private static TableColumn<AlarmRow, AlarmPriority> priorityColumn() {
        TableColumn<AlarmRow, AlarmPriority> c = new TableColumn<>(Messages.get("alarms.col.priority"));
        c.setPrefWidth(110);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().priority()));
        c.setCellFactory(x -> new AlarmCells.PriorityCell<>());
        c.setSortable(false);
        return c;
    }

    private static TableColumn<AlarmRow, AlarmRow> stateColumn() {
        TableColumn<AlarmRow, AlarmRow> c = new TableColumn<>(Messages.get("alarms.col.state"));
        c.setPrefWidth(120);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(x -> new AlarmCells.StateCell());
        c.setSortable(false);
        return c;
    }
}
