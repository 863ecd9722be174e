package org.peresvet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSnapshotTest {
    private final ObjectDef station = ObjectDef.create(null, "Station");
    private final ObjectDef pump = ObjectDef.create(station.id(), "Pump1");
    private final TagDef speed = TagDef.builder(pump.id(), "Speed", ValueType.DOUBLE).units("%").min(0.0).max(100.0).build();

    private ModelSnapshot base() {
        return ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(station), new ModelEdit.PutObject(pump),
                new ModelEdit.PutTag(speed))).snapshot();
    }

    @Test
    void pathsResolveBothWays() {
        ModelSnapshot m = base();
        assertThat(m.objectPath(pump.id())).isEqualTo("/Station/Pump1");
        assertThat(m.tagPath(speed.id())).isEqualTo("/Station/Pump1/Speed");
        assertThat(m.findTag("/Station/Pump1/Speed")).contains(speed);
        assertThat(m.findTag("Station/Pump1/Speed/")).contains(speed);
        assertThat(m.findObject("/Station/Pump1")).contains(pump);
        assertThat(m.findObject("/Station/Nope")).isEmpty();
    }

    @Test
    void namesAreUniqueAmongSiblingsAcrossObjectsAndTags() {
        ModelSnapshot m = base();
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutObject(ObjectDef.create(pump.id(), "Speed")))))
                .isInstanceOf(ModelException.class)
                .hasMessage("/Station/Pump1/Speed: name: 'Speed' already exists here");
        // The same name under another parent is fine.
        ModelSnapshot ok = m.apply(List.of(new ModelEdit.PutObject(ObjectDef.create(null, "Pump1")))).snapshot();
        assertThat(ok.objectCount()).isEqualTo(3);
    }

    @Test
    void invalidNamesAreRefusedWithTheReason() {
        ModelSnapshot m = base();
        assertThat(ModelSnapshot.invalidNameReason("a/b")).contains("'/'");
        assertThat(ModelSnapshot.invalidNameReason(" x")).contains("spaces");
        assertThat(ModelSnapshot.invalidNameReason("..")).contains("reserved");
        assertThat(ModelSnapshot.invalidNameReason("")).contains("empty");
        assertThat(ModelSnapshot.invalidNameReason("x".repeat(129))).contains("128");
        assertThat(ModelSnapshot.invalidNameReason("Насос №1")).isNull();
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(speed.toBuilder().name("{x}").build()))))
                .isInstanceOf(ModelException.class).extracting("field").isEqualTo("name");
    }

    @Test
    void renameKeepsIdentityAndFreesTheOldName() {
        ModelSnapshot m = base().apply(List.of(new ModelEdit.PutObject(pump.withName("P1")))).snapshot();
        assertThat(m.findTag("/Station/P1/Speed")).contains(speed);
        m = m.apply(List.of(new ModelEdit.PutObject(ObjectDef.create(station.id(), "Pump1")))).snapshot();
        assertThat(m.childObjects(station.id())).extracting(ObjectDef::name).containsExactly("P1", "Pump1");
    }

    @Test
    void updatingOnlyTheDescriptionKeepsTheName() {
        ModelSnapshot m = base().apply(List.of(new ModelEdit.PutTag(speed.toBuilder().description("motor speed").build()))).snapshot();
        assertThat(m.findTag("/Station/Pump1/Speed").orElseThrow().description()).isEqualTo("motor speed");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(TagDef.builder(pump.id(), "Speed", ValueType.INT).build()))))
                .hasMessageContaining("already exists");
    }

    @Test
    void moveIntoOwnSubtreeIsRefused() {
        ModelSnapshot m = base();
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutObject(station.withParent(pump.id())))))
                .hasMessageContaining("own subtree");
    }

    @Test
    void deleteObjectRemovesTheWholeSubtreeAndReportsEveryItem() {
        ModelSnapshot.Change c = base().apply(List.of(new ModelEdit.DeleteObject(station.id())));
        assertThat(c.snapshot().objectCount()).isZero();
        assertThat(c.snapshot().tagCount()).isZero();
        assertThat(c.applied()).containsExactly(new ModelEdit.DeleteTag(speed.id()),
                new ModelEdit.DeleteObject(pump.id()), new ModelEdit.DeleteObject(station.id()));
    }

    @Test
    void tagRulesAreChecked() {
        ModelSnapshot m = base();
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(speed.toBuilder().min(10.0).max(5.0).build()))))
                .hasMessageContaining("min 10.0 is greater than max 5.0");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(speed.toBuilder().deadband(-1).build()))))
                .extracting("field").isEqualTo("deadband");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(speed.toBuilder().defaultValue("fast").build()))))
                .hasMessageContaining("defaultValue").hasMessageContaining("not a valid double");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(TagDef.builder(pump.id(), "Mode", ValueType.STRING).min(1.0).build()))))
                .hasMessageContaining("no engineering range");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(speed.toBuilder().source(SourceKind.SIMULATED).sourceConfig("{\"function\":\"saw\"}").build()))))
                .hasMessageContaining("unknown function 'saw'");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(TagDef.builder(java.util.UUID.randomUUID(), "X", ValueType.INT).build()))))
                .hasMessageContaining("existing object");
    }

    @Test
    void failedApplyLeavesTheSnapshotUntouched() {
        ModelSnapshot m = base();
        TagDef extra = TagDef.builder(pump.id(), "Current", ValueType.DOUBLE).build();
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(extra), new ModelEdit.DeleteTag(java.util.UUID.randomUUID()))))
                .hasMessageContaining("no such tag");
        assertThat(m.tagCount()).isEqualTo(1);
        assertThat(m.findTag("/Station/Pump1/Current")).isEmpty();
    }

    @Test
    void ofRebuildsFromRowsInAnyOrder() {
        ModelSnapshot m = ModelSnapshot.of(List.of(pump, station), List.of(speed));
        assertThat(m.tagPath(speed.id())).isEqualTo("/Station/Pump1/Speed");
    }
}
