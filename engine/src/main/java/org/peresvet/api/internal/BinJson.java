package org.peresvet.api.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.peresvet.history.Bin;
import org.peresvet.history.BinnedHistory;
import org.peresvet.history.HistoryJson;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;

/**
 * One tag's decimated answer ({@code bins=N}): {@code data} holds the raw samples when the period
 * has no more than N, else {@code bins} holds one object per bin that has samples:
 * {@code {"x": start, "n": count, "first": [x,y,q], "last": [x,y,q], "min": [x,y], "max": [x,y], "bad": k}}
 * (min and max only when the bin has a good numeric value).
 */
final class BinJson {

    private BinJson() {
    }

    static void writePart(JsonGenerator gen, String tagId, BinnedHistory h, boolean format) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("tagId", tagId);
        gen.writeBooleanField("step", h.step());
        gen.writeNumberField("width", h.width());
        gen.writeFieldName("before");
        sample(gen, h.before(), format);
        gen.writeFieldName("after");
        sample(gen, h.after(), format);
        gen.writeArrayFieldStart("data");
        for (Sample s : h.samples()) {
            HistoryJson.writeSample(gen, s, format);
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("bins");
        for (Bin b : h.bins()) {
            gen.writeStartObject();
            gen.writeFieldName("x");
            time(gen, b.start(), format);
            gen.writeNumberField("n", b.count());
            gen.writeFieldName("first");
            HistoryJson.writeSample(gen, b.first(), format);
            gen.writeFieldName("last");
            HistoryJson.writeSample(gen, b.last(), format);
            if (b.hasValue()) {
                gen.writeArrayFieldStart("min");
                time(gen, b.minX(), format);
                gen.writeNumber(b.min());
                gen.writeEndArray();
                gen.writeArrayFieldStart("max");
                time(gen, b.maxX(), format);
                gen.writeNumber(b.max());
                gen.writeEndArray();
            }
            gen.writeNumberField("bad", b.bad());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private static void sample(JsonGenerator gen, Sample s, boolean format) throws IOException {
        if (s == null) {
            gen.writeNull();
        } else {
            HistoryJson.writeSample(gen, s, format);
        }
    }

    private static void time(JsonGenerator gen, long x, boolean format) throws IOException {
        if (format) {
            gen.writeString(Micros.format(x));
        } else {
            gen.writeNumber(x);
        }
    }
}
