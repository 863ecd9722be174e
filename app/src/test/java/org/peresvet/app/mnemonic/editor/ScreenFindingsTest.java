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
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/** Each screen check fires on a prepared bad screen, and a good screen has no finding. */
class ScreenFindingsTest {

    static ModelSnapshot model() {
        ObjectDef st = new ObjectDef(UUID.randomUUID(), null, "Station", "");
        ObjectDef p1 = new ObjectDef(UUID.randomUUID(), st.id(), "P1", "");
        return ModelSnapshot.of(List.of(st, p1), List.of(
                TagDef.builder(p1.id(), "Running", ValueType.BOOL).build(),
                TagDef.builder(p1.id(), "Flow", ValueType.DOUBLE).build(),
                TagDef.builder(p1.id(), "Start", ValueType.INT).build(),
                TagDef.builder(p1.id(), "FlowX2", ValueType.DOUBLE).formula("{Flow} * 2").build()));
    }

    /** A screen with one of each fault (and good widgets beside them). */
    static ScreenDef badScreen() {
        return ScreenDef.of(UUID.randomUUID(), "Bad").withSize(800, 600).withWidgets(List.of(
                WidgetDef.of("good", WidgetTypes.PUMP).at(10, 10).bindTag("running", "/Station/P1/Running"),
                WidgetDef.of("missing", WidgetTypes.PUMP).at(80, 10).bindTag("running", "/Station/P9/Running"),
                WidgetDef.of("broken", WidgetTypes.VALUE).at(160, 10).bind("value", Binding.expression("{/Station/P1/Flow} * * 2")),
                WidgetDef.of("calc", WidgetTypes.COMMAND).at(300, 10).withCommand(new CommandDef("/Station/P1/FlowX2", "1")),
                WidgetDef.of("green", WidgetTypes.RECTANGLE).at(10, 100).with("fill", "#00C000"),
                WidgetDef.of("grey", WidgetTypes.RECTANGLE).at(200, 100).with("fill", "#B0B0B0"),
                WidgetDef.of("tiny", WidgetTypes.LABEL).at(10, 200).with("text", "Flow").with("fontSize", 8.0),
                WidgetDef.of("away", WidgetTypes.VALVE).at(790, 10),
                WidgetDef.of("start", WidgetTypes.COMMAND).at(300, 300).withCommand(new CommandDef("/Station/P1/Start", "1")),
                WidgetDef.of("stop", WidgetTypes.COMMAND).at(340, 310).withCommand(new CommandDef("/Station/P1/Start", "0"))));
    }

    @Test
    void eachCheckFiresOnItsWidget() {
        List<ScreenFindings.Finding> f = ScreenFindings.of(model(), badScreen(), List.of("Bad"));
        assertThat(f).extracting(ScreenFindings.Finding::kind, ScreenFindings.Finding::widgetId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ScreenFindings.Kind.MISSING_TAG, "missing"),
                org.assertj.core.groups.Tuple.tuple(ScreenFindings.Kind.BAD_EXPRESSION, "broken"),
                org.assertj.core.groups.Tuple.tuple(ScreenFindings.Kind.READ_ONLY_COMMAND, "calc"),
                org.assertj.core.groups.Tuple.tuple(ScreenFindings.Kind.NORMAL_COLOUR, "green"),
                org.assertj.core.groups.Tuple.tuple(ScreenFindings.Kind.SMALL_TEXT, "tiny"),
                org.assertj.core.groups.Tuple.tuple(ScreenFindings.Kind.OUTSIDE, "away"),
                org.assertj.core.groups.Tuple.tuple(ScreenFindings.Kind.OVERLAPPING_COMMANDS, "stop"));
        assertThat(f.stream().filter(x -> x.kind() == ScreenFindings.Kind.BAD_EXPRESSION).findFirst().orElseThrow().message())
                .contains("column");
    }

    @Test
    void aGoodScreenHasNone() {
        ScreenDef good = ScreenDef.of(UUID.randomUUID(), "Good").withWidgets(List.of(
                WidgetDef.of("p", WidgetTypes.PUMP).at(10, 10).bindTag("running", "/Station/P1/Running"),
                WidgetDef.of("v", WidgetTypes.VALUE).at(100, 10).bind("value", Binding.expression("{/Station/P1/Flow} * 3.6")),
                WidgetDef.of("s", WidgetTypes.COMMAND).at(300, 300).withCommand(new CommandDef("/Station/P1/Start", "1")),
                WidgetDef.of("r", WidgetTypes.RECTANGLE).at(10, 100).with("fill", "#C8C8C8")));
        assertThat(ScreenFindings.of(model(), good, List.of("Good"))).isEmpty();
    }

    @Test
    void widgetsInsideAGroupAreCheckedWhereTheyAre() {
        WidgetDef g = WidgetDef.group("g", List.of(WidgetDef.of("inner", WidgetTypes.PUMP).at(20, 0))).at(780, 10);
        ScreenDef s = ScreenDef.of(UUID.randomUUID(), "G").withSize(800, 600).withWidgets(List.of(g));
        assertThat(ScreenFindings.of(model(), s, List.of("G"))).extracting(ScreenFindings.Finding::widgetId).containsExactly("inner");
    }
}
