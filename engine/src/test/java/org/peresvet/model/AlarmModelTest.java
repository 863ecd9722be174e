package org.peresvet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Alarm definitions in the model: validation, names, and what deleting a tag does to its alarms. */
class AlarmModelTest {
    private final ObjectDef station = ObjectDef.create(null, "Station");
    private final ObjectDef pump = ObjectDef.create(station.id(), "Pump");
    private final TagDef flow = TagDef.builder(pump.id(), "Flow", ValueType.DOUBLE).units("m3/h").build();
    private final TagDef setpoint = TagDef.builder(pump.id(), "FlowSP", ValueType.DOUBLE).build();
    private final TagDef running = TagDef.builder(pump.id(), "Running", ValueType.BOOL).build();
    private final TagDef mode = TagDef.builder(pump.id(), "Mode", ValueType.STRING).build();
    private final ModelSnapshot base = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(station),
            new ModelEdit.PutObject(pump), new ModelEdit.PutTag(flow), new ModelEdit.PutTag(setpoint),
            new ModelEdit.PutTag(running), new ModelEdit.PutTag(mode))).snapshot();

    private ModelSnapshot put(ModelSnapshot m, AlarmDef... alarms) {
        return m.apply(java.util.Arrays.stream(alarms).map(a -> (ModelEdit) new ModelEdit.PutAlarm(a)).toList()).snapshot();
    }

    private void refused(AlarmDef a, String field, String reason) {
        assertThatThrownBy(() -> put(base, a)).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).contains(reason);
        });
    }

    @Test
    void validAlarmsOfEveryKindAreAccepted() {
        ModelSnapshot m = put(base,
                AlarmDef.builder(flow.id(), AlarmKind.HIHI).limit(120.0).build(),
                AlarmDef.builder(flow.id(), AlarmKind.HI).limit(100.0).deadband(2).onDelayMillis(5000).message("Flow {value} {units} > {limit}").build(),
                AlarmDef.builder(flow.id(), AlarmKind.LO).limit(10.0).suppressionTagId(running.id()).build(),
                AlarmDef.builder(flow.id(), AlarmKind.LOLO).limit(2.0).latching(true).build(),
                AlarmDef.builder(flow.id(), AlarmKind.DEVIATION).limit(5.0).setpointTagId(setpoint.id()).build(),
                AlarmDef.builder(flow.id(), AlarmKind.RATE).limit(3.0).build(),
                AlarmDef.builder(flow.id(), AlarmKind.BAD_QUALITY).priority(AlarmPriority.DIAGNOSTIC).autoAck(true).build(),
                AlarmDef.builder(flow.id(), AlarmKind.EXPRESSION).expression("{Flow} > {FlowSP} * 2").build(),
                AlarmDef.builder(mode.id(), AlarmKind.DISCRETE_EQUALS).value("fault").build(),
                AlarmDef.builder(running.id(), AlarmKind.DISCRETE_DIFFERS).value("true").build());
        assertThat(m.alarmCount()).isEqualTo(10);
        assertThat(m.alarmsOf(flow.id())).extracting(AlarmDef::name)
                .containsExactly("BadQuality", "Deviation", "Expression", "Hi", "HiHi", "Lo", "LoLo", "Rate");
        AlarmDef differs = m.alarmsOf(running.id()).get(0);
        assertThat(m.alarmPath(differs.id())).isEqualTo("/Station/Pump/Running#Differs");
        assertThat(differs.priority()).isEqualTo(AlarmPriority.MEDIUM);
        assertThat(m.alarmsOf(flow.id()).stream().filter(a -> a.kind() == AlarmKind.HIHI).findFirst().orElseThrow().priority())
                .isEqualTo(AlarmPriority.HIGH);
    }

    @Test
    void invalidDefinitionsAreRefusedWithTheAlarmPathAndField() {
        assertThatThrownBy(() -> put(base, AlarmDef.builder(flow.id(), AlarmKind.HI).build()))
                .isInstanceOf(ModelException.class).hasMessage("/Station/Pump/Flow#Hi: limit: a hi alarm needs a finite number as its limit");
        refused(AlarmDef.builder(mode.id(), AlarmKind.HI).limit(1.0).build(), "kind", "needs a numeric tag");
        refused(AlarmDef.builder(flow.id(), AlarmKind.HI).limit(Double.NaN).build(), "limit", "finite");
        refused(AlarmDef.builder(flow.id(), AlarmKind.BAD_QUALITY).limit(1.0).build(), "limit", "has no limit");
        refused(AlarmDef.builder(flow.id(), AlarmKind.DEVIATION).limit(1.0).build(), "setpoint", "needs a setpoint tag");
        refused(AlarmDef.builder(flow.id(), AlarmKind.DEVIATION).limit(1.0).setpointTagId(mode.id()).build(), "setpoint", "must be numeric");
        refused(AlarmDef.builder(flow.id(), AlarmKind.RATE).limit(-1.0).build(), "limit", "positive");
        refused(AlarmDef.builder(running.id(), AlarmKind.DISCRETE_EQUALS).build(), "value", "needs the value");
        refused(AlarmDef.builder(running.id(), AlarmKind.DISCRETE_EQUALS).value("maybe").build(), "value", "not a valid bool");
        refused(AlarmDef.builder(flow.id(), AlarmKind.EXPRESSION).build(), "expression", "needs an expression");
        refused(AlarmDef.builder(flow.id(), AlarmKind.HI).limit(1.0).deadband(-1).build(), "deadband", "positive");
        refused(AlarmDef.builder(mode.id(), AlarmKind.BAD_QUALITY).deadband(1).build(), "deadband", "only numeric");
        refused(AlarmDef.builder(flow.id(), AlarmKind.HI).limit(1.0).onDelayMillis(-5).build(), "onDelay", "between 0");
        refused(AlarmDef.builder(flow.id(), AlarmKind.HI).limit(1.0).latching(true).autoAck(true).build(), "autoAck", "latching");
        refused(AlarmDef.builder(flow.id(), AlarmKind.HI).limit(1.0).message("{value} {colour}").build(), "message", "unknown placeholder {colour}");
        refused(AlarmDef.builder(flow.id(), AlarmKind.HI).limit(1.0).suppressionTagId(java.util.UUID.randomUUID()).build(), "suppressedBy", "does not exist");
        refused(AlarmDef.builder(java.util.UUID.randomUUID(), AlarmKind.BAD_QUALITY).build(), "tag", "existing tag");
        refused(AlarmDef.builder(flow.id(), AlarmKind.HI).limit(1.0).name("a/b").build(), "name", "must not contain");
    }

    @Test
    void alarmNamesAreUniquePerTag() {
        ModelSnapshot m = put(base, AlarmDef.builder(flow.id(), AlarmKind.HI).limit(1.0).build());
        assertThatThrownBy(() -> put(m, AlarmDef.builder(flow.id(), AlarmKind.HI).limit(2.0).build()))
                .isInstanceOf(ModelException.class).hasMessageContaining("already has an alarm named 'Hi'");
        // another tag may use the name; a renamed alarm frees its old name
        ModelSnapshot m2 = put(m, AlarmDef.builder(setpoint.id(), AlarmKind.HI).limit(2.0).build());
        AlarmDef hi = m2.alarmsOf(flow.id()).get(0);
        ModelSnapshot m3 = put(m2, hi.toBuilder().name("High").build(), AlarmDef.builder(flow.id(), AlarmKind.HI).limit(3.0).build());
        assertThat(m3.alarmsOf(flow.id())).extracting(AlarmDef::name).containsExactly("Hi", "High");
    }

    @Test
    void deletingATagDeletesItsAlarmsAndListsEachDeletion() {
        ModelSnapshot m = put(base, AlarmDef.builder(flow.id(), AlarmKind.HI).limit(1.0).build(),
                AlarmDef.builder(flow.id(), AlarmKind.LO).limit(0.0).build());
        ModelSnapshot.Change c = m.apply(List.of(new ModelEdit.DeleteTag(flow.id())));
        assertThat(c.snapshot().alarmCount()).isZero();
        assertThat(c.applied()).hasSize(3);
        assertThat(c.applied().subList(0, 2)).allMatch(e -> e instanceof ModelEdit.DeleteAlarm);
        assertThat(c.applied().get(2)).isEqualTo(new ModelEdit.DeleteTag(flow.id()));
        // deleting the object deletes tags and alarms of the whole subtree
        assertThat(m.apply(List.of(new ModelEdit.DeleteObject(station.id()))).snapshot().alarmCount()).isZero();
    }

    @Test
    void aTagThatAnotherTagsAlarmNeedsCannotBeDeletedAlone() {
        ModelSnapshot m = put(base, AlarmDef.builder(flow.id(), AlarmKind.DEVIATION).limit(5.0).setpointTagId(setpoint.id()).build(),
                AlarmDef.builder(flow.id(), AlarmKind.LO).limit(1.0).suppressionTagId(running.id()).build());
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.DeleteTag(setpoint.id()))))
                .isInstanceOf(ModelException.class).hasMessageContaining("/Station/Pump/Flow#Deviation: setpoint");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.DeleteTag(running.id()))))
                .isInstanceOf(ModelException.class).hasMessageContaining("/Station/Pump/Flow#Lo: suppressedBy");
        // together with the alarm's own tag it goes
        assertThat(m.apply(List.of(new ModelEdit.DeleteTag(setpoint.id()), new ModelEdit.DeleteTag(flow.id()),
                new ModelEdit.DeleteTag(running.id()))).snapshot().alarmCount()).isZero();
    }

    @Test
    void changingATagsTypeRechecksItsAlarms() {
        ModelSnapshot m = put(base, AlarmDef.builder(flow.id(), AlarmKind.HI).limit(1.0).build());
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(flow.toBuilder().type(ValueType.STRING).build()))))
                .isInstanceOf(ModelException.class).hasMessageContaining("needs a numeric tag");
    }

    @Test
    void editsInABatchMayComeInAnyOrder() {
        TagDef sp2 = TagDef.builder(pump.id(), "SP2", ValueType.DOUBLE).build();
        ModelSnapshot m = base.apply(List.of(
                new ModelEdit.PutAlarm(AlarmDef.builder(flow.id(), AlarmKind.DEVIATION).limit(1.0).setpointTagId(sp2.id()).build()),
                new ModelEdit.PutTag(sp2))).snapshot();
        assertThat(m.alarmCount()).isEqualTo(1);
        ModelSnapshot reloaded = ModelSnapshot.of(m.objects(), m.tags(), m.alarms());
        assertThat(reloaded.alarms()).containsExactlyInAnyOrderElementsOf(m.alarms());
    }
}
