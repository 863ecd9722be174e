package org.peresvet.export.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.EventListener;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.peresvet.export.ExportConfig;

/**
 * The HTTP side of one VictoriaMetrics target: import, the server's start time, force flush and
 * export. OkHttp's own retries are off: a request is sent at most once per call, so the sender
 * alone decides what is sent again.
 */
public final class VmClient implements VmServer {
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");

    /** What became of an import request. */
    public enum Outcome {
        /** 2xx: the server accepted the batch. */
        ACCEPTED,
        /** The request never reached the server (no connection): nothing was stored. */
        NOT_SENT,
        /** The server refused it before reading (401, 403, 404, 413, 429 …): nothing was stored. */
        REFUSED,
        /** The server may have stored all, part or nothing of it (5xx, timeout, broken connection). */
        UNKNOWN
    }

    /** The outcome with its explanation for the status. */
    public record Result(Outcome outcome, int httpCode, String message) {
    }

    /** The server answered a read with an HTTP error. */
    public static final class HttpError extends IOException {
        private final int code;

        public HttpError(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final ExportConfig.Target target;
    private final OkHttpClient http;
    private final HttpUrl base;
    private final String auth;
    /** The tracker of the call this thread created last (OkHttp makes it inside newCall). */
    private final ThreadLocal<SentTracker> lastTracker = new ThreadLocal<>();

    public VmClient(ExportConfig.Target target) {
        this.target = target;
        HttpUrl url = HttpUrl.get(target.url());
        // Credentials written into the URL (http://user:pw@host) work as basic auth too.
        this.base = url.newBuilder().username("").password("").build();
        this.auth = target.username() != null
                ? Credentials.basic(target.username(), target.password() == null ? "" : target.password(), StandardCharsets.UTF_8)
                : target.bearerToken() != null ? "Bearer " + target.bearerToken()
                : !url.username().isEmpty() ? Credentials.basic(url.username(), url.password(), StandardCharsets.UTF_8) : null;
        long t = target.timeoutMillis();
        this.http = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .connectTimeout(t, TimeUnit.MILLISECONDS)
                .readTimeout(t, TimeUnit.MILLISECONDS)
                .writeTimeout(t, TimeUnit.MILLISECONDS)
                .callTimeout(3 * t, TimeUnit.MILLISECONDS)
                // Shorter than VictoriaMetrics' idle timeout (1 min), so a pooled connection is rarely stale.
                .connectionPool(new ConnectionPool(4, 30, TimeUnit.SECONDS))
                .eventListenerFactory(call -> {
                    SentTracker tracker = new SentTracker();
                    lastTracker.set(tracker);
                    return tracker;
                })
                .build();
    }

    /** Remembers whether the request headers started going out: before that, nothing was sent. */
    private static final class SentTracker extends EventListener {
        volatile boolean headersStarted;

        @Override
        public void requestHeadersStart(Call call) {
            headersStarted = true;
        }
    }

    private HttpUrl url(String path) {
        HttpUrl.Builder b = base.newBuilder();
        for (String seg : path.split("/")) {
            if (!seg.isEmpty()) {
                b.addPathSegment(seg);
            }
        }
        return b.build();
    }

    private Request.Builder request(String path) {
        Request.Builder b = new Request.Builder().url(url(path));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b;
    }

    /** POSTs a gzip-compressed JSON lines body to {@code /api/v1/import}. Never throws for I/O. */
    @Override
    public Result importGzip(byte[] body) {
        Request req = request("/api/v1/import")
                .header("Content-Encoding", "gzip")
                .post(RequestBody.create(body, OCTETS))
                .build();
        Call call = http.newCall(req);
        SentTracker tracker = lastTracker.get();
        lastTracker.remove();
        try (Response r = call.execute()) {
            if (r.isSuccessful()) {
                return new Result(Outcome.ACCEPTED, r.code(), null);
            }
            String msg = "HTTP " + r.code() + " from " + target.displayUrl() + "/api/v1/import" + detail(r);
            return switch (r.code()) {
                case 401, 403, 404, 405, 407, 413, 414, 429 -> new Result(Outcome.REFUSED, r.code(), msg);
                default -> new Result(Outcome.UNKNOWN, r.code(), msg);
            };
        } catch (IOException e) {
            boolean maybeSent = tracker == null || tracker.headersStarted;
            return new Result(neverSent(e) || !maybeSent ? Outcome.NOT_SENT : Outcome.UNKNOWN, 0, describe(e));
        }
    }

    /** True for failures that happen before a connection carries the request. */
    static boolean neverSent(IOException e) {
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof SSLHandshakeException) {
            return true;
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return e instanceof SocketTimeoutException && m.contains("connect");
    }

    private String describe(IOException e) {
        String kind = e instanceof ConnectException ? "cannot connect"
                : e instanceof SocketTimeoutException ? "no answer within " + target.timeoutMillis() + " ms"
                : e instanceof UnknownHostException ? "unknown host" : "I/O error";
        return kind + " (" + target.displayUrl() + "): " + e.getMessage();
    }

    private static String detail(Response r) {
        try {
            String text = r.body() == null ? "" : r.body().string();
            text = text.strip();
            if (text.length() > 200) {
                text = text.substring(0, 200) + "…";
            }
            return text.isEmpty() ? "" : ": " + text;
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The server process's start time in seconds ({@code process_start_time_seconds} of
     * {@code /metrics}); null when the server does not publish it.
     *
     * @throws HttpError when /metrics answers with an error (401, 404: not available here)
     * @throws IOException when the server cannot be reached
     */
    @Override
    public Long startTime() throws IOException {
        try (Response r = http.newCall(request("/metrics").get().build()).execute()) {
            if (!r.isSuccessful()) {
                throw new HttpError(r.code(), "HTTP " + r.code() + " from " + target.displayUrl() + "/metrics");
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body().byteStream(), StandardCharsets.UTF_8))) {
                String line;
                Long fallback = null;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("process_start_time_seconds ")) {
                        return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
                    }
                    if (line.startsWith("vm_app_start_timestamp ")) {
                        fallback = (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
                    }
                }
                return fallback;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** Asks the server to make freshly imported rows searchable; best effort. */
    @Override
    public void forceFlush() {
        try {
            // Its answer does not matter: without it, rows become searchable a second later.
            http.newCall(request("/internal/force_flush").get().build()).execute().close();
        } catch (IOException e) {
            // best effort
        }
    }

    /**
     * Streams the raw samples of the selected series between two times (inclusive, ms) from
     * {@code /api/v1/export}.
     */
    @Override
    public void export(Collection<String> selectors, long startMs, long endMs, Consumer<SeriesData> sink) throws IOException {
        FormBody.Builder form = new FormBody.Builder();
        for (String s : selectors) {
            form.add("match[]", s);
        }
        form.add("start", seconds(startMs));
        form.add("end", seconds(endMs));
        try (Response r = http.newCall(request("/api/v1/export").post(form.build()).build()).execute()) {
            if (!r.isSuccessful()) {
                throw new HttpError(r.code(), "HTTP " + r.code() + " from " + target.displayUrl() + "/api/v1/export" + detail(r));
            }
            try (InputStream in = r.body().byteStream()) {
                JsonLines.read(in, sink);
            }
        }
    }

    static String seconds(long ms) {
        return Math.floorDiv(ms, 1000) + "." + String.format("%03d", Math.floorMod(ms, 1000));
    }

    public ExportConfig.Target target() {
        return target;
    }

    /** Cancels the requests in flight (they fail with an I/O error). */
    @Override
    public void cancelAll() {
        http.dispatcher().cancelAll();
    }

    /** Releases pooled connections and threads. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
