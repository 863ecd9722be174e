package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.peresvet.engine.Engine;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.io.DefinitionJson;
import org.peresvet.model.io.ProjectJson;

/**
 * Create, read, change, enable/disable and delete connectors, alarm definitions, schedules and
 * methods over the API, so a script can build a whole project. Bodies are the entries of the
 * project document (read strictly: unknown keys and wrong types are a 400 with their JSON path);
 * an item read from the API can be sent back with PUT unchanged (its read-only keys are ignored).
 * Every change is one model edit through {@link Engine#edit} with the request's actor, so the
 * model's rules (names, references, bound tags) are the workstation's.
 *
 * <p>PUT replaces the item (absent keys take their defaults), PATCH changes the keys given. Items
 * are named in the URL by UUID, or by name (connectors, schedules, methods) or path (alarms).
 */
public final class DefinitionEndpoint {
    private final Engine engine;

    public DefinitionEndpoint(Engine engine) {
        this.engine = engine;
    }

    // ---- connectors ----

    /** {@code GET /v1/connectors/{id}}: the definition and how many tags are bound to it. */
    public void getConnector(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        call.sendJson(200, connectorJson(m, ConnectorEndpoint.connector(m, call.pathParam("id"))));
    }

    public void createConnector(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = strip(call.jsonBody(), CONNECTOR_READ_ONLY);
        SecretMask.restore(body, null, "$");
        ConnectorDef c = read(() -> ProjectJson.connectorFrom(body, "$"));
        ModelSnapshot m = engine.model();
        requireNewId(m.connector(c.id()) != null, c.id());
        ModelSnapshot after = edit(call, new ModelEdit.PutConnector(c), false);
        call.header("Location", "/v1/connectors/" + c.id());
        call.sendJson(201, connectorJson(after, after.connector(c.id())));
    }

    public void updateConnector(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        ConnectorDef old = ConnectorEndpoint.connector(m, call.pathParam("id"));
        ObjectNode stored = ProjectJson.connectorJson(old);
        JsonNode body = merged(call, stored, old.id(), CONNECTOR_READ_ONLY);
        SecretMask.restore(body, stored, "$"); // the mask sent back keeps the stored (sealed) secret
        ConnectorDef c = read(() -> ProjectJson.connectorFrom(body, "$"));
        ModelSnapshot after = edit(call, new ModelEdit.PutConnector(c), false);
        call.sendJson(200, connectorJson(after, after.connector(c.id())));
    }

    /** {@code POST /v1/connectors/{id}/enable} and {@code …/disable}: answers the connector. */
    public void enableConnector(Call call) throws IOException {
        setConnectorEnabled(call, true);
    }

    public void disableConnector(Call call) throws IOException {
        setConnectorEnabled(call, false);
    }

    private void setConnectorEnabled(Call call, boolean enabled) throws IOException {
        call.checkParams(Set.of());
        if (call.hasBody()) {
            Json.checkKeys(Json.requireObject(call.jsonBody(), "$"), Set.of(), "$");
        }
        ModelSnapshot m = engine.model();
        ConnectorDef old = ConnectorEndpoint.connector(m, call.pathParam("id"));
        // Edited even when already so: the caller must be allowed to change it, and the change is audited.
        ModelSnapshot after = edit(call, new ModelEdit.PutConnector(old.withEnabled(enabled)), false);
        call.sendJson(200, connectorJson(after, after.connector(old.id())));
    }

    /** Refused (409, the bound tags listed) while tags are bound to it; with force they become manual tags. */
    public void deleteConnector(Call call) throws IOException {
        call.checkParams(Set.of("force"));
        boolean force = call.flag("force");
        ModelSnapshot m = engine.model();
        ConnectorDef c = ConnectorEndpoint.connector(m, call.pathParam("id"));
        int bound = m.tagsBoundTo(c.id()).size();
        edit(call, new ModelEdit.DeleteConnector(c.id(), force), true);
        call.sendJson(200, deleted("connectors", 1).put("unboundTags", force ? bound : 0));
    }

    private static final Set<String> CONNECTOR_READ_ONLY = Set.of("boundTags");

    private static ObjectNode connectorJson(ModelSnapshot m, ConnectorDef c) {
        ObjectNode n = SecretMask.mask(ProjectJson.connectorJson(c));
        n.put("boundTags", m.tagsBoundTo(c.id()).size());
        return n;
    }

    // ---- alarm definitions ----

    /** {@code GET /v1/alarms/{id}/definition}: the definition, as PUT takes it (the state is {@code GET /v1/alarms/{id}}). */
    public void getAlarm(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        AlarmDef a = AlarmEndpoint.alarmDef(m, call.pathParam("id"));
        ReadScope.of(call, engine).requireAlarm(m, a.id());
        call.sendJson(200, alarmJson(m, a));
    }

    /** {@code POST /v1/alarms/} with the tag as {@code tagId} (UUID or path). */
    public void createAlarm(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = Json.requireObject(call.jsonBody(), "$");
        ModelSnapshot m = engine.model();
        String tagGiven = Json.text(body, "tagId", "$", true);
        TagDef tag = Resolve.tag(m, tagGiven, "$.tagId");
        JsonNode entry = alarmBody(m, body);
        AlarmDef a = read(() -> ProjectJson.alarmFrom(entry, tag, "$"));
        requireNewId(m.alarm(a.id()) != null, a.id());
        ModelSnapshot after = edit(call, new ModelEdit.PutAlarm(a), false);
        call.header("Location", "/v1/alarms/" + a.id());
        call.sendJson(201, alarmJson(after, after.alarm(a.id())));
    }

    /** PUT/PATCH {@code /v1/alarms/{id}}; {@code tagId} moves it to another tag. */
    public void updateAlarm(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        AlarmDef old = AlarmEndpoint.alarmDef(m, call.pathParam("id"));
        JsonNode body = merged(call, alarmJson(m, old), old.id(), Set.of("path"));
        TagDef tag = body.hasNonNull("tagId") ? Resolve.tag(m, Json.text(body, "tagId", "$", true), "$.tagId")
                : m.tag(old.tagId());
        JsonNode entry = alarmBody(m, body);
        AlarmDef a = read(() -> ProjectJson.alarmFrom(entry, tag, "$"));
        ModelSnapshot after = edit(call, new ModelEdit.PutAlarm(a), false);
        call.sendJson(200, alarmJson(after, after.alarm(a.id())));
    }

    public void deleteAlarm(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        AlarmDef a = AlarmEndpoint.alarmDef(m, call.pathParam("id"));
        edit(call, new ModelEdit.DeleteAlarm(a.id()), true);
        call.sendJson(200, deleted("alarms", 1));
    }

    /** The document's form plus the tag ({@code tagId}) and the read-only {@code path}. */
    private static ObjectNode alarmJson(ModelSnapshot m, AlarmDef a) {
        ObjectNode n = Json.object();
        n.put("id", a.id().toString());
        n.put("tagId", a.tagId().toString());
        n.put("path", m.alarmPath(a.id()));
        ProjectJson.alarmJson(a).properties().forEach(e -> n.set(e.getKey(), e.getValue()));
        return n;
    }

    /** The document's alarm entry: API keys dropped, tags named by path ({@code setpoint}, {@code suppressedBy}) made UUIDs. */
    private static JsonNode alarmBody(ModelSnapshot m, JsonNode body) {
        ObjectNode n = strip(body, Set.of("tagId", "path"));
        for (String key : List.of("setpoint", "suppressedBy")) {
            JsonNode v = n.get(key);
            if (v != null && v.isTextual() && !Json.looksLikeUuid(v.asText())) {
                n.put(key, Resolve.tag(m, v.asText(), "$." + key).id().toString());
            }
        }
        return n;
    }

    // ---- schedules ----

    public void listSchedules(Call call) throws IOException {
        call.checkParams(Set.of());
        ArrayNode arr = Json.MAPPER.createArrayNode();
        engine.model().schedules().stream().sorted(Comparator.comparing(ScheduleDef::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(s -> arr.add(DefinitionJson.write(s)));
        ObjectNode doc = Json.object();
        doc.set("schedules", arr);
        call.sendJson(200, doc);
    }

    public void getSchedule(Call call) throws IOException {
        call.checkParams(Set.of());
        call.sendJson(200, DefinitionJson.write(schedule(engine.model(), call.pathParam("id"))));
    }

    public void createSchedule(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        JsonNode body = Json.requireObject(call.jsonBody(), "$");
        ScheduleDef s = read(() -> DefinitionJson.readSchedule(body, "$", new HashSet<>()));
        requireNewId(m.schedule(s.id()) != null, s.id());
        requireUniqueName(m.schedules().stream().filter(o -> !o.id().equals(s.id())).map(ScheduleDef::name).toList(),
                s.name(), "schedule");
        ModelSnapshot after = edit(call, new ModelEdit.PutSchedule(s), false);
        call.header("Location", "/v1/schedules/" + s.id());
        call.sendJson(201, DefinitionJson.write(after.schedule(s.id())));
    }

    public void updateSchedule(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        ScheduleDef old = schedule(m, call.pathParam("id"));
        JsonNode body = merged(call, DefinitionJson.write(old), old.id(), Set.of());
        ScheduleDef s = read(() -> DefinitionJson.readSchedule(body, "$", new HashSet<>()));
        requireUniqueName(m.schedules().stream().filter(o -> !o.id().equals(s.id())).map(ScheduleDef::name).toList(),
                s.name(), "schedule");
        ModelSnapshot after = edit(call, new ModelEdit.PutSchedule(s), false);
        call.sendJson(200, DefinitionJson.write(after.schedule(s.id())));
    }

    /**
     * Refused (409) while a method starts on it, unless {@code force}: then those initiators are
     * removed (still 409 for a method that would be left with none, which the model refuses).
     */
    public void deleteSchedule(Call call) throws IOException {
        call.checkParams(Set.of("force"));
        boolean force = call.flag("force");
        ModelSnapshot m = engine.model();
        ScheduleDef s = schedule(m, call.pathParam("id"));
        List<MethodDef> users = m.methods().stream().filter(x -> x.initiators().stream()
                .anyMatch(i -> s.id().equals(i.scheduleId()))).sorted(Comparator.comparing(MethodDef::name)).toList();
        if (!users.isEmpty() && !force) {
            throw ApiError.conflict(null, "schedule '" + s.name() + "' starts " + users.size()
                    + (users.size() == 1 ? " method" : " methods") + " ("
                    + String.join(", ", users.stream().map(MethodDef::name).toList())
                    + "); change them first or delete with force=true (their initiators on it are removed)");
        }
        List<ModelEdit> edits = new ArrayList<>();
        for (MethodDef x : users) {
            List<MethodDef.Initiator> kept = x.initiators().stream().filter(i -> !s.id().equals(i.scheduleId())).toList();
            if (kept.isEmpty()) {
                throw ApiError.conflict(null, "method '" + x.name() + "' starts only on schedule '" + s.name()
                        + "'; give it another initiator or delete it first");
            }
            edits.add(new ModelEdit.PutMethod(new MethodDef(x.id(), x.name(), x.description(), x.enabled(), x.objectId(),
                    kept, x.kind(), x.formula(), x.target(), x.program(), x.args(), x.parameters(), x.timeoutMillis(),
                    x.maxOutputBytes(), x.mode(), x.limit())));
        }
        edits.add(new ModelEdit.DeleteSchedule(s.id()));
        edit(call, edits, true);
        call.sendJson(200, deleted("schedules", 1).put("changedMethods", users.size()));
    }

    private static ScheduleDef schedule(ModelSnapshot m, String given) {
        return Resolve.itemById(given, "schedule", m::schedule, name -> m.schedules().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElse(null));
    }

    // ---- methods ----

    public void listMethods(Call call) throws IOException {
        call.checkParams(Set.of());
        ArrayNode arr = Json.MAPPER.createArrayNode();
        engine.model().methods().stream().sorted(Comparator.comparing(MethodDef::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(x -> arr.add(DefinitionJson.write(x)));
        ObjectNode doc = Json.object();
        doc.set("methods", arr);
        call.sendJson(200, doc);
    }

    public void getMethod(Call call) throws IOException {
        call.checkParams(Set.of());
        call.sendJson(200, DefinitionJson.write(method(engine.model(), call.pathParam("id"))));
    }

    public void createMethod(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        JsonNode body = methodBody(m, Json.requireObject(call.jsonBody(), "$"));
        MethodDef x = read(() -> DefinitionJson.readMethod(body, "$", new HashSet<>()));
        requireNewId(m.method(x.id()) != null, x.id());
        requireUniqueName(m.methods().stream().filter(o -> !o.id().equals(x.id())).map(MethodDef::name).toList(),
                x.name(), "method");
        ModelSnapshot after = edit(call, new ModelEdit.PutMethod(x), false);
        call.header("Location", "/v1/methods/" + x.id());
        call.sendJson(201, DefinitionJson.write(after.method(x.id())));
    }

    public void updateMethod(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        MethodDef old = method(m, call.pathParam("id"));
        JsonNode body = merged(call, DefinitionJson.write(old), old.id(), Set.of());
        JsonNode entry = methodBody(m, body);
        MethodDef x = read(() -> DefinitionJson.readMethod(entry, "$", new HashSet<>()));
        requireUniqueName(m.methods().stream().filter(o -> !o.id().equals(x.id())).map(MethodDef::name).toList(),
                x.name(), "method");
        ModelSnapshot after = edit(call, new ModelEdit.PutMethod(x), false);
        call.sendJson(200, DefinitionJson.write(after.method(x.id())));
    }

    public void deleteMethod(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        MethodDef x = method(m, call.pathParam("id"));
        edit(call, new ModelEdit.DeleteMethod(x.id()), true);
        call.sendJson(200, deleted("methods", 1));
    }

    private static MethodDef method(ModelSnapshot m, String given) {
        return Resolve.itemById(given, "method", m::method, name -> m.methods().stream()
                .filter(x -> x.name().equals(name)).findFirst().orElse(null));
    }

    /** The document's method entry, with an object given by path and schedules given by name made UUIDs. */
    private static JsonNode methodBody(ModelSnapshot m, JsonNode body) {
        ObjectNode n = strip(body, Set.of());
        JsonNode object = n.get("object");
        if (object != null && object.isTextual() && !Json.looksLikeUuid(object.asText())) {
            n.put("object", Resolve.object(m, object.asText(), "$.object").id().toString());
        }
        JsonNode inits = n.get("initiators");
        if (inits != null && inits.isArray()) {
            for (int i = 0; i < inits.size(); i++) {
                JsonNode s = inits.get(i).get("schedule");
                if (s != null && s.isTextual() && !Json.looksLikeUuid(s.asText())) {
                    String field = "$.initiators[" + i + "].schedule";
                    ScheduleDef sc = m.schedules().stream().filter(x -> x.name().equals(s.asText())).findFirst()
                            .orElseThrow(() -> ApiError.notFound(field, "unknown schedule '" + s.asText() + "'"));
                    ((ObjectNode) inits.get(i)).put("schedule", sc.id().toString());
                }
            }
        }
        return n;
    }

    // ---- shared ----

    /** A copy of the body object without the read-only keys. */
    private static ObjectNode strip(JsonNode body, Set<String> readOnly) {
        ObjectNode n = Json.requireObject(body, "$").deepCopy();
        readOnly.forEach(n::remove);
        return n;
    }

    /**
     * The body to read for PUT (the body itself) or PATCH (the item's JSON with the given keys
     * replaced), its {@code id} the item's: a body naming another id is a 400.
     */
    private static JsonNode merged(Call call, ObjectNode current, UUID id, Set<String> readOnly) {
        ObjectNode body = strip(call.jsonBody(), readOnly);
        JsonNode given = body.get("id");
        if (given != null && !given.isNull() && !given.asText().equals(id.toString())) {
            throw ApiError.badRequest("$.id", "the id cannot change (the URL names " + id + ")");
        }
        ObjectNode out;
        if (call.method().equals("PATCH")) {
            out = current.deepCopy();
            readOnly.forEach(out::remove);
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), e.getValue());
            }
        } else {
            out = body;
        }
        out.put("id", id.toString());
        return out;
    }

    private static void requireNewId(boolean used, UUID id) {
        if (used) {
            throw ApiError.conflict("$.id", "id " + id + " is already used");
        }
    }

    /** Schedules and methods are named by name in URLs, so a name names one. */
    private static void requireUniqueName(List<String> others, String name, String what) {
        if (others.stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
            throw ApiError.conflict("$.name", "a " + what + " named '" + name + "' already exists");
        }
    }

    private static ObjectNode deleted(String what, int n) {
        ObjectNode doc = Json.object();
        doc.set("deleted", Json.object().put(what, n));
        return doc;
    }

    private ModelSnapshot edit(Call call, ModelEdit edit, boolean isDelete) {
        return edit(call, List.of(edit), isDelete);
    }

    /**
     * One edit through the engine with the request's actor. A refused edit is a 400 naming the
     * JSON path, a name clash or a delete of something in use a 409.
     */
    private ModelSnapshot edit(Call call, List<ModelEdit> edits, boolean isDelete) {
        try {
            return engine.edit(call.actor(), edits).snapshot();
        } catch (ModelException e) {
            boolean clash = e.reason() != null && e.reason().contains("already exists");
            int status = clash || isDelete ? 409 : 400;
            throw new ApiError(status, field(e), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("$", e.getMessage());
        }
    }

    /** A refusal while reading names its JSON path; one from the model's rules its property. */
    private static String field(ModelException e) {
        if (e.where() != null && e.where().startsWith("$")) {
            return e.field() == null ? e.where() : e.where() + "." + e.field();
        }
        return ModelJson.field(e.field());
    }

    /** Reads a body into a definition; a refusal of the reader is a 400 naming the JSON path. */
    private static <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ModelException e) {
            throw ApiError.badRequest(field(e), e.getMessage());
        }
    }
}
