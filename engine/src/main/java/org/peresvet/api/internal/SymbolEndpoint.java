package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.engine.Engine;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.SymbolDef;
import org.peresvet.screen.SymbolDocuments;
import org.peresvet.screen.SymbolLibrary;

/**
 * {@code GET /v1/symbols/} (every library symbol's id, name, size, parameters, widget count and
 * the screens that place it) and {@code GET /v1/symbols/{id}} (those fields and its stored body
 * under {@code symbol}), next to the screens.
 */
public final class SymbolEndpoint {
    private final Engine engine;

    public SymbolEndpoint(Engine engine) {
        this.engine = engine;
    }

    public void list(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        SymbolLibrary library = SymbolLibrary.of(m);
        List<ScreenDef> screens = ScreenDocuments.all(m);
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (SymbolDef s : library.all()) {
            summary(arr.addObject(), s, library, screens);
        }
        ObjectNode doc = Json.object();
        doc.set("symbols", arr);
        call.sendJson(200, doc);
    }

    public void get(Call call) throws IOException {
        call.checkParams(Set.of());
        UUID id = Resolve.id(call.pathParam("id"), "id");
        ModelSnapshot m = engine.model();
        SymbolDef s = SymbolDocuments.get(m, id).orElseThrow(() -> ApiError.notFound("id", "unknown library symbol " + id));
        ObjectNode doc = summary(Json.object(), s, SymbolLibrary.of(m), ScreenDocuments.all(m));
        doc.set("symbol", Json.parse(SymbolDocuments.document(s).body(), "symbol"));
        call.sendJson(200, doc);
    }

    private static ObjectNode summary(ObjectNode n, SymbolDef s, SymbolLibrary library, List<ScreenDef> screens) {
        n.put("id", s.id().toString());
        n.put("name", s.name());
        n.put("width", s.width());
        n.put("height", s.height());
        ArrayNode params = n.putArray("parameters");
        s.parameters().forEach(params::add);
        n.put("widgets", s.asScreen().allWidgets().size());
        ArrayNode used = n.putArray("usedBy");
        library.screensUsing(s.id(), screens).forEach(used::add);
        return n;
    }
}
