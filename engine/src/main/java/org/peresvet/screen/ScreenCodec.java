package org.peresvet.screen;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.ModelException;
import org.peresvet.model.io.JsonFields;
import org.peresvet.model.io.StrictJson;

/**
 * A screen to and from the JSON body of its document. The writer puts only what differs from the
 * defaults, in a fixed order (screen fields; per widget id, type, properties in the type's order,
 * {@code bind}, {@code command}, {@code macros} by name, {@code children}), so writing what was
 * read gives the same bytes and files diff well. The reader is strict: unknown keys, types and
 * properties and values of the wrong type are refused with the JSON path.
 *
 * <pre>{"width":800,"level":2,"widgets":[{"id":"p1","type":"pump","x":40,"y":60,"text":"$(pump)",
 *   "bind":{"running":{"tag":"/Station/$(pump)/Running"}},"macros":{"pump":"P1"}}]}</pre>
 */
public final class ScreenCodec {
    /** More nesting than this is refused (groups in groups). */
    public static final int MAX_GROUP_DEPTH = 32;
    /** More widgets than this in one screen are refused. */
    public static final int MAX_WIDGETS = 50_000;

    private static final Set<String> SCREEN_KEYS = Set.of("width", "height", "background", "level", "home", "widgets");
    private static final Set<String> BINDING_KEYS = Set.of("tag", "expr");
    private static final Set<String> COMMAND_KEYS = Set.of("tag", "value");
    private static final JsonFields FIELDS = JsonFields.MODEL;

    private ScreenCodec() {
    }

    /** The body of {@code screen}'s document. */
    public static String write(ScreenDef screen) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = StrictJson.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            if (screen.width() != ScreenDef.DEFAULT_WIDTH) {
                g.writeNumberField("width", screen.width());
            }
            if (screen.height() != ScreenDef.DEFAULT_HEIGHT) {
                g.writeNumberField("height", screen.height());
            }
            if (!screen.background().equals(ScreenDef.DEFAULT_BACKGROUND)) {
                g.writeStringField("background", screen.background());
            }
            if (screen.level() != 1) {
                g.writeNumberField("level", screen.level());
            }
            if (screen.home()) {
                g.writeBooleanField("home", true);
            }
            if (!screen.widgets().isEmpty()) {
                writeWidgets(g, screen.widgets());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A {@code widgets} array field (also a library symbol's). */
    static void writeWidgets(JsonGenerator g, List<WidgetDef> widgets) throws IOException {
        g.writeArrayFieldStart("widgets");
        for (WidgetDef w : widgets) {
            writeWidget(g, w);
        }
        g.writeEndArray();
    }

    private static void writeWidget(JsonGenerator g, WidgetDef w) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", w.id());
        g.writeStringField("type", w.type());
        for (Map.Entry<String, Object> e : w.properties().entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        if (!w.bindings().isEmpty()) {
            g.writeObjectFieldStart("bind");
            for (Map.Entry<String, Binding> e : w.bindings().entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField(e.getValue().isTag() ? "tag" : "expr", e.getValue().source());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        if (w.command() != null) {
            g.writeObjectFieldStart("command");
            g.writeStringField("tag", w.command().tag());
            if (w.command().value() != null) {
                g.writeStringField("value", w.command().value());
            }
            g.writeEndObject();
        }
        if (!w.macros().isEmpty()) {
            g.writeObjectFieldStart("macros");
            for (Map.Entry<String, String> e : w.macros().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (!w.children().isEmpty()) {
            g.writeArrayFieldStart("children");
            for (WidgetDef c : w.children()) {
                writeWidget(g, c);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Double d) {
            writeNumber(g, d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeNumber(g, (Double) o);
            }
            g.writeEndArray();
        } else {
            throw new IllegalStateException("unexpected property value " + v);
        }
    }

    /** Whole numbers without a fraction ("40", not "40.0"): shorter, and read back to the same double. */
    private static void writeNumber(JsonGenerator g, double d) throws IOException {
        if (d == Math.rint(d) && Math.abs(d) < 1e15 && !(d == 0 && 1 / d < 0)) {
            g.writeNumber((long) d);
        } else {
            g.writeNumber(d);
        }
    }

    /**
     * The screen in {@code body}, with the document's id and name.
     *
     * @throws ModelException naming the JSON path of the first problem
     */
    public static ScreenDef read(UUID id, String name, String body) {
        JsonNode root;
        try {
            root = StrictJson.read(body);
        } catch (RuntimeException e) {
            throw new ModelException("screen " + name, null, "not JSON: " + e.getMessage());
        }
        return read(id, name, root);
    }

    /** The screen in an already parsed body (e.g. from the project JSON). */
    public static ScreenDef read(UUID id, String name, JsonNode root) {
        FIELDS.object(root, "$", SCREEN_KEYS);
        int width = (int) bounded(root, "width", "$", ScreenDef.DEFAULT_WIDTH);
        int height = (int) bounded(root, "height", "$", ScreenDef.DEFAULT_HEIGHT);
        String background = FIELDS.text(root, "background", "$", ScreenDef.DEFAULT_BACKGROUND);
        int level = (int) bounded(root, "level", "$", 1);
        boolean home = FIELDS.bool(root, "home", "$", false);
        int[] count = {0};
        List<WidgetDef> widgets = readWidgets(root.get("widgets"), "$.widgets", 0, count);
        try {
            return new ScreenDef(id, name, width, height, background, level, home, widgets);
        } catch (IllegalArgumentException e) {
            throw new ModelException("$", null, e.getMessage());
        }
    }

    static long bounded(JsonNode n, String key, String p, long dflt) {
        long v = FIELDS.integer(n, key, p, dflt);
        if (v < 0 || v > ScreenDef.MAX_SIZE) {
            throw new ModelException(JsonFields.path(p, key), null, "must be 0 to " + ScreenDef.MAX_SIZE);
        }
        return v;
    }

    /** A {@code widgets} array (also a library symbol's); {@code count} counts the widgets read so far. */
    static List<WidgetDef> readWidgets(JsonNode arr, String p, int depth, int[] count) {
        if (arr == null || arr.isNull()) {
            return List.of();
        }
        if (!arr.isArray()) {
            throw new ModelException(p, null, "must be an array");
        }
        if (depth > MAX_GROUP_DEPTH) {
            throw new ModelException(p, null, "groups nest deeper than " + MAX_GROUP_DEPTH);
        }
        List<WidgetDef> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            if (++count[0] > MAX_WIDGETS) {
                throw new ModelException(p, null, "more than " + MAX_WIDGETS + " widgets");
            }
            out.add(readWidget(arr.get(i), p + "[" + i + "]", depth, count));
        }
        return out;
    }

    private static WidgetDef readWidget(JsonNode n, String p, int depth, int[] count) {
        if (n == null || !n.isObject()) {
            throw new ModelException(p, null, "must be an object");
        }
        String id = FIELDS.text(n, "id", p, true);
        String typeName = FIELDS.text(n, "type", p, true);
        WidgetType type = WidgetTypes.standard().get(typeName);
        if (type == null) {
            throw new ModelException(JsonFields.path(p, "type"), null, "unknown widget type " + typeName
                    + " (known: " + String.join(", ", WidgetTypes.standard().all().stream().map(WidgetType::name).sorted().toList()) + ")");
        }
        Map<String, Object> props = new HashMap<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (WidgetType.RESERVED.contains(k)) {
                continue;
            }
            PropertyDef def = type.property(k);
            if (def == null) {
                throw new ModelException(JsonFields.path(p, k), null, "a " + typeName + " has no such property (known: "
                        + String.join(", ", type.propertyNames()) + ")");
            }
            props.put(k, value(def, n.get(k), JsonFields.path(p, k)));
        }
        Map<String, Binding> bindings = new LinkedHashMap<>();
        JsonNode bind = n.get("bind");
        if (bind != null && !bind.isNull()) {
            FIELDS.object(bind, JsonFields.path(p, "bind"), Set.copyOf(type.propertyNames()));
            for (Iterator<Map.Entry<String, JsonNode>> it = bind.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                bindings.put(e.getKey(), binding(e.getValue(), JsonFields.path(JsonFields.path(p, "bind"), e.getKey())));
            }
        }
        CommandDef command = null;
        JsonNode c = n.get("command");
        if (c != null && !c.isNull()) {
            String cp = JsonFields.path(p, "command");
            FIELDS.object(c, cp, COMMAND_KEYS);
            try {
                command = new CommandDef(FIELDS.text(c, "tag", cp, true), FIELDS.text(c, "value", cp, false));
            } catch (IllegalArgumentException e) {
                throw new ModelException(cp, null, e.getMessage());
            }
        }
        Map<String, String> macros = new LinkedHashMap<>();
        JsonNode m = n.get("macros");
        if (m != null && !m.isNull()) {
            String mp = JsonFields.path(p, "macros");
            if (!m.isObject()) {
                throw new ModelException(mp, null, "must be an object");
            }
            for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                macros.put(k, FIELDS.text(m, k, mp, true));
            }
        }
        List<WidgetDef> children = readWidgets(n.get("children"), JsonFields.path(p, "children"), depth + 1, count);
        try {
            return new WidgetDef(id, typeName, props, bindings, command, macros, children);
        } catch (IllegalArgumentException e) {
            throw new ModelException(p, null, e.getMessage());
        }
    }

    private static Binding binding(JsonNode n, String p) {
        FIELDS.object(n, p, BINDING_KEYS);
        String tag = FIELDS.text(n, "tag", p, false);
        String expr = FIELDS.text(n, "expr", p, false);
        try {
            return new Binding(tag, expr);
        } catch (IllegalArgumentException e) {
            throw new ModelException(p, null, e.getMessage());
        }
    }

    private static Object value(PropertyDef def, JsonNode v, String p) {
        if (v.isNull()) {
            return null;
        }
        Object raw = switch (def.type()) {
            case NUMBER -> v.isNumber() ? (Object) v.doubleValue() : v;
            case BOOLEAN -> v.isBoolean() ? (Object) v.booleanValue() : v;
            case TEXT, CHOICE -> v.isTextual() ? v.textValue() : v;
            case POINTS -> {
                if (!v.isArray()) {
                    yield v;
                }
                List<Object> pts = new ArrayList<>(v.size());
                v.forEach(x -> pts.add(x.isNumber() ? (Object) x.doubleValue() : x));
                yield pts;
            }
        };
        try {
            return def.normalize(raw);
        } catch (IllegalArgumentException e) {
            throw new ModelException(p, null, e.getMessage().substring(def.name().length() + 2));
        }
    }
}
