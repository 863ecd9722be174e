package org.peresvet.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Screens follow a renamed or moved tag or object, macros and all, and nothing else changes. */
class ScreenRenamesTest {
    private final ObjectDef station = ObjectDef.create(null, "Station");
    private final ObjectDef p1 = ObjectDef.create(station.id(), "P1");
    private final ObjectDef p2 = ObjectDef.create(station.id(), "P2");
    private final TagDef p2flow = TagDef.builder(p2.id(), "Flow", ValueType.DOUBLE).build();

    private ModelSnapshot model(ObjectDef first, TagDef secondFlow) {
        return ModelSnapshot.of(List.of(station, first, p2), List.of(
                TagDef.builder(first.id(), "Running", ValueType.BOOL).build(),
                TagDef.builder(first.id(), "Flow", ValueType.DOUBLE).build(),
                TagDef.builder(first.id(), "Start", ValueType.INT).build(),
                TagDef.builder(p2.id(), "Running", ValueType.BOOL).build(),
                secondFlow));
    }

    private static WidgetDef pumpGroup(String id, String pump) {
        return WidgetDef.group(id, List.of(
                WidgetDef.of(id + ".sym", WidgetTypes.PUMP).with("text", "$(pump)").bindTag("running", "/Station/$(pump)/Running"),
                WidgetDef.of(id + ".flow", WidgetTypes.VALUE).bind("value", Binding.expression("{/Station/$(pump)/Flow} * 3.6"))))
                .withMacro("pump", pump);
    }

    private static ScreenDef overview() {
        return ScreenDef.of(UUID.fromString("00000000-0000-0000-0000-000000000017"), "Overview").withWidgets(List.of(
                pumpGroup("g1", "P1"), pumpGroup("g2", "P2"),
                WidgetDef.of("start", WidgetTypes.COMMAND).withCommand(new CommandDef("/Station/P1/Start", "1")),
                WidgetDef.of("alarms", WidgetTypes.ALARM).with("source", "/Station/P1"),
                WidgetDef.of("both", WidgetTypes.VALUE).bind("value", Binding.expression("{/Station/P1/Flow} + {/Station/P2/Flow}"))));
    }

    private static ScreenDef other() {
        return ScreenDef.of(UUID.randomUUID(), "Elsewhere").withWidgets(List.of(
                WidgetDef.of("v", WidgetTypes.VALUE).bindTag("value", "/Station/P2/Running")));
    }

    @Test
    void renamingAnObjectRewritesPathsUnderItAndTheMacroThatNamesIt() {
        List<ScreenRenames.Rewrite> rw = ScreenRenames.rewrite(List.of(overview(), other()), "/Station/P1", "/Station/P9");
        assertThat(rw).extracting(r -> r.before().name()).containsExactly("Overview");
        ScreenDef after = rw.get(0).after();
        WidgetDef g1 = after.widgets().get(0);
        assertThat(g1.macros()).containsEntry("pump", "P9");
        // the template stays a template; the other pump's group is untouched
        assertThat(g1.children().get(0).binding("running").tag()).isEqualTo("/Station/$(pump)/Running");
        assertThat(after.widgets().get(1)).isEqualTo(overview().widgets().get(1));
        assertThat(after.widgets().get(2).command().tag()).isEqualTo("/Station/P9/Start");
        assertThat(after.widgets().get(3).text("source")).isEqualTo("/Station/P9");
        assertThat(after.widgets().get(4).binding("value").expression()).isEqualTo("{/Station/P9/Flow} + {/Station/P2/Flow}");
        assertThat(rw.get(0).changes()).isEqualTo(4);
        // and against the renamed model nothing is loose
        ModelSnapshot renamed = model(p1.withName("P9"), p2flow);
        assertThat(ScreenCheck.problems(renamed, after, List.of("Overview"))).isEmpty();
        assertThat(ScreenCheck.problems(renamed, overview(), List.of("Overview"))).isNotEmpty();
    }

    @Test
    void renamingOneTagUnderAMacroChangesOnlyThatInstance() {
        List<ScreenRenames.Rewrite> rw = ScreenRenames.rewrite(List.of(overview()), "/Station/P2/Flow", "/Station/P2/Outflow");
        ScreenDef after = rw.get(0).after();
        // P1's group shares the template: only P2's copy changes, keeping its macro
        assertThat(after.widgets().get(0)).isEqualTo(overview().widgets().get(0));
        assertThat(after.widgets().get(1).children().get(1).binding("value").expression()).isEqualTo("{/Station/$(pump)/Outflow} * 3.6");
        assertThat(after.widgets().get(1).macros()).containsEntry("pump", "P2");
        assertThat(after.widgets().get(4).binding("value").expression()).isEqualTo("{/Station/P1/Flow} + {/Station/P2/Outflow}");
        ModelSnapshot renamed = model(p1, p2flow.toBuilder().name("Outflow").build());
        assertThat(ScreenCheck.problems(renamed, after, List.of("Overview"))).isEmpty();
    }

    @Test
    void aMoveRewritesThePrefixAndANameThatIsNotUsedChangesNothing() {
        List<ScreenRenames.Rewrite> rw = ScreenRenames.rewrite(List.of(overview()), "/Station", "/Plant/Station");
        ScreenDef after = rw.get(0).after();
        assertThat(after.widgets().get(0).children().get(0).binding("running").tag()).isEqualTo("/Plant/Station/$(pump)/Running");
        assertThat(after.widgets().get(2).command().tag()).isEqualTo("/Plant/Station/P1/Start");
        assertThat(ScreenRenames.rewrite(List.of(overview(), other()), "/Station/P3", "/Station/P4")).isEmpty();
        // a name that merely starts like the renamed one is another item
        assertThat(ScreenRenames.rewrite(List.of(other()), "/Station/P", "/Station/Q")).isEmpty();
    }

    @Test
    void aMacroThatAlsoNamesAScreenStaysAndThePathsAreWrittenOut() {
        WidgetDef group = pumpGroup("g1", "P1").withChildren(List.of(
                pumpGroup("g1", "P1").children().get(0),
                WidgetDef.of("g1.nav", WidgetTypes.NAVIGATION).with("target", "$(pump) detail")));
        ScreenDef s = ScreenDef.of(UUID.randomUUID(), "Overview").withWidgets(List.of(group));
        ScreenDef after = ScreenRenames.rewrite(List.of(s), "/Station/P1", "/Station/P9").get(0).after();
        assertThat(after.widgets().get(0).macros()).containsEntry("pump", "P1");
        assertThat(after.widgets().get(0).children().get(0).binding("running").tag()).isEqualTo("/Station/P9/Running");
        assertThat(after.widgets().get(0).children().get(1).text("target")).isEqualTo("$(pump) detail");
    }
}
