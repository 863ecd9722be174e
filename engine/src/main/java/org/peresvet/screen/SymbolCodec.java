package org.peresvet.screen;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.ModelException;
import org.peresvet.model.io.JsonFields;
import org.peresvet.model.io.StrictJson;

/**
 * A library symbol to and from the JSON body of its document, like {@link ScreenCodec} (the
 * widgets are written by it): only what differs from the defaults, in a fixed order, strict on
 * reading.
 *
 * <pre>{"width":120,"height":90,"parameters":["obj","name"],"widgets":[{"id":"pump1","type":"pump",
 *   "text":"$(name)","bind":{"running":{"tag":"$(obj)/Running"}}}]}</pre>
 */
public final class SymbolCodec {
    private static final Set<String> KEYS = Set.of("width", "height", "parameters", "widgets");
    private static final JsonFields FIELDS = JsonFields.MODEL;

    private SymbolCodec() {
    }

    /** The body of {@code symbol}'s document. */
    public static String write(SymbolDef symbol) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = StrictJson.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            if (symbol.width() != SymbolDef.DEFAULT_SIZE) {
                g.writeNumberField("width", symbol.width());
            }
            if (symbol.height() != SymbolDef.DEFAULT_SIZE) {
                g.writeNumberField("height", symbol.height());
            }
            if (!symbol.parameters().isEmpty()) {
                g.writeArrayFieldStart("parameters");
                for (String p : symbol.parameters()) {
                    g.writeString(p);
                }
                g.writeEndArray();
            }
            if (!symbol.widgets().isEmpty()) {
                ScreenCodec.writeWidgets(g, symbol.widgets());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The symbol in {@code body}, with the document's id and name.
     *
     * @throws ModelException naming the JSON path of the first problem
     */
    public static SymbolDef read(UUID id, String name, String body) {
        JsonNode root;
        try {
            root = StrictJson.read(body);
        } catch (RuntimeException e) {
            throw new ModelException("symbol " + name, null, "not JSON: " + e.getMessage());
        }
        FIELDS.object(root, "$", KEYS);
        int width = (int) ScreenCodec.bounded(root, "width", "$", SymbolDef.DEFAULT_SIZE);
        int height = (int) ScreenCodec.bounded(root, "height", "$", SymbolDef.DEFAULT_SIZE);
        List<String> params = new ArrayList<>();
        JsonNode p = root.get("parameters");
        if (p != null && !p.isNull()) {
            if (!p.isArray()) {
                throw new ModelException("$.parameters", null, "must be an array of names");
            }
            for (int i = 0; i < p.size(); i++) {
                if (!p.get(i).isTextual()) {
                    throw new ModelException("$.parameters[" + i + "]", null, "must be a name");
                }
                params.add(p.get(i).textValue());
            }
        }
        List<WidgetDef> widgets = ScreenCodec.readWidgets(root.get("widgets"), "$.widgets", 0, new int[1]);
        try {
            return new SymbolDef(id, name, width, height, params, widgets);
        } catch (IllegalArgumentException e) {
            throw new ModelException("$", null, e.getMessage());
        }
    }
}
