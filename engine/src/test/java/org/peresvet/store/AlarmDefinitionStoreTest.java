package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Alarm definitions in the project file (migration V3-alarms.sql, Hibernate mapping). */
class AlarmDefinitionStoreTest {
    @TempDir
    Path dir;

    @Test
    void alarmsPersistAreEditedAndGoWithTheirTag() {
        ObjectDef o = ObjectDef.create(null, "Boiler");
        TagDef temp = TagDef.builder(o.id(), "Temp", ValueType.DOUBLE).build();
        TagDef state = TagDef.builder(o.id(), "State", ValueType.BOOL).build();
        AlarmDef hi = AlarmDef.builder(temp.id(), AlarmKind.HI).limit(90.0).deadband(1).onDelayMillis(2000)
                .message("Hot: {value}").suppressionTagId(state.id()).build();
        AlarmDef trip = AlarmDef.builder(state.id(), AlarmKind.DISCRETE_EQUALS).value(true).latching(true).build();
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot before = ModelSnapshot.empty();
            var c = before.apply(List.of(new ModelEdit.PutObject(o), new ModelEdit.PutTag(temp), new ModelEdit.PutTag(state),
                    new ModelEdit.PutAlarm(hi), new ModelEdit.PutAlarm(trip)));
            s.persist(before, c.applied());
            var c2 = c.snapshot().apply(List.of(new ModelEdit.PutAlarm(hi.toBuilder().limit(95.0).build())));
            s.persist(c.snapshot(), c2.applied());
        }
        ModelSnapshot loaded;
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            loaded = s.load();
            assertThat(loaded.alarms()).containsExactlyInAnyOrder(hi.toBuilder().limit(95.0).build(), trip);
            var del = loaded.apply(List.of(new ModelEdit.DeleteTag(state.id()), new ModelEdit.DeleteAlarm(hi.id())));
            s.persist(loaded, del.applied());
        }
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            assertThat(s.load().alarms()).isEmpty();
        }
    }
}
