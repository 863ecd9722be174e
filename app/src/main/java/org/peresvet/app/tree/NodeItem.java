package org.peresvet.app.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;

/**
 * A tree item that builds its children only when the tree asks for them (the item is expanded),
 * so a project of any size opens with just its top level: the tree view itself only creates
 * cells for the rows on screen.
 */
final class NodeItem extends TreeItem<NodeRef> {
    private final Supplier<ModelSnapshot> model;
    private boolean loaded;

    NodeItem(NodeRef ref, Supplier<ModelSnapshot> model) {
        super(ref);
        this.model = model;
    }

    boolean isLoaded() {
        return loaded;
    }

    @Override
    public boolean isLeaf() {
        NodeRef r = getValue();
        if (r == null) {
            return false;
        }
        if (r.isTag()) {
            return true;
        }
        ModelSnapshot m = model.get();
        return m.childObjects(r.id()).isEmpty() && m.tagsOf(r.id()).isEmpty();
    }

    @Override
    public ObservableList<TreeItem<NodeRef>> getChildren() {
        if (!loaded) {
            loaded = true;
            super.getChildren().setAll(build(model.get()));
        }
        return super.getChildren();
    }

    /** The refs this item's children should have in {@code m}: child objects first, then tags. */
    List<NodeRef> childRefs(ModelSnapshot m) {
        NodeRef r = getValue();
        List<NodeRef> out = new ArrayList<>();
        if (r == null) {
            for (ObjectDef o : m.childObjects(null)) {
                out.add(NodeRef.object(o.id()));
            }
            return out;
        }
        if (r.isObject()) {
            for (ObjectDef o : m.childObjects(r.id())) {
                out.add(NodeRef.object(o.id()));
            }
            for (TagDef t : m.tagsOf(r.id())) {
                out.add(NodeRef.tag(t.id()));
            }
        }
        return out;
    }

    private List<NodeItem> build(ModelSnapshot m) {
        List<NodeItem> out = new ArrayList<>();
        for (NodeRef c : childRefs(m)) {
            out.add(new NodeItem(c, model));
        }
        return out;
    }

    /**
     * Brings the loaded part of the tree in line with {@code m}: items of the same ref are kept
     * (with their expansion), gone ones removed, new ones added. Unloaded items build from the
     * new model when first expanded.
     */
    void sync(ModelSnapshot m) {
        if (!loaded) {
            return;
        }
        ObservableList<TreeItem<NodeRef>> current = super.getChildren();
        java.util.Map<NodeRef, NodeItem> existing = new java.util.HashMap<>();
        for (TreeItem<NodeRef> c : current) {
            existing.put(c.getValue(), (NodeItem) c);
        }
        List<NodeItem> wanted = new ArrayList<>();
        for (NodeRef r : childRefs(m)) {
            NodeItem item = existing.get(r);
            wanted.add(item != null ? item : new NodeItem(r, model));
        }
        if (!wanted.equals(current)) {
            current.setAll(wanted);
        }
        for (NodeItem c : wanted) {
            c.sync(m);
        }
    }
}
