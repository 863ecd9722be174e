package org.peresvet.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How the HTTP API listens and what it allows.
 *
 * @param port               TCP port; 0 picks a free one (tests). Default {@value #DEFAULT_PORT}
 * @param bindAddress        address to listen on. Default {@value #DEFAULT_BIND}: this machine only
 * @param maxBodyBytes       largest request body accepted; a larger one is answered 413. Default 16 MiB
 * @param token              bearer token that write requests must carry, or null. Required when the
 *                           bind address is not a loopback address
 * @param threads            request threads (bounded pool); live streams have their own threads
 * @param maxStreams         live streams ({@code GET /v1/stream}) served at once; more get 503
 * @param streamStallTimeout a stream client that has not taken a write for this long is dropped
 * @param allowedOrigins     setting {@code api.allowedOrigins}: web origins (e.g.
 *                           {@code https://grafana.plant:3000}) whose pages may call the API (CORS);
 *                           every other foreign origin is refused with 403
 * @param hostNames          setting {@code api.hostNames}: host names besides the bind address,
 *                           {@code localhost} and IP literals that requests may name in {@code Host}
 *                           (anything else is a DNS rebinding attempt: 421)
 * @param maxPointsPerAnswer setting {@code api.maxPointsPerAnswer}: the most points one data answer
 *                           may hold (all tags together); a query that could exceed it is refused
 * @param requestTimeout     setting {@code api.requestTimeout}: a query running longer is stopped (503)
 * @param headerTimeout      setting {@code api.headerTimeout}: a request line and headers not complete
 *                           this long after they began (or after the connection opened) close the
 *                           connection; distinct from the idle timeout, which a client trickling a
 *                           byte now and then never reaches
 * @param maxQueuedRequests  setting {@code api.maxQueuedRequests}: requests in the server at once
 *                           (running, waiting for a thread, or still sending their body); more are
 *                           answered 503 with Retry-After at once. {@code /v1/health} is never refused
 */
public record ApiConfig(int port, String bindAddress, long maxBodyBytes, String token, int threads,
                        int maxStreams, Duration streamStallTimeout, List<String> allowedOrigins,
                        List<String> hostNames, long maxPointsPerAnswer, Duration requestTimeout,
                        Duration headerTimeout, int maxQueuedRequests) {
    public static final int DEFAULT_PORT = 8321;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;
    public static final long DEFAULT_MAX_POINTS = 1_000_000;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_QUEUED = 512;

    public ApiConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("API port must be between 0 and 65535, got " + port);
        }
        bindAddress = bindAddress == null || bindAddress.isBlank() ? DEFAULT_BIND : bindAddress.strip();
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("API body limit must be at least 1024 bytes, got " + maxBodyBytes);
        }
        token = token == null || token.isBlank() ? null : token.strip();
        if (threads < 1) {
            throw new IllegalArgumentException("API threads must be at least 1, got " + threads);
        }
        if (maxStreams < 0) {
            throw new IllegalArgumentException("API max streams must not be negative, got " + maxStreams);
        }
        if (streamStallTimeout == null || streamStallTimeout.isNegative() || streamStallTimeout.isZero()) {
            streamStallTimeout = Duration.ofSeconds(10);
        }
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().map(ApiConfig::origin).toList();
        hostNames = hostNames == null ? List.of() : hostNames.stream().map(ApiConfig::hostName).toList();
        if (maxPointsPerAnswer < 1) {
            throw new IllegalArgumentException("api.maxPointsPerAnswer must be at least 1, got " + maxPointsPerAnswer);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        }
        if (headerTimeout == null || headerTimeout.isNegative() || headerTimeout.isZero()) {
            headerTimeout = DEFAULT_HEADER_TIMEOUT;
        }
        if (maxQueuedRequests < 1) {
            maxQueuedRequests = DEFAULT_MAX_QUEUED;
        }
    }

    /** Port, bind address, body limit and token; the other settings take their defaults. */
    public ApiConfig(int port, String bindAddress, long maxBodyBytes, String token) {
        this(port, bindAddress, maxBodyBytes, token, defaultThreads(), 100, Duration.ofSeconds(10), List.of(),
                List.of(), DEFAULT_MAX_POINTS, DEFAULT_REQUEST_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_QUEUED);
    }

    /** Port 8321 on 127.0.0.1, 16 MiB bodies, no token. */
    public static ApiConfig defaults() {
        return new ApiConfig(DEFAULT_PORT, DEFAULT_BIND, DEFAULT_MAX_BODY, null);
    }

    private static int defaultThreads() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    public ApiConfig withPort(int p) {
        return new ApiConfig(p, bindAddress, maxBodyBytes, token, threads, maxStreams, streamStallTimeout,
                allowedOrigins, hostNames, maxPointsPerAnswer, requestTimeout, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withBindAddress(String b) {
        return new ApiConfig(port, b, maxBodyBytes, token, threads, maxStreams, streamStallTimeout,
                allowedOrigins, hostNames, maxPointsPerAnswer, requestTimeout, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withMaxBodyBytes(long n) {
        return new ApiConfig(port, bindAddress, n, token, threads, maxStreams, streamStallTimeout,
                allowedOrigins, hostNames, maxPointsPerAnswer, requestTimeout, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withToken(String t) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, t, threads, maxStreams, streamStallTimeout,
                allowedOrigins, hostNames, maxPointsPerAnswer, requestTimeout, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withThreads(int n) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, n, maxStreams, streamStallTimeout,
                allowedOrigins, hostNames, maxPointsPerAnswer, requestTimeout, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withMaxStreams(int n) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, threads, n, streamStallTimeout,
                allowedOrigins, hostNames, maxPointsPerAnswer, requestTimeout, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withStreamStallTimeout(Duration d) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, threads, maxStreams, d,
                allowedOrigins, hostNames, maxPointsPerAnswer, requestTimeout, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withAllowedOrigins(List<String> origins) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, threads, maxStreams, streamStallTimeout,
                origins, hostNames, maxPointsPerAnswer, requestTimeout, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withHostNames(List<String> names) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, threads, maxStreams, streamStallTimeout,
                allowedOrigins, names, maxPointsPerAnswer, requestTimeout, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withMaxPointsPerAnswer(long n) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, threads, maxStreams, streamStallTimeout,
                allowedOrigins, hostNames, n, requestTimeout, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withRequestTimeout(Duration d) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, threads, maxStreams, streamStallTimeout,
                allowedOrigins, hostNames, maxPointsPerAnswer, d, headerTimeout, maxQueuedRequests);
    }

    public ApiConfig withHeaderTimeout(Duration d) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, threads, maxStreams, streamStallTimeout,
                allowedOrigins, hostNames, maxPointsPerAnswer, requestTimeout, d, maxQueuedRequests);
    }

    public ApiConfig withMaxQueuedRequests(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("api.maxQueuedRequests must be at least 1, got " + n);
        }
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, threads, maxStreams, streamStallTimeout,
                allowedOrigins, hostNames, maxPointsPerAnswer, requestTimeout, headerTimeout, n);
    }

    /**
     * Applies the settings {@code api.allowedOrigins}, {@code api.hostNames} (comma lists),
     * {@code api.maxPointsPerAnswer}, {@code api.requestTimeout} (seconds or ISO-8601) and
     * {@code api.maxBodyBytes} found by {@code lookup}; absent ones keep their value.
     *
     * @throws IllegalArgumentException naming the setting when a value is not valid
     */
    public ApiConfig withSettings(Function<String, String> lookup) {
        ApiConfig c = this;
        String v = lookup.apply("api.allowedOrigins");
        if (v != null) {
            c = c.withAllowedOrigins(list(v));
        }
        v = lookup.apply("api.hostNames");
        if (v != null) {
            c = c.withHostNames(list(v));
        }
        v = lookup.apply("api.maxPointsPerAnswer");
        if (v != null) {
            c = c.withMaxPointsPerAnswer(number("api.maxPointsPerAnswer", v));
        }
        v = lookup.apply("api.maxBodyBytes");
        if (v != null) {
            c = c.withMaxBodyBytes(number("api.maxBodyBytes", v));
        }
        v = lookup.apply("api.requestTimeout");
        if (v != null) {
            c = c.withRequestTimeout(duration("api.requestTimeout", v));
        }
        v = lookup.apply("api.headerTimeout");
        if (v != null) {
            c = c.withHeaderTimeout(duration("api.headerTimeout", v));
        }
        v = lookup.apply("api.maxQueuedRequests");
        if (v != null) {
            c = c.withMaxQueuedRequests((int) Math.min(Integer.MAX_VALUE, number("api.maxQueuedRequests", v)));
        }
        return c;
    }

    /** Seconds or an ISO-8601 duration. */
    private static Duration duration(String key, String v) {
        String s = v.strip();
        try {
            return s.startsWith("P") || s.startsWith("p") ? Duration.parse(s) : Duration.ofSeconds(Long.parseLong(s));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be seconds or an ISO-8601 duration, got '" + v + "'");
        }
    }

    /** The settings from JVM system properties {@code peresvet.api.*} (e.g. {@code -Dperesvet.api.allowedOrigins=…}). */
    public ApiConfig withSystemSettings() {
        return withSettings(key -> System.getProperty("peresvet." + key));
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static long number(String key, String v) {
        try {
            return Long.parseLong(v.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
        }
    }

    /** An origin as browsers send it: scheme://host[:port], lower case, no path, default port left out. */
    static String origin(String s) {
        URI u;
        try {
            u = new URI(s.strip());
        } catch (Exception e) {
            throw new IllegalArgumentException("api.allowedOrigins: '" + s + "' is not an origin such as https://grafana.plant:3000");
        }
        String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null
                || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))
                || u.getRawQuery() != null || u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("api.allowedOrigins: '" + s + "' is not an origin such as https://grafana.plant:3000");
        }
        int port = u.getPort();
        boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String hostName(String s) {
        String h = s.strip().toLowerCase(Locale.ROOT);
        if (h.isEmpty() || !h.matches("[a-z0-9.\\-\\[\\]:]+")) {
            throw new IllegalArgumentException("api.hostNames: '" + s + "' is not a host name");
        }
        return h;
    }

    /**
     * True when the bind address is a loopback address (only this machine can connect).
     *
     * @throws IllegalArgumentException when the address cannot be resolved
     */
    public boolean isLoopback() {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown API bind address '" + bindAddress + "'", e);
        }
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "ApiConfig[port=" + port + ", bindAddress=" + bindAddress + ", maxBodyBytes=" + maxBodyBytes
                + ", token=" + (token == null ? "none" : "***") + ", threads=" + threads + ", maxStreams="
                + maxStreams + ", streamStallTimeout=" + streamStallTimeout + ", allowedOrigins=" + allowedOrigins
                + ", hostNames=" + hostNames + ", maxPointsPerAnswer=" + maxPointsPerAnswer + ", requestTimeout="
                + requestTimeout + "]";
    }
}
