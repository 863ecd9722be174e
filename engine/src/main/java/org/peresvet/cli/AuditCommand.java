package org.peresvet.cli;

import java.nio.file.Files;
import org.peresvet.engine.Engine;
import org.peresvet.model.Micros;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code audit verify|list}: the project's tamper-evident audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check or list the audit trail of every change.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListRecords.class})
final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: verify or list");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the hash chain of the audit trail: a changed, deleted or cut-off record is reported.",
                "Exit code 0 when intact, 3 when not."})
    static final class Verify extends ProjectTask {
        private static final String H2_OBJECT_CACHE = "h2.objectCache";

        @Override
        public Integer call() {
            requireProject(projectDir());
            if (!Files.exists(projectDir().resolve("audit.mv.db"))) {
                out().println("No audit trail yet in " + projectDir());
                return PeresvetCli.EXIT_OK;
            }
            // One pass reads every record once: H2's cache of small values would only cost a hash per
            // value read (a seventh of the check). Read when H2 first opens a database, so set before.
            if (System.getProperty(H2_OBJECT_CACHE) == null) {
                System.setProperty(H2_OBJECT_CACHE, "false");
            }
            try (Engine engine = open(projectDir(), false)) {
                AuditVerification v = engine.security().verifyAudit();
                if (v.intact()) {
                    out().println("Audit trail intact: " + v.records() + " records checked in " + v.millis() + " ms");
                    return PeresvetCli.EXIT_OK;
                }
                out().println("Audit trail NOT intact (" + v.records() + " records read):");
                v.problems().forEach(p -> out().println("  " + p));
                out().flush();
                throw CliException.invalidInput("the audit trail was altered: " + v.problems().get(0));
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the newest audit records.")
    static final class ListRecords extends ProjectTask {
        @Option(names = "--last", paramLabel = "N", defaultValue = "50", description = "How many (default ${DEFAULT-VALUE}).")
        int last;

        @Option(names = "--actor", paramLabel = "USER", description = "Only this user's records.")
        String actor;

        @Option(names = "--action", paramLabel = "ACTION", description = "Only this action (or a prefix ending in '.').")
        String action;

        @Override
        public Integer call() {
            AuditQuery q;
            try {
                q = new AuditQuery(null, null, actor, action, null, last);
            } catch (IllegalArgumentException e) {
                throw CliException.invalidInput(e.getMessage());
            }
            try (Engine engine = open(projectDir(), false)) {
                TextTable table = new TextTable("SEQ", "TIME", "ACTOR", "ORIGIN", "ACTION", "TARGET", "NEW", "RESULT");
                for (AuditRecord r : engine.security().audit(q)) {
                    table.add(new String[] {String.valueOf(r.seq()), Micros.format(r.entry().time()), r.entry().actor(),
                        r.entry().origin(), r.entry().action(), r.entry().target(),
                        r.entry().newValue() == null ? "" : r.entry().newValue(), r.entry().result()});
                }
                table.print(out());
            }
            return PeresvetCli.EXIT_OK;
        }
    }
}
