package org.peresvet.app.trend;

import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.peresvet.app.Messages;

/** Asks where to save a trend's data (CSV) or picture (PNG), and saves it. */
final class TrendFiles {

    private TrendFiles() {
    }

    static void saveCsv(TrendView view, Window owner, Consumer<String> errors) {
        File f = choose(owner, "trend.csv", "*.csv", "trend.csv");
        if (f != null) {
            try {
                view.writeCsv(f.toPath());
            } catch (IOException e) {
                errors.accept(Messages.get("trend.saveFailed", f, e.getMessage()));
            }
        }
    }

    static void savePng(TrendView view, Window owner, Consumer<String> errors) {
        File f = choose(owner, "trend.png", "*.png", "trend.png");
        if (f != null) {
            try {
                view.writePng(f.toPath(), 1600, 900);
            } catch (IOException e) {
                errors.accept(Messages.get("trend.saveFailed", f, e.getMessage()));
            }
        }
    }

    private static File choose(Window owner, String titleKey, String pattern, String initial) {
        FileChooser c = new FileChooser();
        c.setTitle(Messages.get(titleKey));
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern, pattern));
        c.setInitialFileName(initial);
        return c.showSaveDialog(owner);
    }
}
