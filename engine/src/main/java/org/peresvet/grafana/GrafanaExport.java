package org.peresvet.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.SeriesNaming;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;

/**
 * Writes Grafana provisioning files for the exported series (docs/export.md, "Grafana"):
 * <pre>
 * DIR/provisioning/datasources/peresvet.yaml   the VictoriaMetrics data source (type prometheus)
 * DIR/provisioning/dashboards/peresvet.yaml    a file provider reading DIR/dashboards
 * DIR/dashboards/peresvet-overview.json       the plant at a glance ({@link OverviewDashboard})
 * DIR/dashboards/peresvet-&lt;object&gt;-&lt;id&gt;.json  one dashboard per object with numeric tags in its subtree
 * </pre>
 * Queries use the exporter's series exactly ({@link SeriesNaming}) and select tags by
 * {@code tag_id}, so renames do not break them. Files are rewritten on every export; their order
 * and uids are stable (uids derive from object ids), so a new export diffs well and Grafana updates
 * dashboards in place.
 */
public final class GrafanaExport {
    private static final ObjectMapper JSON = Panels.JSON;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    public static final String DASHBOARD_FOLDER = "dashboards";
    /** The target's name when only {@code --url} names the server. */
    public static final String DEFAULT_TARGET = "victoriametrics";

    private GrafanaExport() {
    }

    /** A threshold line of a panel: a colour from a value on. */
    public record Threshold(double value, String color) {
    }

    /**
     * @param dashboardsPath  the dashboards folder as Grafana sees it (null: DIR/dashboards as written)
     * @param includeSecrets  write the password / token into the data source file instead of the
     *                        placeholders {@code $PERESVET_VM_PASSWORD} / {@code $PERESVET_VM_TOKEN},
     *                        which Grafana fills from its environment
     * @param thresholds      panel thresholds per tag (alarm limits, once the model has them)
     */
    public record Options(String dashboardsPath, boolean includeSecrets, Function<TagDef, List<Threshold>> thresholds) {
        public static Options defaults() {
            return new Options(null, false, t -> List.of());
        }

        public Options withDashboardsPath(String p) {
            return new Options(p, includeSecrets, thresholds);
        }

        public Options withSecrets(boolean s) {
            return new Options(dashboardsPath, s, thresholds);
        }

        public Options withThresholds(Function<TagDef, List<Threshold>> t) {
            return new Options(dashboardsPath, includeSecrets, t);
        }
    }

    /**
     * What was written.
     *
     * @param overview   the overview dashboard, or null when the model has no exported tags
     * @param dashboards the dashboards per object
     */
    public record Result(Path dataSource, Path provider, Path overview, List<Path> dashboards) {
    }

    /**
     * Writes the files for a project's model and the target of its {@code export.json} that
     * history is read from (else the first enabled target).
     *
     * @throws IllegalArgumentException when export.json configures no enabled target
     */
    public static Result write(ModelSnapshot model, Path projectDir, Path dir) {
        return write(model, target(projectDir, null), dir, Options.defaults().withThresholds(alarmLimits(model)));
    }

    /**
     * The server the data source points at: the target of {@code export.json} that history is
     * read from (else the first enabled one), its URL replaced by {@code url} when given; with no
     * target configured, {@code url} alone (target {@value #DEFAULT_TARGET}, no extra labels).
     *
     * @throws IllegalArgumentException when neither export.json nor {@code url} names a server, or the URL is invalid
     */
    public static ExportConfig.Target target(Path projectDir, String url) {
        ExportConfig config = ExportConfig.load(projectDir);
        ExportConfig.Target t = config.historyTarget();
        if (t == null) {
            t = config.enabledTargets().stream().findFirst().orElse(null);
        }
        if (url != null && !url.isBlank()) {
            return t == null ? ExportConfig.Target.of(DEFAULT_TARGET, url) : t.withUrl(url);
        }
        if (t == null) {
            throw new IllegalArgumentException("no VictoriaMetrics target is configured: add one to "
                    + ExportConfig.file(projectDir) + " (docs/export.md), or give the server with --url");
        }
        return t;
    }

    /**
     * Panel thresholds from the tags' enabled limit alarms: HiHi and LoLo red, Hi and Lo orange,
     * drawn as lines at the limits.
     */
    public static Function<TagDef, List<Threshold>> alarmLimits(ModelSnapshot model) {
        return tag -> {
            List<Threshold> out = new ArrayList<>();
            for (AlarmDef a : model.alarmsOf(tag.id())) {
                if (a.enabled() && a.kind().isLimit() && a.limit() != null) {
                    boolean severe = a.kind() == AlarmKind.HIHI || a.kind() == AlarmKind.LOLO;
                    out.add(new Threshold(a.limit(), severe ? "red" : "orange"));
                }
            }
            out.sort(Comparator.comparingDouble(Threshold::value));
            return out;
        };
    }

    /** Writes the data source, the dashboard provider and the dashboards into {@code dir}. */
    public static Result write(ModelSnapshot model, ExportConfig.Target target, Path dir, Options options) {
        try {
            Path dsDir = dir.resolve("provisioning").resolve("datasources");
            Path provDir = dir.resolve("provisioning").resolve("dashboards");
            Path dashDir = dir.resolve(DASHBOARD_FOLDER);
            Files.createDirectories(dsDir);
            Files.createDirectories(provDir);
            Files.createDirectories(dashDir);
            String dsUid = dataSourceUid(target);

            Path ds = dsDir.resolve("peresvet.yaml");
            write(ds, header("data source") + YAML.writeValueAsString(dataSource(target, dsUid, options)));
            String path = options.dashboardsPath() != null ? options.dashboardsPath() : dashDir.toAbsolutePath().toString();
            Path prov = provDir.resolve("peresvet.yaml");
            write(prov, header("dashboard provider") + YAML.writeValueAsString(provider(path)));

            try (Stream<Path> old = Files.list(dashDir)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("peresvet-")).toList()) {
                    Files.delete(p); // dashboards of deleted objects go away
                }
            }
            Path overview = null;
            if (model.tags().stream().anyMatch(SeriesNaming::exported)) {
                overview = dashDir.resolve(OverviewDashboard.FILE);
                write(overview, JSON.writeValueAsString(OverviewDashboard.build(model, target, dsUid, options)) + "\n");
            }
            List<Path> dashboards = new ArrayList<>();
            for (ObjectDef o : sortedObjects(model)) {
                List<TagDef> tags = exportedTags(model, o.id());
                if (tags.isEmpty()) {
                    continue;
                }
                Path f = dashDir.resolve("peresvet-" + slug(model.objectPath(o.id())) + "-" + shortId(o.id()) + ".json");
                write(f, JSON.writeValueAsString(ObjectDashboard.build(model, o, target, dsUid, options)) + "\n");
                dashboards.add(f);
            }
            return new Result(ds, prov, overview, dashboards);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Grafana files to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String header(String what) {
        return "# Grafana " + what + " for Peresvet, written by `peresvet grafana export`; rewritten on every export.\n";
    }

    private static void write(Path f, String text) throws IOException {
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    static String dataSourceUid(ExportConfig.Target target) {
        String uid = "peresvet-" + target.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        return uid.length() > 40 ? uid.substring(0, 40) : uid;
    }

    private static ObjectNode dataSource(ExportConfig.Target target, String uid, Options options) {
        ObjectNode root = YAML.createObjectNode();
        root.put("apiVersion", 1);
        ObjectNode ds = root.putArray("datasources").addObject();
        ds.put("name", "Peresvet VictoriaMetrics (" + target.name() + ")");
        ds.put("type", "prometheus");
        ds.put("uid", uid);
        ds.put("access", "proxy");
        ds.put("url", target.url());
        ds.put("isDefault", true);
        ds.put("editable", true);
        ObjectNode json = ds.putObject("jsonData");
        json.put("httpMethod", "POST");
        json.put("timeInterval", "1s");
        json.put("prometheusType", "Prometheus");
        if (target.username() != null) {
            ds.put("basicAuth", true);
            ds.put("basicAuthUser", target.username());
            ds.putObject("secureJsonData").put("basicAuthPassword",
                    options.includeSecrets() ? target.password() : "$PERESVET_VM_PASSWORD");
        } else if (target.bearerToken() != null) {
            json.put("httpHeaderName1", "Authorization");
            ds.putObject("secureJsonData").put("httpHeaderValue1",
                    "Bearer " + (options.includeSecrets() ? target.bearerToken() : "$PERESVET_VM_TOKEN"));
        }
        return root;
    }

    private static ObjectNode provider(String path) {
        ObjectNode root = YAML.createObjectNode();
        root.put("apiVersion", 1);
        ObjectNode p = root.putArray("providers").addObject();
        p.put("name", "peresvet");
        p.put("orgId", 1);
        p.put("folder", "Peresvet");
        p.put("type", "file");
        p.put("disableDeletion", false);
        p.put("allowUiUpdates", true);
        p.put("updateIntervalSeconds", 30);
        p.putObject("options").put("path", path);
        return root;
    }

    /** All objects in tree order (children by name). */
    static List<ObjectDef> sortedObjects(ModelSnapshot model) {
        List<ObjectDef> out = new ArrayList<>();
        addSorted(model, null, out);
        return out;
    }

    private static void addSorted(ModelSnapshot model, UUID parent, List<ObjectDef> out) {
        for (ObjectDef o : model.childObjects(parent)) {
            out.add(o);
            addSorted(model, o.id(), out);
        }
    }

    /** Exported tags of the subtree, object by object (the object first, children by name). */
    private static List<TagDef> exportedTags(ModelSnapshot model, UUID root) {
        List<TagDef> out = new ArrayList<>();
        for (ObjectDef o : subtreeObjects(model, root)) {
            model.tagsOf(o.id()).stream().filter(SeriesNaming::exported).forEach(out::add);
        }
        return out;
    }

    /** An object and its subtree in tree order. */
    static List<ObjectDef> subtreeObjects(ModelSnapshot model, UUID root) {
        List<ObjectDef> out = new ArrayList<>();
        out.add(model.object(root));
        addSorted(model, root, out);
        return out;
    }

    private static String slug(String path) {
        String s = path.replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60);
        }
        return s.isEmpty() ? "root" : s;
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    /** The dashboard JSON of one object (for tools and tests). */
    public static String dashboardJson(ModelSnapshot model, UUID objectId, ExportConfig.Target target) {
        try {
            return JSON.writeValueAsString(ObjectDashboard.build(model, model.object(objectId), target, dataSourceUid(target),
                    Options.defaults()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
