package org.peresvet.cli;

import java.nio.file.Path;
import org.peresvet.engine.Engine;
import org.peresvet.export.ExportConfig;
import org.peresvet.grafana.GrafanaExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grafana export [--out DIR] [--url URL]}: Grafana provisioning files for the project's VictoriaMetrics target. */
@Command(name = "grafana", mixinStandardHelpOptions = true, description = "Grafana provisioning for the exported data.",
        subcommands = {GrafanaCommand.Export.class})
final class GrafanaCommand implements Runnable {
    /** The output folder in the project when neither --out nor DIR is given. */
    static final String DEFAULT_FOLDER = "grafana";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: export");
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a data source, a dashboard provider, an overview dashboard and one dashboard per object.",
                    "The data source points at the target of the project's export.json (see docs/export.md), or at --url."})
    static final class Export extends ProjectTask {
        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Same as --out.")
        Path dir;

        @Option(names = "--out", paramLabel = "DIR", description = "Folder for the files (default: PROJECT/grafana).")
        Path out;

        @Option(names = "--url", paramLabel = "VM_URL",
                description = "VictoriaMetrics as Grafana reaches it, e.g. http://127.0.0.1:8428 (default: from export.json).")
        String url;

        @Option(names = "--dashboards-path", paramLabel = "PATH",
                description = "Where Grafana will read the dashboards from, e.g. /var/lib/grafana/dashboards/peresvet "
                        + "(default: DIR/dashboards as written).")
        String dashboardsPath;

        @Override
        public Integer call() {
            if (dir != null && out != null && !dir.equals(out)) {
                throw CliException.invalidInput("give the folder once: DIR or --out");
            }
            try (Engine engine = open(projectDir(), false)) {
                Path target = out != null ? out : dir != null ? dir : engine.folder().dir().resolve(DEFAULT_FOLDER);
                GrafanaExport.Result r;
                try {
                    ExportConfig.Target vm = GrafanaExport.target(engine.folder().dir(), url);
                    GrafanaExport.Options options = GrafanaExport.Options.defaults()
                            .withThresholds(GrafanaExport.alarmLimits(engine.model()));
                    if (dashboardsPath != null) {
                        options = options.withDashboardsPath(dashboardsPath);
                    }
                    r = GrafanaExport.write(engine.model(), vm, target, options);
                } catch (IllegalArgumentException e) {
                    throw CliException.invalidInput(e.getMessage());
                }
                out().println("Wrote " + r.dataSource() + ", " + r.provider() + (r.overview() == null ? "" : ", " + r.overview())
                        + " and " + r.dashboards().size() + " dashboards per object in " + target.resolve(GrafanaExport.DASHBOARD_FOLDER));
                out().println("Copy " + target.resolve("provisioning") + "/* to /etc/grafana/provisioning/ and restart Grafana"
                        + " (see examples/pump-station/README.md).");
            }
            return PeresvetCli.EXIT_OK;
        }
    }
}
