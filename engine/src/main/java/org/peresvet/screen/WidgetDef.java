package org.peresvet.screen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One widget of a screen, immutable: a type from {@link WidgetTypes#standard()} plus the
 * properties that differ from the type's defaults, bindings of properties to tags or expressions,
 * an optional command, macros for itself and its children, and (for a group) children.
 *
 * <p>Values are canonical: a property set to its default is dropped, maps keep the type's
 * property order (macros sorted by name), so two equal widgets write the same bytes. Change one
 * with the {@code with…} methods, which return a new widget.
 *
 * @param id         unique within the screen: letters, digits, '_', '-', '.'; at most 64 characters
 * @param properties the non-default properties (read any property with {@link #get(String)})
 * @param bindings   by property name; a bound property's stored value is what shows until the
 *                   first live value
 * @param command    what the widget writes, or null
 */
public record WidgetDef(String id, String type, Map<String, Object> properties, Map<String, Binding> bindings,
                        CommandDef command, Map<String, String> macros, List<WidgetDef> children) {

    public WidgetDef {
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("widget id " + id + ": use 1 to 64 letters, digits, '_', '-' or '.'");
        }
        WidgetType t = WidgetTypes.standard().get(type);
        if (t == null) {
            throw new IllegalArgumentException("widget " + id + ": unknown type " + type);
        }
        properties = canonicalProperties(id, t, properties == null ? Map.of() : properties);
        bindings = canonicalBindings(id, t, bindings == null ? Map.of() : bindings);
        Map<String, String> m = new TreeMap<>(macros == null ? Map.of() : macros);
        m.forEach((k, v) -> {
            if (!Macros.validName(k) || v == null) {
                throw new IllegalArgumentException("widget " + id + ": macro " + k + " needs a name of letters, digits, '_' or '-' and a value");
            }
        });
        macros = Collections.unmodifiableMap(new LinkedHashMap<>(m));
        children = List.copyOf(children == null ? List.of() : children);
        if (!children.isEmpty() && !t.container()) {
            throw new IllegalArgumentException("widget " + id + ": a " + type + " has no children");
        }
    }

    /** A widget of {@code type} with every property at its default. */
    public static WidgetDef of(String id, String type) {
        return new WidgetDef(id, type, Map.of(), Map.of(), null, Map.of(), List.of());
    }

    /** A group holding {@code children}. */
    public static WidgetDef group(String id, List<WidgetDef> children) {
        return new WidgetDef(id, WidgetTypes.GROUP, Map.of(), Map.of(), null, Map.of(), children);
    }

    private static Map<String, Object> canonicalProperties(String id, WidgetType t, Map<String, Object> given) {
        for (String k : given.keySet()) {
            if (t.property(k) == null) {
                throw new IllegalArgumentException("widget " + id + ": a " + t.name() + " has no property " + k);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (PropertyDef p : t.properties()) {
            if (given.containsKey(p.name())) {
                Object v;
                try {
                    v = p.normalize(given.get(p.name()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("widget " + id + ": " + e.getMessage(), e);
                }
                if (!p.isDefault(v)) {
                    out.put(p.name(), v);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Binding> canonicalBindings(String id, WidgetType t, Map<String, Binding> given) {
        for (Map.Entry<String, Binding> e : given.entrySet()) {
            if (t.property(e.getKey()) == null || e.getValue() == null) {
                throw new IllegalArgumentException("widget " + id + ": cannot bind " + e.getKey() + " (a " + t.name() + " has no such property)");
            }
        }
        Map<String, Binding> out = new LinkedHashMap<>();
        for (PropertyDef p : t.properties()) {
            if (given.containsKey(p.name())) {
                out.put(p.name(), given.get(p.name()));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The widget's type. */
    public WidgetType widgetType() {
        return WidgetTypes.standard().get(type);
    }

    /** A property's value, the default when not set; null for a number that is not set. */
    public Object get(String property) {
        PropertyDef p = widgetType().property(property);
        if (p == null) {
            throw new IllegalArgumentException("a " + type + " has no property " + property);
        }
        return properties.containsKey(property) ? properties.get(property) : p.defaultValue();
    }

    /** A NUMBER property; null when not set. */
    public Double number(String property) {
        return (Double) get(property);
    }

    /** A NUMBER property, {@code dflt} when not set. */
    public double number(String property, double dflt) {
        Double v = number(property);
        return v == null ? dflt : v;
    }

    public boolean bool(String property) {
        return (Boolean) get(property);
    }

    /** A TEXT or CHOICE property. */
    public String text(String property) {
        return (String) get(property);
    }

    /** A POINTS property as x0, y0, x1, y1, … */
    @SuppressWarnings("unchecked")
    public List<Double> points(String property) {
        return (List<Double>) get(property);
    }

    /** The binding of a property, or null. */
    public Binding binding(String property) {
        return bindings.get(property);
    }

    /** A copy with {@code property} set ({@code null} or the default removes it). */
    public WidgetDef with(String property, Object value) {
        Map<String, Object> p = new HashMap<>(properties);
        p.put(property, value);
        return new WidgetDef(id, type, p, bindings, command, macros, children);
    }

    /** A copy placed at x, y. */
    public WidgetDef at(double x, double y) {
        return with("x", x).with("y", y);
    }

    /** A copy sized w by h. */
    public WidgetDef size(double w, double h) {
        return with("width", w).with("height", h);
    }

    /** A copy with {@code property} bound (null unbinds). */
    public WidgetDef bind(String property, Binding binding) {
        Map<String, Binding> b = new HashMap<>(bindings);
        if (binding == null) {
            b.remove(property);
        } else {
            b.put(property, binding);
        }
        return new WidgetDef(id, type, properties, b, command, macros, children);
    }

    /** A copy with {@code property} bound to the tag at {@code path}. */
    public WidgetDef bindTag(String property, String path) {
        return bind(property, Binding.tag(path));
    }

    public WidgetDef withCommand(CommandDef c) {
        return new WidgetDef(id, type, properties, bindings, c, macros, children);
    }

    /** A copy with macro {@code name} set to {@code value} (null removes it). */
    public WidgetDef withMacro(String name, String value) {
        Map<String, String> m = new HashMap<>(macros);
        if (value == null) {
            m.remove(name);
        } else {
            m.put(name, value);
        }
        return new WidgetDef(id, type, properties, bindings, command, m, children);
    }

    public WidgetDef withChildren(List<WidgetDef> c) {
        return new WidgetDef(id, type, properties, bindings, command, macros, c);
    }

    public WidgetDef withId(String newId) {
        return new WidgetDef(newId, type, properties, bindings, command, macros, children);
    }

    /**
     * This widget with its macros and {@code inherited} (its groups' macros; its own win) filled
     * into text properties, bindings and the command, recursively into children; a macro's value may
     * itself use the inherited ones ({@code obj=$(a)}). The result has no
     * macros left to apply; a macro without a value stays as written.
     */
    public WidgetDef expand(Map<String, String> inherited) {
        Map<String, String> all = new HashMap<>(inherited);
        // a value may use an outer macro (a symbol inside a symbol passes its own parameter on)
        macros.forEach((k, v) -> all.put(k, Macros.expand(v, inherited)));
        if (all.isEmpty()) {
            return macros.isEmpty() ? this : new WidgetDef(id, type, properties, bindings, command, Map.of(), children);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        properties.forEach((k, v) -> p.put(k, v instanceof String s && widgetType().property(k).type() == PropertyType.TEXT
                ? Macros.expand(s, all) : v));
        Map<String, Binding> b = new LinkedHashMap<>();
        bindings.forEach((k, v) -> b.put(k, v.withSource(Macros.expand(v.source(), all))));
        CommandDef c = command == null ? null : new CommandDef(Macros.expand(command.tag(), all), Macros.expand(command.value(), all));
        List<WidgetDef> kids = new ArrayList<>(children.size());
        for (WidgetDef k : children) {
            kids.add(k.expand(all));
        }
        return new WidgetDef(id, type, p, b, c, Map.of(), kids);
    }
}
