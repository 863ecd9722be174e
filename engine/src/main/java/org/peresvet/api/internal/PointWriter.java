package org.peresvet.api.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.peresvet.history.HistoryJson;
import org.peresvet.history.SampleScan;
import org.peresvet.model.Micros;

/**
 * Writes the points of a streamed history answer straight to the generator as {@code [x, y, q]},
 * byte for byte what {@link HistoryJson#writeSample} writes, without garbage per point: a double
 * is formatted into a reused buffer by {@link StringBuilder#append(double)}, which is the JDK's
 * own {@link Double#toString} (the same digits, without the String). An {@link IOException} of
 * the client's connection comes out as {@link UncheckedIOException}.
 */
final class PointWriter implements SampleScan {
    private final JsonGenerator gen;
    private final boolean format;
    private final StringBuilder text = new StringBuilder(32);
    private char[] chars = new char[32];

    PointWriter(JsonGenerator gen, boolean format) {
        this.gen = gen;
        this.format = format;
    }

    @Override
    public void sample(long x, int kind, long bits, Object obj, long q) {
        try {
            gen.writeStartArray();
            if (format) {
                gen.writeString(Micros.format(x));
            } else {
                gen.writeNumber(x);
            }
            switch (kind) {
                case DOUBLE -> writeDouble(Double.longBitsToDouble(bits));
                case LONG -> gen.writeNumber(bits);
                case BOOL -> gen.writeBoolean(bits != 0);
                case NULL -> gen.writeNull();
                default -> {
                    if (obj instanceof Double d) {
                        writeDouble(d);
                    } else {
                        HistoryJson.writeValue(gen, obj);
                    }
                }
            }
            if (q == NO_Q) {
                gen.writeNull();
            } else {
                gen.writeNumber((int) q);
            }
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@code gen.writeNumber(d)}; NaN and infinities take that very call (quoted or not, as configured). */
    void writeDouble(double d) throws IOException {
        if (!Double.isFinite(d)) {
            gen.writeNumber(d);
            return;
        }
        text.setLength(0);
        text.append(d);
        int n = text.length();
        if (n > chars.length) {
            chars = new char[n];
        }
        text.getChars(0, n, chars, 0);
        gen.writeNumber(chars, 0, n);
    }
}
