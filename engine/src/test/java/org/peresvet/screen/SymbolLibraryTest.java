package org.peresvet.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.model.io.ProjectDocument;
import org.peresvet.model.io.ProjectJson;

/** Library symbols: stored like screens, expanded per instance with its parameters, referenced and checked. */
class SymbolLibraryTest {
    private static final UUID PUMP_ID = UUID.fromString("00000000-0000-0000-0000-000000000042");

    private static ModelSnapshot station() {
        ObjectDef st = ObjectDef.create(null, "Station");
        ObjectDef p1 = ObjectDef.create(st.id(), "Pump1");
        ObjectDef p2 = ObjectDef.create(st.id(), "Pump2");
        return ModelSnapshot.of(List.of(st, p1, p2), List.of(
                TagDef.builder(p1.id(), "Running", ValueType.BOOL).build(),
                TagDef.builder(p1.id(), "Flow", ValueType.DOUBLE).build(),
                TagDef.builder(p1.id(), "Start", ValueType.INT).build(),
                TagDef.builder(p2.id(), "Running", ValueType.BOOL).build(),
                TagDef.builder(p2.id(), "Flow", ValueType.DOUBLE).build(),
                TagDef.builder(p2.id(), "Start", ValueType.INT).build()));
    }

    /** A pump with its name, flow and start button, for any object {@code $(obj)}. */
    private static SymbolDef pumpGroup() {
        return new SymbolDef(PUMP_ID, "Pump group", 160, 120, List.of("obj", "name"), List.of(
                WidgetDef.of("pump", WidgetTypes.PUMP).at(8, 8).with("text", "$(name)").bindTag("running", "$(obj)/Running"),
                WidgetDef.of("flow", WidgetTypes.VALUE).at(8, 70).bind("value", Binding.expression("{$(obj)/Flow} * 3.6")),
                WidgetDef.of("start", WidgetTypes.COMMAND).at(8, 96).with("text", "Start")
                        .withCommand(new CommandDef("$(obj)/Start", "1"))));
    }

    private static WidgetDef placed(String id, String obj, String name, double x) {
        return SymbolLibrary.instance(id, pumpGroup(), Map.of("obj", obj, "name", name), x, 40);
    }

    private static ScreenDef overview() {
        return ScreenDef.of(UUID.randomUUID(), "Overview").withWidgets(List.of(
                placed("p1", "/Station/Pump1", "Pump1", 40), placed("p2", "/Station/Pump2", "Pump2", 300)));
    }

    private static ModelSnapshot withLibrary(ModelSnapshot m, ScreenDef... screens) {
        List<ModelEdit> edits = new ArrayList<>();
        edits.add(SymbolDocuments.put(pumpGroup()));
        for (ScreenDef s : screens) {
            edits.add(ScreenDocuments.put(s));
        }
        return m.apply(edits).snapshot();
    }

    @Test
    void aSymbolWritesOnlyNonDefaultsAndRoundTripsThroughTheModelAndTheProjectFile() {
        SymbolDef small = new SymbolDef(PUMP_ID, "Dot", 100, 100, List.of(), List.of(WidgetDef.of("d", WidgetTypes.ELLIPSE)));
        assertThat(SymbolCodec.write(small)).isEqualTo("{\"widgets\":[{\"id\":\"d\",\"type\":\"ellipse\"}]}");
        String body = SymbolCodec.write(pumpGroup());
        assertThat(body).startsWith("{\"width\":160,\"height\":120,\"parameters\":[\"obj\",\"name\"],\"widgets\":[{\"id\":\"pump\"");
        assertThat(SymbolCodec.read(PUMP_ID, "Pump group", body)).isEqualTo(pumpGroup());
        assertThat(SymbolCodec.write(SymbolCodec.read(PUMP_ID, "Pump group", body))).isEqualTo(body);

        ScreenDef screen = overview();
        ModelSnapshot m = withLibrary(station(), screen);
        assertThat(SymbolDocuments.all(m)).containsExactly(pumpGroup());
        String json = ProjectJson.write(m, ProjectSettings.defaults("p"), null);
        ProjectDocument d = ProjectJson.read(json);
        ModelSnapshot back = ModelSnapshot.of(d.objects(), d.tags(), d.alarms(), d.schedules(), d.methods(), d.connectors(), d.documents());
        assertThat(SymbolDocuments.get(back, PUMP_ID)).contains(pumpGroup());
        assertThat(ScreenDocuments.get(back, screen.id())).contains(screen);
        // the instance stores the definition's id and its parameter values, nothing else
        assertThat(ScreenCodec.write(screen)).contains("{\"id\":\"p1\",\"type\":\"symbol\",\"x\":40,\"y\":40,\"width\":160,\"height\":120,"
                + "\"symbol\":\"" + PUMP_ID + "\",\"macros\":{\"name\":\"Pump1\",\"obj\":\"/Station/Pump1\"}}");
    }

    @Test
    void aBodyThatIsNotASymbolIsRefusedWithThePath() {
        assertThatThrownBy(() -> station().apply(List.of(new ModelEdit.PutDocument(new DocumentDef(
                UUID.randomUUID(), SymbolDef.KIND, "Bad", "{\"parameters\":[\"a b\"]}")))))
                .isInstanceOf(ModelException.class).hasMessageContaining("parameter a b");
        assertThatThrownBy(() -> SymbolCodec.read(PUMP_ID, "s", "{\"widgets\":[{\"id\":\"a\",\"type\":\"rocket\"}]}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("$.widgets[0].type");
        assertThatThrownBy(() -> SymbolCodec.read(PUMP_ID, "s", "{\"colour\":1}")).hasMessageContaining("unknown key");
    }

    @Test
    void eachInstanceDrawsTheDefinitionWithItsOwnObject() {
        ModelSnapshot m = withLibrary(station());
        ScreenDef x = SymbolLibrary.of(m).expand(overview()).expanded();
        assertThat(x.widgets()).extracting(WidgetDef::id, WidgetDef::type)
                .containsExactly(tuple("p1", WidgetTypes.GROUP), tuple("p2", WidgetTypes.GROUP));
        assertThat(x.widgets().get(1).number("x", 0)).isEqualTo(300.0);
        WidgetDef pump2 = x.widget("p2.pump").orElseThrow();
        assertThat(pump2.text("text")).isEqualTo("Pump2");
        assertThat(pump2.binding("running")).isEqualTo(Binding.tag("/Station/Pump2/Running"));
        assertThat(pump2.number("x", 0)).isEqualTo(8.0); // relative to the instance, like a group's child
        assertThat(x.widget("p1.flow").orElseThrow().binding("value").expression()).isEqualTo("{/Station/Pump1/Flow} * 3.6");
        assertThat(x.widget("p1.start").orElseThrow().command()).isEqualTo(new CommandDef("/Station/Pump1/Start", "1"));
        // change the definition: both instances follow
        SymbolDef edited = pumpGroup().edited(pumpGroup().asScreen().withWidgets(List.of(
                WidgetDef.of("pump", WidgetTypes.MOTOR).with("text", "$(name) motor").bindTag("running", "$(obj)/Running"))));
        ModelSnapshot m2 = m.apply(List.of(SymbolDocuments.put(edited))).snapshot();
        ScreenDef y = SymbolLibrary.of(m2).expand(overview()).expanded();
        assertThat(y.allWidgets()).extracting(WidgetDef::id).containsExactly("p1", "p1.pump", "p2", "p2.pump");
        assertThat(y.widget("p1.pump").orElseThrow().text("text")).isEqualTo("Pump1 motor");
        assertThat(y.widget("p2.pump").orElseThrow().type()).isEqualTo(WidgetTypes.MOTOR);
        // editing keeps the parameters and adds a macro the drawing newly uses
        SymbolDef more = pumpGroup().edited(pumpGroup().asScreen().withWidgets(List.of(
                WidgetDef.of("l", WidgetTypes.LABEL).with("text", "$(area)"))));
        assertThat(more.parameters()).containsExactly("obj", "name", "area");
        // a screen without instances is the same screen
        ScreenDef plain = ScreenDef.of(UUID.randomUUID(), "Plain");
        assertThat(SymbolLibrary.of(m).expand(plain)).isSameAs(plain);
    }

    @Test
    void symbolsInsideSymbolsExpandAndACycleStops() {
        UUID outerId = UUID.randomUUID();
        SymbolDef outer = new SymbolDef(outerId, "Two pumps", 400, 200, List.of("a", "b"), List.of(
                SymbolLibrary.instance("left", pumpGroup(), Map.of("obj", "$(a)", "name", "A"), 0, 0),
                SymbolLibrary.instance("right", pumpGroup(), Map.of("obj", "$(b)", "name", "B"), 200, 0)));
        ScreenDef s = ScreenDef.of(UUID.randomUUID(), "S").withWidgets(List.of(
                SymbolLibrary.instance("both", outer, Map.of("a", "/Station/Pump1", "b", "/Station/Pump2"), 0, 0)));
        SymbolLibrary lib = SymbolLibrary.of(List.of(pumpGroup(), outer));
        ScreenDef x = lib.expand(s).expanded();
        assertThat(x.widget("both.right.pump").orElseThrow().binding("running")).isEqualTo(Binding.tag("/Station/Pump2/Running"));
        assertThat(lib.screensUsing(PUMP_ID, List.of(s))).containsExactly("S");
        assertThat(lib.symbolsUsing(PUMP_ID)).containsExactly("Two pumps");
        // a symbol that places itself is left unexpanded and reported
        UUID selfId = UUID.randomUUID();
        SymbolDef self = new SymbolDef(selfId, "Self", 100, 100, List.of(), List.of(
                WidgetDef.of("me", WidgetTypes.SYMBOL).with("symbol", selfId.toString())));
        ModelSnapshot m = station().apply(List.of(SymbolDocuments.put(self))).snapshot();
        ScreenDef loop = ScreenDef.of(UUID.randomUUID(), "Loop").withWidgets(List.of(
                WidgetDef.of("s", WidgetTypes.SYMBOL).with("symbol", selfId.toString())));
        assertThat(ScreenCheck.problems(m, loop, List.of())).extracting(ScreenCheck.Problem::toString)
                .containsExactly("s.me.symbol: library symbol Self contains itself (or nests deeper than 8)");
    }

    @Test
    void deletingADefinitionNamesTheScreensThatPlaceIt() {
        ScreenDef inGroup = ScreenDef.of(UUID.randomUUID(), "Detail").withWidgets(List.of(
                WidgetDef.group("g", List.of(placed("p", "/Station/Pump1", "Pump1", 0)))));
        ScreenDef none = ScreenDef.of(UUID.randomUUID(), "Empty");
        ModelSnapshot m = withLibrary(station(), overview(), inGroup, none);
        SymbolLibrary lib = SymbolLibrary.of(m);
        assertThat(lib.screensUsing(PUMP_ID, ScreenDocuments.all(m))).containsExactly("Detail", "Overview");
        // the tags an instance reads count as the screen's uses (the tree's delete warning)
        UUID flow2 = m.findTag("/Station/Pump2/Flow").orElseThrow().id();
        assertThat(ScreenReferences.usesOf(m, ScreenDocuments.all(m), Set.of(flow2)))
                .extracting(ScreenReferences.Use::screenName, ScreenReferences.Use::widgetId)
                .containsExactly(tuple("Overview", "p2.flow"));
    }

    @Test
    void theCheckFlagsAMissingDefinitionAndParametersWithoutAValue() {
        ModelSnapshot m = withLibrary(station());
        assertThat(ScreenCheck.problems(m, overview(), List.of())).isEmpty();
        ScreenDef bad = ScreenDef.of(UUID.randomUUID(), "Bad").withWidgets(List.of(
                WidgetDef.of("gone", WidgetTypes.SYMBOL).with("symbol", UUID.randomUUID().toString()).size(50, 50),
                WidgetDef.of("blank", WidgetTypes.SYMBOL),
                SymbolLibrary.instance("half", pumpGroup(), Map.of("obj", "/Station/Pump1"), 0, 200),
                SymbolLibrary.instance("wrong", pumpGroup(), Map.of("obj", "/Station/Pump9", "name", "Pump9"), 200, 200)));
        assertThat(ScreenCheck.problems(m, bad, List.of())).extracting(ScreenCheck.Problem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("gone.symbol: no library symbol "))
                .anySatisfy(p -> assertThat(p).isEqualTo("blank.symbol: no library symbol chosen"))
                .anySatisfy(p -> assertThat(p).isEqualTo("half.pump.text: macro name has no value"))
                .anySatisfy(p -> assertThat(p).isEqualTo("wrong.pump.running: no tag /Station/Pump9/Running"))
                .anySatisfy(p -> assertThat(p).isEqualTo("wrong.start.command: no tag /Station/Pump9/Start"))
                .anySatisfy(p -> assertThat(p).startsWith("wrong.flow.value: "))
                .hasSize(6);
    }

    @Test
    void anInstanceFollowsItsObjectWhenItIsRenamed() {
        List<ScreenRenames.Rewrite> rw = ScreenRenames.rewrite(List.of(overview()), "/Station/Pump2", "/Station/Booster");
        assertThat(rw).hasSize(1);
        ScreenDef after = rw.get(0).after();
        assertThat(after.widget("p2").orElseThrow().macros().get("obj")).isEqualTo("/Station/Booster");
        assertThat(after.widget("p1").orElseThrow().macros().get("obj")).isEqualTo("/Station/Pump1");
        assertThat(ScreenRenames.rewrite(List.of(overview()), "/Station/Pump3", "/Station/X")).isEmpty();
    }
}
