package org.peresvet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.peresvet.engine.Engine;
import org.peresvet.engine.LdapMigration;
import org.peresvet.migrate.ldap.DirectoryReadException;
import org.peresvet.migrate.ldap.ImportOptions;
import org.peresvet.migrate.ldap.ImportPlan;
import org.peresvet.migrate.ldap.LdapDirectoryReader;
import org.peresvet.migrate.ldap.LdapImport;
import org.peresvet.migrate.ldap.LdapImportException;
import org.peresvet.migrate.ldap.LdifDirectoryReader;
import org.peresvet.migrate.ldap.PeresvetDirectory;
import org.peresvet.model.ModelSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code project import-ldap}: the Python platform's model, from an LDIF export or its LDAP server. */
@Command(name = "import-ldap", mixinStandardHelpOptions = true,
        description = {"Import the Python Peresvet platform's model from an LDIF export or a live LDAP server, all or nothing.",
                "Prints a report of every entry skipped or changed; items whose id exists are updated (see docs/migrate-ldap.md)."})
final class ImportLdapCommand extends ProjectTask {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "An LDIF file, or ldap://host[:port] / ldaps://host[:port].")
    String source;

    @Option(names = "--base", paramLabel = "DN", description = "The platform's base DN (default: the URL's, else cn=prs).")
    String base;

    @Option(names = "--bind-dn", paramLabel = "DN", description = "Bind as this DN, e.g. cn=admin,cn=prs (default: anonymous).")
    String bindDn;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the bind password.")
    Path passwordFile;

    @Option(names = "--broker", paramLabel = "URL",
            description = "MQTT broker of the imported connectors (default ${DEFAULT-VALUE}).", defaultValue = ImportOptions.DEFAULT_BROKER)
    String broker;

    @Option(names = "--dry-run", description = "Print the report of what would be imported; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PeresvetDirectory dir = read();
        ImportOptions options = new ImportOptions(broker, null);
        Path projectDir = projectDir();
        boolean exists = Files.exists(projectDir);
        if (dryRun && !exists) {
            ImportPlan plan = plan(() -> LdapImport.plan(ModelSnapshot.empty(), dir, options));
            print(plan, "Dry run into a new project " + projectDir + ": nothing changed.");
            return PeresvetCli.EXIT_OK;
        }
        boolean done = false;
        try (Engine engine = open(projectDir, !dryRun)) {
            ImportPlan plan = plan(() -> LdapMigration.plan(engine, dir, options));
            if (dryRun) {
                print(plan, "Dry run into " + projectDir + ": nothing changed.");
            } else {
                LdapMigration.apply(engine, plan, actor());
                print(plan, "Imported " + dir.source() + " into " + projectDir + ".");
            }
            done = true;
        } finally {
            if (!exists && !done) {
                ProjectCommand.Import.deleteTree(projectDir); // a failed import leaves no half-made project behind
            }
        }
        return PeresvetCli.EXIT_OK;
    }

    private ImportPlan plan(Supplier<ImportPlan> planner) {
        try {
            return planner.get();
        } catch (LdapImportException e) {
            out().print(e.report().format());
            out().flush();
            throw CliException.invalidInput(source + ": " + e.getMessage() + "; nothing was imported");
        }
    }

    private void print(ImportPlan plan, String last) {
        out().print(plan.report().format());
        out().println(last);
    }

    private PeresvetDirectory read() {
        boolean url = LdapDirectoryReader.isUrl(source);
        if (!url && (bindDn != null || passwordFile != null)) {
            throw new ParameterException(spec.commandLine(), "--bind-dn and --password-file are for an ldap:// source");
        }
        if (bindDn != null && passwordFile == null) {
            throw new ParameterException(spec.commandLine(), "--bind-dn needs --password-file");
        }
        try {
            if (url) {
                char[] password = passwordFile == null ? null : password(passwordFile);
                return LdapDirectoryReader.read(new LdapDirectoryReader.Source(source, base, bindDn, password));
            }
            return LdifDirectoryReader.read(Path.of(source), base == null ? "cn=prs" : base);
        } catch (DirectoryReadException e) {
            throw CliException.invalidInput(e.getMessage() + "; nothing was imported");
        }
    }

    /** The first line of the file, without its line end: how password files are usually written. */
    private static char[] password(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
        } catch (IOException e) {
            throw CliException.invalidInput("cannot read the password file " + file + ": " + e.getMessage());
        }
    }
}
