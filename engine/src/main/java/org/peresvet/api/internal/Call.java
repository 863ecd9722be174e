package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One request and its response: parameters, the size-limited body, JSON answers and errors. */
public final class Call {
    public static final String JSON_TYPE = "application/json; charset=utf-8";

    private final HttpExchange exchange;
    private final long maxBody;
    private final String path;
    private Map<String, List<String>> params;
    private Map<String, String> pathParams = Map.of();
    private String route = "unmatched";
    private int status;
    private boolean detached;
    private String principal;

    public Call(HttpExchange exchange, long maxBody) {
        this.exchange = exchange;
        this.maxBody = maxBody;
        String p = exchange.getRequestURI().getPath();
        this.path = p == null || p.isEmpty() ? "/" : p;
    }

    public HttpExchange exchange() {
        return exchange;
    }

    public String method() {
        return exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    }

    public String path() {
        return path;
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

    void principal(String p) {
        this.principal = p;
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
            String raw = exchange.getRequestURI().getRawQuery();
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
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(field, "bad URL encoding: " + e.getMessage());
        }
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
        String len = exchange.getRequestHeaders().getFirst("Content-Length");
        if (len != null) {
            return !len.strip().equals("0");
        }
        return exchange.getRequestHeaders().getFirst("Transfer-Encoding") != null;
    }

    /** The first value of a request header, or null. */
    public String requestHeader(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The body, at most the configured limit (413 beyond it). */
    public byte[] body() throws IOException {
        String len = exchange.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (len != null) {
            try {
                declared = Long.parseLong(len.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Content-Length", "not a number");
            }
            if (declared > maxBody) {
                throw tooLarge();
            }
        }
        InputStream in = exchange.getRequestBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        byte[] buf = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > maxBody) {
                throw tooLarge();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    public JsonNode jsonBody() throws IOException {
        return Json.parse(jsonBytes(), "$");
    }

    /** The body after checking that it is JSON (415 otherwise), unparsed. */
    public byte[] jsonBytes() throws IOException {
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
        exchange.getResponseHeaders().set("Content-Type", contentType);
        status = code;
        if (body.length == 0) {
            exchange.sendResponseHeaders(code, -1);
            return;
        }
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    /** Starts a streamed (chunked) response; the caller writes and closes the body. */
    public OutputStream startStream(int code, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        status = code;
        exchange.sendResponseHeaders(code, 0);
        return exchange.getResponseBody();
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
        e.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        sendJson(e.status(), doc);
    }

    public void header(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    /** The response continues on another thread (a live stream); the dispatcher must not close it. */
    public void detach() {
        detached = true;
    }

    public boolean detached() {
        return detached;
    }
}
