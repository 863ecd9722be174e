package org.peresvet.api.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/** An {@link Exchange} over Jetty's core request, response and completion callback. */
final class JettyExchange implements Exchange {
    private static final byte[] NO_BODY = new byte[0];

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean done = new AtomicBoolean();
    private byte[] body = NO_BODY;
    private boolean tooLarge;
    private OutputStream out;
    private boolean lastWritten;
    private Map<String, List<String>> headers;

    JettyExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    void body(byte[] b) {
        this.body = b;
    }

    void tooLarge() {
        this.tooLarge = true;
    }

    @Override
    public String method() {
        return request.getMethod().toUpperCase(Locale.ROOT);
    }

    @Override
    public String rawPath() {
        String p = request.getHttpURI().getPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    @Override
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    @Override
    public Map<String, List<String>> headers() {
        if (headers == null) {
            Map<String, List<String>> m = new LinkedHashMap<>();
            for (HttpField f : request.getHeaders()) {
                m.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(f.getValue());
            }
            headers = m;
        }
        return headers;
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public InetSocketAddress remote() {
        SocketAddress a = request.getConnectionMetaData().getRemoteSocketAddress();
        return a instanceof InetSocketAddress i ? i : null;
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public boolean bodyTooLarge() {
        return tooLarge;
    }

    @Override
    public void responseHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    @Override
    public OutputStream start(int status, long length) {
        response.setStatus(status);
        if (length >= 0 && status != 204 && status != 304) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        }
        out = Content.Sink.asOutputStream(response);
        return out;
    }

    @Override
    public void send(int status, byte[] bytes) throws IOException {
        send(status, bytes, bytes.length);
    }

    @Override
    public void send(int status, byte[] bytes, int length) throws IOException {
        response.setStatus(status);
        if (status != 204 && status != 304) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        }
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(true, length == 0 ? null : ByteBuffer.wrap(bytes, 0, length), cb);
            cb.block();
        }
        lastWritten = true;
    }

    @Override
    public void finish() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        if (lastWritten) {
            callback.succeeded();
            return;
        }
        try {
            if (out == null) {
                out = Content.Sink.asOutputStream(response);
            }
            out.close();
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
        }
    }

    @Override
    public void abort(Throwable why) {
        if (done.compareAndSet(false, true)) {
            callback.failed(why);
        }
    }
}
