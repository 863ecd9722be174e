package org.peresvet.app.trend;

import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.peresvet.app.Messages;
import org.peresvet.app.project.ProjectContext;

/**
 * A small window with one tag's last hour, live: for a value on any screen (the object view, a
 * mnemonic screen) on double-click. Closing it releases its feed.
 */
public final class PopupTrend {

    private PopupTrend() {
    }

    /** Opens the popup for a tag next to {@code owner}; returns its view (tests read it). */
    public static TrendView show(ProjectContext project, UUID tagId, Window owner) {
        return show(project, tagId, owner, true);
    }

    /**
     * Opens the popup; without {@code exports} it offers no CSV or PNG files (the operator
     * station: an operator looks at the trend, files are an engineer's business).
     */
    public static TrendView show(ProjectContext project, UUID tagId, Window owner, boolean exports) {
        TrendView view = new TrendView("popup-" + tagId, project, null, msg -> { });
        if (!exports) {
            for (String id : new String[] {"#trend-csv", "#trend-png"}) {
                Node n = view.content().lookup(id);
                if (n != null) {
                    n.setVisible(false);
                    n.setManaged(false);
                }
            }
        }
        view.addPen(tagId);
        view.preset(3600);
        Stage stage = new Stage();
        stage.initOwner(owner);
        String path = project.model().snapshot().tag(tagId) == null ? tagId.toString() : project.model().snapshot().tagPath(tagId);
        stage.setTitle(Messages.get("trend.popupTitle", path));
        Scene scene = new Scene((Parent) view.content(), 640, 380);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            view.theme(owner.getScene().getStylesheets().stream().anyMatch(s -> s.contains("dark")));
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> view.dispose());
        stage.show();
        return view;
    }
}
