package org.peresvet.export.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.peresvet.export.SeriesNaming;
import org.peresvet.history.SampleSource;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * One tag's samples as VictoriaMetrics holds them, read with {@code /api/v1/export}: value and
 * quality series joined by timestamp (a quality point without a value is a sample with a null
 * value). Only samples before {@code upper} (µs, exclusive) are seen. Times in VictoriaMetrics are
 * milliseconds, so x comes back as a whole number of milliseconds in µs.
 *
 * <p>Open-ended reads (the last sample before t, the first after t) look at growing windows:
 * one hour, then four times longer each round.
 */
public final class VmSampleSource implements SampleSource {
    private static final long HOUR_MS = 3_600_000L;
    private static final int ROUNDS = 14; // 1 h * 4^13 is far beyond any archive

    /** Receives read failures; the answer then lacks the remote part. */
    public interface ErrorSink {
        void failed(IOException e);
    }

    private final VmClient client;
    private final TagDef tag;
    private final List<String> selectors;
    private final long upperMicros;
    private final ErrorSink errors;

    public VmSampleSource(VmClient client, TagDef tag, Map<String, String> extraLabels, long upperMicros, ErrorSink errors) {
        this.client = client;
        this.tag = tag;
        StringBuilder sel = new StringBuilder("{__name__=~\"").append(SeriesNaming.VALUE_METRIC).append('|')
                .append(SeriesNaming.QUALITY_METRIC).append("\",").append(SeriesNaming.TAG_ID).append("=\"")
                .append(tag.id()).append('"');
        extraLabels.forEach((k, v) -> sel.append(',').append(k).append("=\"").append(SeriesNaming.escape(v)).append('"'));
        this.selectors = List.of(sel.append('}').toString());
        this.upperMicros = upperMicros;
        this.errors = errors;
    }

    /** Samples with from <= x <= to (µs), clipped to the upper bound. */
    private List<Sample> fetch(long fromMicros, long toMicros) {
        long to = Math.min(toMicros, upperMicros - 1);
        if (fromMicros > to) {
            return List.of();
        }
        long fromMs = Math.floorDiv(fromMicros + 999, 1000L);
        long toMs = Math.floorDiv(to, 1000L);
        if (fromMs > toMs) {
            return List.of();
        }
        Map<Long, String> values = new HashMap<>();
        Map<Long, Integer> qualities = new HashMap<>();
        TreeSet<Long> times = new TreeSet<>();
        try {
            client.export(selectors, Math.max(0, fromMs), toMs, sd -> {
                boolean quality = SeriesNaming.QUALITY_METRIC.equals(sd.labels().get("__name__"));
                for (int i = 0; i < sd.size(); i++) {
                    long t = sd.timestamps()[i];
                    if (t < fromMs || t > toMs) {
                        continue;
                    }
                    times.add(t);
                    if (quality) {
                        qualities.put(t, (int) Double.parseDouble(sd.values().get(i)));
                    } else {
                        values.put(t, sd.values().get(i));
                    }
                }
            });
        } catch (IOException e) {
            errors.failed(e);
            return List.of();
        }
        List<Sample> out = new ArrayList<>(times.size());
        for (long t : times) {
            Integer q = qualities.get(t);
            out.add(new Sample(t * 1000L, value(values.get(t)), q == null || q == 0 ? null : q));
        }
        return out;
    }

    private Object value(String text) {
        if (text == null || text.equals("null")) {
            return null;
        }
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
        if (!Double.isFinite(d)) {
            return null;
        }
        if (tag.type() == ValueType.BOOL) {
            return d != 0;
        }
        if (tag.type() == ValueType.INT) {
            try {
                return new BigDecimal(text).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return Math.round(d);
            }
        }
        return d;
    }

    @Override
    public List<Sample> range(long from, long to, int limit) {
        if (limit <= 0) {
            return fetch(from, to);
        }
        List<Sample> out = new ArrayList<>();
        long windowMicros = HOUR_MS * 1000L;
        long start = from;
        long end = Math.min(to, upperMicros - 1);
        while (start <= end && out.size() < limit) {
            long stop = windowMicros > end - start ? end : start + windowMicros - 1;
            out.addAll(fetch(start, stop));
            if (stop == end) {
                break;
            }
            start = stop + 1;
            windowMicros = windowMicros > Long.MAX_VALUE / 8 ? Long.MAX_VALUE / 2 : windowMicros * 4;
        }
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    @Override
    public List<Sample> last(Long from, long to, int n) {
        if (n <= 0) {
            return List.of();
        }
        long end = Math.min(to, upperMicros - 1);
        long floor = from == null ? 0 : Math.max(0, from);
        List<List<Sample>> chunks = new ArrayList<>();
        int have = 0;
        long windowMicros = HOUR_MS * 1000L;
        for (int round = 0; round < ROUNDS && end >= floor && have < n; round++) {
            long start = end - floor < windowMicros ? floor : end - windowMicros + 1;
            List<Sample> chunk = fetch(start, end);
            chunks.add(chunk);
            have += chunk.size();
            end = start - 1;
            windowMicros *= 4;
        }
        List<Sample> out = new ArrayList<>(have);
        for (int i = chunks.size() - 1; i >= 0; i--) {
            out.addAll(chunks.get(i));
        }
        return out.size() > n ? new ArrayList<>(out.subList(out.size() - n, out.size())) : out;
    }

    @Override
    public Sample before(long t) {
        List<Sample> l = last(null, t - 1, 1);
        return l.isEmpty() ? null : l.get(0);
    }

    @Override
    public Sample after(long t) {
        long start = t + 1;
        long end = upperMicros - 1;
        long windowMicros = HOUR_MS * 1000L;
        for (int round = 0; round < ROUNDS && start <= end; round++) {
            long stop = end - start < windowMicros ? end : start + windowMicros - 1;
            List<Sample> l = fetch(start, stop);
            if (!l.isEmpty()) {
                return l.get(0);
            }
            start = stop + 1;
            windowMicros *= 4;
        }
        return null;
    }
}
