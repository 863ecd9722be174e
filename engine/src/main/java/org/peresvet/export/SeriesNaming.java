package org.peresvet.export;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * How tags become VictoriaMetrics series. Stable: dashboards and other tools rely on it
 * (docs/export.md, "Series naming").
 *
 * <p>Every exported tag gives two series with the same labels:
 * <pre>
 * peresvet_value{tag_id="…", path="/Station/Tank/Level", object="/Station/Tank", tag="Level", units="m", site="north"}
 * peresvet_quality{…same labels…}
 * </pre>
 * {@code peresvet_value} holds the values (bool as 0/1; a sample with a null value has no point
 * here), {@code peresvet_quality} the quality code of every exported sample (0 good, 100..103).
 * {@code units} is left out when the tag has none; the target's extra labels are added last.
 *
 * <p>Why fixed metric names instead of one metric per tag: tag names are free text (spaces,
 * Cyrillic, dots) and most are not valid MetricsQL identifiers, so they would have to be mangled
 * into unreadable and colliding names; with two fixed names, one selector covers a whole subtree
 * ({@code peresvet_value{object=~"/Station/.*"}}), Grafana's label browser starts from one place,
 * and the legend shows the readable path ({@code {{path}}}). {@code tag_id} never changes, so
 * generated dashboards select by it and keep working when a tag or object is renamed (the
 * renamed tag continues as a new series with the new path).
 */
public final class SeriesNaming {
    public static final String VALUE_METRIC = "peresvet_value";
    public static final String QUALITY_METRIC = "peresvet_quality";
    public static final String TAG_ID = "tag_id";
    public static final String PATH = "path";
    public static final String OBJECT = "object";
    public static final String TAG = "tag";
    public static final String UNITS = "units";
    /** 1 while an alarm's condition holds, 0 after it cleared; a point at every transition. */
    public static final String ALARM_ACTIVE_METRIC = "peresvet_alarm_active";
    /** 1 while an alarm waits for an operator's acknowledgement, 0 otherwise; a point at every transition. */
    public static final String ALARM_UNACKED_METRIC = "peresvet_alarm_unacknowledged";
    public static final String ALARM_ID = "alarm_id";
    public static final String ALARM = "alarm";
    public static final String PRIORITY = "priority";
    /** Labels the exporter sets itself; extra labels of a target may not use them. */
    public static final Set<String> RESERVED_LABELS = Set.of("__name__", TAG_ID, PATH, OBJECT, TAG, UNITS, ALARM_ID, ALARM,
            PRIORITY);

    /**
     * The labels of an alarm's series ({@value #ALARM_ACTIVE_METRIC}, {@value #ALARM_UNACKED_METRIC}):
     * {@code alarm_id}, {@code alarm} (its path, {@code /Station/Tank/Level#Hi}), {@code object},
     * {@code tag_id}, {@code priority}.
     */
    public static Map<String, String> alarmLabels(UUID alarmId, String alarmPath, String objectPath, UUID tagId,
                                                  String priority) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(ALARM_ID, alarmId.toString());
        l.put(ALARM, alarmPath);
        l.put(OBJECT, objectPath == null ? "" : objectPath);
        l.put(TAG_ID, tagId == null ? "" : tagId.toString());
        l.put(PRIORITY, priority);
        return l;
    }

    private SeriesNaming() {
    }

    /** Only int, double and bool tags are exported; string and json tags are not. */
    public static boolean exported(TagDef tag) {
        return tag.type() == ValueType.INT || tag.type() == ValueType.DOUBLE || tag.type() == ValueType.BOOL;
    }

    /** The labels of a tag's series, without {@code __name__}, in a fixed order. */
    public static Map<String, String> labels(ModelSnapshot model, TagDef tag, Map<String, String> extra) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(TAG_ID, tag.id().toString());
        l.put(PATH, model.tagPath(tag.id()));
        l.put(OBJECT, model.objectPath(tag.objectId()));
        l.put(TAG, tag.name());
        if (!tag.units().isEmpty()) {
            l.put(UNITS, tag.units());
        }
        if (extra != null) {
            l.putAll(extra);
        }
        return l;
    }

    /** A MetricsQL selector of one tag's series, e.g. {@code peresvet_value{tag_id="…",site="north"}}. */
    public static String selector(String metric, UUID tagId, Map<String, String> extra) {
        StringBuilder sb = new StringBuilder(metric).append('{').append(TAG_ID).append("=\"").append(tagId).append('"');
        if (extra != null) {
            extra.forEach((k, v) -> sb.append(',').append(k).append("=\"").append(escape(v)).append('"'));
        }
        return sb.append('}').toString();
    }

    /** Escapes a label value for a MetricsQL string literal. */
    public static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
