package org.peresvet.api.internal;

import java.nio.charset.StandardCharsets;
import org.peresvet.history.HistoryJson;
import org.peresvet.model.Sample;

/**
 * The fast path of the current-value answer: the bytes {@link HistoryJson#write} gives for one
 * plain id and one simple sample, without a generator. Every other answer goes through
 * {@link HistoryJson}, the one writer of {@code [x,y,q]}.
 */
final class SampleJson {
    private SampleJson() {
    }

    /** True for ids that need no JSON escaping: UUIDs and paths of letters, digits and {@code /_-.}. */
    static boolean isPlain(String id) {
        for (int i = 0, n = id.length(); i < n; i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-'
                    || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code {"data":[{"tagId":"<id>","data":[[x,y,q]]}]}} for one plain id and one sample whose
     * value is null, a boolean, an integer or a finite double, byte for byte what {@link HistoryJson#write}
     * gives; null for other values (strings, json, NaN), which take the generator.
     */
    static byte[] currentBytes(String plainId, Sample s) {
        Object y = s.y();
        String ys;
        if (y == null) {
            ys = "null";
        } else if (y instanceof Double d) {
            if (!Double.isFinite(d)) {
                return null;
            }
            ys = Double.toString(d);
        } else if (y instanceof Long || y instanceof Integer) {
            ys = y.toString();
        } else if (y instanceof Boolean b) {
            ys = b ? "true" : "false";
        } else {
            return null;
        }
        StringBuilder sb = new StringBuilder(48 + plainId.length() + ys.length());
        sb.append("{\"data\":[{\"tagId\":\"").append(plainId).append("\",\"data\":[[").append(s.x()).append(',').append(ys)
                .append(',').append(s.q() == null ? "null" : s.q().toString()).append("]]}]}");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
