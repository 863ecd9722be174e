package org.peresvet.app.mnemonic.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.screen.Binding;
import org.peresvet.screen.CommandDef;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.SymbolDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/** A selection becoming a symbol: the object detected, its path and name made parameters, the objects it fits. */
class SymbolDraftTest {

    private static ModelSnapshot station() {
        ObjectDef st = new ObjectDef(UUID.randomUUID(), null, "Station", "");
        ObjectDef p1 = new ObjectDef(UUID.randomUUID(), st.id(), "Pump1", "");
        ObjectDef p2 = new ObjectDef(UUID.randomUUID(), st.id(), "Pump2", "");
        ObjectDef tank = new ObjectDef(UUID.randomUUID(), st.id(), "Tank", "");
        return ModelSnapshot.of(List.of(st, p1, p2, tank), List.of(
                TagDef.builder(p1.id(), "Running", ValueType.BOOL).build(),
                TagDef.builder(p1.id(), "Flow", ValueType.DOUBLE).build(),
                TagDef.builder(p2.id(), "Running", ValueType.BOOL).build(),
                TagDef.builder(p2.id(), "Flow", ValueType.DOUBLE).build(),
                TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).build(),
                TagDef.builder(tank.id(), "Running", ValueType.BOOL).build()));
    }

    private static ScreenDef drawn() {
        return ScreenDef.of(UUID.randomUUID(), "S").withWidgets(List.of(
                WidgetDef.of("pump", WidgetTypes.PUMP).at(200, 100).with("text", "Pump1").bindTag("running", "/Station/Pump1/Running"),
                WidgetDef.of("flow", WidgetTypes.VALUE).at(180, 160).bind("value", Binding.expression("{/Station/Pump1/Flow} * 3.6")),
                WidgetDef.of("note", WidgetTypes.LABEL).at(180, 190).with("text", "Pump10 feeds Pump1; level {/Station/Tank/Level}"),
                WidgetDef.of("start", WidgetTypes.COMMAND).at(180, 220).withCommand(new CommandDef("/Station/Pump1/Running", "1")),
                WidgetDef.of("other", WidgetTypes.TANK).at(600, 100)));
    }

    @Test
    void theObjectMostBindingsNameIsDetectedAndTheDrawingStartsAtTheOrigin() {
        SymbolDraft d = SymbolDraft.of(drawn(), List.of("pump", "flow", "note", "start"), station());
        assertThat(d.objectPath()).isEqualTo("/Station/Pump1");
        assertThat(d.widgets()).extracting(w -> w.number("x", 0)).containsExactly(20.0, 0.0, 0.0, 0.0);
        assertThat(d.widgets().get(0).number("y", 0)).isEqualTo(0.0);
        assertThat(d.width()).isEqualTo(120);
        // nothing bound: no object, a symbol without parameters
        SymbolDraft plain = SymbolDraft.of(drawn(), List.of("other"), station());
        assertThat(plain.objectPath()).isEmpty();
        assertThat(plain.define(UUID.randomUUID(), "Tank", "").parameters()).isEmpty();
    }

    @Test
    void theObjectsPathAndNameBecomeParametersOnlyWhereTheyStandForIt() {
        SymbolDraft d = SymbolDraft.of(drawn(), List.of("pump", "flow", "note", "start"), station());
        SymbolDef s = d.define(UUID.randomUUID(), "Pump", "/Station/Pump1");
        assertThat(s.parameters()).containsExactly("obj", "name");
        ScreenDef x = s.asScreen();
        assertThat(x.widget("pump").orElseThrow().text("text")).isEqualTo("$(name)");
        assertThat(x.widget("pump").orElseThrow().binding("running")).isEqualTo(Binding.tag("$(obj)/Running"));
        assertThat(x.widget("flow").orElseThrow().binding("value").expression()).isEqualTo("{$(obj)/Flow} * 3.6");
        assertThat(x.widget("start").orElseThrow().command().tag()).isEqualTo("$(obj)/Running");
        // another word containing the name, and another object's path, stay
        assertThat(x.widget("note").orElseThrow().text("text")).isEqualTo("Pump10 feeds $(name); level {/Station/Tank/Level}");
        assertThat(SymbolDraft.valuesFor("/Station/Pump2")).containsEntry("obj", "/Station/Pump2").containsEntry("name", "Pump2");
    }

    @Test
    void placingOffersTheObjectsTheSymbolFits() {
        SymbolDef s = SymbolDraft.of(drawn(), List.of("pump", "flow"), station()).define(UUID.randomUUID(), "Pump", "/Station/Pump1");
        // the tank has Running but no Flow: it does not fit
        assertThat(SymbolDraft.objectsFitting(s, station())).containsExactly("/Station/Pump1", "/Station/Pump2");
    }
}
