package org.peresvet.export.internal;

import java.util.List;
import java.util.Map;

/**
 * One series of an import body or an export answer: its labels (with {@code __name__}), the
 * values as JSON number texts and the timestamps in milliseconds, index by index.
 */
public record SeriesData(Map<String, String> labels, List<String> values, long[] timestamps) {
    public int size() {
        return timestamps.length;
    }
}
