package org.peresvet.export.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.peresvet.history.SampleScan;
import org.peresvet.history.SampleSource;
import org.peresvet.model.Sample;

/**
 * Two sources of one tag split at a moment: {@code older} answers for x before {@code cutoff}
 * (µs), {@code newer} from it on. The query logic sees one seamless source.
 */
public final class MergedSource implements SampleSource {
    private final SampleSource older;
    private final SampleSource newer;
    private final long cutoff;

    /** @param older must hold nothing at or after cutoff (a {@link VmSampleSource} with that upper bound) */
    public MergedSource(SampleSource older, SampleSource newer, long cutoff) {
        this.older = older;
        this.newer = newer;
        this.cutoff = cutoff;
    }

    public long cutoff() {
        return cutoff;
    }

    @Override
    public List<Sample> range(long from, long to, int limit) {
        List<Sample> out = new ArrayList<>();
        if (from < cutoff) {
            out.addAll(older.range(from, Math.min(to, cutoff - 1), limit));
        }
        if (to >= cutoff && (limit <= 0 || out.size() < limit)) {
            for (Sample s : newer.range(Math.max(from, cutoff), to, limit <= 0 ? 0 : limit - out.size())) {
                if (s.x() >= cutoff) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @Override
    public void forEach(long from, long to, Consumer<Sample> visitor) {
        if (from < cutoff) {
            older.forEach(from, Math.min(to, cutoff - 1), visitor);
        }
        if (to >= cutoff) {
            newer.forEach(Math.max(from, cutoff), to, visitor);
        }
    }

    @Override
    public void scan(long from, long to, SampleScan visitor) {
        if (from < cutoff) {
            older.scan(from, Math.min(to, cutoff - 1), visitor);
        }
        if (to >= cutoff) {
            newer.scan(Math.max(from, cutoff), to, visitor);
        }
    }

    @Override
    public List<Sample> last(Long from, long to, int n) {
        List<Sample> recent = new ArrayList<>();
        if (to >= cutoff) {
            for (Sample s : newer.last(from == null ? cutoff : Math.max(from, cutoff), to, n)) {
                if (s.x() >= cutoff) {
                    recent.add(s);
                }
            }
        }
        if (recent.size() >= n || (from != null && from >= cutoff)) {
            return recent;
        }
        List<Sample> out = new ArrayList<>(older.last(from, Math.min(to, cutoff - 1), n - recent.size()));
        out.addAll(recent);
        return out;
    }

    @Override
    public Sample before(long t) {
        if (t > cutoff) {
            Sample s = newer.before(t);
            if (s != null && s.x() >= cutoff) {
                return s;
            }
        }
        return older.before(Math.min(t, cutoff));
    }

    @Override
    public Sample after(long t) {
        if (t < cutoff - 1) {
            Sample s = older.after(t);
            if (s != null && s.x() < cutoff) {
                return s;
            }
        }
        Sample s = newer.after(Math.max(t, cutoff - 1));
        return s;
    }
}
