package org.peresvet.app.migrate;

import java.util.Comparator;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.peresvet.app.Messages;
import org.peresvet.migrate.ldap.ImportPlan;
import org.peresvet.migrate.ldap.ImportReport;
import org.peresvet.model.ObjectDef;

/**
 * The preview of an import of the Python platform's LDAP model: the dry run's report (what comes
 * across, every entry skipped, changed, unresolved or in conflict with its reason) with Import and
 * Cancel. The plan is made off the FX thread by the caller; Import hands it back to apply.
 */
public final class LdapImportPreview extends BorderPane {
    private final Button importButton = new Button(Messages.get("ldap.import"));
    private final Button cancelButton = new Button(Messages.get("ldap.cancel"));
    private final ListView<ImportReport.Item> items = new ListView<>();

    public LdapImportPreview(ImportPlan plan, Runnable onImport, Runnable onCancel) {
        ImportReport r = plan.report();
        Label title = new Label(Messages.get("ldap.title", r.source()));
        title.getStyleClass().add("dialog-title");
        Label summary = new Label(Messages.get("ldap.summary", r.entries(), r.helpers(), r.summary()));
        summary.setWrapText(true);
        summary.setId("ldapSummary");
        // What the project's top level looks like afterwards: the imported objects by name.
        Label objects = new Label(Messages.get("ldap.objects", String.join(", ", plan.preview().childObjects(null).stream()
                .map(ObjectDef::name).toList())));
        objects.setWrapText(true);
        objects.setId("ldapObjects");
        VBox head = new VBox(6, title, summary, objects);
        for (String n : r.notes()) {
            Label note = new Label(Messages.get("ldap.note", n));
            note.setWrapText(true);
            head.getChildren().add(note);
        }
        if (!plan.exportTargets().isEmpty()) {
            Label targets = new Label(Messages.get("ldap.targets", String.join(", ", LdapImportFlow.targetNames(plan))));
            targets.setWrapText(true);
            targets.setId("ldapTargets");
            head.getChildren().add(targets);
        }
        items.setId("ldapItems");
        // Grouped as the printed report is: skipped, changed, unresolved, conflicts.
        items.getItems().setAll(r.items().stream()
                .sorted(Comparator.comparing(ImportReport.Item::action)).toList());
        items.setPlaceholder(new Label(Messages.get("ldap.clean")));
        items.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ImportReport.Item item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("ldap-skipped", "ldap-changed", "ldap-unresolved", "ldap-conflict");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(Messages.get("ldap.item." + item.action().label(), item.what(), item.reason(), item.where()));
                setWrapText(true);
                setPrefWidth(0);
                getStyleClass().add("ldap-" + item.action().label());
            }
        });
        importButton.setDefaultButton(true);
        importButton.setId("ldapImport");
        cancelButton.setCancelButton(true);
        cancelButton.setId("ldapCancel");
        importButton.setOnAction(e -> onImport.run());
        cancelButton.setOnAction(e -> onCancel.run());
        ButtonBar buttons = new ButtonBar();
        ButtonBar.setButtonData(importButton, ButtonBar.ButtonData.OK_DONE);
        ButtonBar.setButtonData(cancelButton, ButtonBar.ButtonData.CANCEL_CLOSE);
        buttons.getButtons().addAll(importButton, cancelButton);
        setTop(head);
        setCenter(items);
        setBottom(buttons);
        setPadding(new Insets(12));
        BorderPane.setMargin(items, new Insets(8, 0, 8, 0));
    }

    public ListView<ImportReport.Item> items() {
        return items;
    }
}
