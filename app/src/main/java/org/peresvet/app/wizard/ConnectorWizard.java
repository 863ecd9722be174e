package org.peresvet.app.wizard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.util.converter.DoubleStringConverter;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.project.BoardAccess;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.MqttTls;
import org.peresvet.connector.mqtt.discovery.BoardDiscovery;
import org.peresvet.connector.mqtt.discovery.BrokerCheck;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ValueType;

/**
 * The connector wizard: (1) where the boards talk, (2) the boards found, live, (3) their
 * entities with the proposed tags, (4) the proposed alarms, (5) a preview; Finish applies it all
 * as one undoable edit. Runs on the FX thread; the broker, the connection test and the scan run
 * in the background.
 */
public final class ConnectorWizard extends BorderPane {
    /** The resource bundle of the wizard's texts. */
    public static final String BUNDLE = "org.peresvet.app.wizard.wizard";
    private static final String[] PAGES = {"page.source", "page.boards", "page.entities", "page.alarms", "page.preview"};

    private final ResourceBundle text = ResourceBundle.getBundle(BUNDLE);
    private final ProjectContext project;
    private final BoardAccess access;
    private final ModelEditor editor;
    private final Runnable onClose;
    private final Label header = new Label();
    private final Button back = new Button();
    private final Button next = new Button();
    private final Button finish = new Button();
    private final Label status = new Label();
    private int page;

    // page 1
    private final ToggleGroup where = new ToggleGroup();
    private final RadioButton builtIn = new RadioButton();
    private final RadioButton external = new RadioButton();
    private final RadioButton http = new RadioButton();
    private final TextField builtInPort = new TextField();
    private final TextField boardUser = new TextField("board");
    private final PasswordField boardPassword = new PasswordField();
    private final Label builtInState = new Label();
    private final TextField address = new TextField("tcp://127.0.0.1:1883");
    private final TextField caFile = new TextField();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final Label checkResult = new Label();
    private final TextField httpAddress = new TextField();
    /** Names of new boards made here ("New board"), offered when they come online. */
    private final Set<String> awaited = new HashSet<>();
    private final Set<String> offered = new HashSet<>();
    private NewBoardPane newBoardPane;
    // page 2
    private final TableView<DiscoveredBoard> boards = new TableView<>();
    private final Map<String, SimpleBooleanProperty> chosen = new LinkedHashMap<>();
    private final Label scanState = new Label();
    private BoardDiscovery discovery;
    private MqttSettings settings;
    private WizardPlan.Source source;
    // page 3
    private final TableView<EntityRow> entities = new TableView<>();
    private final VBox targets = new VBox(4);
    private final Map<String, WizardPlan.Target> targetOf = new HashMap<>();
    /** Per board: gives its entities their template's standard names again (after one moved to another object). */
    private final Map<String, Runnable> remapOf = new HashMap<>();
    private List<EntityRow> rows = List.of();
    // page 4
    private final TableView<AlarmRow> alarms = new TableView<>();
    private List<AlarmRow> alarmRows = List.of();
    // page 5
    private final ListView<String> preview = new ListView<>();
    private final Label summary = new Label();
    private WizardPlan.Plan plan;

    public ConnectorWizard(ProjectContext project, ModelEditor editor, Runnable onClose) {
        this.project = project;
        this.access = project.boards();
        this.editor = editor;
        this.onClose = onClose;
        setId("connectorWizard");
        setPadding(new Insets(10));
        header.setId("wizardHeader");
        header.setStyle("-fx-font-size: 1.3em; -fx-font-weight: bold;");
        setTop(header);
        BorderPane.setMargin(header, new Insets(0, 0, 8, 0));
        back.setText(text.getString("wizard.back"));
        back.setId("wizardBack");
        next.setText(text.getString("wizard.next"));
        next.setId("wizardNext");
        next.setDefaultButton(true);
        finish.setText(text.getString("wizard.finish"));
        finish.setId("wizardFinish");
        Button cancel = new Button(text.getString("wizard.cancel"));
        cancel.setId("wizardCancel");
        cancel.setCancelButton(true);
        back.setOnAction(e -> show(page - 1));
        next.setOnAction(e -> leave(page));
        finish.setOnAction(e -> finish());
        cancel.setOnAction(e -> close());
        status.setId("wizardStatus");
        status.setWrapText(true);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, status, grow, back, next, finish, cancel);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(8, 0, 0, 0));
        setBottom(bar);
        buildSourcePage();
        show(0);
    }

    private String t(String key, Object... args) {
        String p = text.getString(key);
        return args.length == 0 ? p : MessageFormat.format(p, args);
    }

    private void show(int p) {
        page = p;
        header.setText(t("wizard.step", p + 1, t(PAGES[p])));
        back.setDisable(p == 0);
        next.setDisable(p == PAGES.length - 1);
        finish.setDisable(p != PAGES.length - 1);
        status.setText("");
        setCenter(switch (p) {
            case 0 -> sourcePage;
            case 1 -> boardsPage();
            case 2 -> entitiesPage();
            case 3 -> alarmsPage();
            default -> previewPage();
        });
    }

    /** Next: each page checks its input and prepares the next one. */
    private void leave(int p) {
        switch (p) {
            case 0 -> startScan();
            case 1 -> {
                List<DiscoveredBoard> picked = pickedBoards();
                if (picked.isEmpty()) {
                    status.setText(t("boards.none"));
                    return;
                }
                rows = Proposals.rows(picked, project.model().snapshot());
                show(2);
            }
            case 2 -> {
                alarmRows = Proposals.alarms(rows);
                show(3);
            }
            case 3 -> {
                plan = WizardPlan.build(project.model().snapshot(), source, rows, targetsNow(), alarmRows);
                show(4);
            }
            default -> {
            }
        }
    }

    // ---- page 1: where the boards talk ----

    private VBox sourcePage;

    private void buildSourcePage() {
        builtIn.setText(t("source.builtin"));
        builtIn.setId("sourceBuiltIn");
        external.setText(t("source.external"));
        external.setId("sourceExternal");
        http.setText(t("source.http"));
        http.setId("sourceHttp");
        builtIn.setToggleGroup(where);
        external.setToggleGroup(where);
        http.setToggleGroup(where);
        builtIn.setSelected(true);
        BrokerConfig cfg = access.brokerConfig();
        builtInPort.setText(String.valueOf(cfg.port()));
        builtInPort.setId("builtInPort");
        boardPassword.setId("boardPassword");
        builtInState.setId("builtInState");
        builtInState.setText(t("source.builtin.state", access.brokerStatus()
                .map(s -> s.state().name().toLowerCase(Locale.ROOT) + " :" + s.port() + ", " + s.clients() + " clients")
                .orElse(t("source.builtin.off"))));
        Button brokerSettings = new Button(t("source.brokerSettings"));
        brokerSettings.setId("brokerSettingsButton");
        brokerSettings.setOnAction(e -> showBrokerSettings());
        GridPane b = grid();
        b.addRow(0, new Label(t("source.builtin.port")), builtInPort);
        b.addRow(1, new Label(t("source.builtin.user")), boardUser);
        b.addRow(2, new Label(t("source.builtin.password")), boardPassword);
        b.add(brokerSettings, 2, 0);
        Label hint = new Label(t("source.builtin.hint"));
        hint.setWrapText(true);
        Button newBoard = new Button(t("source.newBoard"));
        newBoard.setId("newBoardButton");
        newBoard.setOnAction(e -> showNewBoard());
        address.setId("externalAddress");
        caFile.setId("externalCa");
        user.setId("externalUser");
        password.setId("externalPassword");
        checkResult.setId("checkResult");
        checkResult.setWrapText(true);
        Button test = new Button(t("source.test"));
        test.setId("testConnection");
        test.setOnAction(e -> testConnection());
        GridPane x = grid();
        x.addRow(0, new Label(t("source.address")), address);
        x.addRow(1, new Label(t("source.ca")), caFile);
        x.addRow(2, new Label(t("source.user")), user);
        x.addRow(3, new Label(t("source.password")), password);
        x.add(new HBox(8, test, checkResult), 1, 4);
        Label httpNote = new Label(t("source.http.hint"));
        httpAddress.setId("httpAddress");
        httpNote.setWrapText(true);
        GridPane h = grid();
        h.addRow(0, new Label(t("source.address")), httpAddress);
        h.add(httpNote, 1, 1);
        b.disableProperty().bind(builtIn.selectedProperty().not());
        x.disableProperty().bind(external.selectedProperty().not());
        h.disableProperty().bind(http.selectedProperty().not());
        sourcePage = new VBox(8, builtIn, b, builtInState, hint, external, x, http, h, newBoard);
        sourcePage.setPadding(new Insets(4));
    }

    /** The built-in broker's settings in place of page 1; Close comes back with them. */
    private void showBrokerSettings() {
        header.setText(t("wizard.step", 1, t(PAGES[0])));
        next.setDisable(true);
        setCenter(new BrokerSettingsPane(access, () -> {
            show(0);
            FxTasks.run(() -> Map.entry(access.brokerConfig(), access.brokerStatus()), r -> {
                builtInPort.setText(String.valueOf(r.getKey().port()));
                builtInState.setText(t("source.builtin.state", r.getValue()
                        .map(s -> s.state().name().toLowerCase(Locale.ROOT) + " :" + s.port() + ", " + s.clients() + " clients")
                        .orElse(t("source.builtin.off"))));
            }, e -> { });
        }));
    }

    /** "New board": pins to ESPHome YAML; its name is awaited on page 2. */
    private void showNewBoard() {
        header.setText(t("newboard.title"));
        newBoardPane = new NewBoardPane(text, this::brokerForBoards, n -> awaited.add(n.toLowerCase(Locale.ROOT)), () -> show(0));
        setCenter(newBoardPane);
        next.setDisable(true);
    }

    /** The pane of "New board" while it is shown (tests). */
    NewBoardPane newBoardPane() {
        return newBoardPane;
    }

    /** Where a new board's MQTT goes: the broker chosen on this page, as the board on the network reaches it. */
    private NewBoard.Broker brokerForBoards() {
        if (external.isSelected()) {
            try {
                URI u = URI.create(address.getText().strip());
                return new NewBoard.Broker(u.getHost() == null ? "" : u.getHost(), u.getPort() < 0 ? 1883 : u.getPort(),
                        user.getText().strip(), password.getText());
            } catch (IllegalArgumentException e) {
                return new NewBoard.Broker(address.getText().strip(), 1883, user.getText().strip(), password.getText());
            }
        }
        int port;
        try {
            port = Integer.parseInt(builtInPort.getText().strip());
        } catch (NumberFormatException e) {
            port = 1883;
        }
        return new NewBoard.Broker(thisComputer(access.brokerConfig().bindAddress()), port, boardUser.getText().strip(),
                boardPassword.getText());
    }

    /** This computer's address on the local network (no name lookups): the broker's own when it listens on one. */
    static String thisComputer(String bind) {
        if (bind != null && !bind.isBlank() && !bind.equals("0.0.0.0") && !bind.equals("::")) {
            return bind;
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through: the user corrects the address in the YAML
        }
        return "127.0.0.1";
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(0, 0, 4, 28));
        return g;
    }

    private MqttSettings externalSettings() {
        MqttSettings s = MqttSettings.of(address.getText().strip());
        if (!user.getText().isBlank()) {
            s = s.withCredentials(user.getText().strip(), password.getText());
        }
        if (!caFile.getText().isBlank()) {
            s = s.withTls(new MqttTls(caFile.getText().strip(), null, null, null, null, true));
        }
        return s;
    }

    private void testConnection() {
        MqttSettings s;
        try {
            s = externalSettings();
        } catch (IllegalArgumentException e) {
            checkResult.setText(e.getMessage());
            return;
        }
        checkResult.setText(t("source.testing"));
        FxTasks.run(() -> access.check(s), r -> checkResult.setText(describe(r)), e -> checkResult.setText(e.getMessage()));
    }

    private String describe(BrokerCheck.Result r) {
        return r.outcome() == BrokerCheck.Outcome.OTHER ? t("check.OTHER", r.detail()) : t("check." + r.outcome().name());
    }

    /** Switches the built-in broker on (or checks the external one), then starts listening for boards. */
    private void startScan() {
        if (http.isSelected()) {
            probeHttp();
            return;
        }
        next.setDisable(true);
        if (builtIn.isSelected()) {
            int port;
            try {
                port = Integer.parseInt(builtInPort.getText().strip());
            } catch (NumberFormatException e) {
                status.setText(t("source.builtin.port") + ": " + builtInPort.getText());
                next.setDisable(false);
                return;
            }
            String u = boardUser.getText().strip();
            char[] pw = boardPassword.getText().toCharArray();
            FxTasks.run(() -> {
                BrokerConfig c = access.brokerConfig();
                BrokerConfig want = c.withEnabled(true).withListener(c.bindAddress(), port);
                if (!u.isEmpty() && pw.length > 0) {
                    want = want.withUser(u, pw);
                }
                if (!c.enabled() || c.port() != port || !u.isEmpty() && pw.length > 0) {
                    access.configureBroker(want);
                }
                MqttSettings s = access.builtInBrokerSettings().orElseThrow(() -> new IllegalStateException("not running"));
                return s;
            }, s -> {
                source = new WizardPlan.Source(s.brokerUrl(), s.username(), s.password(), null);
                scan(s);
            }, e -> {
                status.setText(t("error.broker", e.getMessage()));
                next.setDisable(false);
            });
            return;
        }
        MqttSettings s;
        try {
            s = externalSettings();
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            next.setDisable(false);
            return;
        }
        FxTasks.run(() -> access.check(s), r -> {
            checkResult.setText(describe(r));
            if (r.ok()) {
                source = new WizardPlan.Source(s.brokerUrl(), s.username(), s.password(), caFile.getText().strip());
                scan(s);
            } else {
                status.setText(describe(r));
                next.setDisable(false);
            }
        }, e -> {
            status.setText(e.getMessage());
            next.setDisable(false);
        });
    }

    /** An HTTP board: asked once what it is; page 2 shows it alone, chosen. */
    private void probeHttp() {
        String at = httpAddress.getText();
        next.setDisable(true);
        status.setText(t("source.http.probing"));
        FxTasks.run(() -> {
            try {
                return access.probeHttp(at);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, b -> {
            if (discovery != null) {
                discovery.close();
                discovery = null;
                settings = null;
            }
            source = new WizardPlan.Source(b.device(), null, null, null);
            show(1);
            boards.getItems().setAll(List.of(b));
            choice(b.id()).set(true);
            scanState.setText(t("boards.http", b.device(), b.entities().size()));
        }, e -> {
            status.setText(e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage());
            next.setDisable(false);
        });
    }

    private void scan(MqttSettings s) {
        if (discovery != null && !s.equals(settings)) {
            discovery.close();
            discovery = null;
        }
        settings = s;
        if (discovery == null) {
            discovery = access.discover(s);
            discovery.addListener(list -> Platform.runLater(() -> updateBoards(list)));
        }
        updateBoards(discovery.snapshot());
        show(1);
    }

    // ---- page 2: boards found ----

    private Node boardsPage() {
        if (boards.getColumns().isEmpty()) {
            boards.setId("boardsTable");
            boards.setEditable(true);
            TableColumn<DiscoveredBoard, Boolean> use = new TableColumn<>(t("boards.column.use"));
            use.setCellValueFactory(c -> choice(c.getValue().id()));
            use.setCellFactory(CheckBoxTableCell.forTableColumn(use));
            use.setEditable(true);
            boards.getColumns().add(use);
            boards.getColumns().add(column(t("boards.column.name"), DiscoveredBoard::name, 180));
            boards.getColumns().add(column(t("boards.column.model"), b -> b.model() == null ? "" : b.model(), 110));
            boards.getColumns().add(column(t("boards.column.firmware"), b -> b.firmware() == null ? "" : b.firmware(), 150));
            boards.getColumns().add(column(t("boards.column.online"), b -> b.online() == null ? t("boards.unknown")
                    : b.online() ? t("boards.online") : t("boards.offline"), 70));
            boards.getColumns().add(column(t("boards.column.entities"), b -> String.valueOf(b.entities().size()), 70));
            boards.getColumns().add(column(t("boards.column.configured"), b -> awaited(b) ? t("boards.awaited")
                    : configured(b) ? t("boards.configured") : "", 110));
        }
        scanState.setId("scanState");
        VBox v = new VBox(6, scanState, boards);
        VBox.setVgrow(boards, Priority.ALWAYS);
        return v;
    }

    private SimpleBooleanProperty choice(String id) {
        return chosen.computeIfAbsent(id, k -> new SimpleBooleanProperty(false));
    }

    private boolean awaited(DiscoveredBoard b) {
        return b.name() != null && awaited.contains(b.name().toLowerCase(Locale.ROOT))
                || b.device() != null && awaited.contains(b.device().toLowerCase(Locale.ROOT));
    }

    private boolean configured(DiscoveredBoard b) {
        ModelSnapshot m = project.model().snapshot();
        return !Proposals.rows(List.of(b), m).stream().allMatch(r -> r.existingTag() == null);
    }

    private void updateBoards(List<DiscoveredBoard> list) {
        boards.getItems().setAll(list);
        List<String> arrived = new ArrayList<>();
        for (DiscoveredBoard b : list) {
            if (awaited(b)) {
                arrived.add(b.name());
                if (offered.add(b.id())) {
                    choice(b.id()).set(true);   // the new board made on page 1: offered, chosen once (the user may untick it)
                }
            }
        }
        scanState.setText(arrived.isEmpty() ? t("boards.scanning", list.size())
                : t("boards.arrived", String.join(", ", arrived), list.size()));
    }

    /** The boards ticked on page 2 (tests). */
    List<DiscoveredBoard> chosenBoards() {
        return pickedBoards();
    }

    private List<DiscoveredBoard> pickedBoards() {
        List<DiscoveredBoard> out = new ArrayList<>();
        for (DiscoveredBoard b : boards.getItems()) {
            if (choice(b.id()).get()) {
                out.add(b);
            }
        }
        return out;
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new SimpleStringProperty(value.apply(x.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    // ---- page 3: entities ----

    private Node entitiesPage() {
        entities.setId("entitiesTable");
        entities.setEditable(true);
        entities.getColumns().clear();
        TableColumn<EntityRow, Boolean> use = new TableColumn<>(t("entities.column.use"));
        use.setCellValueFactory(c -> {
            EntityRow r = c.getValue();
            SimpleBooleanProperty p = new SimpleBooleanProperty(r.include());
            p.addListener((o, a, b) -> r.include(b));
            return p;
        });
        use.setCellFactory(CheckBoxTableCell.forTableColumn(use));
        entities.getColumns().add(use);
        entities.getColumns().add(column(t("entities.column.status"), r -> r.status().name().toLowerCase(Locale.ROOT), 80));
        entities.getColumns().add(column(t("entities.column.entity"), r -> r.entity().key(), 230));
        TableColumn<EntityRow, String> name = column(t("entities.column.tag"), EntityRow::tagName, 150);
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setOnEditCommit(e -> e.getRowValue().tagName(e.getNewValue()));
        entities.getColumns().add(name);
        entities.getColumns().add(objectColumn());
        TableColumn<EntityRow, ValueType> type = new TableColumn<>(t("entities.column.type"));
        type.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().type()));
        type.setCellFactory(ComboBoxTableCell.forTableColumn(ValueType.values()));
        type.setOnEditCommit(e -> e.getRowValue().type(e.getNewValue()));
        entities.getColumns().add(type);
        TableColumn<EntityRow, String> units = column(t("entities.column.units"), EntityRow::units, 60);
        units.setCellFactory(TextFieldTableCell.forTableColumn());
        units.setOnEditCommit(e -> e.getRowValue().units(e.getNewValue()));
        entities.getColumns().add(units);
        TableColumn<EntityRow, Double> deadband = new TableColumn<>(t("entities.column.deadband"));
        deadband.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().deadband()));
        deadband.setCellFactory(TextFieldTableCell.forTableColumn(new DoubleStringConverter()));
        deadband.setOnEditCommit(e -> e.getRowValue().deadband(e.getNewValue() == null ? 0 : Math.max(0, e.getNewValue())));
        entities.getColumns().add(deadband);
        TableColumn<EntityRow, Boolean> writable = new TableColumn<>(t("entities.column.writable"));
        writable.setCellValueFactory(c -> {
            EntityRow r = c.getValue();
            SimpleBooleanProperty p = new SimpleBooleanProperty(r.writable());
            p.addListener((o, a, b) -> r.writable(b && r.entity().commandTopic() != null));
            return p;
        });
        writable.setCellFactory(CheckBoxTableCell.forTableColumn(writable));
        entities.getColumns().add(writable);
        entities.getColumns().add(column(t("entities.column.note"), r -> r.unsupported() == null ? "" : r.unsupported(), 260));
        entities.getItems().setAll(rows);
        targets.getChildren().clear();
        Set<DiscoveredBoard> picked = new LinkedHashSet<>();
        rows.forEach(r -> picked.add(r.board()));
        ModelSnapshot m = project.model().snapshot();
        List<ObjectDef> objects = new ArrayList<>(m.objects());
        for (DiscoveredBoard b : picked) {
            ComboBox<String> target = new ComboBox<>();
            target.setId("target-" + b.id());
            target.getItems().add(t("entities.newObject"));
            Map<String, UUID> byPath = new LinkedHashMap<>();
            objects.stream().map(o -> m.objectPath(o.id())).sorted().forEach(p -> byPath.put(p, m.findObject(p).map(ObjectDef::id).orElse(null)));
            target.getItems().addAll(byPath.keySet());
            target.getSelectionModel().select(0);
            TextField newName = new TextField(b.name());
            newName.setId("newObject-" + b.id());
            ComboBox<WizardPlan.Template> template = new ComboBox<>(FXCollections.observableArrayList(WizardPlan.Template.values()));
            template.getSelectionModel().select(WizardPlan.Template.GENERIC);
            template.setId("template-" + b.id());
            template.setConverter(new StringConverter<>() {
                @Override
                public String toString(WizardPlan.Template x) {
                    return x == null ? "" : WizardPlan.label(x);
                }

                @Override
                public WizardPlan.Template fromString(String s) {
                    return WizardPlan.Template.valueOf(s.toUpperCase(Locale.ROOT));
                }
            });
            Label standard = new Label();
            standard.setId("standardTags-" + b.id());
            Runnable store = () -> {
                boolean fresh = target.getSelectionModel().getSelectedIndex() <= 0;
                List<String> names = Templates.standardTags(fresh ? template.getValue() : null).stream().map(Templates.Standard::name).toList();
                standard.setText(names.isEmpty() ? "" : t("entities.standardTags", String.join(", ", names)));
                targetOf.put(b.id(), fresh
                        ? WizardPlan.Target.newObject(null, newName.getText().isBlank() ? b.name() : newName.getText().strip(),
                        template.getValue())
                        : WizardPlan.Target.existing(byPath.get(target.getValue())));
                // the board's entities fill the template's standard tags (Running, Current, ...)
                Templates.mapOnto(fresh ? template.getValue() : WizardPlan.Template.GENERIC,
                        rows.stream().filter(r -> r.board() == b && r.target() == null).toList());
                entities.refresh();
            };
            remapOf.put(b.id(), store);
            target.valueProperty().addListener((o, a, c) -> store.run());
            newName.textProperty().addListener((o, a, c) -> store.run());
            template.valueProperty().addListener((o, a, c) -> store.run());
            newName.disableProperty().bind(target.getSelectionModel().selectedIndexProperty().greaterThan(0));
            template.disableProperty().bind(newName.disableProperty());
            store.run();
            HBox line = new HBox(8, new Label(t("entities.target", b.name())), target, newName, new Label(t("entities.template")),
                    template, standard);
            line.setAlignment(Pos.CENTER_LEFT);
            targets.getChildren().add(line);
        }
        VBox v = new VBox(8, targets, entities);
        VBox.setVgrow(entities, Priority.ALWAYS);
        return v;
    }

    /** Where each entity's tag goes: its board's object (the line above the table) or an existing object. */
    private TableColumn<EntityRow, String> objectColumn() {
        ModelSnapshot m = project.model().snapshot();
        String boardsObject = t("entities.boardObject");
        Map<String, UUID> byPath = new LinkedHashMap<>();
        m.objects().stream().map(o -> m.objectPath(o.id())).sorted()
                .forEach(p -> byPath.put(p, m.findObject(p).map(ObjectDef::id).orElse(null)));
        List<String> choices = new ArrayList<>();
        choices.add(boardsObject);
        choices.addAll(byPath.keySet());
        TableColumn<EntityRow, String> c = new TableColumn<>(t("entities.column.object"));
        c.setCellValueFactory(x -> {
            WizardPlan.Target target = x.getValue().target();
            return new SimpleStringProperty(target == null ? boardsObject : m.objectPath(target.existingObject()));
        });
        c.setCellFactory(ComboBoxTableCell.forTableColumn(FXCollections.observableArrayList(choices)));
        c.setOnEditCommit(e -> {
            UUID id = byPath.get(e.getNewValue());
            EntityRow r = e.getRowValue();
            r.target(id == null ? null : WizardPlan.Target.existing(id));
            if (id != null && !r.nameEdited) {
                r.tagName = r.proposedName;   // a template's standard name belongs to the template's object
            }
            Runnable remap = remapOf.get(r.board().id());
            if (remap != null) {
                remap.run();
            }
        });
        c.setPrefWidth(150);
        return c;
    }

    private Map<String, WizardPlan.Target> targetsNow() {
        return Map.copyOf(targetOf);
    }

    // ---- page 4: alarms ----

    private Node alarmsPage() {
        alarms.setId("alarmsTable");
        alarms.setEditable(true);
        alarms.getColumns().clear();
        TableColumn<AlarmRow, Boolean> use = new TableColumn<>(t("alarms.column.use"));
        use.setCellValueFactory(c -> {
            AlarmRow r = c.getValue();
            SimpleBooleanProperty p = new SimpleBooleanProperty(r.include());
            p.addListener((o, a, b) -> r.include(b));
            return p;
        });
        use.setCellFactory(CheckBoxTableCell.forTableColumn(use));
        alarms.getColumns().add(use);
        alarms.getColumns().add(column(t("alarms.column.tag"), r -> r.row().tagName(), 180));
        alarms.getColumns().add(column(t("alarms.column.alarm"), r -> r.name() != null ? r.name() : r.kind().name(), 150));
        alarms.getColumns().add(column(t("alarms.column.limit"), r -> r.limit() == null ? "" : String.valueOf(r.limit()), 70));
        alarms.getColumns().add(column(t("alarms.column.why"), AlarmRow::why, 360));
        alarms.setPlaceholder(new Label(t("alarms.none")));
        alarms.getItems().setAll(alarmRows);
        return alarms;
    }

    // ---- page 5: preview and Finish ----

    private Node previewPage() {
        preview.setId("previewList");
        summary.setId("previewSummary");
        summary.setWrapText(true);
        preview.getItems().setAll(plan.lines());
        summary.setText(t("preview.summary", plan.connectors(), plan.objects(), plan.tags(), plan.alarms(), plan.deleted()));
        VBox v = new VBox(8, summary, preview);
        VBox.setVgrow(preview, Priority.ALWAYS);
        return v;
    }

    private void finish() {
        finish.setDisable(true);
        try {
            applyPlan();
        } catch (RuntimeException e) {
            status.setText(e.getMessage());
            finish.setDisable(false);
        }
    }

    private void applyPlan() {
        editor.apply(t("wizard.title") + ": " + plan.tags() + " tags", plan.edits()).whenComplete((change, error) -> {
            if (error != null) {
                status.setText(error.getMessage());
                finish.setDisable(false);
            } else {
                status.setText(t("preview.applied"));
                close();
            }
        });
    }

    /** The plan Finish applies (tests look at it). */
    public WizardPlan.Plan plan() {
        return plan;
    }

    /** Stops listening for boards and lets the window close. */
    public void close() {
        if (discovery != null) {
            discovery.close();
            discovery = null;
        }
        onClose.run();
    }
}
