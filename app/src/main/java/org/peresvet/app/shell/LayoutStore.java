package org.peresvet.app.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes {@link WindowLayout} as a small JSON file; a damaged file gives the defaults. */
public final class LayoutStore {
    private static final Logger LOG = LoggerFactory.getLogger(LayoutStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public LayoutStore(Path file) {
        this.file = file;
    }

    public WindowLayout load() {
        if (!Files.exists(file)) {
            return WindowLayout.defaults();
        }
        try {
            return MAPPER.readValue(file.toFile(), WindowLayout.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the unreadable window layout {}: {}", file, e.getMessage());
            return WindowLayout.defaults();
        }
    }

    public void save(WindowLayout layout) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            MAPPER.writeValue(tmp.toFile(), layout);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the window layout to {}: {}", file, e.getMessage());
        }
    }

    public Path file() {
        return file;
    }
}
