package org.peresvet.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;

/**
 * Renders history answers as the data contract's JSON:
 * {@code {"data":[{"tagId":"…","data":[[x,y,q],…],"excess":true}]}}, with {@code excess} only
 * when set. {@link #writeTo} streams, so a large answer need not be built as a string first.
 */
public final class HistoryJson {
    // The mapper writes y of any stored type: Long, Double, Boolean, String, JsonNode.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private HistoryJson() {
    }

    /** @param format x as ISO-8601 text instead of microseconds */
    public static String toJson(List<TagHistory> answers, boolean format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out, answers, format);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen with an in-memory stream", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The answer with each tag named as its part says (as the client named it). */
    public static String partsToJson(List<Part> parts, boolean format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            write(gen, parts, format);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen with an in-memory stream", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One tag's part of an answer, {@code tagId} as the client named the tag (UUID or path). */
    public record Part(String tagId, List<Sample> data, boolean excess) {
        public static Part of(TagHistory answer) {
            return new Part(answer.tagId() == null ? null : answer.tagId().toString(), answer.data(), answer.excess());
        }
    }

    /** Writes UTF-8 JSON to the stream; flushes it but leaves it open. */
    public static void writeTo(OutputStream out, List<TagHistory> answers, boolean format) throws IOException {
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            write(gen, answers.stream().map(Part::of).toList(), format);
        }
    }

    /**
     * The one writer of the answer {@code {"data":[{"tagId":…,"data":[[x,y,q],…],"excess":true}]}}
     * (the CLI, the API's history and current-value answers, the live stream).
     */
    public static void write(JsonGenerator gen, List<Part> parts, boolean format) throws IOException {
        gen.writeStartObject();
        gen.writeArrayFieldStart("data");
        for (Part part : parts) {
            writePart(gen, part.tagId(), part.data(), part.excess(), format);
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    /** One tag's member of the answer: {@code {"tagId":…,"data":[[x,y,q],…],"excess":true}}. */
    public static void writePart(JsonGenerator gen, String tagId, List<Sample> data, boolean excess, boolean format)
            throws IOException {
        gen.writeStartObject();
        gen.writeStringField("tagId", tagId);
        gen.writeArrayFieldStart("data");
        for (Sample s : data) {
            writeSample(gen, s, format);
        }
        gen.writeEndArray();
        if (excess) {
            gen.writeBooleanField("excess", true);
        }
        gen.writeEndObject();
    }

    /**
     * The member of a value-at-now answer: {@code {"tagId":…,"data":[[x,y,q]],"since":…}}, where
     * {@code since} is the time of the stored sample the value comes from, and null when the tag
     * has never had a value (so {@code [now, null, null]} is "no data yet", not an empty reading).
     */
    public static void writeCurrentPart(JsonGenerator gen, String tagId, Sample point, Long since, boolean format)
            throws IOException {
        gen.writeStartObject();
        gen.writeStringField("tagId", tagId);
        gen.writeArrayFieldStart("data");
        writeSample(gen, point, format);
        gen.writeEndArray();
        gen.writeFieldName(SINCE);
        if (since == null) {
            gen.writeNull();
        } else if (format) {
            gen.writeString(Micros.format(since));
        } else {
            gen.writeNumber(since);
        }
        gen.writeEndObject();
    }

    /** The key of a value-at-now answer that says since when the value holds (null: never had one). */
    public static final String SINCE = "since";

    /** A whole value-at-now answer for one tag (see {@link #writeCurrentPart}). */
    public static String currentToJson(String tagId, Sample point, Long since, boolean format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("data");
            writeCurrentPart(gen, tagId, point, since, format);
            gen.writeEndArray();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen with an in-memory stream", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One sample as {@code [x, y, q]}; x as ISO-8601 text when {@code format}. */
    public static void writeSample(JsonGenerator gen, Sample s, boolean format) throws IOException {
        gen.writeStartArray();
        if (format) {
            gen.writeString(Micros.format(s.x()));
        } else {
            gen.writeNumber(s.x());
        }
        writeValue(gen, s.y());
        if (s.q() == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(s.q());
        }
        gen.writeEndArray();
    }

    /**
     * A value as {@code writeObject} writes it, without its per-call serializer lookup for the
     * common kinds (it built a serializer provider per sample: 2,000 per answer of 2,000 points).
     */
    public static void writeValue(JsonGenerator gen, Object y) throws IOException {
        if (y == null) {
            gen.writeNull();
        } else if (y instanceof Double d) {
            gen.writeNumber(d);
        } else if (y instanceof Long l) {
            gen.writeNumber(l);
        } else if (y instanceof Integer i) {
            gen.writeNumber(i);
        } else if (y instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (y instanceof String str) {
            gen.writeString(str);
        } else {
            gen.writeObject(y);
        }
    }
}
