package org.peresvet.alarm.internal;

import java.util.Objects;
import java.util.function.BiConsumer;
import org.peresvet.alarm.AlarmExpressions;
import org.peresvet.alarm.AlarmStateMachine;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;

/** One alarm at run time: its definition, its condition with hysteresis, and its state machine. Loop thread only. */
final class AlarmRuntime {
    AlarmDef def;
    final AlarmStateMachine machine;
    String path;
    String tagPath;
    String objectPath;
    String units;
    /** The compared value of discrete kinds, in the tag's Java form. */
    Object compare;
    AlarmExpressions.Compiled expression;
    /** Why it cannot be evaluated now, or null. */
    String problem;
    /** The last raw condition, for the hysteresis (deadband). */
    boolean raw;
    /** The previous sample, for the rate of change. */
    long prevX = Long.MIN_VALUE;
    double prevY = Double.NaN;
    /** Message rendered at the last activation (what an alarm list shows). */
    String message;
    /** Where the fast path keeps this alarm ({@link LimitTable}): slot and index, or -1. */
    int slot = -1;
    int index = -1;

    AlarmRuntime(AlarmDef def, BiConsumer<AlarmRuntime, AlarmStateMachine.Change> listener) {
        this.def = def;
        this.machine = new AlarmStateMachine(options(def), change -> listener.accept(this, change));
    }

    static AlarmStateMachine.Options options(AlarmDef d) {
        return new AlarmStateMachine.Options(d.onDelayMillis() * Micros.PER_MS, d.offDelayMillis() * Micros.PER_MS,
                d.latching(), d.autoAck());
    }

    /** Takes a (new) definition and the model's names; the state is kept. Returns true when the condition changed. */
    boolean define(AlarmDef d, ModelSnapshot model) {
        boolean conditionChanged = def.kind() != d.kind() || !Objects.equals(def.limit(), d.limit())
                || !Objects.equals(def.setpointTagId(), d.setpointTagId()) || !Objects.equals(def.value(), d.value())
                || def.deadband() != d.deadband();
        def = d;
        machine.options(options(d));
        TagDef tag = model.tag(d.tagId());
        tagPath = model.tagPath(d.tagId());
        path = tagPath + "#" + d.name();
        objectPath = model.objectPath(tag.objectId());
        units = tag.units();
        Object c = null;
        if (d.value() != null) {
            try {
                c = tag.type().coerce(d.value());
            } catch (IllegalArgumentException e) {
                c = d.value();
            }
        }
        compare = c;
        if (conditionChanged) {
            prevX = Long.MIN_VALUE;
            prevY = Double.NaN;
        }
        return conditionChanged;
    }

    /**
     * The raw condition for a sample of the alarm's own tag, or null when the sample cannot tell
     * (no value, bad quality, first sample of a rate): the alarm then keeps its state.
     */
    Boolean condition(Sample s, Sample setpoint) {
        AlarmKind k = def.kind();
        if (k == AlarmKind.BAD_QUALITY) {
            return !Quality.isGood(s.q());
        }
        if (!Quality.isGood(s.q()) || s.y() == null) {
            return null;
        }
        double db = def.deadband();
        switch (k) {
            case HIHI, HI, LO, LOLO -> {
                double v = s.asDouble();
                if (Double.isNaN(v)) {
                    return null;
                }
                double lim = def.limit();
                if (k.isHigh()) {
                    return raw ? v >= lim - db : v > lim;
                }
                return raw ? v <= lim + db : v < lim;
            }
            case DEVIATION -> {
                double v = s.asDouble();
                double sp = setpoint == null || !Quality.isGood(setpoint.q()) ? Double.NaN : setpoint.asDouble();
                if (Double.isNaN(v) || Double.isNaN(sp)) {
                    return null;
                }
                double d = Math.abs(v - sp);
                return raw ? d >= def.limit() - db : d > def.limit();
            }
            case RATE -> {
                double v = s.asDouble();
                if (Double.isNaN(v)) {
                    return null;
                }
                long px = prevX;
                double py = prevY;
                prevX = s.x();
                prevY = v;
                if (px == Long.MIN_VALUE || s.x() <= px) {
                    return null;
                }
                double rate = Math.abs((v - py) / ((s.x() - px) / (double) Micros.PER_SECOND));
                return raw ? rate >= def.limit() - db : rate > def.limit();
            }
            case DISCRETE_EQUALS -> {
                return s.y().equals(compare);
            }
            case DISCRETE_DIFFERS -> {
                return !s.y().equals(compare);
            }
            default -> {
                return null;
            }
        }
    }

    /** Fills the message's placeholders. An empty message gives a default text. */
    String render(Object value) {
        String template = def.message().isEmpty() ? defaultMessage() : def.message();
        if (template.indexOf('{') < 0) {
            return template;
        }
        return template.replace("{value}", value == null ? "null" : format(value))
                .replace("{units}", units == null ? "" : units)
                .replace("{limit}", def.limit() == null ? "" : format(def.limit()))
                .replace("{path}", tagPath == null ? "" : tagPath)
                .replace("{name}", def.name())
                .replace("{priority}", def.priority().label());
    }

    private String defaultMessage() {
        return switch (def.kind()) {
            case HIHI, HI, LO, LOLO -> "{name}: {value} {units} (limit {limit})";
            case DEVIATION -> "{name}: {value} {units} deviates from the setpoint by more than {limit}";
            case RATE -> "{name}: changing faster than {limit} {units}/s";
            case DISCRETE_EQUALS, DISCRETE_DIFFERS -> "{name}: {value}";
            case BAD_QUALITY -> "{name}: bad quality";
            case EXPRESSION -> "{name}";
        };
    }

    static String format(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }
}
