package org.peresvet.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.engine.Engine;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.model.io.ProjectDocument;
import org.peresvet.model.io.ProjectJson;

class ScreenModelTest {
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000017");

    private static ModelSnapshot station() {
        ObjectDef st = ObjectDef.create(null, "Station");
        ObjectDef p1 = ObjectDef.create(st.id(), "P1");
        ObjectDef p2 = ObjectDef.create(st.id(), "P2");
        return ModelSnapshot.of(List.of(st, p1, p2), List.of(
                TagDef.builder(p1.id(), "Running", ValueType.BOOL).build(),
                TagDef.builder(p1.id(), "Flow", ValueType.DOUBLE).build(),
                TagDef.builder(p2.id(), "Running", ValueType.BOOL).build(),
                TagDef.builder(p2.id(), "Flow", ValueType.DOUBLE).build(),
                TagDef.builder(p1.id(), "Start", ValueType.INT).build()));
    }

    /** A pump symbol as a group with macros: one definition per pump. */
    private static WidgetDef pumpGroup(String id, String pump, double x) {
        WidgetDef symbol = WidgetDef.of(id + ".sym", WidgetTypes.PUMP).with("text", "$(pump)")
                .bindTag("running", "/Station/$(pump)/Running");
        WidgetDef flow = WidgetDef.of(id + ".flow", WidgetTypes.VALUE).with("units", "m³/h").at(0, 56)
                .bind("value", Binding.expression("{/Station/$(pump)/Flow} * 3.6"));
        return WidgetDef.group(id, List.of(symbol, flow)).at(x, 40).withMacro("pump", pump);
    }

    private static ScreenDef overview() {
        return ScreenDef.of(ID, "Overview").withHome(true).withSize(800, 600)
                .withWidgets(List.of(pumpGroup("g1", "P1", 40), pumpGroup("g2", "P2", 200),
                        WidgetDef.of("start", WidgetTypes.COMMAND).with("text", "Start P1").withCommand(new CommandDef("/Station/P1/Start", "1")),
                        WidgetDef.of("pipe", WidgetTypes.PIPE).with("points", List.of(0, 10, 100.5, 10)),
                        WidgetDef.of("nav", WidgetTypes.NAVIGATION).with("target", "P1 detail")));
    }

    @Test
    void everyTypeHasItsDefaultsAndNothingIsStoredForThem() {
        for (WidgetType t : WidgetTypes.standard().all()) {
            WidgetDef w = WidgetDef.of("w", t.name());
            assertThat(w.properties()).isEmpty();
            for (PropertyDef p : t.properties()) {
                assertThat(w.get(p.name())).isEqualTo(p.defaultValue());
                // setting the default explicitly stores nothing either
                assertThat(w.with(p.name(), p.defaultValue()).properties()).isEmpty();
            }
            assertThat(ScreenCodec.write(ScreenDef.of(ID, "s").withWidgets(List.of(w))))
                    .isEqualTo("{\"widgets\":[{\"id\":\"w\",\"type\":\"" + t.name() + "\"}]}");
        }
        assertThat(ScreenCodec.write(ScreenDef.of(ID, "empty"))).isEqualTo("{}");
        WidgetDef valve = WidgetDef.of("v", WidgetTypes.VALVE);
        assertThat(valve.bool("closed")).isTrue();
        assertThat(valve.text("orientation")).isEqualTo("horizontal");
        assertThat(WidgetDef.of("a", WidgetTypes.ANALOG).number("setpoint")).isNull();
    }

    @Test
    void jsonWritesOnlyNonDefaultsAndRoundTripsByteForByte() {
        ScreenDef s = overview();
        String body = ScreenCodec.write(s);
        assertThat(body).startsWith("{\"width\":800,\"height\":600,\"home\":true,\"widgets\":[{\"id\":\"g1\",\"type\":\"group\",\"x\":40,\"y\":40,")
                .contains("\"points\":[0,10,100.5,10]")
                .contains("\"bind\":{\"running\":{\"tag\":\"/Station/$(pump)/Running\"}}")
                .contains("\"macros\":{\"pump\":\"P1\"}")
                .contains("\"command\":{\"tag\":\"/Station/P1/Start\",\"value\":\"1\"}")
                .doesNotContain("\"level\"").doesNotContain("\"visible\"").doesNotContain("\"background\"");
        ScreenDef back = ScreenCodec.read(ID, "Overview", body);
        assertThat(back).isEqualTo(s);
        assertThat(ScreenCodec.write(back)).isEqualTo(body);
        // a body written by hand in another key order and with 40.0 reads the same, and is written canonically
        String hand = "{\"widgets\":[{\"type\":\"tank\",\"max\":5.0E1,\"id\":\"t\",\"y\":1.25,\"visible\":true}],\"level\":3}";
        ScreenDef t = ScreenCodec.read(ID, "T", hand);
        assertThat(ScreenCodec.write(t)).isEqualTo("{\"level\":3,\"widgets\":[{\"id\":\"t\",\"type\":\"tank\",\"y\":1.25,\"max\":50}]}");
        assertThat(ScreenCodec.write(ScreenCodec.read(ID, "T", ScreenCodec.write(t)))).isEqualTo(ScreenCodec.write(t));
    }

    @Test
    void badBodiesAreRefusedWithThePath() {
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", "{\"widgets\":[{\"id\":\"a\",\"type\":\"rocket\"}]}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("$.widgets[0].type").hasMessageContaining("unknown widget type rocket");
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", "{\"widgets\":[{\"id\":\"a\",\"type\":\"pump\",\"running\":\"yes\"}]}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("$.widgets[0].running").hasMessageContaining("true or false");
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", "{\"widgets\":[{\"id\":\"a\",\"type\":\"pump\",\"colour\":1}]}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("has no such property");
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", "{\"widgets\":[{\"id\":\"a\",\"type\":\"valve\",\"orientation\":\"diagonal\"}]}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("horizontal, vertical");
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", "{\"widgets\":[{\"id\":\"a\",\"type\":\"label\"},{\"id\":\"a\",\"type\":\"label\"}]}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("widget id a is used twice");
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", "{\"widgets\":[{\"id\":\"a\",\"type\":\"value\",\"bind\":{\"value\":{\"tag\":\"/x\",\"expr\":\"1\"}}}]}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("either a tag or an expression");
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", "{\"level\":5}")).hasMessageContaining("level must be 1");
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", "{\"size\":5}")).hasMessageContaining("unknown key");
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", "{\"widgets\":[{\"id\":\"p\",\"type\":\"pipe\",\"points\":[1,2,3]}]}"))
                .hasMessageContaining("even count");
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", "not json")).isInstanceOf(ModelException.class);
        StringBuilder deep = new StringBuilder("{\"widgets\":[");
        for (int i = 0; i < 40; i++) {
            deep.append("{\"id\":\"g").append(i).append("\",\"type\":\"group\",\"children\":[");
        }
        assertThatThrownBy(() -> ScreenCodec.read(ID, "s", deep.toString() + "]}".repeat(40) + "]}"))
                .hasMessageContaining("nest deeper");
    }

    @Test
    void macrosFillTextBindingsAndCommandsInnermostWins() {
        ScreenDef x = overview().expanded();
        WidgetDef sym = x.widget("g2.sym").orElseThrow();
        assertThat(sym.text("text")).isEqualTo("P2");
        assertThat(sym.binding("running")).isEqualTo(Binding.tag("/Station/P2/Running"));
        assertThat(x.widget("g1.flow").orElseThrow().binding("value").expression()).isEqualTo("{/Station/P1/Flow} * 3.6");
        WidgetDef inner = WidgetDef.of("i", WidgetTypes.LABEL).with("text", "$(a)-$(b)-$(c)").withMacro("b", "inner")
                .withCommand(new CommandDef("/$(a)/x", "$(b)"));
        WidgetDef outer = WidgetDef.group("o", List.of(inner)).withMacro("a", "A").withMacro("b", "outer");
        WidgetDef e = outer.expand(Map.of()).children().get(0);
        assertThat(e.text("text")).isEqualTo("A-inner-$(c)");
        assertThat(e.command()).isEqualTo(new CommandDef("/A/x", "inner"));
        assertThat(Macros.expand("$(a)$(a)", Map.of("a", "$(a)"))).isEqualTo("$(a)$(a)");
        assertThat(Macros.referenced("x $(pump) y $(n-1)")).containsExactly("pump", "n-1");
    }

    @Test
    void referencesNameTheScreenThatUsesATag() {
        ModelSnapshot m = station();
        UUID p2flow = m.findTag("/Station/P2/Flow").orElseThrow().id();
        UUID start = m.findTag("/Station/P1/Start").orElseThrow().id();
        List<ScreenReferences.Use> uses = ScreenReferences.usesOf(m, List.of(overview()), Set.of(p2flow, start));
        assertThat(uses).extracting(ScreenReferences.Use::screenName, ScreenReferences.Use::widgetId, ScreenReferences.Use::property)
                .containsExactlyInAnyOrder(tuple("Overview", "g2.flow", "value"),
                        tuple("Overview", "start", "command"));
        assertThat(ScreenReferences.screensUsing(m, List.of(overview()), "/Station/P1/Running")).containsExactly("Overview");
        assertThat(ScreenReferences.screensUsing(m, List.of(overview()), "/Station/P1/Nothing")).isEmpty();
        // an alarm indicator over a subtree uses the object
        ScreenDef alarms = ScreenDef.of(UUID.randomUUID(), "Alarms").withWidgets(List.of(
                WidgetDef.of("a", WidgetTypes.ALARM).with("source", "/Station")));
        UUID station = m.findObject("/Station").orElseThrow().id();
        assertThat(ScreenReferences.usesOf(m, List.of(alarms), Set.of(station))).hasSize(1);
    }

    @Test
    void theCheckListsBindingsToMissingTagsAndOtherLooseEnds() {
        ModelSnapshot m = station();
        assertThat(ScreenCheck.problems(m, overview(), List.of("Overview", "p1 DETAIL"))).isEmpty();
        ScreenDef broken = overview().withWidgets(List.of(pumpGroup("g3", "P3", 0),
                WidgetDef.of("m", WidgetTypes.LABEL).bind("text", Binding.tag("/Station/$(nobody)/x")),
                WidgetDef.of("bad", WidgetTypes.VALUE).bind("value", Binding.expression("{/Station/P1/Flow} +")),
                WidgetDef.of("nav", WidgetTypes.NAVIGATION).with("target", "Nowhere"),
                WidgetDef.of("cmd", WidgetTypes.COMMAND)));
        assertThat(ScreenCheck.problems(m, broken, List.of("Overview"))).extracting(ScreenCheck.Problem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("g3.sym.running: no tag /Station/P3/Running"))
                .anySatisfy(p -> assertThat(p).startsWith("g3.flow.value: ").contains("P3"))
                .anySatisfy(p -> assertThat(p).isEqualTo("m.text: macro nobody has no value"))
                .anySatisfy(p -> assertThat(p).startsWith("bad.value: line 1"))
                .anySatisfy(p -> assertThat(p).isEqualTo("nav.target: no screen Nowhere"))
                .anySatisfy(p -> assertThat(p).isEqualTo("cmd.command: a command button needs a command"))
                .hasSize(6);
    }

    @Test
    void expressionsCompileOnceWithTheFormulaCompiler() {
        ModelSnapshot m = station();
        CompiledBinding c = CompiledBinding.compile(m, Binding.expression("{/Station/P1/Flow} > 2 and {/Station/P1/Running}"));
        assertThat(c.inputs()).containsExactly(m.findTag("/Station/P1/Flow").orElseThrow().id(), m.findTag("/Station/P1/Running").orElseThrow().id());
        assertThat(c.formula()).isNotNull();
        assertThat(CompiledBinding.compile(m, Binding.tag("/Station/P2/Flow")).tag().name()).isEqualTo("Flow");
        assertThatThrownBy(() -> CompiledBinding.compile(m, Binding.tag("/Station/P9/Flow"))).hasMessage("no tag /Station/P9/Flow");
    }

    @Test
    void theDemoProjectHasAnOverviewAndADetailScreenPerPumpWithNothingLoose() throws Exception {
        ProjectDocument d;
        try (InputStream in = Engine.exampleSeed("pump-station")) {
            d = ProjectJson.read(in.readAllBytes());
        }
        ModelSnapshot m = ModelSnapshot.of(d.objects(), d.tags(), d.alarms(), d.schedules(), d.methods(), d.connectors(), d.documents());
        List<ScreenDef> screens = ScreenDocuments.all(m);
        assertThat(screens).extracting(ScreenDef::name).containsExactly("Diagnostics", "Overview", "Pump1 detail", "Pump2 detail");
        assertThat(screens.get(0).level()).isEqualTo(4);
        assertThat(screens.get(1).home()).isTrue();
        assertThat(screens.get(2).level()).isEqualTo(3);
        List<String> names = screens.stream().map(ScreenDef::name).toList();
        for (ScreenDef s : screens) {
            assertThat(ScreenCheck.problems(m, s, names)).as(s.name()).isEmpty();
        }
        // deleting Pump2's speed tag would name the overview and Pump2's detail screen
        UUID speed = m.findTag("/PumpStation/Pump2/Speed").orElseThrow().id();
        assertThat(ScreenReferences.usesOf(m, screens, Set.of(speed))).extracting(ScreenReferences.Use::screenName)
                .containsExactlyInAnyOrder("Overview", "Pump2 detail");
    }
}
