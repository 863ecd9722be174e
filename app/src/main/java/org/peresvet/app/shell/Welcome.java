package org.peresvet.app.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.peresvet.app.welcome.WelcomePage;
import org.peresvet.engine.PeresvetHome;

/**
 * The choices of the welcome page that need the data folder: the demo (the bundled example,
 * copied into the projects folder on first use, so it works the same from an installed image) and
 * the recent projects (the last one opened, then the project folders by last change).
 */
final class Welcome {
    static final int MAX_RECENT = 6;

    private Welcome() {
    }

    /** The page, its choices carried out by the shell. */
    static WelcomePage page(ShellController shell, String lastProject) {
        return new WelcomePage(recent(lastProject, PeresvetHome.current().projects()), new WelcomePage.Actions() {
            @Override
            public void openDemo() {
                shell.open(demo());
            }

            @Override
            public void newProject() {
                shell.newProject();
            }

            @Override
            public void openFolder() {
                shell.openProject();
            }

            @Override
            public void open(Path project) {
                shell.open(project);
            }

            @Override
            public void importLdap() {
                shell.newProjectFromLdap();
            }
        });
    }

    /** The demo's folder, created from the bundled seed when missing. */
    static Path demo() {
        return PeresvetHome.current().defaultProject();
    }

    /** Recent projects: {@code last} first when it still exists, then the projects folder by last change. */
    static List<Path> recent(String last, Path projects) {
        List<Path> out = new ArrayList<>();
        if (last != null && Files.isDirectory(Path.of(last))) {
            out.add(Path.of(last));
        }
        if (Files.isDirectory(projects)) {
            try (Stream<Path> s = Files.list(projects)) {
                s.filter(Files::isDirectory).sorted(Comparator.comparing(Welcome::changed).reversed())
                        .filter(p -> !out.contains(p)).forEach(out::add);
            } catch (IOException e) {
                // a projects folder that cannot be listed offers no recent projects
            }
        }
        return out.size() > MAX_RECENT ? List.copyOf(out.subList(0, MAX_RECENT)) : List.copyOf(out);
    }

    private static long changed(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
