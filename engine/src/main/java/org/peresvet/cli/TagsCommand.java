package org.peresvet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.peresvet.engine.Engine;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;
import org.peresvet.model.io.TagCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tags list|export-csv|import-csv}. */
@Command(name = "tags", mixinStandardHelpOptions = true, description = "List tags, or edit them in bulk as CSV.",
        subcommands = {TagsCommand.ListTags.class, TagsCommand.ExportCsv.class, TagsCommand.ImportCsv.class})
final class TagsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: list, export-csv or import-csv");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the tags as a table: path, type, units, source.")
    static final class ListTags extends ProjectTask {
        @Option(names = "--subtree", paramLabel = "PATH", description = "Only tags under this object.")
        String subtree;

        @Override
        public Integer call() {
            try (Engine engine = open(projectDir(), false)) {
                ModelSnapshot model = engine.model();
                UUID root = subtreeRoot(model, subtree);
                List<TagDef> tags = new ArrayList<>(root == null ? model.tags() : model.tagsInSubtree(root));
                TextTable table = new TextTable("PATH", "TYPE", "UNITS", "SOURCE");
                tags.stream()
                        .map(t -> new String[] {model.tagPath(t.id()), t.type().label(), t.units(),
                                t.source().label() + (t.enabled() ? "" : " (disabled)")})
                        .sorted((a, b) -> TagCsv.comparePaths(a[0], b[0]))
                        .forEach(table::add);
                table.print(out());
            }
            return PeresvetCli.EXIT_OK;
        }
    }

    @Command(name = "export-csv", mixinStandardHelpOptions = true,
            description = {"Write the tags as CSV, one row per tag, sorted by path.", "Columns: " + TagCsv.HEADER})
    static final class ExportCsv extends ProjectTask {
        @Option(names = "--subtree", paramLabel = "PATH", description = "Only tags under this object.")
        String subtree;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of stdout.")
        Path output;

        @Override
        public Integer call() {
            try (Engine engine = open(projectDir(), false)) {
                ModelSnapshot model = engine.model();
                UUID root = subtreeRoot(model, subtree);
                CliFiles.output(TagCsv.write(model, root), output, out());
                if (output != null) {
                    int n = root == null ? model.tagCount() : model.tagsInSubtree(root).size();
                    out().println("Exported " + n + " tags to " + output);
                }
            }
            return PeresvetCli.EXIT_OK;
        }
    }

    @Command(name = "import-csv", mixinStandardHelpOptions = true,
            description = {"Create and update tags from CSV (as written by export-csv), all or nothing.",
                    "A row's id finds the tag to update (also to move or rename it); without one, its path does.",
                    "Other rows create tags and the objects on their paths. Nothing is deleted.",
                    "Empty cells mean the default of a new tag."})
    static final class ImportCsv extends ProjectTask {
        @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file (UTF-8).")
        Path file;

        @Override
        public Integer call() {
            String text = CliFiles.read(file);
            try (Engine engine = open(projectDir(), false)) {
                TagCsv.Import result;
                try {
                    result = TagCsv.read(engine.model(), text);
                } catch (ModelException e) {
                    throw CliException.invalidInput(file + " " + e.where()
                            + (e.field() == null ? "" : ", column " + e.field()) + ": " + e.reason());
                }
                if (!result.edits().isEmpty()) {
                    engine.edit(actor(), result.edits());
                }
                out().println("Imported " + file + ": " + result.tagsCreated() + " tags created, "
                        + result.tagsUpdated() + " updated, " + result.tagsUnchanged() + " unchanged; "
                        + result.objectsCreated() + " objects created");
            }
            return PeresvetCli.EXIT_OK;
        }
    }
}
