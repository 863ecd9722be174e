package org.peresvet.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project is a folder: the model in {@code model.mv.db}, local history in
 * {@code history.mv.db} (so the model can be backed up and copied small), logs in {@code logs/}.
 * A folder with only a {@code project.json} is a seed: the model is imported from it on first open.
 */
public record ProjectFolder(Path dir) {

    public Path modelBase() {
        return dir.resolve("model");
    }

    public Path historyBase() {
        return dir.resolve("history");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path seed() {
        return dir.resolve("project.json");
    }

    public boolean hasModel() {
        return Files.exists(dir.resolve("model.mv.db"));
    }

    public String name() {
        Path file = dir.toAbsolutePath().normalize().getFileName();
        return file == null ? "project" : file.toString();
    }

    public void create() {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new StoreException("cannot create project folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
