package org.peresvet.app.trend;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Consumer;
import javafx.application.Platform;
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

    /** The stored samples of the shown period: read and written off the FX thread. */
    static void saveRawCsv(TrendView view, Window owner, Consumer<String> errors) {
        File f = choose(owner, "trend.csv", "*.csv", "trend-raw.csv");
        if (f == null) {
            return;
        }
        TrendView.RawCsvJob job = view.rawCsvJob();
        TrendFetcher.POOL.execute(() -> {
            try (Writer w = Files.newBufferedWriter(f.toPath(), StandardCharsets.UTF_8)) {
                view.writeRawCsv(w, job.tags(), job.from(), job.to());
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> errors.accept(Messages.get("trend.saveFailed", f, e.getMessage())));
            }
        });
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
