package org.peresvet.grafana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.SeriesNaming;
import org.peresvet.grafana.GrafanaExport.Options;
import org.peresvet.grafana.GrafanaExport.Threshold;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * The plant at a glance: the alarms (how many are active, and each one's state over time) when the
 * model has any, then a row per object with numeric tags: stat panels for states and totals
 * ({@link PanelKind}) first, then a time series per measured value (level, pressure, flow,
 * currents). Stat panels show the last value within a day ({@code last_over_time(…[1d])}), since
 * the exporter writes a point on a change only and a pump may run for hours without one.
 */
final class OverviewDashboard {
    static final String FILE = "peresvet-overview.json";
    /** How far back a stat panel looks for the last value. */
    static final String LOOKBACK = "1d";
    private static final int STAT_W = 4;
    private static final int STAT_H = 4;
    private static final int TREND_H = 8;

    private OverviewDashboard() {
    }

    /** A stable uid from the root objects' ids, so each project has its own overview. */
    static String uid(ModelSnapshot model) {
        String roots = model.childObjects(null).stream().map(o -> o.id().toString()).sorted().collect(Collectors.joining(","));
        return "prs-ov-" + UUID.nameUUIDFromBytes(roots.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    static ObjectNode build(ModelSnapshot model, ExportConfig.Target target, String dsUid, Options options) {
        List<ObjectDef> roots = model.childObjects(null);
        ObjectNode d = Panels.JSON.createObjectNode();
        d.put("uid", uid(model));
        d.put("title", (roots.size() == 1 ? roots.get(0).name() : "Peresvet") + " overview");
        d.put("description", "Alarms, states, totals and measured values of the plant, object by object");
        d.putArray("tags").add("peresvet").add("overview");
        d.put("timezone", "browser");
        d.put("editable", true);
        d.put("graphTooltip", 1);
        d.put("schemaVersion", Panels.SCHEMA_VERSION);
        d.put("version", 1);
        d.put("refresh", "10s");
        d.putObject("time").put("from", "now-1h").put("to", "now");
        ObjectNode link = d.putArray("links").addObject();
        link.put("title", "Peresvet");
        link.put("type", "dashboards");
        link.putArray("tags").add("peresvet");
        link.put("asDropdown", true);
        link.put("includeVars", false);
        link.put("keepTime", true);

        ObjectNode ds = Panels.dataSource(dsUid);
        String extra = Panels.extraMatchers(target.labels());
        Layout at = new Layout(d.putArray("panels"));
        List<AlarmDef> alarms = model.alarms().stream().filter(AlarmDef::enabled)
                .sorted(Comparator.comparing((AlarmDef a) -> model.alarmPath(a.id())).thenComparing(AlarmDef::id)).toList();
        if (!alarms.isEmpty()) {
            at.row("Alarms");
            String selector = SeriesNaming.ALARM_ACTIVE_METRIC + "{" + SeriesNaming.ALARM_ID + "=~\""
                    + alarms.stream().map(a -> a.id().toString()).collect(Collectors.joining("|")) + "\"" + extra + "}";
            String last = "last_over_time(" + selector + "[" + LOOKBACK + "])";
            at.add(activeAlarms(0, ds, "sum(" + last + ")"), STAT_W, 6);
            at.add(alarmStates(0, ds, last), 24 - STAT_W, 6);
            at.newLine();
        }
        for (ObjectDef o : GrafanaExport.sortedObjects(model)) {
            // A disabled tag has no values: no panel for it.
            List<TagDef> tags = model.tagsOf(o.id()).stream().filter(t -> SeriesNaming.exported(t) && t.enabled()).toList();
            if (tags.isEmpty()) {
                continue;
            }
            at.row(model.objectPath(o.id()));
            List<ObjectNode> stats = new ArrayList<>();
            List<ObjectNode> trends = new ArrayList<>();
            for (TagDef t : tags) {
                PanelKind kind = PanelKind.of(t);
                if (kind == PanelKind.TREND) {
                    trends.add(trend(model, t, 0, ds, extra, options.thresholds().apply(t)));
                } else {
                    stats.add(stat(model, t, kind, 0, ds, extra));
                }
            }
            at.block(stats, trends);
        }
        return d;
    }

    /** Places panels left to right, wrapping at the dashboard's 24 columns; numbers them in order. */
    private static final class Layout {
        private final ArrayNode panels;
        private int nextId = 1;
        private int x;
        private int y;
        private int lineHeight;

        Layout(ArrayNode panels) {
            this.panels = panels;
        }

        private int id() {
            return nextId++;
        }

        void row(String title) {
            newLine();
            ObjectNode row = panels.addObject();
            row.put("type", "row");
            row.put("id", id());
            row.put("title", title);
            row.put("collapsed", false);
            row.set("gridPos", Panels.grid(0, y, 24, 1));
            row.putArray("panels");
            y += 1;
        }

        void add(ObjectNode panel, int w, int h) {
            if (x + w > 24) {
                newLine();
            }
            place(panel, x, y, w, h);
            x += w;
            lineHeight = Math.max(lineHeight, h);
        }

        /**
         * One object's panels: its stats in a column on the left when they fit beside its curves
         * (two by two on the right), else the stats run left to right above full-width curves.
         */
        void block(List<ObjectNode> stats, List<ObjectNode> trends) {
            newLine();
            int trendRows = (trends.size() + 1) / 2;
            if (trends.isEmpty() || stats.size() * STAT_H > trendRows * TREND_H) {
                stats.forEach(p -> add(p, STAT_W, STAT_H));
                newLine();
                trends.forEach(p -> add(p, 12, TREND_H));
                newLine();
                return;
            }
            int left = stats.isEmpty() ? 0 : STAT_W;
            int w = (24 - left) / 2;
            for (int i = 0; i < stats.size(); i++) {
                place(stats.get(i), 0, y + i * STAT_H, STAT_W, STAT_H);
            }
            for (int i = 0; i < trends.size(); i++) {
                place(trends.get(i), left + (i % 2) * w, y + (i / 2) * TREND_H, w, TREND_H);
            }
            y += Math.max(stats.size() * STAT_H, trendRows * TREND_H);
        }

        /** Numbered in the order placed, so the ids read top to bottom. */
        private void place(ObjectNode panel, int px, int py, int w, int h) {
            panel.put("id", id());
            panel.set("gridPos", Panels.grid(px, py, w, h));
            panels.add(panel);
        }

        void newLine() {
            y += lineHeight;
            x = 0;
            lineHeight = 0;
        }
    }

    private static ObjectNode panel(String type, int id, String title, String description, ObjectNode ds) {
        ObjectNode p = Panels.JSON.createObjectNode();
        p.put("type", type);
        p.put("id", id);
        p.put("title", title);
        p.put("description", description);
        p.set("datasource", ds.deepCopy());
        return p;
    }

    private static String description(ModelSnapshot model, TagDef t) {
        return model.tagPath(t.id()) + (t.description().isEmpty() ? "" : ": " + t.description());
    }

    private static ObjectNode stat(ModelSnapshot model, TagDef t, PanelKind kind, int id, ObjectNode ds, String extra) {
        ObjectNode p = panel("stat", id, Panels.title(t), description(model, t), ds);
        Panels.rangeQuery(p, ds, "last_over_time(" + Panels.valueSelector(t, extra) + "[" + LOOKBACK + "])", "{{tag}}");
        ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
        p.withObject("/fieldConfig").putArray("overrides");
        defaults.putObject("color").put("mode", "thresholds");
        if (!t.units().isEmpty()) {
            defaults.put("unit", "suffix: " + t.units());
        }
        if (t.type() == ValueType.BOOL) {
            Panels.twoStates(defaults, "off", "#808080", "on", "blue");
        } else {
            defaults.put("decimals", t.type() == ValueType.INT ? 0 : 1);
        }
        Panels.thresholds(defaults, "text", List.of());
        ObjectNode o = p.putObject("options");
        o.putObject("reduceOptions").put("values", false).put("fields", "").putArray("calcs").add("lastNotNull");
        o.put("colorMode", "value");
        o.put("graphMode", kind == PanelKind.TOTAL ? "area" : "none");
        o.put("textMode", "value");
        o.put("justifyMode", "auto");
        o.put("orientation", "auto");
        return p;
    }

    private static ObjectNode trend(ModelSnapshot model, TagDef t, int id, ObjectNode ds, String extra, List<Threshold> limits) {
        ObjectNode p = panel("timeseries", id, Panels.title(t), description(model, t), ds);
        Panels.rangeQuery(p, ds, Panels.valueSelector(t, extra), "{{path}}");
        ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
        p.withObject("/fieldConfig").putArray("overrides");
        if (!t.units().isEmpty()) {
            defaults.put("unit", "suffix: " + t.units());
        }
        if (t.min() != null) {
            defaults.put("min", t.min());
        }
        if (t.max() != null) {
            defaults.put("max", t.max());
        }
        ObjectNode custom = defaults.putObject("custom");
        custom.put("drawStyle", "line");
        custom.put("lineInterpolation", t.step() ? "stepAfter" : "linear");
        custom.put("lineWidth", 1);
        custom.put("fillOpacity", 10);
        custom.put("showPoints", "never");
        custom.put("spanNulls", false);
        Panels.thresholds(defaults, limits);
        if (!limits.isEmpty()) {
            custom.putObject("thresholdsStyle").put("mode", "line");
        }
        ObjectNode o = p.putObject("options");
        o.putObject("legend").put("showLegend", false).put("displayMode", "list").put("placement", "bottom");
        o.putObject("tooltip").put("mode", "multi").put("sort", "none");
        return p;
    }

    private static ObjectNode activeAlarms(int id, ObjectNode ds, String expr) {
        ObjectNode p = panel("stat", id, "Active alarms", "Alarms whose condition holds now", ds);
        Panels.rangeQuery(p, ds, expr, "active");
        ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
        p.withObject("/fieldConfig").putArray("overrides");
        defaults.put("decimals", 0);
        defaults.putObject("color").put("mode", "thresholds");
        Panels.thresholds(defaults, List.of(new Threshold(1, "red")));
        ObjectNode o = p.putObject("options");
        o.putObject("reduceOptions").put("values", false).put("fields", "").putArray("calcs").add("lastNotNull");
        o.put("colorMode", "background");
        o.put("graphMode", "none");
        o.put("textMode", "value");
        return p;
    }

    private static ObjectNode alarmStates(int id, ObjectNode ds, String expr) {
        ObjectNode p = panel("state-timeline", id, "Alarm states", "Each alarm: active (red) or normal over the time range", ds);
        Panels.rangeQuery(p, ds, expr, "{{" + SeriesNaming.ALARM + "}}");
        ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
        p.withObject("/fieldConfig").putArray("overrides");
        defaults.putObject("color").put("mode", "thresholds");
        Panels.twoStates(defaults, "normal", "transparent", "active", "red");
        Panels.thresholds(defaults, List.of());
        ObjectNode o = p.putObject("options");
        o.put("showValue", "never");
        o.put("mergeValues", true);
        o.put("rowHeight", 0.8);
        o.putObject("legend").put("showLegend", false);
        return p;
    }
}
