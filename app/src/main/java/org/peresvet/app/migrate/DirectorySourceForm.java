package org.peresvet.app.migrate;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.DialogService;
import org.peresvet.migrate.ldap.LdapDirectoryReader;

/** The form that asks where the Python platform's model is: an LDIF file, or a server with its base and account. */
final class DirectorySourceForm {
    private DirectorySourceForm() {
    }

    static Dialog<DirectorySource> dialog(DialogService dialogs) {
        Dialog<DirectorySource> d = new Dialog<>();
        d.setTitle(Messages.get("ldap.sourceTitle"));
        d.setHeaderText(Messages.get("ldap.sourceHeader"));
        ToggleGroup kind = new ToggleGroup();
        RadioButton fromFile = new RadioButton(Messages.get("ldap.fromFile"));
        fromFile.setId("ldapFromFile");
        RadioButton fromServer = new RadioButton(Messages.get("ldap.fromServer"));
        fromServer.setId("ldapFromServer");
        fromFile.setToggleGroup(kind);
        fromServer.setToggleGroup(kind);
        fromFile.setSelected(true);

        TextField file = new TextField();
        file.setId("ldapFile");
        file.setPromptText(Messages.get("ldap.filePrompt"));
        Button browse = new Button(Messages.get("ldap.browse"));
        browse.setOnAction(e -> dialogs.openFile(Messages.get("ldap.fileTitle"), List.of(
                new DialogService.FileType(Messages.get("file.ldif"), "*.ldif"),
                new DialogService.FileType(Messages.get("file.all"), "*"))).ifPresent(p -> file.setText(p.toString())));
        HBox fileRow = new HBox(6, file, browse);
        HBox.setHgrow(file, Priority.ALWAYS);

        TextField url = new TextField();
        url.setId("ldapUrl");
        url.setPromptText("ldap://host:389");
        TextField base = new TextField(DirectorySource.DEFAULT_BASE);
        base.setId("ldapBase");
        TextField bindDn = new TextField();
        bindDn.setId("ldapBindDn");
        bindDn.setPromptText(Messages.get("ldap.bindPrompt"));
        PasswordField password = new PasswordField();
        password.setId("ldapPassword");
        for (Node n : List.of(fileRow)) {
            n.disableProperty().bind(fromServer.selectedProperty());
        }
        for (Node n : List.of(url, base, bindDn, password)) {
            n.disableProperty().bind(fromFile.selectedProperty());
        }

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(8));
        g.add(fromFile, 0, 0, 2, 1);
        g.addRow(1, new Label(Messages.get("ldap.file")), fileRow);
        g.add(fromServer, 0, 2, 2, 1);
        g.addRow(3, new Label(Messages.get("ldap.url")), url);
        g.addRow(4, new Label(Messages.get("ldap.base")), base);
        g.addRow(5, new Label(Messages.get("ldap.bindDn")), bindDn);
        g.addRow(6, new Label(Messages.get("ldap.password")), password);
        url.setPrefColumnCount(32);
        d.getDialogPane().setContent(g);

        ButtonType read = new ButtonType(Messages.get("ldap.read"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(read, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(read).disableProperty().bind(Bindings.createBooleanBinding(
                () -> fromFile.isSelected() ? file.getText().isBlank() : !LdapDirectoryReader.isUrl(url.getText()),
                fromFile.selectedProperty(), file.textProperty(), url.textProperty()));
        d.setResultConverter(b -> {
            if (b != read) {
                return null;
            }
            return fromFile.isSelected() ? DirectorySource.ldif(Path.of(file.getText().strip()))
                    : new DirectorySource(null, url.getText().strip(), base.getText(), bindDn.getText(),
                    password.getText().toCharArray());
        });
        return d;
    }
}
