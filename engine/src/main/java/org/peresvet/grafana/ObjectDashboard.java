package org.peresvet.grafana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.SeriesNaming;
import org.peresvet.grafana.GrafanaExport.Options;
import org.peresvet.grafana.GrafanaExport.Threshold;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * One object's dashboard: a row per object of its subtree, a time series panel per int/double/bool
 * tag (units, min/max, step lines for bool and step tags, thresholds when known), a variable
 * {@code object} that narrows the panels to some objects of the subtree, and annotations for bad
 * quality and active alarms.
 */
final class ObjectDashboard {
    private ObjectDashboard() {
    }

    /** Derived from the object's id: a new export updates the dashboard in place. */
    static String uid(ObjectDef root) {
        return "prs-" + root.id().toString().replace("-", "");
    }

    static ObjectNode build(ModelSnapshot model, ObjectDef root, ExportConfig.Target target, String dsUid,
                                        Options options) {
        String rootPath = model.objectPath(root.id());
        String allObjects = Panels.regexQuote(rootPath) + "(/.*)?";
        ObjectNode d = Panels.JSON.createObjectNode();
        d.put("uid", uid(root));
        d.put("title", "Peresvet " + rootPath);
        d.put("description", root.description().isEmpty() ? "Tags of " + rootPath + " and the objects below it"
                : root.description());
        d.putArray("tags").add("peresvet");
        d.put("timezone", "browser");
        d.put("editable", true);
        d.put("graphTooltip", 1);
        d.put("schemaVersion", Panels.SCHEMA_VERSION);
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

        ObjectNode ds = Panels.JSON.createObjectNode();
        ds.put("type", "prometheus");
        ds.put("uid", dsUid);
        String extra = Panels.extraMatchers(target.labels());

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
        for (ObjectDef o : GrafanaExport.subtreeObjects(model, root.id())) {
            List<TagDef> tags = model.tagsOf(o.id()).stream().filter(SeriesNaming::exported).toList();
            if (tags.isEmpty()) {
                continue;
            }
            ObjectNode row = panels.addObject();
            row.put("type", "row");
            row.put("id", id++);
            row.put("title", model.objectPath(o.id()));
            row.put("collapsed", false);
            row.set("gridPos", Panels.grid(0, y, 24, 1));
            row.putArray("panels");
            y += 1;
            int x = 0;
            for (TagDef t : tags) {
                panels.add(panel(model, t, id++, Panels.grid(x, y, 12, 8), ds, extra, options));
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
        ObjectNode p = Panels.JSON.createObjectNode();
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
}
