package org.peresvet.api.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.peresvet.history.HistoryJson;
import org.peresvet.model.Sample;

/**
 * Writes the data contract's answer, {@code {"data":[{"tagId":…,"data":[[x,y,q],…]}]}}, like
 * {@code HistoryJson}, but with {@code tagId} as the client named the tag (UUID or path).
 */
final class SampleJson {
    /**
     * One tag's part of the answer. A value-at-now part ({@code current}) also says
     * {@code since} when its value holds (null: the tag has never had a value).
     */
    record Part(String tagId, List<Sample> data, boolean excess, boolean current, Long since) {
        static Part current(String tagId, Sample point, Long since) {
            return new Part(tagId, List.of(point), false, true, since);
        }
    }

    private SampleJson() {
    }

    static void write(JsonGenerator gen, List<Part> parts, boolean format) throws IOException {
        gen.writeStartObject();
        gen.writeArrayFieldStart("data");
        for (Part part : parts) {
            writePart(gen, part, format);
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    /** One tag's member of the answer; the generator flushes to the client as its buffer fills. */
    static void writePart(JsonGenerator gen, Part part, boolean format) throws IOException {
        if (part.current() && part.data().size() == 1) {
            HistoryJson.writeCurrentPart(gen, part.tagId(), part.data().get(0), part.since(), format);
            return;
        }
        HistoryJson.writePart(gen, part.tagId(), part.data(), part.excess(), format);
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
     * {@code {"data":[{"tagId":"<id>","data":[[x,y,q]],"since":…}]}} for one plain id and one sample whose
     * value is null, a boolean, an integer or a finite double, byte for byte what {@link #write}
     * gives; null for other values (strings, json, NaN), which take the generator.
     */
    static byte[] currentBytes(String plainId, Sample s, Long since) {
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
                .append(',').append(s.q() == null ? "null" : s.q().toString()).append("]],\"since\":")
                .append(since == null ? "null" : since.toString()).append("}]}");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
