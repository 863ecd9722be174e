package org.peresvet.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * Writes Grafana provisioning files for the exported series (docs/export.md, "Grafana"):
 * <pre>
 * DIR/provisioning/datasources/peresvet.yaml   the VictoriaMetrics data source (type prometheus)
 * DIR/provisioning/dashboards/peresvet.yaml    a file provider reading DIR/dashboards
 * DIR/dashboards/&lt;object&gt;-&lt;id&gt;.json           one dashboard per object with numeric tags in its subtree
 * </pre>
 * A dashboard has a row per object of the subtree, a time series panel per int/double/bool tag
 * (units, min/max, step lines for bool and step tags, thresholds when known), a variable
 * {@code object} that narrows the panels to some objects of the subtree, and an annotation that
 * marks samples with bad quality. Panels select series by {@code tag_id}, so renames do not break
 * them. Files are rewritten on every export; dashboard uids derive from object ids, so Grafana
 * updates dashboards in place.
 */
public final class GrafanaExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\.^$|?*+()\\[\\]{}]");
    public static final String DASHBOARD_FOLDER = "dashboards";
    static final int SCHEMA_VERSION = 39;

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

    /** What was written. */
    public record Result(Path dataSource, Path provider, List<Path> dashboards) {
    }

    /**
     * Writes the files for a project's model and the target of its {@code export.json} that
     * history is read from (else the first enabled target).
     *
     * @throws IllegalArgumentException when export.json configures no enabled target
     */
    public static Result write(ModelSnapshot model, Path projectDir, Path dir) {
        ExportConfig config = ExportConfig.load(projectDir);
        ExportConfig.Target t = config.historyTarget();
        if (t == null) {
            t = config.enabledTargets().stream().findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "no VictoriaMetrics target is configured: add one to " + ExportConfig.file(projectDir)));
        }
        return write(model, t, dir, Options.defaults().withThresholds(alarmLimits(model)));
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
            out.sort(java.util.Comparator.comparingDouble(Threshold::value));
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
            List<Path> dashboards = new ArrayList<>();
            for (ObjectDef o : sortedObjects(model)) {
                List<TagDef> tags = exportedTags(model, o.id());
                if (tags.isEmpty()) {
                    continue;
                }
                Path f = dashDir.resolve("peresvet-" + slug(model.objectPath(o.id())) + "-" + shortId(o.id()) + ".json");
                write(f, JSON.writeValueAsString(dashboard(model, o, target, dsUid, options)) + "\n");
                dashboards.add(f);
            }
            return new Result(ds, prov, dashboards);
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

    private static List<ObjectDef> sortedObjects(ModelSnapshot model) {
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

    private static List<ObjectDef> subtreeObjects(ModelSnapshot model, UUID root) {
        List<ObjectDef> out = new ArrayList<>();
        out.add(model.object(root));
        addSorted(model, root, out);
        return out;
    }

    private static ObjectNode dashboard(ModelSnapshot model, ObjectDef root, ExportConfig.Target target, String dsUid,
                                        Options options) {
        String rootPath = model.objectPath(root.id());
        String allObjects = regexQuote(rootPath) + "(/.*)?";
        ObjectNode d = JSON.createObjectNode();
        d.put("uid", "prs-" + root.id().toString().replace("-", ""));
        d.put("title", "Peresvet " + rootPath);
        d.put("description", root.description().isEmpty() ? "Tags of " + rootPath + " and the objects below it"
                : root.description());
        d.putArray("tags").add("peresvet");
        d.put("timezone", "browser");
        d.put("editable", true);
        d.put("graphTooltip", 1);
        d.put("schemaVersion", SCHEMA_VERSION);
        d.put("version", 1);
        d.put("refresh", "10s");
        ObjectNode time = d.putObject("time");
        time.put("from", "now-6h");
        time.put("to", "now");
        ObjectNode link = d.putArray("links").addObject();
        link.put("title", "Peresvet");
        link.put("type", "dashboards");
        link.putArray("tags").add("peresvet");
        link.put("asDropdown", true);
        link.put("includeVars", false);
        link.put("keepTime", true);

        ObjectNode ds = JSON.createObjectNode();
        ds.put("type", "prometheus");
        ds.put("uid", dsUid);
        String extra = extraMatchers(target.labels());

        ObjectNode var = d.putObject("templating").putArray("list").addObject();
        var.put("name", "object");
        var.put("label", "Object");
        var.put("type", "query");
        var.set("datasource", ds.deepCopy());
        String varQuery = "label_values(" + SeriesNaming.VALUE_METRIC + "{" + SeriesNaming.OBJECT + "=~\""
                + SeriesNaming.escape(allObjects) + "\"" + extra + "}, " + SeriesNaming.OBJECT + ")";
        var.put("definition", varQuery);
        ObjectNode q = var.putObject("query");
        q.put("query", varQuery);
        q.put("refId", "PrometheusVariableQueryEditor-VariableQuery");
        var.put("refresh", 2);
        var.put("multi", true);
        var.put("includeAll", true);
        // Grafana puts allValue into the query text as it is: escaped for a MetricsQL string literal.
        var.put("allValue", SeriesNaming.escape(allObjects));
        var.put("sort", 1);
        ObjectNode current = var.putObject("current");
        current.putArray("text").add("All");
        current.putArray("value").add("$__all");

        ArrayNode annotations = d.putObject("annotations").putArray("list");
        ObjectNode builtIn = annotations.addObject();
        builtIn.put("builtIn", 1);
        builtIn.putObject("datasource").put("type", "grafana").put("uid", "-- Grafana --");
        builtIn.put("enable", true);
        builtIn.put("hide", true);
        builtIn.put("iconColor", "rgba(0, 211, 255, 1)");
        builtIn.put("name", "Annotations & Alerts");
        builtIn.put("type", "dashboard");
        ObjectNode bad = annotations.addObject();
        bad.put("name", "Bad quality");
        bad.set("datasource", ds.deepCopy());
        bad.put("enable", true);
        bad.put("iconColor", "orange");
        bad.put("expr", SeriesNaming.QUALITY_METRIC + "{" + SeriesNaming.OBJECT + "=~\"$object\"" + extra + "} > 0");
        bad.put("step", "10s");
        bad.put("titleFormat", "Bad quality");
        bad.put("textFormat", "{{path}} (quality above 0: 100 connection lost, 101 restored, 102 source lost, 103 bad data)");
        bad.put("useValueForTime", false);

        ObjectNode alarms = annotations.addObject();
        alarms.put("name", "Alarms");
        alarms.set("datasource", ds.deepCopy());
        alarms.put("enable", true);
        alarms.put("iconColor", "red");
        // A point at every transition only: the window equals the step, so an alarm active for a
        // moment between two steps is still marked.
        alarms.put("expr", "max_over_time(" + SeriesNaming.ALARM_ACTIVE_METRIC + "{" + SeriesNaming.OBJECT + "=~\"$object\""
                + extra + "}[10s]) > 0");
        alarms.put("step", "10s");
        alarms.put("titleFormat", "{{" + SeriesNaming.ALARM + "}}");
        alarms.put("textFormat", "alarm active, priority {{" + SeriesNaming.PRIORITY + "}}");
        alarms.put("tagKeys", SeriesNaming.PRIORITY);
        alarms.put("useValueForTime", false);

        ArrayNode panels = d.putArray("panels");
        int id = 1;
        int y = 0;
        for (ObjectDef o : subtreeObjects(model, root.id())) {
            List<TagDef> tags = model.tagsOf(o.id()).stream().filter(SeriesNaming::exported).toList();
            if (tags.isEmpty()) {
                continue;
            }
            ObjectNode row = panels.addObject();
            row.put("type", "row");
            row.put("id", id++);
            row.put("title", model.objectPath(o.id()));
            row.put("collapsed", false);
            row.set("gridPos", grid(0, y, 24, 1));
            row.putArray("panels");
            y += 1;
            int x = 0;
            for (TagDef t : tags) {
                panels.add(panel(model, t, id++, grid(x, y, 12, 8), ds, extra, options));
                x += 12;
                if (x == 24) {
                    x = 0;
                    y += 8;
                }
            }
            if (x != 0) {
                y += 8;
            }
        }
        return d;
    }

    private static ObjectNode panel(ModelSnapshot model, TagDef t, int id, ObjectNode gridPos, ObjectNode ds, String extra,
                                    Options options) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "timeseries");
        p.put("id", id);
        p.put("title", t.name() + (t.units().isEmpty() ? "" : ", " + t.units()));
        String path = model.tagPath(t.id());
        p.put("description", path + (t.description().isEmpty() ? "" : ": " + t.description()));
        p.set("gridPos", gridPos);
        p.set("datasource", ds.deepCopy());
        ObjectNode target = p.putArray("targets").addObject();
        target.put("refId", "A");
        target.set("datasource", ds.deepCopy());
        target.put("expr", SeriesNaming.VALUE_METRIC + "{" + SeriesNaming.TAG_ID + "=\"" + t.id() + "\","
                + SeriesNaming.OBJECT + "=~\"$object\"" + extra + "}");
        target.put("legendFormat", "{{path}}");
        target.put("range", true);
        target.put("instant", false);

        ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
        p.withObject("/fieldConfig").putArray("overrides");
        if (!t.units().isEmpty()) {
            defaults.put("unit", "suffix: " + t.units());
        }
        boolean bool = t.type() == ValueType.BOOL;
        if (bool) {
            defaults.put("min", 0);
            defaults.put("max", 1);
            ArrayNode mappings = defaults.putArray("mappings");
            ObjectNode m = mappings.addObject();
            m.put("type", "value");
            ObjectNode opts = m.putObject("options");
            opts.putObject("0").put("text", "off").put("index", 0);
            opts.putObject("1").put("text", "on").put("index", 1);
        } else {
            if (t.min() != null) {
                defaults.put("min", t.min());
            }
            if (t.max() != null) {
                defaults.put("max", t.max());
            }
        }
        if (t.type() == ValueType.INT) {
            defaults.put("decimals", 0);
        }
        ObjectNode custom = defaults.putObject("custom");
        custom.put("drawStyle", "line");
        custom.put("lineInterpolation", bool || t.step() ? "stepAfter" : "linear");
        custom.put("lineWidth", 1);
        custom.put("fillOpacity", 0);
        custom.put("showPoints", "never");
        custom.put("spanNulls", false);
        List<Threshold> limits = options.thresholds().apply(t);
        ObjectNode th = defaults.putObject("thresholds");
        th.put("mode", "absolute");
        ArrayNode steps = th.putArray("steps");
        steps.addObject().put("color", "green").putNull("value");
        for (Threshold l : limits) {
            steps.addObject().put("color", l.color()).put("value", l.value());
        }
        if (!limits.isEmpty()) {
            custom.putObject("thresholdsStyle").put("mode", "line");
        }
        ObjectNode legend = p.putObject("options").putObject("legend");
        legend.put("showLegend", true);
        legend.put("displayMode", "list");
        legend.put("placement", "bottom");
        p.withObject("/options").putObject("tooltip").put("mode", "multi").put("sort", "none");
        return p;
    }

    private static ObjectNode grid(int x, int y, int w, int h) {
        ObjectNode g = JSON.createObjectNode();
        g.put("h", h);
        g.put("w", w);
        g.put("x", x);
        g.put("y", y);
        return g;
    }

    private static String extraMatchers(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> sb.append(',').append(k).append("=\"").append(SeriesNaming.escape(v)).append('"'));
        return sb.toString();
    }

    /** Quotes regex metacharacters the way Grafana does for Prometheus variables. */
    static String regexQuote(String s) {
        return REGEX_SPECIAL.matcher(s).replaceAll("\\\\$0");
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
            return JSON.writeValueAsString(dashboard(model, model.object(objectId), target, dataSourceUid(target), Options.defaults()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
