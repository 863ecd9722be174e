package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.peresvet.engine.Engine;
import org.peresvet.model.Actor;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.AuditVerification;
import org.peresvet.security.LoginException;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRule;
import org.peresvet.security.Security;

/**
 * {@code POST /v1/login}, {@code POST /v1/logout}, {@code GET /v1/me}, {@code POST /v1/tokens},
 * {@code GET /v1/audit/}, {@code GET/PUT /v1/security/reasons}.
 */
public final class SecurityEndpoint {
    private static final int MAX_CREDENTIAL = 1_024;
    private final Engine engine;

    public SecurityEndpoint(Engine engine) {
        this.engine = engine;
    }

    /** {"user","password"} → {"token","user","role","expiresInSeconds"}; 401 for a wrong name or password. */
    public void login(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = Json.requireObject(call.jsonBody(), "$");
        Json.checkKeys(body, Set.of("user", "password"), "$");
        String user = Json.text(body, "user", "$", true);
        String password = Json.text(body, "password", "$", true);
        if (user.length() > MAX_CREDENTIAL || password.length() > MAX_CREDENTIAL) {
            throw ApiError.badRequest("$", "the user name and password are at most " + MAX_CREDENTIAL + " characters");
        }
        if (!engine.security().hasUsers()) {
            throw ApiError.conflict(null, "this project has no users: the API on this machine needs no login");
        }
        Actor a;
        try {
            a = engine.security().login(user, password.toCharArray(), originOf(call));
        } catch (LoginException e) {
            throw new ApiError(e.unreachable() ? 503 : 401, e.unreachable() ? null : "$.password", e.getMessage());
        }
        ObjectNode doc = Json.object();
        doc.put("token", engine.security().startSession(a));
        doc.put("user", a.name());
        doc.put("role", a.role());
        doc.put("expiresInSeconds", Security.SESSION_MILLIS / 1000);
        call.sendJson(200, doc);
    }

    /** Ends the session of the bearer token sent. */
    public void logout(Call call) throws IOException {
        call.checkParams(Set.of());
        String h = call.requestHeader("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            engine.security().endSession(h.substring(7).strip());
        }
        call.sendJson(200, Json.object().put("loggedOut", true));
    }

    /** Who the caller is and what they may do everywhere. */
    public void me(Call call) throws IOException {
        call.checkParams(Set.of());
        Actor a = call.actor();
        ObjectNode doc = Json.object();
        doc.put("user", a.name());
        doc.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
        doc.put("usersConfigured", engine.security().hasUsers());
        engine.security().user(a.name()).ifPresent(u -> doc.put("role", u.role()));
        ArrayNode perms = doc.putArray("permissions");
        engine.security().permissions(a, null).forEach(p -> perms.add(p.name()));
        call.sendJson(200, doc);
    }

    /** {"label"} (and for an administrator {"user"}) → a new API token, shown once. */
    public void createToken(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = Json.requireObject(call.jsonBody(), "$");
        Json.checkKeys(body, Set.of("user", "label"), "$");
        String user = Json.text(body, "user", "$", false);
        String label = Json.text(body, "label", "$", false);
        Actor a = call.actor();
        String token;
        try {
            token = engine.security().createApiToken(a, user == null ? a.name() : user, label);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("$.user", e.getMessage());
        }
        ObjectNode doc = Json.object();
        doc.put("token", token);
        doc.put("user", user == null ? a.name() : user);
        call.sendJson(201, doc);
    }

    /**
     * The audit trail, newest first: {@code from}, {@code to} (ISO-8601 or µs), {@code actor},
     * {@code action} (exact, or a prefix ending in '.'), {@code target} (contains), {@code limit}
     * (default 1000); {@code verify=true} adds the check of the hash chain. Needs MANAGE_USERS once
     * the project has users.
     */
    public void list(Call call) throws IOException {
        call.checkParams(Set.of("from", "to", "actor", "action", "target", "limit", "verify"));
        engine.security().check(call.actor(), Permission.MANAGE_USERS, null);
        int limit = 1000;
        if (call.param("limit") != null) {
            try {
                limit = Integer.parseInt(call.param("limit"));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("limit", "must be a whole number");
            }
        }
        AuditQuery q;
        try {
            q = new AuditQuery(time(call, "from"), time(call, "to"), call.param("actor"), call.param("action"),
                    call.param("target"), limit);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("limit", e.getMessage());
        }
        ObjectNode doc = Json.object();
        ArrayNode rows = doc.putArray("records");
        for (AuditRecord r : engine.security().audit(q)) {
            ObjectNode n = rows.addObject();
            n.put("seq", r.seq());
            n.put("time", Micros.format(r.entry().time()));
            n.put("actor", r.entry().actor());
            n.put("origin", r.entry().origin());
            n.put("action", r.entry().action());
            n.put("target", r.entry().target());
            n.put("old", r.entry().oldValue());
            n.put("new", r.entry().newValue());
            n.put("reason", r.entry().reason());
            n.put("result", r.entry().result());
            n.put("hash", r.hash());
        }
        if (call.flag("verify")) {
            AuditVerification v = engine.security().verifyAudit();
            ObjectNode ver = doc.putObject("verification");
            ver.put("intact", v.intact());
            ver.put("records", v.records());
            ArrayNode p = ver.putArray("problems");
            v.problems().forEach(p::add);
        }
        call.sendJson(200, doc);
    }

    /**
     * {@code GET /v1/security/reasons}: the "reason required" rules,
     * {@code {"rules":[{"permission","object","path"}]}} (object and path null: the whole project).
     * Needs MANAGE_USERS once the project has users.
     */
    public void reasons(Call call) throws IOException {
        call.checkParams(Set.of());
        engine.security().check(call.actor(), Permission.MANAGE_USERS, null);
        call.sendJson(200, reasonsJson(engine.model(), engine.security().reasonRules()));
    }

    /**
     * {@code PUT /v1/security/reasons} with {@code {"rules":[{"permission","object"}]}} (object: a
     * UUID or a path; null or left out: the whole project): replaces every rule; MANAGE_USERS,
     * audited as {@code reasons.set}. Answers the rules as stored.
     */
    public void setReasons(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = call.jsonBody();
        if (body == null || !body.isObject() || !body.path("rules").isArray()) {
            throw ApiError.badRequest("$.rules", "expected {\"rules\": [{\"permission\": \"WRITE_VALUES\", \"object\": \"/Plant/AreaA\"}]}");
        }
        Json.checkKeys(body, Set.of("rules"), "$");
        ModelSnapshot m = engine.model();
        List<ReasonRule> rules = new ArrayList<>();
        int i = 0;
        for (JsonNode r : body.get("rules")) {
            String at = "$.rules[" + i++ + "]";
            if (!r.isObject()) {
                throw ApiError.badRequest(at, "expected {\"permission\": …, \"object\": …}");
            }
            Json.checkKeys(r, Set.of("permission", "object"), at);
            Permission p;
            try {
                p = Permission.valueOf(r.path("permission").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(at + ".permission", "one of " + Arrays.toString(Permission.values()) + ", got '"
                        + r.path("permission").asText() + "'");
            }
            JsonNode o = r.get("object");
            UUID object = o == null || o.isNull() ? null : Resolve.object(m, o.asText(), at + ".object").id();
            rules.add(new ReasonRule(p, object));
        }
        engine.security().setReasonRules(call.actor(), rules);
        call.sendJson(200, reasonsJson(engine.model(), engine.security().reasonRules()));
    }

    private static ObjectNode reasonsJson(ModelSnapshot m, List<ReasonRule> rules) {
        ObjectNode doc = Json.object();
        ArrayNode arr = doc.putArray("rules");
        for (ReasonRule r : rules) {
            ObjectNode n = arr.addObject().put("permission", r.permission().name());
            n.put("object", r.objectId() == null ? null : r.objectId().toString());
            n.put("path", r.objectId() == null ? null : m.objectPath(r.objectId()));
        }
        return doc;
    }

    private static Long time(Call call, String name) {
        String v = call.param(name);
        if (v == null) {
            return null;
        }
        try {
            return v.chars().allMatch(Character::isDigit) && !v.isEmpty() ? Long.parseLong(v) : Micros.parse(v);
        } catch (RuntimeException e) {
            throw ApiError.badRequest(name, "must be ISO-8601 or microseconds since the epoch, got '" + v + "'");
        }
    }

    private static String originOf(Call call) {
        return "api " + (call.remote() == null || call.remote().getAddress() == null ? "?"
                : call.remote().getAddress().getHostAddress());
    }
}
