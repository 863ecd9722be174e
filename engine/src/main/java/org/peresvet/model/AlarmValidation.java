package org.peresvet.model;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks one alarm definition against the tags it refers to; the first problem is thrown as a {@link ModelException}. */
final class AlarmValidation {
    /** The placeholders a message may use. */
    static final Set<String> PLACEHOLDERS = Set.of("value", "units", "limit", "path", "name", "priority");
    static final long MAX_DELAY_MILLIS = 86_400_000L;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private AlarmValidation() {
    }

    static void check(AlarmDef a, Map<UUID, TagDef> tags, String where) {
        TagDef tag = a.tagId() == null ? null : tags.get(a.tagId());
        if (tag == null) {
            throw new ModelException(where, "tag", "an alarm must belong to an existing tag");
        }
        AlarmKind k = a.kind();
        if (k.isNumeric() && !tag.type().isNumeric()) {
            throw new ModelException(where, "kind", "a " + k.label() + " alarm needs a numeric tag; this tag is a " + tag.type().label());
        }
        boolean usesLimit = k.isNumeric();
        if (usesLimit) {
            if (a.limit() == null || !Double.isFinite(a.limit())) {
                throw new ModelException(where, "limit", "a " + k.label() + " alarm needs a finite number as its limit");
            }
            if ((k == AlarmKind.RATE || k == AlarmKind.DEVIATION) && a.limit() < 0) {
                throw new ModelException(where, "limit", "must be zero or positive for a " + k.label() + " alarm");
            }
        } else if (a.limit() != null) {
            throw new ModelException(where, "limit", "a " + k.label() + " alarm has no limit");
        }
        if (k == AlarmKind.DEVIATION) {
            TagDef sp = a.setpointTagId() == null ? null : tags.get(a.setpointTagId());
            if (sp == null) {
                throw new ModelException(where, "setpoint", a.setpointTagId() == null ? "a deviation alarm needs a setpoint tag"
                        : "setpoint tag " + a.setpointTagId() + " does not exist");
            }
            if (!sp.type().isNumeric()) {
                throw new ModelException(where, "setpoint", "the setpoint tag must be numeric; it is a " + sp.type().label());
            }
            if (sp.id().equals(tag.id())) {
                throw new ModelException(where, "setpoint", "a tag cannot be its own setpoint");
            }
        } else if (a.setpointTagId() != null) {
            throw new ModelException(where, "setpoint", "only a deviation alarm has a setpoint tag");
        }
        if (k == AlarmKind.DISCRETE_EQUALS || k == AlarmKind.DISCRETE_DIFFERS) {
            if (a.value() == null) {
                throw new ModelException(where, "value", "a " + k.label() + " alarm needs the value to compare with");
            }
            try {
                tag.type().coerce(a.value());
            } catch (IllegalArgumentException e) {
                throw new ModelException(where, "value", e.getMessage());
            }
        } else if (a.value() != null) {
            throw new ModelException(where, "value", "only equals and differs alarms compare with a value");
        }
        if (k == AlarmKind.EXPRESSION) {
            if (a.expression() == null) {
                throw new ModelException(where, "expression", "an expression alarm needs an expression");
            }
            if (a.expression().length() > 4000) {
                throw new ModelException(where, "expression", "must be at most 4000 characters");
            }
        } else if (a.expression() != null) {
            throw new ModelException(where, "expression", "only an expression alarm has an expression");
        }
        if (!Double.isFinite(a.deadband()) || a.deadband() < 0) {
            throw new ModelException(where, "deadband", "must be zero or a positive number");
        }
        if (a.deadband() > 0 && !usesLimit) {
            throw new ModelException(where, "deadband", "only numeric alarms (limits, deviation, rate) have a deadband");
        }
        checkDelay(a.onDelayMillis(), "onDelay", where);
        checkDelay(a.offDelayMillis(), "offDelay", where);
        if (a.latching() && a.autoAck()) {
            throw new ModelException(where, "autoAck", "a latching alarm waits for an operator; it cannot be acknowledged automatically");
        }
        if (a.suppressionTagId() != null) {
            if (!tags.containsKey(a.suppressionTagId())) {
                throw new ModelException(where, "suppressedBy", "suppression tag " + a.suppressionTagId() + " does not exist");
            }
            if (a.suppressionTagId().equals(tag.id())) {
                throw new ModelException(where, "suppressedBy", "a tag cannot suppress its own alarms");
            }
        }
        Names.checkText(a.message(), where, "message");
        Names.checkText(a.expression(), where, "expression");
        if (a.value() instanceof String text) {
            Names.checkText(text, where, "value");
        }
        if (a.message().length() > 1000) {
            throw new ModelException(where, "message", "must be at most 1000 characters");
        }
        Matcher m = PLACEHOLDER.matcher(a.message());
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new ModelException(where, "message", "unknown placeholder {" + m.group(1)
                        + "} (known: {value}, {units}, {limit}, {path}, {name}, {priority})");
            }
        }
    }

    private static void checkDelay(long millis, String field, String where) {
        if (millis < 0 || millis > MAX_DELAY_MILLIS) {
            throw new ModelException(where, field, "must be between 0 and " + MAX_DELAY_MILLIS + " ms (one day)");
        }
    }
}
