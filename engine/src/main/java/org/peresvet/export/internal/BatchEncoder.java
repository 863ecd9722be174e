package org.peresvet.export.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import org.peresvet.export.SeriesNaming;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;

/**
 * Turns accepted samples into a gzip-compressed {@code /api/v1/import} body: one JSON line per
 * series, {@code {"metric":{…},"values":[…],"timestamps":[…]}}. Per tag, samples are sorted by
 * time and only the last sample of each millisecond is kept (VictoriaMetrics has millisecond
 * timestamps). A sample gives a quality point always and a value point when its value is a finite
 * number or a boolean. Used by one thread.
 */
public final class BatchEncoder {
    private static final byte[] VALUES = ",\"values\":[".getBytes();
    private static final byte[] TIMESTAMPS = "],\"timestamps\":[".getBytes();
    private static final byte[] END = "]}\n".getBytes();

    private final Map<String, String> extraLabels;
    private final Map<UUID, TagLines> cache = new HashMap<>();
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final ByteBuf buf = new ByteBuf(1 << 20);

    /** The metric objects of one tag's two series, built once per model snapshot. */
    private static final class TagLines {
        TagDef def;
        ModelSnapshot seen;
        byte[] valueMetric;
        byte[] qualityMetric;
    }

    /** Per tag: the samples of the batch in arrival order. */
    private static final class Acc {
        final TagLines lines;
        long[] ms = new long[8];
        Object[] y = new Object[8];
        int[] q = new int[8];
        int n;

        Acc(TagLines lines) {
            this.lines = lines;
        }

        void add(long t, Object value, int quality) {
            if (n == ms.length) {
                ms = Arrays.copyOf(ms, n * 2);
                y = Arrays.copyOf(y, n * 2);
                q = Arrays.copyOf(q, n * 2);
            }
            ms[n] = t;
            y[n] = value;
            q[n] = quality;
            n++;
        }
    }

    /** What one body holds. */
    public record Encoded(byte[] body, int samples, int points, long minMs, long maxMs, int coalesced) {
    }

    /** One point of a series that is not a tag's (alarm states): metric, labels, value, time in ms. */
    public record Point(String metric, Map<String, String> labels, double value, long ms) {
    }

    /**
     * Encodes points of other series (alarm states) with the target's extra labels, one line per
     * series, the last point of each millisecond kept.
     */
    public Encoded encodePoints(List<Point> points) {
        Map<List<Object>, List<Point>> bySeries = new java.util.LinkedHashMap<>();
        for (Point p : points) {
            bySeries.computeIfAbsent(List.of(p.metric(), p.labels()), k -> new ArrayList<>()).add(p);
        }
        buf.clear();
        int n = 0;
        int coalesced = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (List<Point> series : bySeries.values()) {
            series.sort(java.util.Comparator.comparingLong(Point::ms)); // stable: same-ms points keep their order
            List<Point> keep = new ArrayList<>(series.size());
            for (int i = 0; i < series.size(); i++) {
                if (i + 1 < series.size() && series.get(i + 1).ms() == series.get(i).ms()) {
                    coalesced++;
                    continue;
                }
                keep.add(series.get(i));
            }
            Map<String, String> labels = new java.util.LinkedHashMap<>(series.get(0).labels());
            labels.putAll(extraLabels);
            buf.put(metric(series.get(0).metric(), labels)).put(VALUES);
            for (int i = 0; i < keep.size(); i++) {
                double v = keep.get(i).value();
                buf.ascii((i > 0 ? "," : "") + (v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v)));
            }
            buf.put(TIMESTAMPS);
            for (int i = 0; i < keep.size(); i++) {
                if (i > 0) {
                    buf.put((byte) ',');
                }
                buf.decimal(keep.get(i).ms());
            }
            buf.put(END);
            n += keep.size();
            min = Math.min(min, keep.get(0).ms());
            max = Math.max(max, keep.get(keep.size() - 1).ms());
        }
        return n == 0 ? null : new Encoded(buf.gzip(deflater), n, n, min, max, coalesced);
    }

    public BatchEncoder(Map<String, String> extraLabels) {
        this.extraLabels = Map.copyOf(extraLabels);
    }

    /**
     * Encodes the exported samples among {@code samples}; null when none of them is exported
     * (string and json tags, tags unknown to the model).
     */
    public Encoded encode(List<TagSample> samples, ModelSnapshot model) {
        Map<UUID, Acc> byTag = new HashMap<>();
        List<Acc> order = new ArrayList<>();
        for (TagSample ts : samples) {
            Acc acc = byTag.get(ts.tagId());
            if (acc == null) {
                TagLines lines = lines(ts.tagId(), model);
                if (lines == null) {
                    continue;
                }
                acc = new Acc(lines);
                byTag.put(ts.tagId(), acc);
                order.add(acc);
            }
            Sample s = ts.sample();
            acc.add(Math.floorDiv(s.x(), 1000L), s.y(), s.q() == null ? 0 : s.q());
        }
        if (order.isEmpty()) {
            return null;
        }
        buf.clear();
        int exported = 0;
        int points = 0;
        int coalesced = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Acc acc : order) {
            int[] keep = lastPerMillisecond(acc);
            coalesced += acc.n - keep.length;
            exported += keep.length;
            min = Math.min(min, acc.ms[keep[0]]);
            max = Math.max(max, acc.ms[keep[keep.length - 1]]);
            points += writeValues(acc, keep);
            points += writeQualities(acc, keep);
        }
        return new Encoded(buf.gzip(deflater), exported, points, min, max, coalesced);
    }

    /** Indexes of the samples to export, in time order: the last one of each millisecond. */
    private static int[] lastPerMillisecond(Acc acc) {
        int n = acc.n;
        Integer[] idx = null;
        for (int i = 1; i < n; i++) {
            if (acc.ms[i] < acc.ms[i - 1]) {
                idx = new Integer[n];
                for (int j = 0; j < n; j++) {
                    idx[j] = j;
                }
                long[] ms = acc.ms;
                Arrays.sort(idx, (a, b) -> Long.compare(ms[a], ms[b])); // stable: arrival order within a ms
                break;
            }
        }
        int[] keep = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int cur = idx == null ? i : idx[i];
            int next = i + 1 < n ? (idx == null ? i + 1 : idx[i + 1]) : -1;
            if (next >= 0 && acc.ms[next] == acc.ms[cur]) {
                continue; // a later sample in the same millisecond wins
            }
            keep[k++] = cur;
        }
        return k == n ? keep : Arrays.copyOf(keep, k);
    }

    private int writeValues(Acc acc, int[] keep) {
        int count = 0;
        for (int i : keep) {
            if (exportable(acc.y[i])) {
                count++;
            }
        }
        if (count == 0) {
            return 0;
        }
        buf.put(acc.lines.valueMetric).put(VALUES);
        boolean first = true;
        for (int i : keep) {
            if (exportable(acc.y[i])) {
                if (!first) {
                    buf.put((byte) ',');
                }
                first = false;
                writeNumber(acc.y[i]);
            }
        }
        buf.put(TIMESTAMPS);
        first = true;
        for (int i : keep) {
            if (exportable(acc.y[i])) {
                if (!first) {
                    buf.put((byte) ',');
                }
                first = false;
                buf.decimal(acc.ms[i]);
            }
        }
        buf.put(END);
        return count;
    }

    private int writeQualities(Acc acc, int[] keep) {
        buf.put(acc.lines.qualityMetric).put(VALUES);
        for (int j = 0; j < keep.length; j++) {
            if (j > 0) {
                buf.put((byte) ',');
            }
            buf.decimal(acc.q[keep[j]]);
        }
        buf.put(TIMESTAMPS);
        for (int j = 0; j < keep.length; j++) {
            if (j > 0) {
                buf.put((byte) ',');
            }
            buf.decimal(acc.ms[keep[j]]);
        }
        buf.put(END);
        return keep.length;
    }

    /** Numbers that JSON and VictoriaMetrics can carry, and booleans. */
    static boolean exportable(Object y) {
        if (y instanceof Double d) {
            return Double.isFinite(d);
        }
        if (y instanceof Float f) {
            return Float.isFinite(f);
        }
        return y instanceof Number || y instanceof Boolean;
    }

    private void writeNumber(Object y) {
        if (y instanceof Long || y instanceof Integer || y instanceof Short || y instanceof Byte) {
            buf.decimal(((Number) y).longValue());
        } else if (y instanceof Boolean b) {
            buf.put((byte) (b ? '1' : '0'));
        } else {
            double d = ((Number) y).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                buf.decimal((long) d);
            } else {
                buf.ascii(Double.toString(d));
            }
        }
    }

    private TagLines lines(UUID id, ModelSnapshot model) {
        TagLines lines = cache.get(id);
        if (lines != null && lines.seen == model) {
            return lines.def == null ? null : lines;
        }
        TagDef def = model.tag(id);
        if (def == null) {
            // Deleted since the sample was accepted: keep the labels it had, if it ever had any.
            if (lines != null) {
                lines.seen = model;
                return lines.def == null ? null : lines;
            }
            return null;
        }
        if (lines == null) {
            lines = new TagLines();
            cache.put(id, lines);
        }
        lines.seen = model;
        if (!SeriesNaming.exported(def)) {
            lines.def = null;
            return null;
        }
        lines.def = def;
        Map<String, String> labels = SeriesNaming.labels(model, def, extraLabels);
        lines.valueMetric = metric(SeriesNaming.VALUE_METRIC, labels);
        lines.qualityMetric = metric(SeriesNaming.QUALITY_METRIC, labels);
        return lines;
    }

    /** {@code {"metric":{"__name__":"…","label":"…",…}} without the closing brace of the line. */
    static byte[] metric(String name, Map<String, String> labels) {
        ByteBuf b = new ByteBuf(256);
        b.ascii("{\"metric\":{\"__name__\":").jsonString(name);
        labels.forEach((k, v) -> b.put((byte) ',').jsonString(k).put((byte) ':').jsonString(v));
        b.put((byte) '}');
        return b.toArray();
    }

    /**
     * Encodes series given as label sets (with {@code __name__}) and raw JSON number texts, for
     * re-sending the part of a batch the server lost.
     */
    public byte[] encodeRaw(List<SeriesData> series) {
        buf.clear();
        for (SeriesData s : series) {
            String name = s.labels().get("__name__");
            Map<String, String> rest = new java.util.LinkedHashMap<>(s.labels());
            rest.remove("__name__");
            buf.put(metric(name, rest)).put(VALUES);
            for (int i = 0; i < s.size(); i++) {
                if (i > 0) {
                    buf.put((byte) ',');
                }
                buf.ascii(s.values().get(i));
            }
            buf.put(TIMESTAMPS);
            for (int i = 0; i < s.size(); i++) {
                if (i > 0) {
                    buf.put((byte) ',');
                }
                buf.decimal(s.timestamps()[i]);
            }
            buf.put(END);
        }
        return buf.gzip(deflater);
    }
}
