package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.peresvet.api.ApiAuthorizer;
import org.peresvet.api.RequestGate;
import org.peresvet.security.AccessDeniedException;
import org.peresvet.security.ReasonRequiredException;
import org.peresvet.security.AuditUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one HTTP handler: screen, route, admit, run, and turn every failure into a JSON error. */
public final class Dispatcher {
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

    /** Sends the error; once the answer has started, the only honest end is a cut connection. */
    private static Throwable answer(Call call, ApiError e) throws IOException {
        if (call.status() == 0) {
            call.sendError(e);
            return null;
        }
        return e;
    }

    /** Serves one exchange on the calling thread, and finishes it unless a live stream took it over. */
    public void handle(Exchange ex) {
        long t0 = System.nanoTime();
        Call call = new Call(ex, maxBody);
        Throwable failed = null;
        try {
            try {
                ApiAuthorizer.Request seen = new ApiAuthorizer.Request(call.method(), call.path(), null, null,
                        ex.headers(), ex.remote());
                Map<String, String> cors = gate.screen(seen);
                cors.forEach(call::header);
                if (gate.isPreflight(seen)) {
                    Set<String> methods = router.methodsFor(call.rawPath());
                    if (methods.isEmpty()) {
                        throw ApiError.notFound(null, "no such endpoint: " + call.path() + " (see /v1/openapi.json)");
                    }
                    gate.preflight(seen, methods).forEach(call::header);
                    call.send(204, Call.JSON_TYPE, new byte[0]);
                    return;
                }
                call.checkPath();
                Router.Match m = router.match(call.method(), call.rawPath());
                call.matched(m.route().template(), m.vars());
                ApiAuthorizer.Decision d = gate.admit(new ApiAuthorizer.Request(call.method(), call.path(),
                        m.route().template(), m.route().access(), ex.headers(), ex.remote()),
                        call.hasBody());
                call.principal(d.principal(), d.kind());
                m.route().handler().handle(call);
            } catch (RequestGate.Refused e) {
                ApiError err = new ApiError(e.status(), e.field(), e.getMessage());
                e.headers().forEach(err::header);
                failed = answer(call, err);
            } catch (ApiError e) {
                failed = answer(call, e);
            } catch (AccessDeniedException e) {
                // The engine refused the change and changed nothing: name the missing permission.
                ObjectNode extra = Json.object().put("permission", e.permission().name());
                failed = answer(call, new ApiError(403, null, e.getMessage(), extra));
            } catch (ReasonRequiredException e) {
                // A rule of the project wants a reason for this change: nothing changed.
                ObjectNode rule = Json.object().put("permission", e.rule().permission().name());
                rule.put("object", e.rule().objectId() == null ? null : e.rule().objectId().toString());
                ObjectNode extra = Json.object().put("reasonRequired", true);
                extra.set("rule", rule);
                failed = answer(call, new ApiError(422, "reason", e.getMessage(), extra));
            } catch (AuditUnavailableException e) {
                // The change was refused before anything changed: its audit record could not be kept.
                failed = answer(call, new ApiError(507, null, e.getMessage()));
            } catch (IllegalStateException e) {
                LOG.warn("API request {} {} failed: {}", call.method(), call.path(), e.getMessage());
                failed = answer(call, new ApiError(503, null, e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("API request {} {} failed", call.method(), call.path(), e);
                failed = answer(call, new ApiError(500, null, "internal error: " + e));
            }
        } catch (IOException e) {
            // The client went away, or an answer had to be cut (a query over its time limit).
            failed = e;
        } catch (Error e) {
            // Not even an OutOfMemoryError may take a request thread or leave the client waiting.
            LOG.error("API request {} {} failed", call.method(), call.path(), e);
            failed = e;
        } finally {
            metrics.request(call.method(), call.route(), call.status());
            if (!call.detached()) {
                if (failed != null) {
                    ex.abort(failed);
                } else {
                    ex.finish();
                }
                metrics.duration(call.method(), call.route(), System.nanoTime() - t0);
            }
        }
    }
}
