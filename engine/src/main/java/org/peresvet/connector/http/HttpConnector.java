package org.peresvet.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.peresvet.connector.Binding;
import org.peresvet.connector.Connector;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.ConnectorStatus;
import org.peresvet.connector.payload.CommandPayload;
import org.peresvet.connector.payload.Extraction;
import org.peresvet.connector.payload.JsonPath;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.Micros;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * An HTTP device (ESPHome web server, Tasmota): polls each bound address (a URL path relative to
 * {@code baseUrl}) every period and extracts every tag bound to it from the one answer; follows
 * ESPHome's {@code /events} stream when enabled; writes by a request template
 * ({@code "POST /switch/relay/turn_{on_off_lower}"}, {@code "GET /cm?cmnd=Power%20{on_off}"}).
 *
 * <p>Faults: no answer from any address → connection lost (the manager writes q=100), retried
 * with backoff; some addresses failing → their tags lose their source (q=102); an HTTP error
 * status → q=103 with the status in the log; a malformed answer → q=103 with the reason.
 * One OkHttp client (and connection pool) per connector, released on close.
 */
final class HttpConnector implements Connector {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY = Extraction.MAX_PAYLOAD_BYTES;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final ConnectorDef def;
    private final HttpConfig cfg;
    private final ConnectorContext ctx;
    private final OkHttpClient http;
    private final OkHttpClient streaming;
    private final ScheduledExecutorService poller;
    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile Map<String, List<Binding>> byAddress = Map.of();
    private volatile Map<String, List<Binding>> byEventId = Map.of();
    private volatile ConnectorStatus status;
    private volatile boolean closed;
    private volatile boolean started;
    // Connection facts: the last poll round (null: none yet) and the event stream.
    private volatile Boolean pollOk;
    private volatile boolean streamOpen;
    private volatile String lastError = "";
    private int pollFailures;
    private volatile Call streamCall;
    private Thread streamThread;

    HttpConnector(ConnectorDef def, HttpConfig cfg, ConnectorContext ctx) {
        this.def = def;
        this.cfg = cfg;
        this.ctx = ctx;
        String name = def.name();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(4);
        this.http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(4, 1, TimeUnit.MINUTES))
                .dispatcher(dispatcher)
                .connectTimeout(cfg.timeoutMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(cfg.timeoutMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(cfg.timeoutMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(cfg.timeoutMillis() * 2, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
        this.streaming = http.newBuilder().readTimeout(cfg.eventsIdleMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(0, TimeUnit.MILLISECONDS).build();
        ScheduledThreadPoolExecutor p = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "peresvet-http-" + name);
            t.setDaemon(true);
            return t;
        });
        p.setRemoveOnCancelPolicy(true);
        this.poller = p;
        this.status = new ConnectorStatus(ConnectorState.STOPPED, "", Micros.now(), 0, 0);
    }

    @Override
    public void start() {
        if (started || closed) {
            return;
        }
        started = true;
        setState(ConnectorState.CONNECTING, "connecting to " + cfg.baseUrl());
        if (cfg.periodMillis() > 0) {
            poller.execute(this::pollRound);
        }
        if (cfg.events()) {
            streamThread = new Thread(this::followEvents, "peresvet-http-events-" + def.name());
            streamThread.setDaemon(true);
            streamThread.start();
        }
    }

    @Override
    public void bindingsChanged(List<Binding> bindings) {
        Map<String, List<Binding>> addr = new LinkedHashMap<>();
        Map<String, List<Binding>> ev = new LinkedHashMap<>();
        for (Binding b : bindings) {
            if (cfg.baseUrl().resolve(b.address()) == null) {
                ctx.log("ERROR", "binding of tag " + b.tagId() + ": '" + b.address() + "' is not a URL path (e.g. /sensor/temperature)");
                continue;
            }
            addr.computeIfAbsent(b.address(), k -> new ArrayList<>()).add(b);
            String id = eventId(b);
            if (id != null) {
                ev.computeIfAbsent(id, k -> new ArrayList<>()).add(b);
            }
        }
        byAddress = Map.copyOf(addr);
        byEventId = Map.copyOf(ev);
    }

    /**
     * The ESPHome event id of a binding: the option {@code eventId}, else the address
     * {@code /sensor/temperature} → {@code sensor-temperature}; null for addresses with a query.
     */
    static String eventId(Binding b) {
        Object opt = b.options().get("eventId");
        if (opt != null) {
            return opt.toString();
        }
        String a = b.address();
        if (a.contains("?") || !a.startsWith("/")) {
            return null;
        }
        String[] parts = a.substring(1).split("/");
        return parts.length == 2 ? parts[0] + "-" + parts[1] : null;
    }

    // ---- polling ----

    private void pollRound() {
        if (closed) {
            return;
        }
        Map<String, List<Binding>> addresses = byAddress;
        int ok = 0;
        String failure = null;
        List<UUID> unreachable = new ArrayList<>();
        if (addresses.isEmpty()) {
            // Nothing bound: still tell whether the device answers at all.
            Fetch f = fetch("/");
            if (f.error == null) {
                ok++;
                connectedNow();
            } else {
                failure = f.error;
            }
        }
        for (Map.Entry<String, List<Binding>> e : addresses.entrySet()) {
            if (closed) {
                return;
            }
            Fetch f = fetch(e.getKey());
            if (f.error != null) {
                failure = "GET " + e.getKey() + ": " + f.error;
                e.getValue().forEach(b -> unreachable.add(b.tagId()));
                continue;
            }
            ok++;
            connectedNow();
            deliver(e.getKey(), e.getValue(), f);
        }
        long delay;
        if (ok > 0) {
            pollFailures = 0;
            pollOk = true;
            if (!unreachable.isEmpty()) {
                errors.incrementAndGet();
                ctx.sourceLost(unreachable, failure);
            }
            delay = cfg.periodMillis();
        } else {
            pollFailures++;
            pollOk = false;
            lastError = failure;
            errors.incrementAndGet();
            delay = Math.min(MAX_BACKOFF_MILLIS, cfg.periodMillis() << Math.min(pollFailures - 1, 8));
        }
        updateState(ok == 0 ? failure + "; retrying in " + delay + " ms" : null);
        if (!closed) {
            try {
                poller.schedule(this::pollRound, delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // closed meanwhile
            }
        }
    }

    /**
     * The device answered: connected before its values are delivered, so the manager's q=101
     * (after a loss) comes before the fresh values, not on top of them.
     */
    private void connectedNow() {
        if (!Boolean.TRUE.equals(pollOk)) {
            pollOk = true;
            updateState(null);
        }
    }

    /** One answer: an I/O error (no answer), or a status and a body. */
    private record Fetch(String error, int code, String message, byte[] body) {
    }

    private Fetch fetch(String address) {
        HttpUrl url = cfg.baseUrl().resolve(address);
        if (url == null) {
            return new Fetch("not a URL path", 0, null, null);
        }
        Request req = request(url).get().build();
        try (Response r = http.newCall(req).execute()) {
            return new Fetch(null, r.code(), r.message(), read(r.body()));
        } catch (InterruptedIOException e) {
            return new Fetch("timed out after " + cfg.timeoutMillis() + " ms", 0, null, null);
        } catch (IOException e) {
            return new Fetch(e.getMessage() == null ? e.toString() : e.getMessage(), 0, null, null);
        }
    }

    /** The body, at most {@link Extraction#MAX_PAYLOAD_BYTES} + 1 bytes (more is refused by the extraction). */
    private static byte[] read(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        BufferedSource src = body.source();
        src.request(MAX_BODY + 1L);
        long n = Math.min(src.getBuffer().size(), MAX_BODY + 1L);
        return src.getBuffer().readByteArray(n);
    }

    private void deliver(String address, List<Binding> bindings, Fetch f) {
        messagesIn.incrementAndGet();
        if (f.code < 200 || f.code > 299) {
            errors.incrementAndGet();
            String reason = "GET " + address + ": HTTP " + f.code + (f.message == null || f.message.isEmpty() ? "" : " " + f.message);
            ctx.log("WARN", reason + " (quality 103)");
            long now = Micros.now();
            List<TagSample> bad = new ArrayList<>();
            bindings.forEach(b -> bad.add(new TagSample(b.tagId(), new Sample(now, null, Quality.BAD_DATA))));
            ctx.deliver(bad);
            return;
        }
        for (Binding b : bindings) {
            ctx.deliver(b.tagId(), f.body);
        }
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder rb = new Request.Builder().url(url);
        if (cfg.username() != null) {
            rb.header("Authorization", Credentials.basic(cfg.username(), cfg.password(), StandardCharsets.UTF_8));
        }
        return rb;
    }

    // ---- ESPHome event stream ----

    private void followEvents() {
        long backoff = 500;
        HttpUrl url = cfg.baseUrl().resolve(cfg.eventsPath());
        while (!closed) {
            Call call = streaming.newCall(request(url).header("Accept", "text/event-stream").get().build());
            streamCall = call;
            try (Response r = call.execute()) {
                if (!r.isSuccessful()) {
                    throw new IOException("HTTP " + r.code() + " " + r.message());
                }
                streamOpen = true;
                backoff = 500;
                updateState(null);
                readEvents(r.body().source());
                if (!closed) {
                    lastError = "GET " + cfg.eventsPath() + ": the device closed the event stream";
                }
            } catch (IOException e) {
                if (!closed) {
                    lastError = "GET " + cfg.eventsPath() + ": " + (e instanceof InterruptedIOException ? "no event for "
                            + cfg.eventsIdleMillis() + " ms" : e.getMessage() == null ? e.toString() : e.getMessage());
                    errors.incrementAndGet();
                }
            }
            streamOpen = false;
            if (closed) {
                return;
            }
            updateState(lastError + "; reconnecting in " + backoff + " ms");
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    /** Server-sent events: "event:" and "data:" lines, a blank line ends an event. */
    private void readEvents(BufferedSource src) throws IOException {
        String event = "message";
        StringBuilder data = new StringBuilder();
        boolean tooLong = false;
        String line;
        while (!closed && (line = src.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (!tooLong && data.length() > 0) {
                    dispatch(event, data.substring(0, data.length() - 1));
                } else if (tooLong) {
                    ctx.log("WARN", "an event larger than " + MAX_BODY + " bytes was dropped");
                }
                event = "message";
                data.setLength(0);
                tooLong = false;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                event = value;
            } else if (field.equals("data")) {
                if (data.length() + value.length() > MAX_BODY) {
                    tooLong = true;
                } else {
                    data.append(value).append('\n');
                }
            }
        }
    }

    private void dispatch(String event, String data) {
        if (!event.equals("state")) {
            return; // ping, log, and others carry no entity state
        }
        String id;
        try {
            JsonNode n = MAPPER.readTree(data);
            id = n == null ? null : n.path("id").asText(null);
        } catch (IOException e) {
            errors.incrementAndGet();
            ctx.log("WARN", "malformed state event: " + abbreviate(data));
            return;
        }
        List<Binding> bound = id == null ? null : byEventId.get(id);
        if (bound == null) {
            return;
        }
        messagesIn.incrementAndGet();
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        for (Binding b : bound) {
            ctx.deliver(b.tagId(), bytes);
        }
    }

    // ---- state ----

    /** Connected when the last poll round reached the device or the event stream is open. */
    private synchronized void updateState(String problem) {
        boolean polling = cfg.periodMillis() > 0;
        boolean connected = (polling && Boolean.TRUE.equals(pollOk)) || streamOpen;
        if (connected) {
            setState(ConnectorState.CONNECTED, "");
        } else if (problem != null) {
            setState(ConnectorState.CONNECTING, problem);
        }
    }

    private synchronized void setState(ConnectorState s, String reason) {
        ConnectorStatus old = status;
        if (closed && s != ConnectorState.STOPPED) {
            return;
        }
        status = new ConnectorStatus(s, reason, old.state() == s ? old.sinceMicros() : Micros.now(), messagesIn.get(), errors.get());
        if (old.state() != s) {
            ctx.connectionChanged(s, reason);
        }
    }

    @Override
    public ConnectorStatus status() {
        ConnectorStatus s = status;
        return new ConnectorStatus(s.state(), s.reason(), s.sinceMicros(), messagesIn.get(), errors.get());
    }

    // ---- writes ----

    /** Percent-encodes all but RFC 3986's unreserved characters: safe in a path segment and in a query value. */
    static String urlEncode(String text) {
        StringBuilder out = null;
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '.' || b == '_' || b == '~';
            if (unreserved && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(new String(bytes, 0, i, java.nio.charset.StandardCharsets.US_ASCII));
            }
            if (unreserved) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out == null ? text : out.toString();
    }

    @Override
    public CompletableFuture<Void> send(Binding binding, Object value) {
        if (closed) {
            return Connector.failed("the connector is closed");
        }
        if (binding.command() == null) {
            return Connector.failed("the binding has no command");
        }
        String line = CommandPayload.render(binding, binding.command(), value, null, HttpConnector::urlEncode).strip();
        String method;
        String target;
        int space = line.indexOf(' ');
        String body = binding.commandPayload() == null ? null : CommandPayload.render(binding, value, null);
        if (space > 0 && line.substring(0, space).chars().allMatch(Character::isUpperCase)) {
            method = line.substring(0, space);
            target = line.substring(space + 1).strip();
        } else {
            method = body == null ? "GET" : "POST";
            target = line;
        }
        HttpUrl url = cfg.baseUrl().resolve(target);
        if (url == null) {
            return Connector.failed("command '" + line + "' is not a request like \"POST /switch/relay/turn_on\"");
        }
        RequestBody rb = null;
        if (!method.equals("GET") && !method.equals("HEAD")) {
            MediaType type = MediaType.get(body != null && body.startsWith("{") ? "application/json" : "text/plain; charset=utf-8");
            rb = RequestBody.create(body == null ? "" : body, type);
        }
        Request req;
        try {
            req = request(url).method(method, rb).build();
        } catch (IllegalArgumentException e) {
            return Connector.failed("command '" + line + "': " + e.getMessage());
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        http.newCall(req).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                errors.incrementAndGet();
                sent.completeExceptionally(new IOException(method + " " + target + ": "
                        + (e instanceof InterruptedIOException ? "timed out" : e.getMessage()), e));
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    if (!response.isSuccessful()) {
                        errors.incrementAndGet();
                        sent.completeExceptionally(new IOException(method + " " + target + ": HTTP " + response.code()));
                        return;
                    }
                    byte[] answer = read(response.body());
                    sent.complete(null);
                    readBack(binding, answer);
                } catch (IOException e) {
                    sent.complete(null);
                    readBack(binding, new byte[0]);
                }
            }
        });
        return sent;
    }

    /**
     * After a command: a Tasmota-like answer that holds the state ({"POWER":"ON"}) is the device's
     * report; otherwise the bound address is read again at once, so the echo need not wait a period.
     */
    private void readBack(Binding b, byte[] answer) {
        if (b.json() != null && answer.length > 0) {
            try {
                JsonNode n = MAPPER.readTree(answer);
                if (n != null && JsonPath.compile(b.json()).find(n) != null) {
                    messagesIn.incrementAndGet();
                    ctx.deliver(b.tagId(), answer);
                    return;
                }
            } catch (IOException | IllegalArgumentException e) {
                // Not a state report: read the address instead.
            }
        }
        if (cfg.periodMillis() > 0 || !cfg.events()) {
            try {
                poller.execute(() -> {
                    Fetch f = fetch(b.address());
                    if (f.error == null) {
                        deliver(b.address(), List.of(b), f);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // closed meanwhile
            }
        }
    }

    // ---- closing ----

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        poller.shutdownNow();
        Call c = streamCall;
        if (c != null) {
            c.cancel();
        }
        Thread t = streamThread;
        if (t != null) {
            t.interrupt();
        }
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try {
            poller.awaitTermination(2, TimeUnit.SECONDS);
            if (t != null) {
                t.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            status = new ConnectorStatus(ConnectorState.STOPPED, "closed", Micros.now(), messagesIn.get(), errors.get());
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }

    /** For tests and the log: the tags bound, by address. */
    Set<String> addresses() {
        return new HashSet<>(byAddress.keySet());
    }
}
