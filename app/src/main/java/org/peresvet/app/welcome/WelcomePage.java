package org.peresvet.app.welcome;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.peresvet.app.Messages;

/**
 * What the workstation shows when no project is open yet (a first start): open the demo, a new
 * empty project, a folder, a recent project, or a model imported from the Python platform. It only
 * shows the choices; the shell carries them out ({@link Actions}).
 */
public final class WelcomePage extends VBox {

    /** The choices, carried out by the shell. */
    public interface Actions {
        void openDemo();

        void newProject();

        void openFolder();

        void open(Path project);

        /** A new project, then the LDAP import into it. */
        void importLdap();
    }

    public WelcomePage(List<Path> recent, Actions actions) {
        setId("welcome");
        getStyleClass().add("welcome-page");
        setAlignment(Pos.CENTER);
        setSpacing(10);
        setMaxWidth(560);
        Label title = new Label(Messages.get("welcome.title"));
        title.getStyleClass().add("placeholder-title");
        Label intro = new Label(Messages.get("welcome.intro"));
        intro.getStyleClass().add("placeholder-note");
        intro.setWrapText(true);
        getChildren().addAll(title, intro,
                button("welcomeDemo", "welcome.demo", actions::openDemo, true),
                button("welcomeNew", "welcome.new", actions::newProject, false),
                button("welcomeOpen", "welcome.open", actions::openFolder, false),
                button("welcomeLdap", "welcome.ldap", actions::importLdap, false));
        Label recentTitle = new Label(Messages.get(recent.isEmpty() ? "welcome.noRecent" : "welcome.recent"));
        recentTitle.getStyleClass().add("placeholder-note");
        getChildren().add(recentTitle);
        for (Path p : recent) {
            Hyperlink link = new Hyperlink(p.getFileName() + "  —  " + p);
            link.getStyleClass().add("welcome-recent");
            link.setOnAction(e -> actions.open(p));
            getChildren().add(link);
        }
    }

    private static Button button(String id, String key, Runnable action, boolean first) {
        Button b = new Button(Messages.get(key));
        b.setId(id);
        b.setMaxWidth(360);
        b.setDefaultButton(first);
        b.setOnAction(e -> action.run());
        return b;
    }
}
