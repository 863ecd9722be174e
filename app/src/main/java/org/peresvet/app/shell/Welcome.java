package org.peresvet.app.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.welcome.WelcomePage;
import org.peresvet.engine.DemoUsers;
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
    static WelcomePage page(ShellController shell, DialogService dialogs, String lastProject) {
        return new WelcomePage(recent(lastProject, PeresvetHome.current().projects()), new WelcomePage.Actions() {
            @Override
            public void openDemo() {
                // The first time, the copy gets its users (a few password hashes): off the FX thread.
                FxTasks.run(() -> PeresvetHome.current().demo(), demo -> {
                    showUsers(demo, dialogs);
                    shell.open(demo.dir());
                }, e -> shell.error(Messages.get("demo.failed", String.valueOf(e.getMessage()))));
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

    /** The passwords of a demo copied just now: once on the console, and in a notice that names the file keeping them. */
    static void showUsers(PeresvetHome.Demo demo, DialogService dialogs) {
        if (demo.logins().isEmpty()) {
            return;
        }
        String file = demo.dir().resolve(DemoUsers.FILE).toString();
        System.out.println(Messages.get("demo.usersConsole", demo.dir(), file) + "\n" + String.join("\n", DemoUsers.table(demo.logins())));
        // One line per user: the dialog's font is proportional, so no columns.
        String lines = String.join("\n", demo.logins().stream().map(l -> Messages.get("demo.userLine", l.user(), l.role(), l.password()))
                .toList());
        dialogs.inform(Messages.get("demo.usersTitle"), Messages.get("demo.usersText", lines, file));
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
