package org.peresvet.api.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;

/**
 * Writes the data contract's answer, {@code {"data":[{"tagId":…,"data":[[x,y,q],…]}]}}, like
 * {@code HistoryJson}, but with {@code tagId} as the client named the tag (UUID or path).
 */
final class SampleJson {
    /** One tag's part of the answer. */
    record Part(String tagId, List<Sample> data, boolean excess) {
    }

    private SampleJson() {
    }

    static void write(JsonGenerator gen, List<Part> parts, boolean format) throws IOException {
        gen.writeStartObject();
        gen.writeArrayFieldStart("data");
        for (Part part : parts) {
            gen.writeStartObject();
            gen.writeStringField("tagId", part.tagId());
            gen.writeArrayFieldStart("data");
            for (Sample s : part.data()) {
                writeSample(gen, s, format);
            }
            gen.writeEndArray();
            if (part.excess()) {
                gen.writeBooleanField("excess", true);
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    static void writeSample(JsonGenerator gen, Sample s, boolean format) throws IOException {
        gen.writeStartArray();
        if (format) {
            gen.writeString(Micros.format(s.x()));
        } else {
            gen.writeNumber(s.x());
        }
        gen.writeObject(s.y());
        if (s.q() == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(s.q());
        }
        gen.writeEndArray();
    }
}
