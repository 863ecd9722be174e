package org.peresvet.export.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads the JSON lines format of {@code /api/v1/import} and {@code /api/v1/export}:
 * {@code {"metric":{…},"values":[…],"timestamps":[…]}} per line, streaming.
 */
public final class JsonLines {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonLines() {
    }

    /** Decodes a gzip-compressed import body (possibly several gzip members) into its series. */
    public static List<SeriesData> decodeGzip(byte[] body) throws IOException {
        List<SeriesData> out = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 65536)) {
            read(in, out::add);
        }
        return out;
    }

    /** Reads series from a stream of JSON objects (one per line) until its end. */
    public static void read(InputStream in, Consumer<SeriesData> sink) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT) {
                    throw new IOException("expected a JSON object per line, got " + t);
                }
                sink.accept(series(p));
            }
        }
    }

    private static SeriesData series(JsonParser p) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> values = new ArrayList<>();
        long[] ts = new long[16];
        int n = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "metric" -> {
                    expect(v, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        p.nextToken();
                        labels.put(k, p.getText());
                    }
                }
                case "values" -> {
                    expect(v, JsonToken.START_ARRAY);
                    JsonToken e;
                    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                        // Numbers as written; VictoriaMetrics writes special values as strings ("NaN").
                        values.add(e == JsonToken.VALUE_NULL ? "null" : p.getText());
                    }
                }
                case "timestamps" -> {
                    expect(v, JsonToken.START_ARRAY);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (n == ts.length) {
                            ts = java.util.Arrays.copyOf(ts, n * 2);
                        }
                        ts[n++] = p.getLongValue();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (values.size() != n) {
            throw new IOException("a series has " + values.size() + " values but " + n + " timestamps");
        }
        return new SeriesData(labels, values, java.util.Arrays.copyOf(ts, n));
    }

    private static void expect(JsonToken got, JsonToken wanted) throws IOException {
        if (got != wanted) {
            throw new IOException("expected " + wanted + ", got " + got);
        }
    }
}
