package org.peresvet.app.wizard;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * "New board": what is wired to which pin of an ESP32, and the ESPHome YAML for it (shown live,
 * saved to a file). "Wait for it" hands the board's name to the wizard, which offers the board
 * when it comes online. FX thread only.
 */
final class NewBoardPane extends VBox {
    private final ResourceBundle text;
    private final TextField name = new TextField("new-board");
    private final ObservableList<NewBoard.Component> parts = FXCollections.observableArrayList();
    private final TextArea yaml = new TextArea();
    private final Label problem = new Label();
    private final Supplier<NewBoard.Broker> broker;

    NewBoardPane(ResourceBundle text, Supplier<NewBoard.Broker> broker, Consumer<String> waitFor, Runnable back) {
        super(8);
        this.text = text;
        this.broker = broker;
        setId("newBoardPane");
        setPadding(new Insets(4));
        name.setId("newBoardName");
        ComboBox<NewBoard.Kind> kind = new ComboBox<>(FXCollections.observableArrayList(NewBoard.Kind.values()));
        kind.setId("newBoardKind");
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(NewBoard.Kind k) {
                return k == null ? "" : k.label();
            }

            @Override
            public NewBoard.Kind fromString(String s) {
                return null;
            }
        });
        kind.getSelectionModel().select(NewBoard.Kind.RELAY);
        TextField partName = new TextField();
        partName.setId("newBoardPartName");
        partName.setPromptText(text.getString("newboard.partName"));
        ComboBox<Integer> pin = new ComboBox<>(FXCollections.observableArrayList(NewBoard.PINS));
        pin.setId("newBoardPin");
        pin.getSelectionModel().select(Integer.valueOf(26));
        pin.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer p) {
                return p == null ? "" : "GPIO" + p;
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        Button add = new Button(text.getString("newboard.add"));
        add.setId("newBoardAdd");
        add.setOnAction(e -> {
            if (!partName.getText().isBlank() && pin.getValue() != null) {
                add(new NewBoard.Component(kind.getValue(), partName.getText().strip(), pin.getValue()));
                partName.clear();
            }
        });
        ListView<NewBoard.Component> list = new ListView<>(parts);
        list.setId("newBoardParts");
        list.setPrefHeight(130);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(NewBoard.Component c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : "GPIO" + c.gpio() + "  " + c.kind().label() + ": " + c.name());
            }
        });
        Button remove = new Button(text.getString("newboard.remove"));
        remove.setOnAction(e -> parts.remove(list.getSelectionModel().getSelectedItem()));
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        yaml.setId("newBoardYaml");
        yaml.setEditable(false);
        yaml.setStyle("-fx-font-family: monospace;");
        VBox.setVgrow(yaml, Priority.ALWAYS);
        problem.setId("newBoardProblem");
        problem.setStyle("-fx-text-fill: #b00020;");
        Button save = new Button(text.getString("newboard.save"));
        save.setId("newBoardSave");
        save.setOnAction(e -> save());
        Button wait = new Button(text.getString("newboard.wait"));
        wait.setId("newBoardWait");
        wait.setOnAction(e -> {
            waitFor.accept(name.getText().strip());
            back.run();
        });
        Button cancel = new Button(text.getString("newboard.back"));
        cancel.setOnAction(e -> back.run());
        save.disableProperty().bind(problem.textProperty().isNotEmpty());
        wait.disableProperty().bind(problem.textProperty().isNotEmpty());
        name.textProperty().addListener((o, a, b) -> refresh());
        parts.addListener((ListChangeListener<NewBoard.Component>) c -> refresh());
        HBox nameLine = new HBox(8, new Label(text.getString("newboard.name")), name);
        nameLine.setAlignment(Pos.CENTER_LEFT);
        HBox addLine = new HBox(8, kind, partName, pin, add, remove);
        addLine.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label(text.getString("newboard.hint"));
        hint.setWrapText(true);
        HBox buttons = new HBox(8, save, wait, cancel);
        getChildren().addAll(hint, nameLine, addLine, list, problem, yaml, buttons);
        refresh();
    }

    /** Adds a component (the Add button; tests). */
    void add(NewBoard.Component c) {
        parts.add(c);
    }

    void boardName(String n) {
        name.setText(n);
    }

    String yamlText() {
        return yaml.getText();
    }

    private void refresh() {
        List<NewBoard.Component> now = List.copyOf(parts);
        String why = NewBoard.problem(name.getText().strip(), now);
        problem.setText(why == null ? "" : why);
        yaml.setText(NewBoard.yaml(name.getText().strip(), broker.get(), now));
    }

    private void save() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name.getText().strip() + ".yaml");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file.toPath(), yaml.getText(), StandardCharsets.UTF_8);
            problem.setText("");
        } catch (IOException e) {
            problem.setText(e.getMessage());
        }
    }
}
