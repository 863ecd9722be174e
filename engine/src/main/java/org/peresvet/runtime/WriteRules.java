package org.peresvet.runtime;

import java.util.UUID;
import java.util.function.Supplier;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/**
 * The one set of rules a written value passes, whether it goes into the pipeline (an operator, the
 * API, a method) or out to a device. A refusal is an {@link IllegalArgumentException} whose
 * message names the tag by its path and says what is wrong. The connector-specific checks (the
 * tag's binding has a command) stay with the connectors; everything about the tag and the value
 * is here.
 */
public final class WriteRules {

    /** Where the value goes: a device gets stricter checks than the pipeline. */
    public enum Target {
        /** Into the engine loop: the tag must not be calculated. */
        PIPELINE,
        /** To the device behind a connector: a value is required, finite and within the tag's min/max. */
        DEVICE
    }

    private WriteRules() {
    }

    /**
     * The tag a value is written to: it exists and is enabled, and for the pipeline it is not
     * calculated.
     *
     * @throws IllegalArgumentException naming the tag and the problem
     */
    public static TagDef tag(ModelSnapshot m, UUID tagId, Target target) {
        TagDef t = tagId == null ? null : m.tag(tagId);
        if (t == null) {
            throw new IllegalArgumentException("unknown tag " + tagId);
        }
        if (!t.enabled()) {
            throw new IllegalArgumentException("tag " + m.tagPath(t.id()) + " is disabled");
        }
        if (target == Target.PIPELINE && t.calculated()) {
            throw new IllegalArgumentException("tag " + m.tagPath(t.id())
                    + " is calculated by its formula and cannot be written; write to its inputs instead");
        }
        return t;
    }

    /**
     * The value converted to the tag's type (the same object when it already fits).
     *
     * @param path the tag's path, for the message; asked only when the value is refused (building a
     *             path for every sample of a batch costs the pipeline measurably)
     * @throws IllegalArgumentException naming the tag and the problem
     */
    public static Object value(TagDef t, Supplier<String> path, Object value, Target target) {
        if (target == Target.DEVICE && value == null) {
            throw new IllegalArgumentException("tag " + path.get() + ": a device cannot be sent an empty value");
        }
        Object v;
        try {
            v = t.type().coerce(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tag " + path.get() + ": " + e.getMessage());
        }
        if (target == Target.DEVICE) {
            if (v instanceof Double d && !Double.isFinite(d)) {
                throw new IllegalArgumentException("tag " + path.get() + ": " + d + " is not a finite number");
            }
            if (v instanceof Number n) {
                if (t.min() != null && n.doubleValue() < t.min()) {
                    throw new IllegalArgumentException("tag " + path.get() + ": " + v + " is below the minimum " + t.min());
                }
                if (t.max() != null && n.doubleValue() > t.max()) {
                    throw new IllegalArgumentException("tag " + path.get() + ": " + v + " is above the maximum " + t.max());
                }
            }
        }
        return v;
    }
}
