package org.peresvet.screen;

import java.util.List;
import java.util.Objects;

/**
 * One property of a widget type: its name, type and default. A property whose value equals the
 * default is not stored (files write only what differs), so a default may change between versions
 * only on purpose.
 *
 * @param name         the JSON key, a short camelCase word
 * @param type         the value type
 * @param defaultValue the default; null only for a NUMBER that is "not set" by default
 * @param choices      the allowed values of a CHOICE property; empty otherwise
 */
public record PropertyDef(String name, PropertyType type, Object defaultValue, List<String> choices) {

    public PropertyDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        if (defaultValue == null && type != PropertyType.NUMBER) {
            throw new IllegalArgumentException(name + ": only a number may default to \"not set\"");
        }
        if (type == PropertyType.CHOICE && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException(name + ": the default must be one of the choices");
        }
        if (defaultValue instanceof List<?> l) {
            defaultValue = List.copyOf(l);
        }
    }

    public static PropertyDef number(String name, Double dflt) {
        return new PropertyDef(name, PropertyType.NUMBER, dflt, List.of());
    }

    public static PropertyDef bool(String name, boolean dflt) {
        return new PropertyDef(name, PropertyType.BOOLEAN, dflt, List.of());
    }

    public static PropertyDef text(String name, String dflt) {
        return new PropertyDef(name, PropertyType.TEXT, dflt, List.of());
    }

    public static PropertyDef choice(String name, String dflt, String... choices) {
        return new PropertyDef(name, PropertyType.CHOICE, dflt, List.of(choices));
    }

    public static PropertyDef points(String name) {
        return new PropertyDef(name, PropertyType.POINTS, List.of(), List.of());
    }

    /**
     * The value in its canonical form (numbers as Double, points as an immutable list), or an
     * {@link IllegalArgumentException} saying why it does not fit. Null means the default.
     */
    public Object normalize(Object value) {
        if (value == null) {
            return defaultValue;
        }
        switch (type) {
            case NUMBER -> {
                if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw new IllegalArgumentException(name + ": must be a finite number");
                }
                return n.doubleValue();
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    throw new IllegalArgumentException(name + ": must be true or false");
                }
                return value;
            }
            case TEXT -> {
                if (!(value instanceof String)) {
                    throw new IllegalArgumentException(name + ": must be a text");
                }
                return value;
            }
            case CHOICE -> {
                if (!(value instanceof String s) || !choices.contains(s)) {
                    throw new IllegalArgumentException(name + ": must be one of " + String.join(", ", choices));
                }
                return value;
            }
            case POINTS -> {
                if (!(value instanceof List<?> l) || l.size() % 2 != 0) {
                    throw new IllegalArgumentException(name + ": must be a list of x, y numbers (an even count)");
                }
                Double[] out = new Double[l.size()];
                for (int i = 0; i < out.length; i++) {
                    if (!(l.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                        throw new IllegalArgumentException(name + ": point " + i / 2 + " must be finite numbers");
                    }
                    out[i] = n.doubleValue();
                }
                return List.of(out);
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    /** Whether {@code value} (canonical) is the default, so it is not stored. */
    public boolean isDefault(Object value) {
        return Objects.equals(value, defaultValue);
    }
}
