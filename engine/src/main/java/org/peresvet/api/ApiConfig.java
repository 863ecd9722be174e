package org.peresvet.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * How the HTTP API listens.
 *
 * @param port               TCP port; 0 picks a free one (tests). Default {@value #DEFAULT_PORT}
 * @param bindAddress        address to listen on. Default {@value #DEFAULT_BIND}: this machine only
 * @param maxBodyBytes       largest request body accepted; a larger one is answered 413. Default 16 MiB
 * @param token              bearer token that write requests must carry, or null. Required when the
 *                           bind address is not a loopback address
 * @param threads            request threads (bounded pool); live streams have their own threads
 * @param maxStreams         live streams ({@code GET /v1/stream}) served at once; more get 503
 * @param streamStallTimeout a stream client that has not taken a write for this long is dropped
 */
public record ApiConfig(int port, String bindAddress, long maxBodyBytes, String token, int threads,
                        int maxStreams, Duration streamStallTimeout) {
    public static final int DEFAULT_PORT = 8321;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;

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
    }

    /** Port, bind address, body limit and token; the other settings take their defaults. */
    public ApiConfig(int port, String bindAddress, long maxBodyBytes, String token) {
        this(port, bindAddress, maxBodyBytes, token, defaultThreads(), 100, Duration.ofSeconds(10));
    }

    /** Port 8321 on 127.0.0.1, 16 MiB bodies, no token. */
    public static ApiConfig defaults() {
        return new ApiConfig(DEFAULT_PORT, DEFAULT_BIND, DEFAULT_MAX_BODY, null);
    }

    private static int defaultThreads() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    public ApiConfig withPort(int p) {
        return new ApiConfig(p, bindAddress, maxBodyBytes, token, threads, maxStreams, streamStallTimeout);
    }

    public ApiConfig withBindAddress(String b) {
        return new ApiConfig(port, b, maxBodyBytes, token, threads, maxStreams, streamStallTimeout);
    }

    public ApiConfig withMaxBodyBytes(long n) {
        return new ApiConfig(port, bindAddress, n, token, threads, maxStreams, streamStallTimeout);
    }

    public ApiConfig withToken(String t) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, t, threads, maxStreams, streamStallTimeout);
    }

    public ApiConfig withThreads(int n) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, n, maxStreams, streamStallTimeout);
    }

    public ApiConfig withMaxStreams(int n) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, threads, n, streamStallTimeout);
    }

    public ApiConfig withStreamStallTimeout(Duration d) {
        return new ApiConfig(port, bindAddress, maxBodyBytes, token, threads, maxStreams, d);
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
                + maxStreams + ", streamStallTimeout=" + streamStallTimeout + "]";
    }
}
