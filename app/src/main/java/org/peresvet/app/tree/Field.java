package org.peresvet.app.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.peresvet.model.Numbers;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quoted;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * One editable property of an object or a tag, as shown in the property sheet. {@link #key()} is
 * the name the model uses in {@code ModelException.field()}, so a refusal lands at its field.
 *
 * @param bulk true when the property can be set on many selected items at once (not names)
 */
public record Field<T>(String key, Kind kind, String category, boolean bulk,
                       Function<T, Object> getter, BiFunction<T, Object, T> setter) {

    /** How a value is entered and what Java type it has. */
    public enum Kind {
        /** String. */
        TEXT,
        /** Double, or null when left empty. */
        OPTIONAL_NUMBER,
        /** Double, never null. */
        NUMBER,
        BOOLEAN,
        VALUE_TYPE,
        SOURCE
    }

    public Object get(T item) {
        return getter.apply(item);
    }

    public T set(T item, Object value) {
        return setter.apply(item, value);
    }

    public static final String GENERAL = "general";
    public static final String VALUES = "values";
    public static final String SOURCE_CATEGORY = "source";

    public static final List<Field<ObjectDef>> OBJECT = List.of(
            new Field<>("name", Kind.TEXT, GENERAL, false, ObjectDef::name, (o, v) -> o.withName((String) v)),
            new Field<>("description", Kind.TEXT, GENERAL, true, ObjectDef::description,
                    (o, v) -> o.withDescription((String) v)));

    public static final List<Field<TagDef>> TAG = List.of(
            new Field<>("name", Kind.TEXT, GENERAL, false, TagDef::name, (t, v) -> t.toBuilder().name((String) v).build()),
            new Field<>("description", Kind.TEXT, GENERAL, true, TagDef::description,
                    (t, v) -> t.toBuilder().description((String) v).build()),
            new Field<>("type", Kind.VALUE_TYPE, GENERAL, true, TagDef::type,
                    (t, v) -> t.toBuilder().type((ValueType) v).build()),
            new Field<>("enabled", Kind.BOOLEAN, GENERAL, true, TagDef::enabled,
                    (t, v) -> t.toBuilder().enabled((Boolean) v).build()),
            new Field<>("units", Kind.TEXT, VALUES, true, TagDef::units, (t, v) -> t.toBuilder().units((String) v).build()),
            new Field<>("min", Kind.OPTIONAL_NUMBER, VALUES, true, TagDef::min, (t, v) -> t.toBuilder().min((Double) v).build()),
            new Field<>("max", Kind.OPTIONAL_NUMBER, VALUES, true, TagDef::max, (t, v) -> t.toBuilder().max((Double) v).build()),
            new Field<>("deadband", Kind.NUMBER, VALUES, true, TagDef::deadband,
                    (t, v) -> t.toBuilder().deadband((Double) v).build()),
            new Field<>("step", Kind.BOOLEAN, VALUES, true, TagDef::step, (t, v) -> t.toBuilder().step((Boolean) v).build()),
            new Field<>("update", Kind.BOOLEAN, VALUES, true, TagDef::update,
                    (t, v) -> t.toBuilder().update((Boolean) v).build()),
            new Field<>("defaultValue", Kind.TEXT, VALUES, true, t -> valueText(t.defaultValue()),
                    (t, v) -> t.toBuilder().defaultValue(v == null || ((String) v).isEmpty() ? null : v).build()),
            new Field<>("source", Kind.SOURCE, SOURCE_CATEGORY, true, TagDef::source,
                    (t, v) -> t.toBuilder().source((SourceKind) v).build()),
            new Field<>("sourceConfig", Kind.TEXT, SOURCE_CATEGORY, true, t -> t.sourceConfig() == null ? "" : t.sourceConfig(),
                    (t, v) -> t.toBuilder().sourceConfig(v == null || ((String) v).isBlank() ? null : (String) v).build()));

    static String valueText(Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof JsonNode n ? n.toString() : v.toString();
    }

    /**
     * Turns text typed into the field's value.
     *
     * @throws IllegalArgumentException with the reason, e.g. "'abc' is not a number"
     */
    public Object parse(String text) {
        String s = text == null ? "" : text.strip();
        return switch (kind) {
            case TEXT -> text == null ? "" : text;
            case OPTIONAL_NUMBER -> s.isEmpty() ? null : number(s);
            case NUMBER -> {
                if (s.isEmpty()) {
                    throw new IllegalArgumentException("must not be empty");
                }
                yield number(s);
            }
            case BOOLEAN -> Boolean.parseBoolean(s);
            case VALUE_TYPE -> ValueType.parse(s);
            case SOURCE -> SourceKind.parse(s);
        };
    }

    /** The model's one rule for numbers (finite decimals only); a decimal comma is taken as a dot. */
    private static Double number(String s) {
        try {
            double d = Numbers.parseDouble(s.replace(',', '.'));
            return d == 0 ? 0.0 : d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Quoted.of(s) + (Numbers.isDecimal(s.replace(',', '.'))
                    ? " is not a finite number" : " is not a number"));
        }
    }

    /** The value as the field shows it in a text box. */
    public String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : d.toString();
        }
        if (value instanceof ValueType t) {
            return t.label();
        }
        if (value instanceof SourceKind k) {
            return k.label();
        }
        return value.toString();
    }
}
