package org.peresvet.app.shell;

import java.util.ResourceBundle;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;

/** A read-only tree of the project's objects and tags; the editing tree comes with the workstation issue. */
final class ProjectOverview {
    private ProjectOverview() {
    }

    static TreeView<String> tree(ModelSnapshot model, String projectName, ResourceBundle messages) {
        TreeItem<String> root = new TreeItem<>(projectName);
        root.setExpanded(true);
        for (ObjectDef o : model.childObjects(null)) {
            root.getChildren().add(item(model, o, messages));
        }
        TreeView<String> view = new TreeView<>(root);
        view.getStyleClass().add("project-tree");
        return view;
    }

    private static TreeItem<String> item(ModelSnapshot model, ObjectDef o, ResourceBundle messages) {
        TreeItem<String> item = new TreeItem<>(o.name());
        item.setExpanded(true);
        for (ObjectDef child : model.childObjects(o.id())) {
            item.getChildren().add(item(model, child, messages));
        }
        for (TagDef t : model.tagsOf(o.id())) {
            String units = t.units().isEmpty() ? "" : ", " + t.units();
            item.getChildren().add(new TreeItem<>(t.name() + "  (" + t.type().label() + units + ")"));
        }
        return item;
    }
}
