package org.peresvet.app.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.model.ModelSnapshot;

/** The rule for a new project's name: a valid model name, a plain folder name, not taken yet. */
final class ProjectNames {
    private ProjectNames() {
    }

    /** Asks for a new project's name; a bad one is reported and gives empty. */
    static Optional<Path> askNew(DialogService dialogs, Path projects, Feedback feedback) {
        return dialogs.askText(Messages.get("project.newTitle"), Messages.get("project.newHeader", projects), Messages.get("project.name"))
                .flatMap(n -> {
                    String bad = problem(n, projects);
                    if (bad != null) {
                        feedback.error(bad);
                        return Optional.empty();
                    }
                    return Optional.of(projects.resolve(n));
                });
    }

    /** Why {@code name} cannot be a new project in {@code projects}, or null when it can. */
    static String problem(String name, Path projects) {
        String bad = ModelSnapshot.invalidNameReason(name);
        if (bad != null || name.contains("\\") || name.startsWith(".")) {
            return Messages.get("project.badName", name, bad == null ? Messages.get("project.badChars") : bad);
        }
        Path dir = projects.resolve(name);
        if (Files.exists(dir)) {
            return Messages.get("project.exists", dir);
        }
        return null;
    }
}
