package org.peresvet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.peresvet.engine.Engine;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.io.ProjectDocument;
import org.peresvet.model.io.ProjectJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code project export|import}: the whole model as one JSON document. */
@Command(name = "project", mixinStandardHelpOptions = true, description = "Export or import the project as JSON.",
        subcommands = {ProjectCommand.Export.class, ProjectCommand.Import.class, ImportLdapCommand.class})
final class ProjectCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: export, import or import-ldap");
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the project, or one object's subtree, as a JSON document.")
    static final class Export extends ProjectTask {
        @Option(names = "--subtree", paramLabel = "PATH", description = "Only this object and what is under it, e.g. /PumpStation/Tank1.")
        String subtree;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of stdout.")
        Path output;

        @Option(names = "--with-secrets", description = "Include connector passwords and tokens in clear text (left out"
                + " otherwise; the document says which). Needs the project's key on this machine.")
        boolean withSecrets;

        @Override
        public Integer call() {
            try (Engine engine = open(projectDir(), false)) {
                ModelSnapshot model = engine.model();
                UUID root = subtreeRoot(model, subtree);
                CliFiles.output(engine.project().exportJson(root, withSecrets), output, out());
                if (withSecrets) {
                    err().println("The document holds passwords in clear text: keep it private.");
                }
                if (output != null) {
                    int objects = root == null ? model.objectCount() : model.subtree(root).size();
                    int tags = root == null ? model.tagCount() : model.tagsInSubtree(root).size();
                    out().println("Exported " + objects + " objects and " + tags + " tags to " + output);
                }
            }
            return PeresvetCli.EXIT_OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a JSON document into the project, all or nothing.",
                    "Items whose id exists are updated; others are added. A new project folder is created."})
    static final class Import extends ProjectTask {
        @Parameters(index = "0", paramLabel = "FILE", description = "A document written by 'project export'.")
        Path file;

        @Option(names = "--into", paramLabel = "PATH", description = "Put the document's top objects under this object.")
        String into;

        @Option(names = "--replace", description = "Replace the whole project (and its settings) with the document.")
        boolean replace;

        @Override
        public Integer call() {
            if (into != null && replace) {
                throw new ParameterException(spec.commandLine(), "--into and --replace cannot be combined");
            }
            ProjectDocument doc;
            try {
                doc = ProjectJson.read(CliFiles.readBytes(file));
            } catch (ModelException e) {
                throw CliException.invalidInput(file + ": " + e.getMessage());
            }
            Path dir = projectDir();
            boolean newFolder = !Files.exists(dir);
            boolean done = false;
            try (Engine engine = open(dir, true)) {
                ModelSnapshot before = engine.model();
                UUID parent = into == null ? null : objectAt(before, into).id();
                ModelSnapshot after = engine.importDocument(actor(), doc, parent, replace).snapshot();
                out().println("Imported " + file + (into == null ? "" : " into " + into) + ": "
                        + Counts.of(before.objects(), after.objects(), o -> o.id()).describe("objects") + "; "
                        + Counts.of(before.tags(), after.tags(), t -> t.id()).describe("tags")
                        + (replace && doc.settings() != null ? "; settings replaced" : ""));
                done = true;
            } finally {
                if (newFolder && !done) {
                    deleteTree(dir); // a failed import leaves no half-made project behind
                }
            }
            return PeresvetCli.EXIT_OK;
        }

        /** Best effort: the import's own error is what the user needs to see. */
        static void deleteTree(Path dir) {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                // leave what could not be removed
            }
        }
    }

    /** How two versions of a collection differ, by id. */
    record Counts(int added, int changed, int removed) {
        static <T> Counts of(Iterable<T> before, Iterable<T> after, Function<T, UUID> id) {
            Map<UUID, T> old = new HashMap<>();
            before.forEach(x -> old.put(id.apply(x), x));
            int added = 0;
            int changed = 0;
            for (T x : after) {
                T was = old.remove(id.apply(x));
                if (was == null) {
                    added++;
                } else if (!was.equals(x)) {
                    changed++;
                }
            }
            return new Counts(added, changed, old.size());
        }

        String describe(String what) {
            return what + " " + added + " added, " + changed + " changed, " + removed + " removed";
        }
    }
}
