package org.peresvet.app.mnemonic.editor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.peresvet.app.fx.DialogService;
import org.peresvet.screen.CommandDef;
import org.peresvet.screen.PropertyDef;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.SymbolDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * The property sheet: one typed editor per property of the focused widget (number with its unit,
 * colour, choice, text, switch, points), its bindings with completion and live checking, the
 * command of a control, the macros of a group; with nothing selected, the screen's own size,
 * background and level. Each change is one undoable edit. FX thread.
 */
final class PropertySheet {
    private static final Set<String> COLOURS = Set.of("fill", "stroke");
    private static final Set<String> GEOMETRY = Set.of("x", "y", "width", "height");
    /** Properties of a symbol instance the sheet does not offer: the definition sets them. */
    private static final Set<String> SYMBOL_OWN = Set.of("width", "height", "symbol");
    private static final List<String> CONTROLS = List.of(WidgetTypes.COMMAND, WidgetTypes.SETPOINT, WidgetTypes.TOGGLE);

    private final EditorModel model;
    private final GridPane grid = new GridPane();
    private final ScrollPane view = new ScrollPane(grid);
    private final Map<String, BindingField> bindings = new LinkedHashMap<>();
    private final Map<String, Node> editors = new LinkedHashMap<>();
    private DialogService dialogs;
    private WidgetDef shown;
    private ScreenDef shownScreen;
    private int row;
    private FontField font;

    PropertySheet(EditorModel model) {
        this.model = model;
        grid.setHgap(6);
        grid.setVgap(4);
        grid.setPadding(new Insets(8));
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(70);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().setAll(names, values);
        grid.getStyleClass().add("editor-properties");
        view.setFitToWidth(true);
        view.setPrefWidth(330);
        model.focusProperty().addListener((o, a, b) -> refresh());
        model.screenProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    /** Where the image picker asks for a file (none: the picker is not offered). */
    void chooseFilesWith(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    ScrollPane view() {
        return view;
    }

    /** The binding field of a property of the focused widget (tests type into it). */
    BindingField binding(String property) {
        return bindings.get(property);
    }

    /** The font row of the focused widget, or null when it shows no text. */
    FontField font() {
        return font;
    }

    Node editor(String property) {
        return editors.get(property);
    }

    private void refresh() {
        WidgetDef w = model.focused();
        ScreenDef s = model.screen();
        if (w != null && w.equals(shown) || w == null && shown == null && s == shownScreen) {
            return;
        }
        shown = w;
        shownScreen = s;
        grid.getChildren().clear();
        bindings.clear();
        editors.clear();
        font = null;
        row = 0;
        if (w == null) {
            if (s != null) {
                screenRows(s);
            }
            return;
        }
        heading(EditorText.get("sheet.widget", w.id(), w.type()));
        boolean instance = WidgetTypes.SYMBOL.equals(w.type());
        for (PropertyDef p : w.widgetType().properties()) {
            if (instance && SYMBOL_OWN.contains(p.name())) {
                continue; // the definition fixes its size and drawing; the library names it
            }
            if (!FontField.part(p.name())) {
                add(p.name(), valueEditor(w, p));
            } else if (p.name().equals(FontField.FAMILY)) {
                font = new FontField(model, w);
                add(EditorText.get("sheet.font"), font.view());
            }
        }
        if (instance) {
            add(EditorText.get("sheet.symbol"), new Label(model.library().definitionOf(w).map(SymbolDef::name)
                    .orElse(EditorText.get("sheet.symbolMissing"))));
        }
        if (!w.widgetType().container() && !instance) {
            heading(EditorText.get("sheet.bindings"));
            for (PropertyDef p : w.widgetType().properties()) {
                if (GEOMETRY.contains(p.name()) || FontField.part(p.name())) {
                    continue;
                }
                BindingField f = new BindingField(p.name(), w.binding(p.name()), model::snapshot, b -> {
                    WidgetDef now = model.focused();
                    if (now != null) {
                        model.replace(EditorText.get("undo.bind", now.id(), p.name()), now, now.bind(p.name(), b));
                    }
                });
                bindings.put(p.name(), f);
                add(p.name(), f.view());
            }
        }
        if (CONTROLS.contains(w.type()) || w.command() != null) {
            heading(EditorText.get("sheet.command"));
            TextField tag = new TextField(w.command() == null ? "" : w.command().tag());
            tag.setId("command-tag");
            TextField value = new TextField(w.command() == null || w.command().value() == null ? "" : w.command().value());
            value.setId("command-value");
            value.setPromptText(EditorText.get("sheet.commandEntered"));
            Runnable save = () -> {
                WidgetDef now = model.focused();
                String t = tag.getText().strip();
                CommandDef c = t.isEmpty() ? null : new CommandDef(t, value.getText().isBlank() ? null : value.getText().strip());
                if (now != null && !Objects.equals(c, now.command())) {
                    model.replace(EditorText.get("undo.command", now.id()), now, now.withCommand(c));
                }
            };
            onCommit(tag, save);
            onCommit(value, save);
            add(EditorText.get("sheet.commandTag"), tag);
            add(EditorText.get("sheet.commandValue"), value);
        }
        if (w.widgetType().container() || instance) {
            heading(EditorText.get(instance ? "sheet.parameters" : "sheet.macros"));
            TextField macros = new TextField(macroText(w.macros()));
            macros.setId("macros");
            macros.setPromptText("pump=P1; area=North");
            onCommit(macros, () -> {
                WidgetDef now = model.focused();
                if (now == null) {
                    return;
                }
                try {
                    WidgetDef next = now;
                    for (String k : now.macros().keySet()) {
                        next = next.withMacro(k, null);
                    }
                    for (var e : parseMacros(macros.getText()).entrySet()) {
                        next = next.withMacro(e.getKey(), e.getValue());
                    }
                    model.replace(EditorText.get("undo.macros", now.id()), now, next);
                } catch (IllegalArgumentException ex) {
                    macros.setStyle("-fx-border-color: #b00020;");
                }
            });
            add(EditorText.get("sheet.macroValues"), macros);
        }
    }

    private void screenRows(ScreenDef s) {
        heading(EditorText.get("sheet.screen", s.name()));
        TextField width = number(s.width(), v -> model.changeScreen(EditorText.get("undo.screenSize"), s.withSize(v.intValue(), s.height())));
        TextField height = number(s.height(), v -> model.changeScreen(EditorText.get("undo.screenSize"), s.withSize(s.width(), v.intValue())));
        add(EditorText.get("sheet.screenWidth"), width);
        add(EditorText.get("sheet.screenHeight"), height);
        add(EditorText.get("sheet.background"), colour(s.background(), c -> {
            if (!c.isEmpty()) {
                model.changeScreen(EditorText.get("undo.background"), s.withBackground(c));
            }
        }));
        ComboBox<Integer> level = new ComboBox<>();
        level.getItems().setAll(1, 2, 3, 4);
        level.setValue(s.level());
        level.setOnAction(e -> model.changeScreen(EditorText.get("undo.level"), s.withLevel(level.getValue())));
        add(EditorText.get("sheet.level"), level);
        CheckBox home = new CheckBox();
        home.setSelected(s.home());
        home.setOnAction(e -> model.changeScreen(EditorText.get("undo.home"), s.withHome(home.isSelected())));
        add(EditorText.get("sheet.home"), home);
    }

    private Node valueEditor(WidgetDef w, PropertyDef p) {
        Object v = w.get(p.name());
        return switch (p.type()) {
            case NUMBER -> {
                TextField f = number(v == null ? null : (Double) v, d -> set(p.name(), d));
                String unit = p.name().equals("rotation") ? "°" : GEOMETRY.contains(p.name()) || p.name().equals("lineWidth")
                        || p.name().equals("fontSize") ? "px" : "";
                if (unit.isEmpty()) {
                    yield f;
                }
                HBox h = new HBox(4, f, new Label(unit));
                HBox.setHgrow(f, Priority.ALWAYS);
                yield h;
            }
            case BOOLEAN -> {
                CheckBox c = new CheckBox();
                c.setSelected((Boolean) v);
                c.setOnAction(e -> set(p.name(), c.isSelected()));
                yield c;
            }
            case CHOICE -> {
                ComboBox<String> c = new ComboBox<>();
                c.getItems().setAll(p.choices());
                c.setValue((String) v);
                c.setOnAction(e -> set(p.name(), c.getValue()));
                yield c;
            }
            case TEXT -> {
                if (COLOURS.contains(p.name())) {
                    yield colour((String) v, c -> set(p.name(), c));
                }
                TextField f = new TextField((String) v);
                boolean image = w.type().equals(WidgetTypes.IMAGE) && p.name().equals("source") && dialogs != null;
                if (image && f.getText().startsWith("data:")) {
                    // A data URI is not for typing: it shows as "embedded", choose another file to change it.
                    f.setText(EditorText.get("sheet.embeddedImage"));
                    f.setEditable(false);
                } else {
                    onCommit(f, () -> set(p.name(), f.getText()));
                }
                yield image ? imagePicker(f) : f;
            }
            case POINTS -> {
                TextField f = new TextField(pointsText(w.points(p.name())));
                onCommit(f, () -> {
                    try {
                        set(p.name(), parsePoints(f.getText()));
                        f.setStyle("");
                    } catch (IllegalArgumentException e) {
                        f.setStyle("-fx-border-color: #b00020;");
                    }
                });
                yield f;
            }
        };
    }

    /** The image's source with a "Choose…" button that embeds a picture file in the screen. */
    private Node imagePicker(TextField source) {
        Button choose = new Button(EditorText.get("sheet.chooseImage"));
        choose.setId("sheet-choose-image");
        choose.setMinWidth(Region.USE_PREF_SIZE); // the field gives way, not the button's label
        choose.setOnAction(e -> dialogs.openFile(EditorText.get("sheet.chooseImage"), List.of(
                new DialogService.FileType(EditorText.get("sheet.imageFiles"), "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp")))
                .ifPresent(file -> {
                    try {
                        set("source", ImageSource.embed(file));
                    } catch (IOException | IllegalArgumentException ex) {
                        dialogs.inform(EditorText.get("sheet.chooseImage"), ex.getMessage());
                    }
                }));
        HBox h = new HBox(4, source, choose);
        HBox.setHgrow(source, Priority.ALWAYS);
        return h;
    }

    private void set(String property, Object value) {
        WidgetDef now = model.focused();
        if (now == null) {
            return;
        }
        try {
            model.replace(EditorText.get("undo.property", now.id(), property), now, now.with(property, value));
        } catch (IllegalArgumentException e) {
            shown = null;
            refresh(); // the refused value goes back to what it was
        }
    }

    private TextField number(Number value, Consumer<Double> commit) {
        TextField f = new TextField(value == null ? "" : fmt(value.doubleValue()));
        f.setPrefColumnCount(6);
        onCommit(f, () -> {
            String t = f.getText().strip().replace(',', '.');
            try {
                Double d = t.isEmpty() ? null : Double.valueOf(t);
                if (d != null && !Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                f.setStyle("");
                if (d != null || value != null) {
                    commit.accept(d);
                }
            } catch (NumberFormatException e) {
                f.setStyle("-fx-border-color: #b00020;");
            }
        });
        return f;
    }

    /** A colour as text (#RRGGBB, empty for the symbol's default) beside a picker. */
    private Node colour(String value, Consumer<String> commit) {
        TextField f = new TextField(value);
        f.setPrefColumnCount(7);
        ColorPicker picker = new ColorPicker(Colours.valid(value) ? Color.web(value) : Color.GRAY);
        picker.setPrefWidth(44);
        picker.setOnAction(e -> {
            Color c = picker.getValue();
            String hex = String.format(Locale.ROOT, "#%02X%02X%02X", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                    Math.round(c.getBlue() * 255));
            f.setText(hex);
            commit.accept(hex);
        });
        onCommit(f, () -> {
            String t = f.getText().strip();
            if (t.isEmpty() || Colours.valid(t)) {
                f.setStyle("");
                commit.accept(t.toUpperCase(Locale.ROOT));
            } else {
                f.setStyle("-fx-border-color: #b00020;");
            }
        });
        HBox h = new HBox(4, f, picker);
        HBox.setHgrow(f, Priority.ALWAYS);
        return h;
    }

    private static void onCommit(TextField f, Runnable r) {
        String[] last = {f.getText()};
        Runnable once = () -> {
            if (!f.getText().equals(last[0])) {
                last[0] = f.getText();
                r.run();
            }
        };
        f.setOnAction(e -> once.run());
        f.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                once.run();
            }
        });
    }

    private void heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-padding: 6 0 2 0;");
        grid.add(l, 0, row++, 2, 1);
    }

    private void add(String name, Node editor) {
        Label l = new Label(name);
        l.setMinWidth(Control.USE_PREF_SIZE);
        grid.add(l, 0, row);
        grid.add(editor, 1, row++);
        editors.put(name, editor);
        if (editor instanceof Control c) {
            c.setMaxWidth(Double.MAX_VALUE);
        }
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static String pointsText(List<Double> pts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < pts.size(); i += 2) {
            b.append(i == 0 ? "" : " ").append(fmt(pts.get(i))).append(',').append(fmt(pts.get(i + 1)));
        }
        return b.toString();
    }

    static List<Double> parsePoints(String text) {
        List<Double> out = new ArrayList<>();
        for (String n : text.strip().split("[\\s,]+")) {
            if (!n.isEmpty()) {
                out.add(Double.valueOf(n));
            }
        }
        if (out.size() % 2 != 0) {
            throw new IllegalArgumentException("points come in x,y pairs");
        }
        return out;
    }

    static String macroText(Map<String, String> macros) {
        StringBuilder b = new StringBuilder();
        macros.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return b.toString();
    }

    static Map<String, String> parseMacros(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("macros are name=value pairs separated by ';'");
            }
            out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return out;
    }
}
