package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.peresvet.alarm.AlarmHealth;
import org.peresvet.alarm.AlarmJournalCsv;
import org.peresvet.alarm.AlarmView;
import org.peresvet.engine.AlarmCommands;
import org.peresvet.engine.Engine;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.AlarmTransition;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;

/**
 * {@code /v1/alarms/}: the alarm list, one alarm, the operators' commands (acknowledge, shelve,
 * unshelve, reset, out of service), the journal (JSON or CSV) and the alarm-system health. Every
 * command is recorded under the principal the authorizer found; a {@code user} in the body names
 * the operator only when that principal is a service acting for them.
 */
public final class AlarmEndpoint {
    private static final Set<String> LIST_PARAMS = Set.of("root", "priority", "state", "all");
    private static final Set<String> HISTORY_PARAMS = Set.of("from", "to", "root", "alarm", "priority", "state",
            "transition", "limit", "format");
    private static final int HISTORY_DEFAULT_LIMIT = 10_000;
    private static final String CSV_TYPE = "text/csv; charset=utf-8";

    private final Engine engine;

    public AlarmEndpoint(Engine engine) {
        this.engine = engine;
    }

    private AlarmCommands alarms() {
        return engine.alarms();
    }

    // ---- lists ----

    /** {@code GET /v1/alarms/?root=&priority=&state=&all=}: alarms that are not normal (all=true: every evaluated alarm). */
    public void list(Call call) throws IOException {
        call.checkParams(LIST_PARAMS);
        ModelSnapshot m = engine.model();
        UUID root = root(call, m);
        Set<AlarmPriority> priorities = enums(call, "priority", AlarmPriority.class);
        Set<AlarmState> states = enums(call, "state", AlarmState.class);
        List<AlarmView> views = call.flag("all") ? alarms().all() : root == null ? alarms().active() : alarms().active(root);
        ReadScope scope = ReadScope.of(call, engine);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (AlarmView v : views) {
            if (root != null && !inSubtree(m, v, root) || !scope.alarm(m, v.def().id())) {
                continue;
            }
            if ((priorities.isEmpty() || priorities.contains(v.priority())) && (states.isEmpty() || states.contains(v.state()))) {
                out.add(alarm(v, m));
            }
        }
        ObjectNode doc = Json.object();
        doc.set("alarms", out);
        call.sendJson(200, doc);
    }

    private static boolean inSubtree(ModelSnapshot m, AlarmView v, UUID root) {
        TagDef t = m.tag(v.def().tagId());
        return t != null && m.isInSubtree(t.objectId(), root);
    }

    /** {@code GET /v1/alarms/{id}}. */
    public void get(Call call) throws IOException {
        call.checkParams(Set.of());
        AlarmView v = require(call);
        ReadScope.of(call, engine).requireAlarm(engine.model(), v.def().id());
        call.sendJson(200, alarm(v, engine.model()));
    }

    // ---- commands ----

    public void acknowledge(Call call) throws IOException {
        AlarmView v = require(call);
        Command c = command(call, Set.of("user", "comment"));
        boolean done = gone(() -> alarms().acknowledge(v.id(), c.user, c.text("comment")));
        answer(call, "acknowledged", done, v.id());
    }

    /**
     * {@code POST /v1/alarms/acknowledge}: {@code {"ids":[…]}} acknowledges those alarms,
     * {@code {"root":"/Station"}} every unacknowledged alarm of a subtree, {@code {}} every one.
     */
    public void acknowledgeMany(Call call) throws IOException {
        Command c = command(call, Set.of("user", "comment", "ids", "root"));
        JsonNode ids = c.body.get("ids");
        String rootGiven = c.text("root");
        int n;
        if (ids != null && !ids.isNull()) {
            if (rootGiven != null) {
                throw ApiError.badRequest("$.root", "give ids or root, not both");
            }
            if (!ids.isArray()) {
                throw ApiError.badRequest("$.ids", "must be a list of alarm ids");
            }
            List<UUID> list = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String f = "$.ids[" + i + "]";
                if (!ids.get(i).isTextual()) {
                    throw ApiError.badRequest(f, "must be an alarm id (UUID)");
                }
                UUID id = Json.uuid(ids.get(i).asText(), f);
                if (alarms().get(id) == null) {
                    throw ApiError.notFound(f, "unknown or disabled alarm " + id);
                }
                list.add(id);
            }
            n = 0;
            for (UUID id : list) {
                try {
                    n += alarms().acknowledge(id, c.user, c.text("comment")) ? 1 : 0;
                } catch (IllegalArgumentException gone) {
                    // deleted or disabled since it was checked
                }
            }
        } else {
            UUID root = rootGiven == null ? null : Resolve.object(engine.model(), rootGiven, "$.root").id();
            n = alarms().acknowledgeAll(root, c.user, c.text("comment"));
        }
        call.sendJson(200, Json.object().put("acknowledged", n));
    }

    /**
     * {@code POST /v1/alarms/{id}/shelve}: {@code {"reason":…, "duration":"PT30M"}} (or seconds)
     * for a timed shelving up to the longest allowed, or {@code {"reason":…, "oneShot":true}}
     * until the alarm next returns to normal.
     */
    public void shelve(Call call) throws IOException {
        AlarmView v = require(call);
        Command c = command(call, Set.of("user", "reason", "duration", "oneShot"));
        String reason = c.required("reason", "why it is shelved");
        Boolean oneShot = Json.bool(c.body, "oneShot", "$");
        JsonNode d = c.body.get("duration");
        boolean hasDuration = d != null && !d.isNull();
        if (Boolean.TRUE.equals(oneShot)) {
            if (hasDuration) {
                throw ApiError.badRequest("$.duration", "a one-shot shelving has no duration: it ends when the alarm returns to normal");
            }
            gone(() -> {
                alarms().shelveOneShot(v.id(), c.user, reason);
                return true;
            });
        } else {
            if (!hasDuration) {
                throw ApiError.badRequest("$.duration", "is required: how long, e.g. \"PT30M\" or 1800 (seconds), at most "
                        + describe(alarms().maxShelve()) + "; or \"oneShot\": true");
            }
            Duration dur = duration(d);
            gone(() -> {
                alarms().shelve(v.id(), c.user, reason, dur);
                return true;
            });
        }
        answer(call, "shelved", true, v.id());
    }

    private Duration duration(JsonNode d) {
        Duration out;
        if (d.isNumber()) {
            if (!d.canConvertToLong() && !d.isFloatingPointNumber()) {
                throw ApiError.badRequest("$.duration", "out of range");
            }
            out = Duration.ofMillis(Math.round(d.asDouble() * 1000));
        } else if (d.isTextual()) {
            try {
                out = Duration.parse(d.asText());
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("$.duration", "'" + d.asText() + "' is not an ISO-8601 duration such as PT30M or PT2H");
            }
        } else {
            throw ApiError.badRequest("$.duration", "must be an ISO-8601 duration (\"PT30M\") or a number of seconds");
        }
        Duration max = alarms().maxShelve();
        if (out.isNegative() || out.isZero()) {
            throw ApiError.badRequest("$.duration", "must be longer than zero");
        }
        if (out.compareTo(max) > 0) {
            throw ApiError.badRequest("$.duration", "at most " + describe(max) + " (the longest shelving allowed), got "
                    + describe(out));
        }
        return out;
    }

    private static String describe(Duration d) {
        long m = d.toMinutes();
        return m % 60 == 0 ? m / 60 + " h" : m >= 1 ? m + " min" : d.toSeconds() + " s";
    }

    public void unshelve(Call call) throws IOException {
        AlarmView v = require(call);
        Command c = command(call, Set.of("user"));
        answer(call, "unshelved", gone(() -> alarms().unshelve(v.id(), c.user)), v.id());
    }

    /** Resets a latched alarm; 409 while it is not acknowledged. */
    public void reset(Call call) throws IOException {
        AlarmView v = require(call);
        Command c = command(call, Set.of("user", "comment"));
        boolean done;
        try {
            done = gone(() -> alarms().reset(v.id(), c.user, c.text("comment")));
        } catch (IllegalStateException e) {
            if (!engine.isRunning()) {
                throw e;
            }
            throw ApiError.conflict(null, e.getMessage());
        }
        answer(call, "reset", done, v.id());
    }

    public void outOfService(Call call) throws IOException {
        AlarmView v = require(call);
        Command c = command(call, Set.of("user", "reason"));
        String reason = c.required("reason", "why it is taken out of service");
        answer(call, "outOfService", gone(() -> alarms().removeFromService(v.id(), c.user, reason)), v.id());
    }

    public void returnToService(Call call) throws IOException {
        AlarmView v = require(call);
        Command c = command(call, Set.of("user"));
        answer(call, "returned", gone(() -> alarms().returnToService(v.id(), c.user)), v.id());
    }

    /** Runs a command; an alarm deleted or disabled since it was looked up is a 404, not a failure. */
    private static boolean gone(BooleanSupplier command) {
        try {
            return command.getAsBoolean();
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound("id", e.getMessage());
        }
    }

    /** Answers {@code {"<what>": true|false, "alarm": {…}}}: false when the command had nothing to do. */
    private void answer(Call call, String what, boolean done, UUID id) throws IOException {
        ObjectNode doc = Json.object().put(what, done);
        AlarmView after = alarms().get(id);
        if (after != null) {
            doc.set("alarm", alarm(after, engine.model()));
        }
        call.sendJson(200, doc);
    }

    /** An alarm's definition by its UUID or its path ({@code /Station/Tank/Level#Hi}); 404 naming {@code id}. */
    static AlarmDef alarmDef(ModelSnapshot m, String given) {
        return Resolve.itemById(given, "alarm", m::alarm, path -> m.alarms().stream()
                .filter(a -> path.equals(m.alarmPath(a.id()))).findFirst().orElse(null));
    }

    private AlarmView require(Call call) {
        String given = call.pathParam("id");
        AlarmDef def = alarmDef(engine.model(), given);
        AlarmView v = alarms().get(def.id());
        if (v == null) {
            if (!engine.isRunning()) {
                throw new IllegalStateException("alarms are evaluated only while the engine runs");
            }
            throw ApiError.notFound("id", "alarm '" + given + "' is disabled");
        }
        return v;
    }

    /** A command's body (may be empty) and its operator. */
    private static final class Command {
        final ObjectNode body;
        final Actor user;

        Command(ObjectNode body, Actor user) {
            this.body = body;
            this.user = user;
        }

        String text(String key) {
            return Json.text(body, key, "$", false);
        }

        String required(String key, String what) {
            String v = text(key);
            if (v == null || v.isBlank()) {
                throw ApiError.badRequest("$." + key, "is required: " + what);
            }
            return v;
        }
    }

    private static Command command(Call call, Set<String> keys) throws IOException {
        call.checkParams(Set.of());
        byte[] raw = call.body();
        ObjectNode body = raw.length == 0 ? Json.object() : Json.requireObject(Json.parse(raw, "$"), "$");
        Json.checkKeys(body, keys, "$");
        String user = Json.text(body, "user", "$", false);
        if (user != null && user.isBlank()) {
            throw ApiError.badRequest("$.user", "is required: the operator's name");
        }
        // A body may name the operator only when a service principal (a gateway) calls for them;
        // anyone else is recorded as themselves.
        return new Command(body, call.actor().onBehalfOf(user == null ? null : user.strip()));
    }

    // ---- journal ----

    /**
     * {@code GET /v1/alarms/history}: journal rows by period, subtree, alarm, priority, state and
     * transition, as JSON or, with {@code Accept: text/csv} or {@code format=csv}, as CSV.
     */
    public void history(Call call) throws IOException {
        call.checkParams(HISTORY_PARAMS);
        ModelSnapshot m = engine.model();
        Long from = time(call, "from");
        Long to = time(call, "to");
        if (from != null && to != null && from > to) {
            throw ApiError.badRequest("from", "from is after to");
        }
        int limit = HISTORY_DEFAULT_LIMIT;
        String l = call.param("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("limit", "must be a whole number, got '" + l + "'");
            }
            if (limit < 1 || limit > AlarmJournalQuery.DEFAULT_LIMIT) {
                throw ApiError.badRequest("limit", "must be between 1 and " + AlarmJournalQuery.DEFAULT_LIMIT);
            }
        }
        String rootGiven = call.param("root");
        String subtree = null;
        if (rootGiven != null) {
            ObjectDef o = Resolve.object(m, rootGiven, "root");
            subtree = m.objectPath(o.id());
        }
        UUID alarm = call.param("alarm") == null ? null : Json.uuid(call.param("alarm"), "alarm");
        boolean csv = wantsCsv(call);
        AlarmJournalQuery q = new AlarmJournalQuery(from, to, subtree, alarm, enums(call, "priority", AlarmPriority.class),
                enums(call, "transition", AlarmTransition.class), enums(call, "state", AlarmState.class), limit + 1);
        ReadScope scope = ReadScope.of(call, engine);
        List<AlarmJournalEntry> rows = scope.everything() ? alarms().journal(q) : readableRows(q, scope, m);
        boolean excess = rows.size() > limit;
        if (excess) {
            rows = rows.subList(0, limit);
        }
        if (csv) {
            StringBuilder sb = new StringBuilder(128 + rows.size() * 120);
            AlarmJournalCsv.write(rows, sb);
            call.header("Content-Disposition", "attachment; filename=\"alarm-journal.csv\"");
            if (excess) {
                call.header("X-Excess", "true");
            }
            call.send(200, CSV_TYPE, sb.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (AlarmJournalEntry e : rows) {
            ObjectNode r = out.addObject();
            r.put("time", e.time());
            r.put("alarmId", e.alarmId().toString());
            r.put("tagId", e.tagId() == null ? null : e.tagId().toString());
            r.put("path", e.alarmPath());
            r.put("object", e.objectPath());
            r.put("priority", e.priority().label());
            r.put("transition", name(e.transition()));
            r.put("state", name(e.state()));
            r.put("value", e.value());
            r.put("user", e.user());
            r.put("comment", e.comment());
            r.put("message", e.message());
        }
        ObjectNode doc = Json.object();
        doc.set("entries", out);
        if (excess) {
            doc.put("excess", true);
        }
        call.sendJson(200, doc);
    }

    /**
     * The first {@code q.limit()} rows the user may read: the journal is read page after page (in
     * time order) until that many are kept or it ends, so a restricted user gets as many rows as
     * anyone when there are that many. A page's rows at its last instant are read again with the
     * next page (they may go on there); a page all at one instant is taken as it is.
     */
    private List<AlarmJournalEntry> readableRows(AlarmJournalQuery q, ReadScope scope, ModelSnapshot m) {
        List<AlarmJournalEntry> out = new ArrayList<>();
        AlarmJournalQuery page = q;
        while (true) {
            List<AlarmJournalEntry> rows = alarms().journal(page);
            boolean more = rows.size() >= page.limit();
            int end = rows.size();
            long last = end == 0 ? 0 : rows.get(end - 1).time();
            if (more) {
                while (end > 0 && rows.get(end - 1).time() == last) {
                    end--;
                }
                if (end == 0) {
                    end = rows.size();
                    more = false;
                }
            }
            for (int i = 0; i < end && out.size() < q.limit(); i++) {
                AlarmJournalEntry e = rows.get(i);
                if (e.tagId() != null && scope.tag(m, e.tagId())) {
                    out.add(e);
                }
            }
            if (!more || out.size() >= q.limit()) {
                return out;
            }
            page = page.period(last, q.to());
        }
    }

    private static boolean wantsCsv(Call call) {
        String f = call.param("format");
        if (f != null) {
            return switch (f.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiError.badRequest("format", "must be json or csv, got '" + f + "'");
            };
        }
        String accept = call.requestHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    // ---- health ----

    /** {@code GET /v1/alarms/health?period=PT24H} (or from/to): rates, floods, chattering, stale, most frequent, shelved. */
    public void health(Call call) throws IOException {
        call.checkParams(Set.of("period", "from", "to"));
        Long from = time(call, "from");
        Long to = time(call, "to");
        String p = call.param("period");
        long now = Micros.now();
        if (p != null) {
            if (from != null) {
                throw ApiError.badRequest("period", "give period or from, not both");
            }
            Duration d;
            try {
                d = Duration.parse(p);
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("period", "'" + p + "' is not an ISO-8601 duration such as PT24H or P7D");
            }
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(366)) > 0) {
                throw ApiError.badRequest("period", "must be longer than zero and at most a year");
            }
            from = before(to == null ? now : to, d.toNanos() / 1000, "to");
        }
        long end = to == null ? now : to;
        long start = from == null ? before(end, 24 * 3600 * Micros.PER_SECOND, "to") : from;
        if (start >= end) {
            throw ApiError.badRequest("from", "from must be before to");
        }
        // The report has an entry per 10 minutes: its work grows with the period.
        if (end - start > MAX_HEALTH_PERIOD || end - start < 0) {
            throw ApiError.badRequest(from == null ? "to" : "from", "the period from 'from' to 'to' must be at most 366 days");
        }
        ModelSnapshot m = engine.model();
        ReadScope scope = ReadScope.of(call, engine);
        AlarmHealth.Report r = scope.everything() ? alarms().health(start, end) : readableHealth(scope, m, start, end, now);
        ObjectNode doc = Json.object();
        doc.put("from", r.from());
        doc.put("to", r.to());
        doc.put("activations", r.activations());
        doc.put("averagePer10Minutes", r.averagePer10Minutes());
        doc.put("peakPer10Minutes", r.peakPer10Minutes());
        ArrayNode intervals = doc.putArray("activationsPer10Minutes");
        r.activationsPer10Minutes().forEach(i -> intervals.addObject().put("start", i.start()).put("activations", i.activations()));
        ArrayNode floods = doc.putArray("floods");
        r.floods().forEach(f -> floods.addObject().put("start", f.start()).put("end", f.end()).put("activations", f.activations()));
        ArrayNode chattering = doc.putArray("chattering");
        r.chattering().forEach(c -> chattering.addObject().put("alarmId", c.alarmId().toString()).put("path", c.path())
                .put("maxPerMinute", c.maxPerMinute()).put("activations", c.activations()));
        ArrayNode stale = doc.putArray("stale");
        r.stale().forEach(v -> stale.add(alarm(v, m)));
        ArrayNode frequent = doc.putArray("mostFrequent");
        r.mostFrequent().forEach(f -> frequent.addObject().put("alarmId", f.alarmId().toString()).put("path", f.path())
                .put("priority", f.priority().label()).put("activations", f.activations()));
        ArrayNode shelved = doc.putArray("shelved");
        r.shelved().forEach(v -> shelved.add(alarm(v, m)));
        ArrayNode problems = doc.putArray("problems");
        for (Map.Entry<UUID, String> e : alarms().problems().entrySet()) {
            if (!scope.alarm(m, e.getKey())) {
                continue;
            }
            problems.addObject().put("alarmId", e.getKey().toString()).put("path", m.alarm(e.getKey()) == null ? null
                    : m.alarmPath(e.getKey())).put("problem", e.getValue());
        }
        call.sendJson(200, doc);
    }

    /**
     * The health of the part of the plant the user may read: the same report computed over the
     * activations and alarms of their subtrees only (rates, floods and counts included), so it
     * tells nothing of the rest.
     */
    private AlarmHealth.Report readableHealth(ReadScope scope, ModelSnapshot m, long start, long end, long now) {
        List<AlarmJournalEntry> activations = alarms().journal(AlarmJournalQuery.all().period(start, end)
                .transitions(AlarmTransition.ACTIVATED).limit(Integer.MAX_VALUE)).stream()
                .filter(e -> e.tagId() != null && scope.tag(m, e.tagId())).toList();
        List<AlarmView> current = alarms().all().stream().filter(v -> scope.alarm(m, v.def().id())).toList();
        return AlarmHealth.compute(activations, current, start, end, now);
    }

    // ---- JSON ----

    ObjectNode alarm(AlarmView v, ModelSnapshot m) {
        AlarmStatus s = v.status();
        ObjectNode n = Json.object();
        n.put("id", v.id().toString());
        n.put("path", v.path());
        n.put("name", v.def().name());
        n.put("kind", v.def().kind().name().toLowerCase(Locale.ROOT));
        n.put("tagId", v.def().tagId().toString());
        TagDef t = m.tag(v.def().tagId());
        n.put("object", t == null ? null : m.objectPath(t.objectId()));
        n.put("priority", v.priority().label());
        n.put("state", name(s.state()));
        n.put("active", s.active());
        n.put("acknowledged", s.acknowledged());
        n.put("latched", s.latched());
        n.put("suppressed", s.suppressed());
        if (s.activeSince() != 0) {
            n.put("activeSince", s.activeSince());
        } else {
            n.putNull("activeSince");
        }
        n.put("changedAt", s.changedAt());
        n.put("value", s.value());
        n.put("message", v.message());
        if (s.ack() != null) {
            n.putObject("ack").put("user", s.ack().user()).put("time", s.ack().time()).put("comment", s.ack().comment());
        } else {
            n.putNull("ack");
        }
        if (s.shelving() != null) {
            ObjectNode sh = n.putObject("shelving").put("user", s.shelving().user()).put("reason", s.shelving().reason())
                    .put("at", s.shelving().at()).put("oneShot", s.shelving().oneShot());
            if (s.shelving().oneShot()) {
                sh.putNull("until");
            } else {
                sh.put("until", s.shelving().until());
            }
        } else {
            n.putNull("shelving");
        }
        if (s.outOfService() != null) {
            n.putObject("outOfService").put("user", s.outOfService().user()).put("reason", s.outOfService().reason())
                    .put("at", s.outOfService().at());
        } else {
            n.putNull("outOfService");
        }
        n.put("problem", alarms().problem(v.id()));
        return n;
    }

    /** Enum names as the API writes them: lower case ({@code returned_unacknowledged}). */
    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** A filter given as a comma list and/or repeated: {@code priority=high,critical}. */
    private static <E extends Enum<E>> Set<E> enums(Call call, String key, Class<E> type) {
        List<String> given = call.params().get(key);
        Set<E> out = EnumSet.noneOf(type);
        if (given == null) {
            return out;
        }
        for (String g : given) {
            for (String part : g.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                try {
                    out.add(Enum.valueOf(type, p.toUpperCase(Locale.ROOT).replace('-', '_')));
                } catch (IllegalArgumentException e) {
                    List<String> known = new ArrayList<>();
                    for (E c : type.getEnumConstants()) {
                        known.add(name(c));
                    }
                    throw ApiError.badRequest(key, "unknown " + key + " '" + p + "' (known: " + String.join(", ", known) + ")");
                }
            }
        }
        return out;
    }

    private static UUID root(Call call, ModelSnapshot m) {
        String given = call.param("root");
        return given == null ? null : Resolve.object(m, given, "root").id();
    }

    private static final long MAX_HEALTH_PERIOD = 366L * 24 * 3600 * Micros.PER_SECOND;

    private static long before(long end, long micros, String field) {
        try {
            return Math.subtractExact(end, micros);
        } catch (ArithmeticException e) {
            throw ApiError.badRequest(field, "too early: the period would start before the earliest time microseconds can hold");
        }
    }

    /** A time parameter: µs since the epoch or ISO-8601 (no zone: UTC). */
    private static Long time(Call call, String key) {
        String v = call.param(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        String t = v.strip();
        try {
            return t.matches("-?\\d+") ? Long.parseLong(t) : Micros.parse(t);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(key, "must be µs since the epoch or an ISO-8601 time in range, got '" + v + "'");
        }
    }
}
