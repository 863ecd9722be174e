package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.engine.Engine;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenCheck;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;

/**
 * {@code GET /v1/screens/} (every screen's id, name, size, level, home flag, widget count and how
 * many problems the screen check finds) and {@code GET /v1/screens/{id}} (the screen: those fields,
 * its stored body under {@code screen} and the problems as text, e.g. a binding to a missing tag).
 * A user who reads only some subtrees sees the screens whose every tag and object lies in them.
 */
public final class ScreenEndpoint {
    private final Engine engine;

    public ScreenEndpoint(Engine engine) {
        this.engine = engine;
    }

    public void list(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        List<ScreenDef> all = ScreenDocuments.all(m);
        List<String> names = all.stream().map(ScreenDef::name).toList();
        ReadScope scope = ReadScope.of(call, engine);
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (ScreenDef s : all) {
            if (!scope.screen(m, s)) {
                continue; // it shows something outside the user's subtrees
            }
            summary(arr.addObject(), s).put("problems", ScreenCheck.problems(m, s, names).size());
        }
        ObjectNode doc = Json.object();
        doc.set("screens", arr);
        call.sendJson(200, doc);
    }

    public void get(Call call) throws IOException {
        call.checkParams(Set.of());
        UUID id = Resolve.id(call.pathParam("id"), "id");
        ModelSnapshot m = engine.model();
        ScreenDef s = ScreenDocuments.get(m, id).orElseThrow(() -> ApiError.notFound("id", "unknown screen " + id));
        ReadScope.of(call, engine).requireScreen(m, s);
        List<String> names = ScreenDocuments.all(m).stream().map(ScreenDef::name).toList();
        ObjectNode doc = summary(Json.object(), s);
        doc.set("screen", Json.parse(ScreenDocuments.document(s).body(), "screen"));
        ArrayNode problems = doc.putArray("problems");
        ScreenCheck.problems(m, s, names).forEach(p -> problems.add(p.toString()));
        call.sendJson(200, doc);
    }

    private static ObjectNode summary(ObjectNode n, ScreenDef s) {
        n.put("id", s.id().toString());
        n.put("name", s.name());
        n.put("width", s.width());
        n.put("height", s.height());
        n.put("level", s.level());
        n.put("home", s.home());
        n.put("widgets", s.allWidgets().size());
        return n;
    }
}
