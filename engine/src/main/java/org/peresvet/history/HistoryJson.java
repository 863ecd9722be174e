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

    /** Writes UTF-8 JSON to the stream; flushes it but leaves it open. */
    public static void writeTo(OutputStream out, List<TagHistory> answers, boolean format) throws IOException {
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("data");
            for (TagHistory answer : answers) {
                writeTag(gen, answer, format);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    private static void writeTag(JsonGenerator gen, TagHistory answer, boolean format) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("tagId", answer.tagId() == null ? null : answer.tagId().toString());
        gen.writeArrayFieldStart("data");
        for (Sample s : answer.data()) {
            writeSample(gen, s, format);
        }
        gen.writeEndArray();
        if (answer.excess()) {
            gen.writeBooleanField("excess", true);
        }
        gen.writeEndObject();
    }

    private static void writeSample(JsonGenerator gen, Sample s, boolean format) throws IOException {
        gen.writeStartArray();
        if (format) {
            gen.writeString(Micros.format(s.x()));
        } else {
            gen.writeNumber(s.x());
        }
        gen.writeObject(s.y());
        gen.writeObject(s.q());
        gen.writeEndArray();
    }
}
