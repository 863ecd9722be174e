package org.peresvet.api.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.peresvet.api.ApiAuthorizer;
import org.peresvet.api.RequestGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one HTTP handler: screen, route, admit, run, and turn every failure into a JSON error. */
public final class Dispatcher implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Router router;
    private final RequestGate gate;
    private final ApiMetrics metrics;
    private final long maxBody;

    public Dispatcher(Router router, RequestGate gate, ApiMetrics metrics, long maxBody) {
        this.router = router;
        this.gate = gate;
        this.metrics = metrics;
        this.maxBody = maxBody;
    }

    @Override
    public void handle(HttpExchange ex) {
        long t0 = System.nanoTime();
        Call call = new Call(ex, maxBody);
        try {
            try {
                ApiAuthorizer.Request seen = new ApiAuthorizer.Request(call.method(), call.path(), null, null,
                        ex.getRequestHeaders(), ex.getRemoteAddress());
                Map<String, String> cors = gate.screen(seen);
                cors.forEach(call::header);
                if (gate.isPreflight(seen)) {
                    Set<String> methods = router.methodsFor(call.path());
                    if (methods.isEmpty()) {
                        throw ApiError.notFound(null, "no such endpoint: " + call.path() + " (see /v1/openapi.json)");
                    }
                    gate.preflight(seen, methods).forEach(call::header);
                    call.send(204, Call.JSON_TYPE, new byte[0]);
                    return;
                }
                Router.Match m = router.match(call.method(), call.path());
                call.matched(m.route().template(), m.vars());
                ApiAuthorizer.Decision d = gate.admit(new ApiAuthorizer.Request(call.method(), call.path(),
                        m.route().template(), m.route().access(), ex.getRequestHeaders(), ex.getRemoteAddress()),
                        call.hasBody());
                call.principal(d.principal());
                m.route().handler().handle(call);
            } catch (RequestGate.Refused e) {
                if (call.status() == 0) {
                    ApiError err = new ApiError(e.status(), e.field(), e.getMessage());
                    e.headers().forEach(err::header);
                    call.sendError(err);
                }
            } catch (ApiError e) {
                if (call.status() == 0) {
                    call.sendError(e);
                }
            } catch (IllegalStateException e) {
                if (call.status() == 0) {
                    LOG.warn("API request {} {} failed: {}", call.method(), call.path(), e.getMessage());
                    call.sendError(new ApiError(503, null, e.getMessage()));
                }
            } catch (RuntimeException e) {
                LOG.error("API request {} {} failed", call.method(), call.path(), e);
                if (call.status() == 0) {
                    call.sendError(new ApiError(500, null, "internal error: " + e));
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            metrics.request(call.method(), call.route(), call.status());
            if (!call.detached()) {
                ex.close();
                metrics.duration(call.method(), call.route(), System.nanoTime() - t0);
            }
        }
    }
}
