package org.peresvet.screen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A kind of widget: its name (the {@code type} in JSON), the category an editor's palette groups it
 * under, and its properties in the order they are written. Every type has the common properties
 * (geometry, style class, visibility, tooltip) first; see {@link WidgetTypes}.
 *
 * @param container true for a group, the one type that holds children
 */
public record WidgetType(String name, String category, List<PropertyDef> properties, boolean container) {

    /** JSON keys of a widget that are not properties; no property may use them. */
    public static final Set<String> RESERVED = Set.of("id", "type", "bind", "command", "macros", "children");

    public WidgetType {
        Objects.requireNonNull(name, "name");
        properties = List.copyOf(properties);
        Map<String, PropertyDef> seen = new LinkedHashMap<>();
        for (PropertyDef p : properties) {
            if (RESERVED.contains(p.name()) || seen.put(p.name(), p) != null) {
                throw new IllegalArgumentException(name + ": property name " + p.name() + " is reserved or repeated");
            }
        }
    }

    /** The property called {@code name}, or null. */
    public PropertyDef property(String name) {
        for (PropertyDef p : properties) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The names of the properties, in order. */
    public List<String> propertyNames() {
        return properties.stream().map(PropertyDef::name).toList();
    }
}
