package org.peresvet.api.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One HTTP exchange as the API sees it, whatever server carries it. */
public interface Exchange {
    /** Upper case. */
    String method();

    /** The path as sent, still percent-encoded. */
    String rawPath();

    /** The query as sent, still percent-encoded, or null. */
    String rawQuery();

    /** Request headers; names as sent. */
    Map<String, List<String>> headers();

    /** The first value of a request header (case-insensitive name), or null. */
    String header(String name);

    InetSocketAddress remote();

    /** The request body, read in full by the transport (within the body limit) before dispatch. */
    byte[] body();

    /** True when the body was over the limit: the transport stopped reading it. */
    boolean bodyTooLarge();

    void responseHeader(String name, String value);

    /**
     * Commits the status and headers.
     *
     * @param length the body length, or -1 for a streamed body of unknown length
     */
    OutputStream start(int status, long length) throws IOException;

    /** Sends the whole answer in one write, with its length; the exchange is then complete but for {@link #finish}. */
    void send(int status, byte[] body) throws IOException;

    /** Sends the first {@code length} bytes of {@code body} as the whole answer, with a Content-Length. */
    default void send(int status, byte[] body, int length) throws IOException {
        send(status, length == body.length ? body : Arrays.copyOf(body, length));
    }

    /** Completes the response (the body, if started, is closed). */
    void finish();

    /** Ends the exchange abruptly: the connection is closed, what was sent stays sent. */
    void abort(Throwable why);
}
