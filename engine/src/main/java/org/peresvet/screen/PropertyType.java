package org.peresvet.screen;

import java.util.List;

/**
 * The type of a widget property, which fixes its Java value class and its JSON form:
 * NUMBER a finite {@code Double} (JSON number; a property may default to null, meaning "not set"),
 * BOOLEAN a {@code Boolean}, TEXT a {@code String}, CHOICE a {@code String} from the property's
 * choices, POINTS an immutable {@code List<Double>} of x,y pairs (JSON array of numbers).
 */
public enum PropertyType {
    NUMBER(Double.class),
    BOOLEAN(Boolean.class),
    TEXT(String.class),
    CHOICE(String.class),
    POINTS(List.class);

    private final Class<?> valueClass;

    PropertyType(Class<?> valueClass) {
        this.valueClass = valueClass;
    }

    /** The Java class of a value of this type. */
    public Class<?> valueClass() {
        return valueClass;
    }
}
