package org.peresvet.app.wizard;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.project.BoardAccess;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.broker.BrokerUser;

/**
 * The built-in broker's settings: on/off, listen address and port, its users (add, remove, new
 * password; only hashes are kept), and TLS with a generated or a given certificate. Apply saves
 * {@code broker.json} and restarts the broker in the background. From the wizard's first page and
 * from Project → MQTT broker. FX thread only.
 */
public final class BrokerSettingsPane extends VBox {
    private final ResourceBundle text = ResourceBundle.getBundle(ConnectorWizard.BUNDLE);
    private final BoardAccess access;
    private BrokerConfig config;
    private final CheckBox enabled = new CheckBox();
    private final TextField bind = new TextField();
    private final TextField port = new TextField();
    private final ListView<String> users = new ListView<>();
    private final TextField userName = new TextField();
    private final PasswordField userPassword = new PasswordField();
    private final RadioButton tlsNone = new RadioButton();
    private final RadioButton tlsGenerated = new RadioButton();
    private final RadioButton tlsGiven = new RadioButton();
    private final TextField tlsPort = new TextField();
    private final TextField keyStore = new TextField();
    private final PasswordField keyStorePassword = new PasswordField();
    private final Label result = new Label();

    /**
     * @param done what Close does (back to the wizard's page, or closing the window)
     */
    public BrokerSettingsPane(BoardAccess access, Runnable done) {
        super(8);
        this.access = access;
        this.config = access.brokerConfig();
        setId("brokerSettings");
        setPadding(new Insets(10));
        enabled.setText(t("broker.enabled"));
        enabled.setId("brokerEnabled");
        bind.setId("brokerBind");
        port.setId("brokerPort");
        users.setId("brokerUsers");
        users.setPrefHeight(110);
        userName.setId("brokerUserName");
        userName.setPromptText(t("broker.userName"));
        userPassword.setId("brokerUserPassword");
        userPassword.setPromptText(t("broker.userPassword"));
        Button setUser = new Button(t("broker.setUser"));
        setUser.setId("brokerSetUser");
        setUser.setOnAction(e -> setUser());
        Button removeUser = new Button(t("broker.removeUser"));
        removeUser.setId("brokerRemoveUser");
        removeUser.setOnAction(e -> {
            String u = users.getSelectionModel().getSelectedItem();
            if (u != null) {
                config = config.withoutUser(u);
                showUsers();
            }
        });
        removeUser.disableProperty().bind(users.getSelectionModel().selectedItemProperty().isNull());
        users.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                userName.setText(b);
            }
        });
        ToggleGroup tls = new ToggleGroup();
        for (RadioButton r : new RadioButton[] {tlsNone, tlsGenerated, tlsGiven}) {
            r.setToggleGroup(tls);
        }
        tlsNone.setText(t("broker.tls.none"));
        tlsGenerated.setText(t("broker.tls.generated"));
        tlsGenerated.setId("brokerTlsGenerated");
        tlsGiven.setText(t("broker.tls.given"));
        tlsGiven.setId("brokerTlsGiven");
        tlsPort.setId("brokerTlsPort");
        keyStore.setId("brokerKeyStore");
        keyStore.setPromptText(t("broker.keyStore.prompt"));
        keyStorePassword.setId("brokerKeyStorePassword");
        tlsPort.disableProperty().bind(tlsNone.selectedProperty());
        keyStore.disableProperty().bind(tlsGiven.selectedProperty().not());
        keyStorePassword.disableProperty().bind(tlsGiven.selectedProperty().not());
        result.setId("brokerResult");
        result.setWrapText(true);
        Button apply = new Button(t("broker.apply"));
        apply.setId("brokerApply");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> apply());
        Button close = new Button(t("broker.close"));
        close.setId("brokerClose");
        close.setOnAction(e -> done.run());

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, new Label(t("broker.bind")), bind, new Label(t("broker.bind.hint")));
        g.addRow(1, new Label(t("broker.port")), port);
        GridPane tlsGrid = new GridPane();
        tlsGrid.setHgap(8);
        tlsGrid.setVgap(6);
        tlsGrid.setPadding(new Insets(0, 0, 0, 28));
        tlsGrid.addRow(0, new Label(t("broker.tlsPort")), tlsPort);
        tlsGrid.addRow(1, new Label(t("broker.keyStore")), keyStore);
        tlsGrid.addRow(2, new Label(t("broker.keyStorePassword")), keyStorePassword);
        HBox userLine = new HBox(8, userName, userPassword, setUser, removeUser);
        userLine.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label(t("broker.title"));
        title.setStyle("-fx-font-size: 1.2em; -fx-font-weight: bold;");
        HBox buttons = new HBox(8, apply, close);
        getChildren().addAll(title, enabled, g, new Label(t("broker.users")), users, userLine, new Label(t("broker.tls")), tlsNone,
                tlsGenerated, tlsGiven, tlsGrid, result, buttons);
        show(config);
        FxTasks.run(access::brokerStatus, s -> result.setText(s.map(x -> t("broker.running", x.state().name().toLowerCase(Locale.ROOT),
                x.bindAddress(), String.valueOf(x.port()), x.clients())).orElse(t("broker.off"))), e -> { });
    }

    private String t(String key, Object... args) {
        String p = text.getString(key);
        return args.length == 0 ? p : MessageFormat.format(p, args);
    }

    private void show(BrokerConfig c) {
        enabled.setSelected(c.enabled());
        bind.setText(c.bindAddress());
        port.setText(String.valueOf(c.port()));
        tlsPort.setText(String.valueOf(c.tlsPort()));
        keyStore.setText(c.keyStore() == null ? "" : c.keyStore());
        keyStorePassword.setText(c.keyStorePassword() == null ? "" : c.keyStorePassword());
        (switch (c.tls()) {
            case NONE -> tlsNone;
            case GENERATED -> tlsGenerated;
            case GIVEN -> tlsGiven;
        }).setSelected(true);
        showUsers();
    }

    private void showUsers() {
        users.getItems().setAll(config.users().stream().map(BrokerUser::name).sorted().toList());
    }

    /** Adds the user, or gives the selected one a new password. */
    private void setUser() {
        String name = userName.getText().strip();
        if (name.isEmpty() || userPassword.getText().isEmpty()) {
            result.setText(t("broker.userNeeds"));
            return;
        }
        try {
            config = config.withUser(name, userPassword.getText().toCharArray());
        } catch (IllegalArgumentException e) {
            result.setText(e.getMessage());
            return;
        }
        userPassword.clear();
        showUsers();
        result.setText(t("broker.userSet", name));
    }

    /** The settings as shown, or an exception naming the field at fault. */
    BrokerConfig edited() {
        int p = number(port, t("broker.port"));
        BrokerConfig c = config.withEnabled(enabled.isSelected()).withListener(bind.getText().strip(), p);
        if (tlsGenerated.isSelected()) {
            c = c.withGeneratedTls(number(tlsPort, t("broker.tlsPort")));
        } else if (tlsGiven.isSelected()) {
            c = c.withGivenTls(number(tlsPort, t("broker.tlsPort")), keyStore.getText().strip(), keyStorePassword.getText());
        } else {
            c = c.withoutTls();
        }
        return c;
    }

    private static int number(TextField f, String what) {
        try {
            return Integer.parseInt(f.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + f.getText() + "' is not a port number");
        }
    }

    private void apply() {
        BrokerConfig want;
        try {
            want = edited();
        } catch (IllegalArgumentException e) {
            result.setText(e.getMessage());
            return;
        }
        result.setText(t("broker.applying"));
        FxTasks.run(() -> access.configureBroker(want), s -> {
            config = want;
            result.setText(s == null ? t("broker.off") : t("broker.running", s.state().name().toLowerCase(Locale.ROOT), s.bindAddress(),
                    String.valueOf(s.port()), s.clients()));
        }, e -> result.setText(t("broker.failed", e.getMessage())));
    }
}
