package org.peresvet.app.shell;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Label;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleButton;
import org.peresvet.app.Messages;

/**
 * Engineer or operator mode, shown on the toolbar button, the View menu and the status bar, and
 * following the logged-in user's role: someone who may not edit the model (a viewer, an operator)
 * is put in operator mode and cannot switch to engineer mode. FX thread only.
 */
final class ModeControls {
    private final ObjectProperty<UserMode> mode;
    private final ObservableBooleanValue mayEdit;
    private final ToggleButton button;
    private final Label status;
    private final RadioMenuItem engineerItem;
    private final RadioMenuItem operatorItem;
    private final Consumer<Boolean> editable;

    ModeControls(ObjectProperty<UserMode> mode, ObservableBooleanValue mayEdit, ToggleButton button, Label status,
                 RadioMenuItem engineerItem, RadioMenuItem operatorItem, Consumer<Boolean> editable) {
        this.mode = mode;
        this.mayEdit = mayEdit;
        this.button = button;
        this.status = status;
        this.engineerItem = engineerItem;
        this.operatorItem = operatorItem;
        this.editable = editable;
        engineerItem.disableProperty().bind(Bindings.not(mayEdit));
        mode.addListener((obs, o, m) -> follow());
        mayEdit.addListener((obs, o, may) -> follow());
        follow();
    }

    /** Ctrl+M and the toolbar button: the other mode, when the role allows it. */
    void toggle() {
        mode.set(mode.get() == UserMode.ENGINEER ? UserMode.OPERATOR : UserMode.ENGINEER);
    }

    private void follow() {
        if (mode.get() == UserMode.ENGINEER && !mayEdit.get()) {
            mode.set(UserMode.OPERATOR); // the listener runs follow() again with the mode allowed
            return;
        }
        boolean edit = mode.get().canEdit();
        editable.accept(edit);
        button.setSelected(!edit);
        button.setText(Messages.get(edit ? "mode.engineer" : "mode.operator"));
        button.setDisable(!mayEdit.get());
        status.setText(Messages.get("status.mode", Messages.get(edit ? "mode.engineer" : "mode.operator")));
        (edit ? engineerItem : operatorItem).setSelected(true);
    }
}
