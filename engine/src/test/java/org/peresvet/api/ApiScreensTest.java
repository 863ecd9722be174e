package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.screen.Binding;
import org.peresvet.screen.CommandDef;
import org.peresvet.screen.ScreenCodec;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.SymbolCodec;
import org.peresvet.screen.SymbolDef;
import org.peresvet.screen.SymbolDocuments;
import org.peresvet.screen.SymbolLibrary;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/** Screens stored as model documents, served by the API, and counted as references on delete. */
class ApiScreensTest extends ApiTestBase {

    private ScreenDef overview() {
        return ScreenDef.of(UUID.randomUUID(), "Overview").withHome(true).withWidgets(List.of(
                WidgetDef.of("pump", WidgetTypes.PUMP).bindTag("running", "/Station/Pump/Running"),
                WidgetDef.of("level", WidgetTypes.TANK).bind("value", Binding.expression("{/Station/Tank/Level} * 20")),
                WidgetDef.of("start", WidgetTypes.COMMAND).withCommand(new CommandDef("/Station/Tank/Count", "1")),
                WidgetDef.of("ghost", WidgetTypes.VALUE).bindTag("value", "/Station/Nowhere")));
    }

    @Test
    void screensAreListedAndServedWithTheirProblems() {
        ScreenDef o = overview();
        ScreenDef detail = ScreenDef.of(UUID.randomUUID(), "Pump detail").withLevel(3);
        engine.edit(ScreenDocuments.put(o), ScreenDocuments.put(detail));

        Resp list = get("/v1/screens/");
        assertThat(list.status()).isEqualTo(200);
        JsonNode screens = list.json().get("screens");
        assertThat(screens).extracting(n -> n.get("name").asText()).containsExactly("Overview", "Pump detail");
        assertThat(screens.get(0).get("home").asBoolean()).isTrue();
        assertThat(screens.get(0).get("widgets").asInt()).isEqualTo(4);
        assertThat(screens.get(0).get("problems").asInt()).isEqualTo(1);
        assertThat(screens.get(1).get("level").asInt()).isEqualTo(3);

        Resp one = get("/v1/screens/" + o.id());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("screen").toString()).isEqualTo(ScreenCodec.write(o));
        assertThat(one.json().get("problems")).extracting(JsonNode::asText).containsExactly("ghost.value: no tag /Station/Nowhere");
        assertThat(get("/v1/screens/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(get("/v1/screens/not-a-uuid").status()).isEqualTo(400);
        // what the API served is what the model stores
        assertThat(ScreenDocuments.get(engine.model(), o.id())).contains(o);
    }

    @Test
    void aBrokenScreenBodyIsRefusedByTheModel() {
        DocumentDef bad = new DocumentDef(UUID.randomUUID(), ScreenDef.KIND, "Bad", "{\"widgets\":[{\"id\":\"x\",\"type\":\"rocket\"}]}");
        assertThatThrownBy(() -> engine.edit(new ModelEdit.PutDocument(bad)))
                .isInstanceOf(ModelException.class).hasMessageContaining("screen Bad").hasMessageContaining("unknown widget type rocket");
        assertThat(engine.model().documents(ScreenDef.KIND)).isEmpty();
    }

    @Test
    void deletingATagAScreenUsesNamesTheScreen() {
        engine.edit(ScreenDocuments.put(overview()));
        Resp refused = delete("/v1/tags/" + running.id());
        assertThat(refused.status()).isEqualTo(409);
        JsonNode refs = refused.json().get("references");
        assertThat(refs).hasSize(1);
        assertThat(refs.get(0).get("kind").asText()).isEqualTo("screen");
        assertThat(refs.get(0).get("source").asText()).isEqualTo("Overview");
        // a tag inside an expression counts too
        assertThat(delete("/v1/tags/" + level.id()).json().get("references").get(0).get("source").asText()).isEqualTo("Overview");
        assertThat(delete("/v1/tags/" + mode.id()).status()).isEqualTo(200);
    }

    @Test
    void renamingOrMovingWhatAScreenNamesRewritesTheScreenInTheSameEditAndSaysSo() {
        ScreenDef o = overview();
        engine.edit(ScreenDocuments.put(o));
        Resp renamed = patch("/v1/objects/" + pump.id(), "{\"name\": \"Booster\"}");
        assertThat(renamed.status()).isEqualTo(200);
        JsonNode said = renamed.json().get("screensRewritten");
        assertThat(said).hasSize(1);
        assertThat(said.get(0).get("name").asText()).isEqualTo("Overview");
        assertThat(said.get(0).get("places").asInt()).isEqualTo(1);
        ScreenDef after = ScreenDocuments.get(engine.model(), o.id()).orElseThrow();
        assertThat(after.widgets().get(0).binding("running").tag()).isEqualTo("/Station/Booster/Running");
        // a tag inside an expression and a command's tag follow a tag rename
        Resp tag = patch("/v1/tags/" + level.id(), "{\"name\": \"Height\"}");
        assertThat(tag.json().get("screensRewritten").get(0).get("places").asInt()).isEqualTo(1);
        after = ScreenDocuments.get(engine.model(), o.id()).orElseThrow();
        assertThat(after.widgets().get(1).binding("value").expression()).isEqualTo("{/Station/Tank/Height} * 20");
        // a move too; an edit that changes no path rewrites nothing and says nothing
        Resp moved = post("/v1/tags/" + running.id() + "/move", "{\"objectId\": \"/Station/Tank\"}");
        assertThat(moved.json().get("screensRewritten")).hasSize(1);
        assertThat(ScreenDocuments.get(engine.model(), o.id()).orElseThrow().widgets().get(0).binding("running").tag())
                .isEqualTo("/Station/Tank/Running");
        assertThat(patch("/v1/tags/" + level.id(), "{\"units\": \"m\"}").json().has("screensRewritten")).isFalse();
        // the bindings still resolve: the screen's only problem is the one it had
        assertThat(get("/v1/screens/" + o.id()).json().get("problems")).extracting(JsonNode::asText)
                .containsExactly("ghost.value: no tag /Station/Nowhere");
    }

    @Test
    void librarySymbolsAreServedNextToScreensWithTheScreensPlacingThem() {
        SymbolDef pump = new SymbolDef(UUID.randomUUID(), "Pump symbol", 60, 80, List.of("obj"), List.of(
                WidgetDef.of("p", WidgetTypes.PUMP).bindTag("running", "$(obj)/Running")));
        ScreenDef o = ScreenDef.of(UUID.randomUUID(), "Overview").withWidgets(List.of(
                SymbolLibrary.instance("pump", pump, Map.of("obj", "/Station/Pump"), 10, 10),
                SymbolLibrary.instance("ghost", pump, Map.of("obj", "/Station/Nowhere"), 100, 10)));
        engine.edit(SymbolDocuments.put(pump), ScreenDocuments.put(o));
        Resp list = get("/v1/symbols/");
        assertThat(list.status()).isEqualTo(200);
        JsonNode s = list.json().get("symbols").get(0);
        assertThat(s.get("name").asText()).isEqualTo("Pump symbol");
        assertThat(s.get("parameters")).extracting(JsonNode::asText).containsExactly("obj");
        assertThat(s.get("usedBy")).extracting(JsonNode::asText).containsExactly("Overview");
        Resp one = get("/v1/symbols/" + pump.id());
        assertThat(one.json().get("symbol").toString()).isEqualTo(SymbolCodec.write(pump));
        assertThat(get("/v1/symbols/" + UUID.randomUUID()).status()).isEqualTo(404);
        // the screen check sees inside the instances; a delete of the tag an instance shows names the screen
        assertThat(get("/v1/screens/" + o.id()).json().get("problems")).extracting(JsonNode::asText)
                .containsExactly("ghost.p.running: no tag /Station/Nowhere/Running");
        assertThat(delete("/v1/tags/" + running.id()).json().get("references").get(0).get("source").asText()).isEqualTo("Overview");
    }
}
