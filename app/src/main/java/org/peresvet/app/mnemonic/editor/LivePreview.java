package org.peresvet.app.mnemonic.editor;

import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.mnemonic.LiveScreen;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenDef;

/**
 * The editor's F5: the edited screen as the runtime runs it ({@link LiveScreen}) with the open
 * project's live values, so the engineer sees the bindings work before saving anything else.
 * Its controls stay inert (a preview shows, an operator's screen commands). {@link #close(Node)}
 * stops watching the tags. FX thread.
 */
public final class LivePreview {
    private LivePreview() {
    }

    /** Builds previews over {@code bridge}, the workstation's live values and model. */
    public static Function<ScreenDef, Node> over(ValueBridge bridge) {
        return s -> {
            ModelSnapshot m = bridge.getModel();
            LiveScreen live = new LiveScreen(s, m == null ? ModelSnapshot.empty() : m, bridge, Platform::runLater);
            ScrollPane view = new ScrollPane(live.root());
            view.getStyleClass().add("editor-preview");
            view.setUserData(live);
            return view;
        };
    }

    /** The live screen inside a preview, or null (a static preview). */
    static LiveScreen live(Node preview) {
        return preview != null && preview.getUserData() instanceof LiveScreen l ? l : null;
    }

    /** Stops a preview's watches, if it has any. */
    static void close(Node preview) {
        LiveScreen l = live(preview);
        if (l != null) {
            l.close();
        }
    }
}
