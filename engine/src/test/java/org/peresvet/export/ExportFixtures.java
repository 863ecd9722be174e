package org.peresvet.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** A small plant for the export tests. */
final class ExportFixtures {
    /** An hour ago, on a whole second: inside any server retention and clear of "now" effects. */
    static final long T0_MS = (System.currentTimeMillis() / 1000 - 3600) * 1000;

    final ObjectDef station = ObjectDef.create(null, "Station");
    final ObjectDef tank = ObjectDef.create(station.id(), "Tank 1");
    final ObjectDef pump = ObjectDef.create(station.id(), "Pump.A");
    final TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).units("m").min(0.0).max(5.0).build();
    final TagDef count = TagDef.builder(tank.id(), "Fills", ValueType.INT).build();
    final TagDef running = TagDef.builder(pump.id(), "Running", ValueType.BOOL).build();
    final TagDef speed = TagDef.builder(pump.id(), "Speed", ValueType.DOUBLE).units("rpm").step(true).build();
    final TagDef mode = TagDef.builder(pump.id(), "Mode", ValueType.STRING).build();

    List<ModelEdit> edits() {
        return List.of(new ModelEdit.PutObject(station), new ModelEdit.PutObject(tank), new ModelEdit.PutObject(pump),
                new ModelEdit.PutTag(level), new ModelEdit.PutTag(count), new ModelEdit.PutTag(running),
                new ModelEdit.PutTag(speed), new ModelEdit.PutTag(mode));
    }

    ModelSnapshot model() {
        return ModelSnapshot.empty().apply(edits()).snapshot();
    }

    List<TagDef> numeric() {
        return List.of(level, count, running, speed);
    }

    static String valueSelector(UUID tag) {
        return SeriesNaming.VALUE_METRIC + "{tag_id=\"" + tag + "\"}";
    }

    static String qualitySelector(UUID tag) {
        return SeriesNaming.QUALITY_METRIC + "{tag_id=\"" + tag + "\"}";
    }

    /** timestamp -> value of all matching series, failing on a timestamp stored twice. */
    static Map<Long, Double> points(List<VictoriaMetricsServer.Series> series) {
        Map<Long, Double> out = new TreeMap<>();
        for (VictoriaMetricsServer.Series s : series) {
            for (int i = 0; i < s.timestamps().size(); i++) {
                Double old = out.put(s.timestamps().get(i), s.values().get(i));
                if (old != null) {
                    throw new AssertionError("timestamp " + s.timestamps().get(i) + " stored twice in " + s.labels());
                }
            }
        }
        return out;
    }

    /**
     * Same timestamps, and values equal up to VictoriaMetrics' precision (it keeps about 15
     * significant digits: -3.1189999999999998 comes back as -3.119). Reports only the first
     * differences.
     */
    static void assertSamePoints(Map<Long, Double> actual, Map<Long, Double> expected, String what) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Long, Double> e : expected.entrySet()) {
            Double got = actual.get(e.getKey());
            if (got == null) {
                problems.add("missing " + e.getKey() + "=" + e.getValue());
            } else if (Math.abs(got - e.getValue()) > 1e-12 * Math.max(1, Math.abs(e.getValue()))) {
                problems.add("at " + e.getKey() + ": " + got + " instead of " + e.getValue());
            }
        }
        for (Long t : actual.keySet()) {
            if (!expected.containsKey(t)) {
                problems.add("unexpected " + t + "=" + actual.get(t));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(what + ": " + problems.size() + " differences (" + actual.size() + " points, "
                    + expected.size() + " expected), first: " + problems.subList(0, Math.min(10, problems.size())));
        }
    }

    static long total(List<VictoriaMetricsServer.Series> series) {
        return series.stream().mapToLong(s -> s.timestamps().size()).sum();
    }

    static List<Long> range(long from, long n, long step) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(from + i * step);
        }
        return out;
    }
}
