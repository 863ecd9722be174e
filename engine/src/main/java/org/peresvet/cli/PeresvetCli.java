package org.peresvet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.peresvet.api.ApiConfig;
import org.peresvet.model.ModelException;
import org.peresvet.model.Quoted;
import org.peresvet.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code peresvet} command line: runs a project headless, and exports, imports and queries
 * projects for scripts.
 *
 * <p>Exit codes: {@value #EXIT_OK} ok, {@value #EXIT_ERROR} unexpected error, {@value #EXIT_USAGE}
 * invalid command line, {@value #EXIT_INVALID_INPUT} invalid input (a document, CSV file, query or
 * path that does not fit), {@value #EXIT_PROJECT} the project cannot be opened (missing, locked by
 * another process, damaged). Errors print one line starting with "error:" to stderr.
 */
@Command(name = "peresvet", mixinStandardHelpOptions = true, versionProvider = PeresvetCli.Version.class,
        description = "Peresvet SCADA engine: run a project headless, or work with its model and history.",
        subcommands = {ProjectCommand.class, TagsCommand.class, HistoryCommand.class, GrafanaCommand.class,
                SimulateBoardCommand.class, WriteCommand.class, UsersCommand.class, AuditCommand.class},
        footer = {"", "Without --project, commands use the demo project in the data folder "
                + "(-Dperesvet.home, $PERESVET_HOME or ~/.peresvet).",
                "Exit codes: 0 ok, 1 unexpected error, 2 invalid command line, 3 invalid input, "
                        + "4 project cannot be opened."})
public final class PeresvetCli implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_ERROR = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INVALID_INPUT = 3;
    public static final int EXIT_PROJECT = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--headless", description = "Run the engine (simulator, history) until Ctrl-C or SIGTERM.")
    boolean headless;

    @Option(names = "--project", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Project folder (default: the demo project in the data folder).")
    Path project;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show the engine log and stack traces of errors.")
    boolean debug;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "8321",
            description = "With --headless: port of the HTTP API (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int apiPort;

    @Option(names = "--api-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "With --headless: address the HTTP API listens on (default ${DEFAULT-VALUE}); "
                    + "any other address needs --api-token.")
    String apiBind;

    @Option(names = "--api-token", paramLabel = "TOKEN", defaultValue = "${env:PERESVET_API_TOKEN}",
            description = "With --headless: bearer token for writes and model changes (default: $PERESVET_API_TOKEN).")
    String apiToken;

    @Option(names = "--api-allowed-origin", paramLabel = "ORIGIN",
            description = "With --headless: a web origin (e.g. https://grafana.plant:3000) whose pages may call the API "
                    + "(setting api.allowedOrigins; repeat for several). Other web pages are refused.")
    List<String> apiAllowedOrigins;

    @Option(names = "--api-host-name", paramLabel = "NAME",
            description = "With --headless: a host name clients use to reach the API besides its address and localhost "
                    + "(setting api.hostNames; repeat for several).")
    List<String> apiHostNames;

    @Option(names = "--no-api", description = "With --headless: do not start the HTTP API.")
    boolean noApi;

    public static void main(String[] args) {
        LogSetup.useOwnConfiguration();
        System.exit(execute(args));
    }

    public static int execute(String[] args) {
        return execute(args, System.out, System.err);
    }

    /** Runs one command line with the given streams (UTF-8) and returns its exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        PeresvetCli cli = new PeresvetCli();
        CommandLine cl = new CommandLine(cli)
                .setOut(o)
                .setErr(e)
                .setExecutionStrategy(PeresvetCli::runParsed)
                .setParameterExceptionHandler(PeresvetCli::usageError)
                .setExecutionExceptionHandler((ex, line, parsed) -> failure(ex, cli.debug, e));
        try {
            return cl.execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    Path project() {
        return project;
    }

    /** Top level without a command: only {@code --headless} runs something. */
    @Override
    public Integer call() throws InterruptedException {
        if (!headless) {
            throw new ParameterException(spec.commandLine(),
                    "missing command: use --headless to run the engine, or one of: project, tags, history");
        }
        Path dir = project != null ? project : ProjectTask.demo(spec.commandLine().getOut());
        ApiConfig api = null;
        if (!noApi) {
            try {
                api = ApiConfig.defaults().withSystemSettings().withPort(apiPort).withBindAddress(apiBind)
                        .withToken(apiToken == null || apiToken.isBlank() ? null : apiToken);
                if (apiAllowedOrigins != null) {
                    api = api.withAllowedOrigins(apiAllowedOrigins);
                }
                if (apiHostNames != null) {
                    api = api.withHostNames(apiHostNames);
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return Headless.run(dir, api, spec.commandLine().getOut());
    }

    private static int runParsed(ParseResult parsed) {
        PeresvetCli cli = (PeresvetCli) parsed.commandSpec().userObject();
        if (cli.headless && parsed.hasSubcommand()) {
            throw new ParameterException(parsed.commandSpec().commandLine(),
                    "--headless runs the engine; it cannot be combined with a command");
        }
        Runnable restoreLogging = CliLogging.forCommand(cli.headless, cli.debug);
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            restoreLogging.run();
        }
    }

    /** A command line picocli could not parse: one line naming the problem and where help is. */
    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        StringBuilder msg = new StringBuilder("error: ").append(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            List<String> s = u.getSuggestions();
            msg.append(" (did you mean '").append(String.join("' or '", s.subList(0, Math.min(3, s.size())))).append("'?)");
        }
        msg.append("; see '").append(cl.getCommandSpec().qualifiedName()).append(" --help'");
        cl.getErr().println(Quoted.line(msg.toString()));
        return EXIT_USAGE;
    }

    /** An error while a command ran: one line, the stack trace only with --debug. */
    private static int failure(Exception ex, boolean debug, PrintWriter err) {
        int code = exitCode(ex);
        String text = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (code == EXIT_ERROR) {
            text = "unexpected " + ex.getClass().getName() + ": " + text + (debug ? "" : " (run with --debug for details)");
        }
        // A message may quote a file's content: one line, control characters escaped, whatever it holds.
        err.println("error: " + Quoted.line(text));
        if (debug) {
            ex.printStackTrace(err);
        }
        return code;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof CliException c) {
            return c.exitCode();
        }
        if (ex instanceof StoreException) {
            return EXIT_PROJECT;
        }
        if (ex instanceof ModelException || ex instanceof IllegalArgumentException) {
            return EXIT_INVALID_INPUT;
        }
        return EXIT_ERROR;
    }

    /** The version from the jar's Maven metadata; a build from classes says so. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Peresvet " + version(), "Java " + System.getProperty("java.version")};
        }

        static String version() {
            String v = PeresvetCli.class.getPackage().getImplementationVersion();
            if (v != null) {
                return v;
            }
            try (InputStream in = PeresvetCli.class.getResourceAsStream(
                    "/META-INF/maven/org.peresvet/peresvet-engine/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    return p.getProperty("version", "(unknown version)");
                }
            } catch (IOException e) {
                // fall through
            }
            return "(development build)";
        }
    }
}
