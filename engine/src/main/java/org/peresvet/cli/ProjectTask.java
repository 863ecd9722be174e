package org.peresvet.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.peresvet.engine.DemoUsers;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.engine.PeresvetHome;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.store.ProjectFolder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on one project: finds its folder and opens it without starting the pipeline. */
abstract class ProjectTask implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PeresvetCli root() {
        return (PeresvetCli) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Notes and warnings for the person at the terminal, apart from the answer on stdout. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The folder given with {@code --project}, else the demo project in the data folder. */
    Path projectDir() {
        Path dir = root().project();
        return dir != null ? dir : demo(err());
    }

    /** The demo in the data folder; when this call copied it, its users' passwords are shown once on {@code to}. */
    static Path demo(PrintWriter to) {
        PeresvetHome.Demo demo = PeresvetHome.current().demo();
        if (!demo.logins().isEmpty()) {
            to.println("Created the demo project " + demo.dir() + " with these users (shown once; also in "
                    + demo.dir().resolve(DemoUsers.FILE) + "):");
            DemoUsers.table(demo.logins()).forEach(to::println);
            to.println("Change a password with: peresvet users passwd USER");
            to.flush();
        }
        return demo.dir();
    }

    /**
     * Who runs the command, as the engine records it: the operating-system user at the command line.
     * Whoever can open the project's files owns the project (they could copy or replace them), so
     * the command line acts as a service principal: allowed, and recorded in the audit trail.
     */
    static Actor actor() {
        String user = System.getProperty("user.name");
        Actor person = Actor.cli(user == null || user.isBlank() ? "cli" : user);
        return new Actor(person.name(), person.origin(), null, Actor.Kind.SERVICE);
    }

    /**
     * Opens the project quietly: no simulator, no log file, nothing started.
     *
     * @param mayCreate false: a folder that holds no project is an error rather than a new project
     */
    Engine open(Path dir, boolean mayCreate) {
        if (!mayCreate) {
            requireProject(dir);
        }
        return Engine.open(dir, EngineOptions.quiet());
    }

    /** Refuses a folder that holds no project, so a mistyped path does not create an empty one. */
    static void requireProject(Path dir) {
        ProjectFolder folder = new ProjectFolder(dir);
        if (!folder.hasModel() && !Files.exists(folder.seed())) {
            throw CliException.noProject("no project in " + dir
                    + " (a project folder holds model.mv.db, or project.json before its first start)");
        }
    }

    /** An object by its path or its UUID. */
    static ObjectDef objectAt(ModelSnapshot model, String pathOrId) {
        UUID id = uuidOrNull(pathOrId);
        ObjectDef o = id != null ? model.object(id) : model.findObject(pathOrId).orElse(null);
        if (o == null) {
            throw CliException.invalidInput("no object " + (id != null ? "with id " : "at ") + pathOrId);
        }
        return o;
    }

    /** A tag by its path or its UUID. */
    static TagDef tagAt(ModelSnapshot model, String pathOrId) {
        UUID id = uuidOrNull(pathOrId);
        TagDef t = id != null ? model.tag(id) : model.findTag(pathOrId).orElse(null);
        if (t == null) {
            throw CliException.invalidInput("no tag " + (id != null ? "with id " : "at ") + pathOrId);
        }
        return t;
    }

    /** The UUID a name spells, or null for a path (paths start with '/'; names cannot hold one alone). */
    private static UUID uuidOrNull(String s) {
        if (s == null || s.length() != 36 || s.startsWith("/")) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The object id of {@code --subtree}, or null for the whole project. */
    static UUID subtreeRoot(ModelSnapshot model, String path) {
        return path == null ? null : objectAt(model, path).id();
    }
}
