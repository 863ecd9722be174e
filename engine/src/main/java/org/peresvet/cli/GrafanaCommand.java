package org.peresvet.cli;

import java.nio.file.Path;
import org.peresvet.engine.Engine;
import org.peresvet.export.GrafanaExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grafana export DIR}: Grafana provisioning files for the project's VictoriaMetrics target. */
@Command(name = "grafana", mixinStandardHelpOptions = true, description = "Grafana provisioning for the exported data.",
        subcommands = {GrafanaCommand.Export.class})
final class GrafanaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: export");
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a data source, a dashboard provider and one dashboard per object into DIR.",
                    "The data source points at the target of the project's export.json (see docs/export.md)."})
    static final class Export extends ProjectTask {
        @Parameters(index = "0", paramLabel = "DIR", description = "Folder for the provisioning files.")
        Path dir;

        @Override
        public Integer call() {
            try (Engine engine = open(projectDir(), false)) {
                GrafanaExport.Result r;
                try {
                    r = GrafanaExport.write(engine.model(), engine.folder().dir(), dir);
                } catch (IllegalArgumentException e) {
                    throw CliException.invalidInput(e.getMessage());
                }
                out().println("Wrote " + r.dataSource() + ", " + r.provider() + " and " + r.dashboards().size()
                        + " dashboards in " + dir.resolve(GrafanaExport.DASHBOARD_FOLDER));
            }
            return PeresvetCli.EXIT_OK;
        }
    }
}
