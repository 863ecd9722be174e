package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.ByteOrder;
import org.peresvet.model.io.StrictJson;
import org.peresvet.model.io.StrictJsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.peresvet.model.Actor;

/** One request and its response: parameters, the size-limited body, JSON answers and errors. */
public final class Call {
    public static final String JSON_TYPE = "application/json; charset=utf-8";

    private final Exchange exchange;
    private final long maxBody;
    private final String path;
    private Map<String, List<String>> params;
    private Map<String, String> pathParams = Map.of();
    private String route = "unmatched";
    private int status;
    private boolean detached;
    private String principal;
    private Actor actor;

    public Call(Exchange exchange, long maxBody) {
        this.exchange = exchange;
        this.maxBody = maxBody;
        String p;
        try {
            p = decode(exchange.rawPath(), "path", false);
        } catch (ApiError e) {
            badPath = e;
            p = "/";
        }
        this.path = p.isEmpty() ? "/" : p;
    }

    private ApiError badPath;

    /** Refuses a request whose path was not well-formed (bad escapes, not UTF-8). */
    void checkPath() {
        if (badPath != null) {
            throw badPath;
        }
    }

    public Exchange exchange() {
        return exchange;
    }

    public String method() {
        return exchange.method();
    }

    /** The query as sent (percent-encoded), or null. */
    public String rawQuery() {
        return exchange.rawQuery();
    }

    public InetSocketAddress remote() {
        return exchange.remote();
    }

    public String path() {
        return path;
    }

    /** The path as sent, percent-encoded (routing splits it before decoding). */
    public String rawPath() {
        return exchange.rawPath();
    }

    public String route() {
        return route;
    }

    void matched(String template, Map<String, String> vars) {
        this.route = template;
        this.pathParams = vars;
    }

    /** Who the authorizer says is calling (a user name, "token", "anonymous"), or null before authorization. */
    public String principal() {
        return principal;
    }

    void principal(String p, Actor.Kind kind) {
        this.principal = p;
        InetSocketAddress r = exchange.remote();
        String from = "api " + (r == null || r.getAddress() == null ? "?" : r.getAddress().getHostAddress());
        this.actor = p == null || p.isBlank() ? null
                : new Actor(p, from, null, kind == null ? Actor.Kind.PERSON : kind, headerReason());
    }

    /** The header that gives the reason of a change whose body has no {@code reason} field. */
    public static final String REASON_HEADER = "X-Peresvet-Reason";

    /** The reason in {@link #REASON_HEADER}, percent-decoded (UTF-8), or null. */
    private String headerReason() {
        String h = exchange.header(REASON_HEADER);
        if (h == null || h.isBlank()) {
            return null;
        }
        try {
            return URLDecoder.decode(h.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(REASON_HEADER, "must be text, percent-encoded UTF-8 where not ASCII");
        }
    }

    /**
     * The actor with the reason a body gives ({@code reason}, which wins over the header).
     *
     * @throws ApiError 400 when {@code reason} is not text
     */
    public Actor actor(JsonNode body) {
        Actor a = actor();
        JsonNode r = body == null ? null : body.get("reason");
        if (r == null || r.isNull()) {
            return a;
        }
        if (!r.isTextual()) {
            throw ApiError.badRequest("$.reason", "must be text: why the change is made");
        }
        return r.asText().isBlank() ? a : a.withReason(r.asText());
    }

    /**
     * Who is calling, as the engine records it; a body's {@code user} names someone else only
     * for a service principal ({@link Actor#onBehalfOf}).
     *
     * @throws ApiError 401 when the authorizer named nobody
     */
    public Actor actor() {
        if (actor == null) {
            throw new ApiError(401, "Authorization", "the request has no principal to record it under");
        }
        return actor;
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The status sent, 0 before the response started. */
    public int status() {
        return status;
    }

    // ---- URL parameters ----

    /** Parameters in the order given; a key given several times keeps every value. */
    public Map<String, List<String>> params() {
        if (params == null) {
            params = new LinkedHashMap<>();
            String raw = exchange.rawQuery();
            if (raw != null && !raw.isEmpty()) {
                for (String part : raw.split("&")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    int eq = part.indexOf('=');
                    String k = decode(eq < 0 ? part : part.substring(0, eq), "parameter name");
                    String v = eq < 0 ? "" : decode(part.substring(eq + 1), k);
                    params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            }
        }
        return params;
    }

    private static String decode(String s, String field) {
        return decode(s, field, true);
    }

    /**
     * Percent-decoding with a reporting UTF-8 decoder: a bad escape, raw non-ASCII, or bytes that
     * are not well-formed UTF-8 (overlong forms such as {@code %C0%AF} for '/') are a 400, never
     * a replacement character or a different character.
     */
    static String decode(String s, String field, boolean plusIsSpace) {
        boolean plain = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' || c > 0x7e || c < 0x20 || (plusIsSpace && c == '+')) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw ApiError.badRequest(field, "bad URL encoding: '%' must be followed by two hex digits");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7e || c < 0x20) {
                throw ApiError.badRequest(field, "the URL has a raw character U+" + String.format("%04X", (int) c)
                        + "; percent-encode it as UTF-8");
            } else {
                bytes.write(plusIsSpace && c == '+' ? ' ' : c);
            }
        }
        try {
            return StrictJson.decodeUtf8(bytes.toByteArray());
        } catch (StrictJsonException e) {
            throw ApiError.badRequest(field, "bad URL encoding: " + e.reason());
        }
    }

    /** Refuses bytes that are not well-formed UTF-8 (checked only when some byte is not ASCII). */
    static void requireUtf8(byte[] body, String field) {
        if (isAscii(body)) {
            return;
        }
        try {
            StrictJson.decodeUtf8(body);
        } catch (StrictJsonException e) {
            throw ApiError.badRequest(field, e.reason());
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** True when no byte has its high bit set; eight bytes at a time (a batch body is some 300 KB). */
    static boolean isAscii(byte[] b) {
        int i = 0;
        long high = 0;
        for (int end = b.length - 7; i < end; i += 8) {
            high |= (long) LONGS.get(b, i);
        }
        for (; i < b.length; i++) {
            high |= b[i];
        }
        return (high & 0x8080808080808080L) == 0;
    }

    /** Refuses parameters outside {@code known}, naming the first unknown one. */
    public void checkParams(Set<String> known) {
        for (String k : params().keySet()) {
            if (!known.contains(k)) {
                String list = known.isEmpty() ? "this endpoint takes no parameters"
                        : "known parameters: " + String.join(", ", new TreeSet<>(known));
                throw ApiError.badRequest(k, "unknown parameter (" + list + ")");
            }
        }
    }

    /** The single value of a parameter, or null; given twice is a 400. */
    public String param(String name) {
        List<String> v = params().get(name);
        if (v == null) {
            return null;
        }
        if (v.size() > 1) {
            throw ApiError.badRequest(name, "given " + v.size() + " times; give it once");
        }
        return v.get(0);
    }

    public boolean flag(String name) {
        String v = param(name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "", "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiError.badRequest(name, "must be true or false, got '" + v + "'");
        };
    }

    // ---- request body ----

    /** True when the request declares a body (a non-zero length, or chunked). */
    public boolean hasBody() {
        String len = exchange.header("Content-Length");
        if (len != null) {
            return !len.strip().equals("0");
        }
        return exchange.header("Transfer-Encoding") != null;
    }

    /** The first value of a request header, or null. */
    public String requestHeader(String name) {
        return exchange.header(name);
    }

    /** The body, at most the configured limit (413 beyond it; the transport stopped reading it). */
    public byte[] body() {
        if (exchange.bodyTooLarge()) {
            throw tooLarge();
        }
        return exchange.body();
    }

    public JsonNode jsonBody() {
        return Json.parse(jsonBytes(), "$");
    }

    /** The body after checking that it is JSON (415 otherwise), unparsed. */
    public byte[] jsonBytes() {
        // The request gate has checked the Content-Type of every request with a body.
        return body();
    }

    private ApiError tooLarge() {
        return new ApiError(413, null, "the request body is larger than the limit of " + maxBody + " bytes")
                .header("Connection", "close");
    }

    // ---- responses ----

    public void sendJson(int code, JsonNode doc) throws IOException {
        send(code, JSON_TYPE, Json.bytes(doc));
    }

    public void send(int code, String contentType, byte[] body) throws IOException {
        exchange.responseHeader("Content-Type", contentType);
        status = code;
        exchange.send(code, body);
    }

    /** Starts a streamed (chunked) response; the caller writes the body, the dispatcher finishes it. */
    public OutputStream startStream(int code, String contentType) throws IOException {
        exchange.responseHeader("Content-Type", contentType);
        status = code;
        return exchange.start(code, -1);
    }

    /**
     * Starts an answer of unknown length: up to {@link #ANSWER_BUFFER} bytes are kept and sent
     * in one piece with a Content-Length when the stream is closed; a larger answer goes out
     * chunked as it is written. Until the buffer overflows nothing is committed, so an error can
     * still be answered properly (leave the stream unclosed then).
     */
    public OutputStream startAnswer(int code, String contentType) {
        return new OutputStream() {
            private Buffer buf = Buffer.ofThisThread();
            private OutputStream out;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (out == null && buf.size() + len <= ANSWER_BUFFER) {
                    buf.write(b, off, len);
                    return;
                }
                if (out == null) {
                    out = startStream(code, contentType);
                    buf.writeTo(out);
                    buf = null;
                }
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                if (out != null) {
                    out.flush();
                }
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                if (out == null) {
                    exchange.responseHeader("Content-Type", contentType);
                    status = code;
                    exchange.send(code, buf.bytes(), buf.size()); // no copy of the answer
                } else {
                    out.close();
                }
            }
        };
    }

    /** Answers up to this size are sent in one piece with a Content-Length. */
    static final int ANSWER_BUFFER = 256 * 1024;

    /**
     * An answer's bytes, handed to the transport as they are (a 2,000-point answer is some 60 KB).
     * The transport's send blocks until the bytes are written, so each thread reuses one buffer:
     * answers then allocate nothing here, which keeps young collections out of the latency tail.
     */
    private static final class Buffer extends ByteArrayOutputStream {
        private static final ThreadLocal<Buffer> OF_THREAD = ThreadLocal.withInitial(Buffer::new);

        Buffer() {
            super(64 * 1024);
        }

        /** This thread's buffer, emptied (an answer that failed half-way may have left bytes in it). */
        static Buffer ofThisThread() {
            Buffer b = OF_THREAD.get();
            b.reset();
            return b;
        }

        byte[] bytes() {
            return buf;
        }
    }

    public void sendError(ApiError e) throws IOException {
        ObjectNode doc = Json.object();
        doc.put("status", e.status());
        doc.put("error", ApiError.reason(e.status()));
        if (e.field() != null) {
            doc.put("field", e.field());
        }
        doc.put("message", e.getMessage());
        if (e.extra() != null) {
            doc.setAll(e.extra());
        }
        e.headers().forEach(exchange::responseHeader);
        sendJson(e.status(), doc);
    }

    public void header(String name, String value) {
        exchange.responseHeader(name, value);
    }

    /** The response continues on another thread (a live stream); the dispatcher must not close it. */
    public void detach() {
        detached = true;
    }

    public boolean detached() {
        return detached;
    }
}
