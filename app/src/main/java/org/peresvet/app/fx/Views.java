package org.peresvet.app.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import org.peresvet.app.Messages;

/** Loads a view from the top-level {@code fxml/} folder with its controller and the app's strings. */
public final class Views {
    public static final String FXML = "/org/peresvet/app/fxml/";

    private Views() {
    }

    public static <T extends Parent> T load(String name, Object controller) {
        URL url = Views.class.getResource(FXML + name);
        if (url == null) {
            throw new IllegalStateException("View missing from the classpath: " + FXML + name);
        }
        FXMLLoader loader = new FXMLLoader(url, Messages.bundle());
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load view " + name + ": " + e.getMessage(), e);
        }
    }
}
