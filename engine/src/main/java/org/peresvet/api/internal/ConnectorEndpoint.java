package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.peresvet.engine.Engine;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.WriteResult;

/**
 * {@code GET /v1/connectors/} (statuses), {@code GET /v1/connectors/{id}/log} (the last log lines)
 * — for a user who reads only some subtrees, the connectors that feed a tag there —
 * and {@code POST /v1/tags/{id}/write} (a write to the device, answered once confirmed or failed).
 */
public final class ConnectorEndpoint {
    private final Engine engine;

    public ConnectorEndpoint(Engine engine) {
        this.engine = engine;
    }

    /**
     * The facade's statuses, flattened. The API sees them only as JSON (it must not depend on the
     * connector capability): {@code {id, name, kind, enabled, boundTags, status:{state, reason, sinceMicros, ...}}}.
     */
    public void list(Call call) throws IOException {
        call.checkParams(Set.of());
        List<?> statuses = engine.connectors();
        ReadScope scope = ReadScope.of(call, engine);
        ModelSnapshot m = engine.model();
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (JsonNode s : (ArrayNode) Json.MAPPER.valueToTree(statuses)) {
            UUID id = scope.everything() ? null : parse(s.path("id").asText());
            if (!scope.everything() && (id == null || !scope.connector(m, id))) {
                continue; // it feeds none of the tags the user may read
            }
            ObjectNode n = arr.addObject();
            n.set("id", s.get("id"));
            n.set("name", s.get("name"));
            n.set("kind", s.get("kind"));
            n.set("enabled", s.get("enabled"));
            if (scope.everything()) {
                n.set("boundTags", s.get("boundTags"));
            } else {
                n.put("boundTags", scope.readableBoundTags(m, id));
            }
            JsonNode st = s.path("status");
            n.put("state", st.path("state").asText().toLowerCase(Locale.ROOT));
            n.put("reason", st.path("reason").asText());
            n.put("since", Micros.format(st.path("sinceMicros").asLong()));
            n.put("messagesIn", st.path("messagesIn").asLong());
            n.put("errors", st.path("errors").asLong());
        }
        ObjectNode doc = Json.object();
        doc.set("connectors", arr);
        call.sendJson(200, doc);
    }

    public void log(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        UUID id = connector(m, call.pathParam("id")).id();
        ReadScope.of(call, engine).requireConnector(m, id);
        List<?> lines = engine.connectorLog(id);
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (JsonNode l : (ArrayNode) Json.MAPPER.valueToTree(lines)) {
            ObjectNode n = arr.addObject();
            n.put("time", Micros.format(l.path("time").asLong()));
            n.set("level", l.get("level"));
            n.set("text", l.get("text"));
        }
        ObjectNode doc = Json.object();
        doc.set("lines", arr);
        call.sendJson(200, doc);
    }

    private static UUID parse(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A connector by its UUID or its name. */
    static ConnectorDef connector(ModelSnapshot m, String given) {
        return Resolve.itemById(given, "connector", m::connector, name -> m.findConnector(name).orElse(null));
    }

    /** 200 confirmed; 400 refused (not writable, type, range); 404 unknown tag; 502 sent or not, but not confirmed. */
    public void write(Call call) throws IOException {
        call.checkParams(Set.of());
        TagDef t = Resolve.tagById(engine.model(), call.pathParam("id"));
        JsonNode body = call.jsonBody();
        if (body == null || !body.isObject() || !body.has("value")) {
            throw ApiError.badRequest("$.value", "expected {\"value\": ..., \"reason\": optional}");
        }
        Json.checkKeys(body, Set.of("value", "reason"), "$");
        JsonNode v = body.get("value");
        if (v.isNumber() && !Double.isFinite(v.asDouble())) {
            throw ApiError.badRequest("$.value", "must be a finite number, got " + v.asText());
        }
        if (v.isContainerNode() && t.type() != ValueType.JSON) {
            throw ApiError.badRequest("$.value", "must be a " + t.type().name().toLowerCase(Locale.ROOT) + " value, got " + v);
        }
        Object value = v.isNull() ? null : v.isBoolean() ? v.asBoolean() : v.isIntegralNumber() ? (Object) v.asLong()
                : v.isNumber() ? (Object) v.asDouble() : v.isTextual() ? v.asText() : v;
        WriteResult r;
        try {
            r = engine.writeToDevice(t.id(), value, call.actor(body)).get(15, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, null, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiError(500, null, "the write did not finish: " + e);
        }
        if (r.status() == WriteResult.Status.REJECTED) {
            throw ApiError.badRequest("value", r.reason());
        }
        ObjectNode doc = Json.object();
        doc.put("tagId", call.pathParam("id"));
        doc.put("status", r.status().name().toLowerCase(Locale.ROOT));
        doc.put("confirmed", r.isConfirmed());
        doc.set("requested", Json.MAPPER.valueToTree(r.requested()));
        doc.set("echoed", Json.MAPPER.valueToTree(r.confirmed()));
        doc.put("reason", r.reason());
        doc.put("durationMs", r.durationMicros() / 1000.0);
        call.sendJson(r.isConfirmed() ? 200 : 502, doc);
    }
}
