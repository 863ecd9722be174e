package org.peresvet.app.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peresvet.app.Messages;
import org.peresvet.app.common.FormulaRef;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;

/**
 * The view model of the property sheet: the properties of the selected items (one object, one
 * tag, or several items of one kind for a bulk edit), each with its value and the reason its last
 * edit was refused. Used on the FX thread; needs no toolkit.
 */
public final class PropertiesModel {
    private final ModelEditor editor;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", true);
    private List<NodeRef> selection = List.of();
    private boolean tags;

    public PropertiesModel(ModelEditor editor) {
        this.editor = editor;
    }

    /** One property of the selection. */
    public final class Row {
        private final Field<?> field;
        /** The items this row edits: the selection when it was made (a late commit still goes to them). */
        private final List<NodeRef> targets;
        private final boolean tagRow;
        private final ReadOnlyObjectWrapper<Object> value = new ReadOnlyObjectWrapper<>(this, "value");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
        private boolean mixed;

        Row(Field<?> field, List<NodeRef> targets, boolean tagRow) {
            this.field = field;
            this.targets = targets;
            this.tagRow = tagRow;
        }

        public Field<?> field() {
            return field;
        }

        public String label() {
            return Messages.get("field." + field.key());
        }

        public String description() {
            return Messages.get("field." + field.key() + ".help");
        }

        public String category() {
            return Messages.get("category." + field.category());
        }

        /** The common value of the selected items; null when they differ ({@link #isMixed()}). */
        public ReadOnlyObjectProperty<Object> valueProperty() {
            return value.getReadOnlyProperty();
        }

        public Object getValue() {
            return value.get();
        }

        public boolean isMixed() {
            return mixed;
        }

        /** Why the last edit of this property was refused; empty when it was not. */
        public ReadOnlyStringProperty errorProperty() {
            return error.getReadOnlyProperty();
        }

        public BooleanProperty editableProperty() {
            return editable;
        }

        /** Commits text typed into the field. */
        public CompletableFuture<?> commitText(String text) {
            Object v;
            try {
                v = field.parse(text);
            } catch (IllegalArgumentException e) {
                error.set(e.getMessage());
                return CompletableFuture.failedFuture(e);
            }
            return commit(v);
        }

        /** Sets the property on every selected item; refused edits leave everything as it was. */
        public CompletableFuture<?> commit(Object newValue) {
            return PropertiesModel.this.commit(this, newValue);
        }

        void show(Object v, boolean isMixed) {
            mixed = isMixed;
            // Set even when equal so an editor showing a refused value returns to the model's value.
            if (Objects.equals(value.get(), v)) {
                value.set(null);
            }
            value.set(v);
        }

        void fail(String reason) {
            error.set(reason);
        }
    }

    /** Shows the properties of {@code refs}; items of two kinds show nothing to edit together. */
    public void select(List<NodeRef> refs) {
        ModelSnapshot m = editor.model();
        List<NodeRef> alive = refs.stream().filter(r -> r.existsIn(m)).toList();
        boolean allTags = !alive.isEmpty() && alive.stream().allMatch(NodeRef::isTag);
        boolean allObjects = !alive.isEmpty() && alive.stream().allMatch(NodeRef::isObject);
        selection = allTags || allObjects ? alive : List.of();
        tags = allTags;
        List<Row> out = new ArrayList<>();
        List<? extends Field<?>> fields = allTags ? Field.TAG : allObjects ? Field.OBJECT : List.of();
        for (Field<?> f : fields) {
            if (selection.size() == 1 || f.bulk()) {
                out.add(new Row(f, selection, tags));
            }
        }
        rows.setAll(out);
        if (alive.isEmpty()) {
            title.set("");
        } else if (!allTags && !allObjects) {
            title.set(Messages.get("properties.mixedKinds"));
        } else if (alive.size() == 1) {
            title.set(alive.get(0).path(m));
        } else {
            title.set(Messages.get(allTags ? "properties.manyTags" : "properties.manyObjects", alive.size()));
        }
        refresh(m);
    }

    /** The model changed: show the new values; items that are gone leave the selection. */
    public void refresh(ModelSnapshot m) {
        if (selection.stream().anyMatch(r -> !r.existsIn(m))) {
            select(selection);
            return;
        }
        for (Row row : rows) {
            Object common = null;
            boolean mixed = false;
            boolean first = true;
            for (NodeRef r : selection) {
                Object v = valueOf(m, r, row.field);
                if (first) {
                    common = v;
                    first = false;
                } else if (!Objects.equals(common, v)) {
                    mixed = true;
                    common = null;
                    break;
                }
            }
            row.show(common, mixed);
        }
        if (selection.size() == 1) {
            title.set(selection.get(0).path(m));
        }
        var t = selection.size() == 1 && selection.get(0).isTag() ? m.tag(selection.get(0).id()) : null;
        formula.set(t != null && t.calculated() ? FormulaRef.tag(t.id()) : null);
        formulaText.set(t != null && t.calculated() ? t.formula() : "");
    }

    private final javafx.beans.property.ReadOnlyObjectWrapper<FormulaRef> formula =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "formula");
    private final ReadOnlyStringWrapper formulaText = new ReadOnlyStringWrapper(this, "formulaText", "");

    /** The calculated tag selected alone (its formula can be edited), or null. */
    public javafx.beans.property.ReadOnlyObjectProperty<FormulaRef> formulaProperty() {
        return formula.getReadOnlyProperty();
    }

    /** The formula of that tag, as saved. */
    public ReadOnlyStringProperty formulaTextProperty() {
        return formulaText.getReadOnlyProperty();
    }

    @SuppressWarnings("unchecked")
    private static Object valueOf(ModelSnapshot m, NodeRef r, Field<?> f) {
        return r.isTag() ? ((Field<TagDef>) f).get(m.tag(r.id())) : ((Field<ObjectDef>) f).get(m.object(r.id()));
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<?> commit(Row row, Object newValue) {
        ModelSnapshot m = editor.model();
        List<ModelEdit> edits = new ArrayList<>();
        for (NodeRef r : row.targets) {
            if (!r.existsIn(m)) {
                continue;
            }
            if (row.tagRow) {
                TagDef t = m.tag(r.id());
                TagDef changed = ((Field<TagDef>) row.field).set(t, newValue);
                if (!changed.equals(t)) {
                    edits.add(new ModelEdit.PutTag(changed));
                }
            } else {
                ObjectDef o = m.object(r.id());
                ObjectDef changed = ((Field<ObjectDef>) row.field).set(o, newValue);
                if (!changed.equals(o)) {
                    edits.add(new ModelEdit.PutObject(changed));
                }
            }
        }
        row.error.set("");
        if (edits.isEmpty()) {
            refresh(m);
            return CompletableFuture.completedFuture(null);
        }
        String what = row.targets.size() == 1 ? row.targets.get(0).name(m) : Messages.get("properties.items", row.targets.size());
        try {
            return editor.apply(Messages.get("undo.editField", row.label(), what), edits)
                    .whenComplete((c, err) -> {
                        if (err != null) {
                            row.fail(reason(row, err));
                            refresh(editor.model());
                        }
                    });
        } catch (ModelException e) {
            row.fail(reason(row, e));
            refresh(m); // the refused value leaves the field
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String reason(Row row, Throwable err) {
        Throwable e = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (e instanceof ModelException me) {
            if (me.field() == null || me.field().equals(row.field.key())) {
                return me.reason();
            }
            return Messages.getOrDefault("field." + me.field(), me.field()) + ": " + me.reason();
        }
        return String.valueOf(e.getMessage());
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The row of a property, or null. */
    public Row row(String key) {
        return rows.stream().filter(r -> r.field.key().equals(key)).findFirst().orElse(null);
    }

    /** What is selected: a path, "3 tags", or a note that the items cannot be edited together. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** False in operator mode: properties are shown, not edited. */
    public BooleanProperty editableProperty() {
        return editable;
    }

    public List<NodeRef> selection() {
        return selection;
    }
}
