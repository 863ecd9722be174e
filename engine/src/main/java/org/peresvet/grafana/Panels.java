package org.peresvet.grafana;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.peresvet.export.SeriesNaming;
import org.peresvet.grafana.GrafanaExport.Threshold;
import org.peresvet.model.TagDef;

/** JSON pieces every generated dashboard shares: grid positions, the data source, selectors, thresholds. */
final class Panels {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The dashboard JSON schema the files are written in (Grafana 10.x and 11.x read it). */
    static final int SCHEMA_VERSION = 39;
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\.^$|?*+()\\[\\]{}]");

    private Panels() {
    }

    static ObjectNode grid(int x, int y, int w, int h) {
        ObjectNode g = JSON.createObjectNode();
        g.put("h", h);
        g.put("w", w);
        g.put("x", x);
        g.put("y", y);
        return g;
    }

    /** The reference to the provisioned data source that panels and queries carry. */
    static ObjectNode dataSource(String uid) {
        ObjectNode ds = JSON.createObjectNode();
        ds.put("type", "prometheus");
        ds.put("uid", uid);
        return ds;
    }

    /** The target's extra labels as matchers to append inside a selector: {@code ,site="north"}. */
    static String extraMatchers(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> sb.append(',').append(k).append("=\"").append(SeriesNaming.escape(v)).append('"'));
        return sb.toString();
    }

    /** The values of one tag: {@code peresvet_value{tag_id="…",site="north"}} (by id, so renames keep working). */
    static String valueSelector(TagDef t, String extra) {
        return SeriesNaming.VALUE_METRIC + "{" + SeriesNaming.TAG_ID + "=\"" + t.id() + "\"" + extra + "}";
    }

    /** Quotes regex metacharacters the way Grafana does for Prometheus variables. */
    static String regexQuote(String s) {
        return REGEX_SPECIAL.matcher(s).replaceAll("\\\\$0");
    }

    /** A panel's query, drawn over the dashboard's time range. */
    static ObjectNode rangeQuery(ObjectNode panel, ObjectNode ds, String expr, String legend) {
        ObjectNode target = panel.putArray("targets").addObject();
        target.put("refId", "A");
        target.set("datasource", ds.deepCopy());
        target.put("expr", expr);
        target.put("legendFormat", legend);
        target.put("range", true);
        target.put("instant", false);
        return target;
    }

    /** Thresholds: green below the first limit, then each limit's colour. */
    static void thresholds(ObjectNode defaults, List<Threshold> limits) {
        thresholds(defaults, "green", limits);
    }

    /** Thresholds: {@code base} below the first limit, then each limit's colour. */
    static void thresholds(ObjectNode defaults, String base, List<Threshold> limits) {
        ObjectNode th = defaults.putObject("thresholds");
        th.put("mode", "absolute");
        ArrayNode steps = th.putArray("steps");
        steps.addObject().put("color", base).putNull("value");
        for (Threshold l : limits) {
            steps.addObject().put("color", l.color()).put("value", l.value());
        }
    }

    /** Value texts (and colours) for 0 and 1: a bool's off/on, an alarm's normal/active. */
    static void twoStates(ObjectNode defaults, String off, String offColor, String on, String onColor) {
        ObjectNode opts = defaults.putArray("mappings").addObject().put("type", "value").putObject("options");
        opts.putObject("0").put("text", off).put("color", offColor).put("index", 0);
        opts.putObject("1").put("text", on).put("color", onColor).put("index", 1);
    }

    static String title(TagDef t) {
        return t.name() + (t.units().isEmpty() ? "" : ", " + t.units());
    }
}
