package org.peresvet.api.internal;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The API under Jetty's core Handler API. A request body is read without holding a thread (a
 * slow or half-sent body costs none), up to the body limit, and then the {@link Dispatcher} runs
 * on a server thread with the whole body at hand.
 */
public final class JettyTransport extends Handler.Abstract {
    private final Dispatcher dispatcher;
    private final long maxBody;
    private final Executor executor;

    public JettyTransport(Dispatcher dispatcher, long maxBody, Executor executor) {
        super(InvocationType.BLOCKING);
        this.dispatcher = dispatcher;
        this.maxBody = maxBody;
        this.executor = executor;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        JettyExchange ex = new JettyExchange(request, response, callback);
        long declared = request.getLength();
        boolean chunked = declared < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared > maxBody) {
            ex.tooLarge();
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            dispatcher.handle(ex);
        } else if (declared > 0 || chunked) {
            new BodyReader(request, response, callback, ex, declared).run();
        } else {
            dispatcher.handle(ex);
        }
        return true;
    }

    /** The status of a protocol error in the body (e.g. a bad chunk size); 0 when the client just left. */
    private static int httpStatus(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.eclipse.jetty.http.HttpException h) {
                return h.getCode();
            }
            if (c instanceof org.eclipse.jetty.io.EofException || c instanceof ClosedChannelException) {
                return 0;
            }
        }
        return 400;
    }

    /**
     * Reads a body chunk by chunk straight into one array (sized by Content-Length when given), so
     * a body is copied once; when no bytes are ready it asks to be called again and returns,
     * holding no thread. Then the dispatcher runs on a server thread.
     */
    private final class BodyReader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final JettyExchange ex;
        /** Content-Length, or -1 (chunked). */
        private final long declared;
        private byte[] buf = new byte[0];
        private int len;
        /** Still inside {@link #handle}: a body that was all there is served on this thread, no hand-off. */
        private boolean inHandle = true;

        BodyReader(Request request, Response response, Callback callback, JettyExchange ex, long declared) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.ex = ex;
            this.declared = declared;
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    inHandle = false;
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = bytes.remaining();
                if (len + (long) n > maxBody) {
                    chunk.release();
                    ex.tooLarge();
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    dispatch();
                    return;
                }
                if (len + n > buf.length) {
                    grow(n);
                }
                bytes.get(buf, len, n);
                len += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    ex.body(len == buf.length ? buf : Arrays.copyOf(buf, len));
                    buf = null;
                    dispatch();
                    return;
                }
            }
        }

        /**
         * Room for {@code n} more bytes: doubling from 64 KiB up to the declared length, so what a
         * slow client holds is in proportion to what it has sent, not to what it announced.
         */
        private void grow(int n) {
            long cap = Math.min(maxBody, Integer.MAX_VALUE - 8L);
            if (declared > 0) {
                cap = Math.min(cap, declared);
            }
            long want = Math.max(len + (long) n, Math.max(64 * 1024L, buf.length * 2L));
            buf = Arrays.copyOf(buf, (int) Math.max(len + (long) n, Math.min(cap, want)));
        }

        private void dispatch() {
            if (inHandle) {
                dispatcher.handle(ex);
            } else {
                executor.execute(() -> dispatcher.handle(ex));
            }
        }

        /** The body could not be read: bad chunking (400 in JSON), or the client left. */
        private void failed(Throwable failure) {
            int status = httpStatus(failure);
            if (status == 0 || response.isCommitted()) {
                callback.failed(failure);
                return;
            }
            byte[] body = JsonErrors.body(status, failure.getMessage());
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Call.JSON_TYPE);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /**
     * Errors Jetty answers itself (a request it cannot parse, headers over the limit, a bad
     * chunk) in the API's JSON error shape, never an HTML page.
     */
    public static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object st = request.getAttribute(ERROR_STATUS);
            int status = st instanceof Integer i ? i : response.getStatus() >= 400 ? response.getStatus() : 500;
            Object msg = request.getAttribute(ERROR_MESSAGE);
            byte[] body = body(status, msg == null ? null : msg.toString());
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Call.JSON_TYPE);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, Call.JSON_TYPE);
            return ByteBuffer.wrap(body(status, reason));
        }

        static byte[] body(int status, String reason) {
            String message = reason == null || reason.isBlank() ? ApiError.reason(status) : reason;
            String doc = "{\"status\":" + status + ",\"error\":" + quote(ApiError.reason(status)) + ",\"message\":"
                    + quote("the request could not be read: " + message) + "}";
            return doc.getBytes(StandardCharsets.UTF_8);
        }

        private static String quote(String s) {
            try {
                return Json.MAPPER.writeValueAsString(s);
            } catch (Exception e) {
                return "\"\"";
            }
        }
    }
}
