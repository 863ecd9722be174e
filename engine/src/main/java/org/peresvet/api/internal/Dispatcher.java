package org.peresvet.api.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.peresvet.api.ApiAuthorizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one HTTP handler: route, authorize, run, and turn every failure into a JSON error. */
public final class Dispatcher implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Router router;
    private final ApiAuthorizer authorizer;
    private final ApiMetrics metrics;
    private final long maxBody;

    public Dispatcher(Router router, ApiAuthorizer authorizer, ApiMetrics metrics, long maxBody) {
        this.router = router;
        this.authorizer = authorizer;
        this.metrics = metrics;
        this.maxBody = maxBody;
    }

    @Override
    public void handle(HttpExchange ex) {
        long t0 = System.nanoTime();
        Call call = new Call(ex, maxBody);
        try {
            try {
                Router.Match m = router.match(call.method(), call.path());
                call.matched(m.route().template(), m.vars());
                ApiAuthorizer.Decision d = authorizer.authorize(new ApiAuthorizer.Request(call.method(), call.path(),
                        m.route().template(), m.route().access(), ex.getRequestHeaders(), ex.getRemoteAddress()));
                if (d == null || !d.allowed()) {
                    int status = d == null ? 403 : d.status();
                    ApiError e = new ApiError(status, "Authorization", d == null || d.message() == null ? "not allowed" : d.message());
                    if (status == 401) {
                        e.header("WWW-Authenticate", "Bearer realm=\"peresvet\"");
                    }
                    throw e;
                }
                call.principal(d.principal(), d.kind());
                m.route().handler().handle(call);
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
