package org.peresvet.api.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.peresvet.model.io.StrictJson;

/**
 * Reads a well-formed {@code POST /v1/data/} body straight from the parser's tokens into samples,
 * without building a JSON tree (a batch of 10,000 samples is some 50,000 tree nodes otherwise).
 * Anything it is not sure about (a syntax error, an unknown key, {@code data} before {@code tagId},
 * an unknown or disabled tag, a json tag, a value that does not fit) makes it return null, and
 * the caller reads the body again through the tree ({@link DataEndpoint#parse}), which names the
 * problem exactly as before. So it decides nothing about errors; it only makes good bodies cheap.
 */
final class SampleBatchReader {
    private SampleBatchReader() {
    }

    /** The samples of a good body, or null to let the tree reader decide. */
    static List<TagSample> read(byte[] body, ModelSnapshot model, long now) {
        if (body.length == 0) {
            return null;
        }
        try (JsonParser p = StrictJson.mapper().createParser(body)) {
            List<TagSample> out = read(p, model, now, body.length);
            // Nothing may follow the document.
            if (out == null || p.nextToken() != null) {
                return null;
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<TagSample> read(JsonParser p, ModelSnapshot model, long now, int bytes) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        List<TagSample> out = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (!"data".equals(p.currentName()) || out != null || p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            // A sample takes at least ~8 bytes of JSON: a safe first capacity.
            out = new ArrayList<>(Math.min(bytes / 8 + 1, 1 << 20));
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_OBJECT || !item(p, model, now, out)) {
                    return null;
                }
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT && out != null ? out : null;
    }

    /** {@code {"tagId":…,"data":[…]}} with tagId first. */
    private static boolean item(JsonParser p, ModelSnapshot model, long now, List<TagSample> out) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME || !"tagId".equals(p.currentName()) || p.nextToken() != JsonToken.VALUE_STRING) {
            return false;
        }
        String given = p.getText();
        TagDef tag;
        try {
            tag = Resolve.tag(model, given, "tagId");
        } catch (ApiError e) {
            return false;
        }
        ValueType type = tag.type();
        if (!tag.enabled() || type == ValueType.JSON) {
            return false;
        }
        if (p.nextToken() != JsonToken.FIELD_NAME || !"data".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
            return false;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Sample s = p.currentToken() == JsonToken.START_ARRAY ? sample(p, type, now) : null;
            if (s == null) {
                return false;
            }
            out.add(new TagSample(tag.id(), s));
        }
        return p.nextToken() == JsonToken.END_OBJECT;
    }

    /** {@code [x, y, q]}, {@code [x, y]} or {@code [y]} with scalar values, converted as the tree reader does. */
    private static Sample sample(JsonParser p, ValueType type, long now) throws IOException {
        JsonToken t0 = p.nextToken();
        if (t0 == JsonToken.END_ARRAY || !t0.isScalarValue()) {
            return null;
        }
        Object v0 = scalar(p, t0);
        long x0 = t0 == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER ? p.getLongValue()
                : Long.MIN_VALUE;
        String text0 = t0 == JsonToken.VALUE_STRING ? p.getText() : null;
        JsonToken t1 = p.nextToken();
        if (t1 == JsonToken.END_ARRAY) {
            Object y = type.coerce(v0);
            return isFinite(y) ? new Sample(now, y, null) : null;
        }
        if (!t1.isScalarValue()) {
            return null;
        }
        long x;
        if (x0 != Long.MIN_VALUE) {
            x = x0;
        } else if (text0 != null) {
            x = Micros.parse(text0);
        } else {
            return null;
        }
        Object y = type.coerce(scalar(p, t1));
        if (!isFinite(y)) {
            return null;
        }
        JsonToken t2 = p.nextToken();
        if (t2 == JsonToken.END_ARRAY) {
            return new Sample(x, y, null);
        }
        Integer q;
        if (t2 == JsonToken.VALUE_NULL) {
            q = null;
        } else if (t2 == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 0) {
            q = p.getIntValue();
        } else {
            return null;
        }
        return p.nextToken() == JsonToken.END_ARRAY ? new Sample(x, y, q) : null;
    }

    /** A value only a double can hold must be finite (checked here, not in a second pass over the batch). */
    private static boolean isFinite(Object y) {
        return !(y instanceof Double d) || Double.isFinite(d);
    }

    /** The Java value the tree reader's node would give: Integer/Long/BigInteger/Double, Boolean, String or null. */
    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            default -> throw new IOException("not a scalar");
        };
    }
}
