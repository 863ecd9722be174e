package org.peresvet.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A method: an action bound to initiators (tag changes, schedule ticks, engine events such as
 * alarm transitions). A {@code write} method evaluates {@code formula} and writes the result to
 * {@code target}; a {@code program} method runs {@code program} with {@code args} (never through a
 * shell), gives it a JSON context on stdin and writes the JSON result it prints to {@code target}.
 * Tag paths (target, initiators, formulas) may be relative to {@code objectId}'s object.
 *
 * @param parameters  name → formula, evaluated and passed to a program in its context
 * @param limit       queued: how many runs may wait; parallel: how many may run at once
 */
public record MethodDef(UUID id, String name, String description, boolean enabled, UUID objectId,
                        List<Initiator> initiators, Kind kind, String formula, String target, String program,
                        List<String> args, Map<String, String> parameters, long timeoutMillis, int maxOutputBytes,
                        RunMode mode, int limit) {

    public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_MAX_OUTPUT = 64 * 1024;
    public static final int DEFAULT_LIMIT = 10;

    public enum Kind {
        WRITE, PROGRAM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "write" -> WRITE;
                case "program" -> PROGRAM;
                default -> throw new IllegalArgumentException("unknown method kind '" + s + "' (expected write or program)");
            };
        }
    }

    /** What happens when a method is initiated while it runs, as automation users expect. */
    public enum RunMode {
        /** Skip the new run while one is running. */
        SINGLE,
        /** Run after the current one; at most {@code limit} wait, more are dropped. */
        QUEUED,
        /** Stop the running one and start again. */
        RESTART,
        /** Run alongside, at most {@code limit} at once. */
        PARALLEL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static RunMode parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown run mode '" + s + "' (expected single, queued, restart or parallel)");
            }
        }
    }

    /**
     * One initiator. {@code TAG}: a new sample of {@code tag} (when {@code condition}, a formula,
     * is null or true); {@code SCHEDULE}: a tick of {@code scheduleId}; {@code EVENT}: an event on
     * the engine's bus whose type's simple name is {@code eventType} (e.g. {@code AlarmEvent}) and
     * whose text contains {@code match} (when given).
     */
    public record Initiator(Type type, String tag, String condition, UUID scheduleId, String eventType, String match) {
        public enum Type { TAG, SCHEDULE, EVENT }

        public Initiator {
            Objects.requireNonNull(type, "type");
            condition = condition == null || condition.isBlank() ? null : condition;
            match = match == null || match.isEmpty() ? null : match;
        }

        public static Initiator tag(String path, String condition) {
            return new Initiator(Type.TAG, path, condition, null, null, null);
        }

        public static Initiator schedule(UUID id) {
            return new Initiator(Type.SCHEDULE, null, null, id, null, null);
        }

        public static Initiator event(String eventType, String match) {
            return new Initiator(Type.EVENT, null, null, null, eventType, match);
        }
    }

    public MethodDef {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
        initiators = initiators == null ? List.of() : List.copyOf(initiators);
        kind = kind == null ? Kind.WRITE : kind;
        formula = formula == null || formula.isBlank() ? null : formula;
        target = target == null || target.isBlank() ? null : target;
        args = args == null ? List.of() : List.copyOf(args);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        timeoutMillis = timeoutMillis <= 0 ? DEFAULT_TIMEOUT_MILLIS : timeoutMillis;
        maxOutputBytes = maxOutputBytes <= 0 ? DEFAULT_MAX_OUTPUT : maxOutputBytes;
        mode = mode == null ? RunMode.SINGLE : mode;
        limit = limit <= 0 ? DEFAULT_LIMIT : limit;
    }

    /** A write method: {@code target := formula}, on the given initiators. */
    public static MethodDef write(String name, UUID objectId, String target, String formula, List<Initiator> initiators) {
        return new MethodDef(UUID.randomUUID(), name, "", true, objectId, initiators, Kind.WRITE, formula, target, null,
                List.of(), Map.of(), 0, 0, RunMode.SINGLE, 0);
    }

    /** A program method: runs {@code program args…}; its JSON result is written to {@code target} (may be null). */
    public static MethodDef program(String name, UUID objectId, String target, String program, List<String> args,
                                    Map<String, String> parameters, List<Initiator> initiators) {
        return new MethodDef(UUID.randomUUID(), name, "", true, objectId, initiators, Kind.PROGRAM, null, target, program,
                args, parameters, 0, 0, RunMode.SINGLE, 0);
    }

    public MethodDef withMode(RunMode m, int lim) {
        return new MethodDef(id, name, description, enabled, objectId, initiators, kind, formula, target, program, args,
                parameters, timeoutMillis, maxOutputBytes, m, lim);
    }

    public MethodDef withLimits(long timeout, int maxOutput) {
        return new MethodDef(id, name, description, enabled, objectId, initiators, kind, formula, target, program, args,
                parameters, timeout, maxOutput, mode, limit);
    }

    public MethodDef withEnabled(boolean v) {
        return new MethodDef(id, name, description, v, objectId, initiators, kind, formula, target, program, args,
                parameters, timeoutMillis, maxOutputBytes, mode, limit);
    }

    public MethodDef withFormula(String f) {
        return new MethodDef(id, name, description, enabled, objectId, initiators, kind, f, target, program, args,
                parameters, timeoutMillis, maxOutputBytes, mode, limit);
    }

    /** The checks that need nothing but the definition; paths and formulas are checked by the method capability. */
    void validate(java.util.function.Predicate<UUID> objectExists) {
        String where = "method " + name;
        Names.check(name, where, "name");
        Names.checkText(description, where, "description");
        Names.checkText(formula, where, "formula");
        Names.checkText(target, where, "target");
        Names.checkText(program, where, "program");
        for (String a : args) {
            Names.checkText(a, where, "args");
        }
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            Names.check(p.getKey(), where, "parameters");
            Names.checkText(p.getValue(), where, "parameters");
        }
        for (Initiator i : initiators) {
            Names.checkText(i.tag(), where, "initiators");
            Names.checkText(i.condition(), where, "initiators");
            Names.checkText(i.eventType(), where, "initiators");
            Names.checkText(i.match(), where, "initiators");
        }
        if (objectId != null && !objectExists.test(objectId)) {
            throw new ModelException(where, "object", "object " + objectId + " does not exist");
        }
        if (initiators.isEmpty()) {
            throw new ModelException(where, "initiators", "a method needs at least one initiator (a tag, a schedule or an event)");
        }
        for (Initiator i : initiators) {
            switch (i.type()) {
                case TAG -> {
                    if (i.tag() == null || i.tag().isBlank()) {
                        throw new ModelException(where, "initiators", "a tag initiator needs a tag path");
                    }
                }
                case SCHEDULE -> {
                    if (i.scheduleId() == null) {
                        throw new ModelException(where, "initiators", "a schedule initiator needs a schedule id");
                    }
                }
                case EVENT -> {
                    if (i.eventType() == null || i.eventType().isBlank()) {
                        throw new ModelException(where, "initiators", "an event initiator needs an event type, e.g. AlarmEvent");
                    }
                }
            }
        }
        if (kind == Kind.WRITE && (formula == null || target == null)) {
            throw new ModelException(where, formula == null ? "formula" : "target", "a write method needs a formula and a target tag");
        }
        if (kind == Kind.PROGRAM && (program == null || program.isBlank())) {
            throw new ModelException(where, "program", "a program method needs the path of an executable");
        }
        if (timeoutMillis > 3_600_000) {
            throw new ModelException(where, "timeoutMillis", "must be at most one hour");
        }
        if (limit > 1000) {
            throw new ModelException(where, "limit", "must be at most 1000");
        }
    }
}
