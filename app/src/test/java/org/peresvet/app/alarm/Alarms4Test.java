package org.peresvet.app.alarm;

import java.util.List;
import java.util.UUID;
import org.peresvet.alarm.AlarmView;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** A small plant with alarms in two areas, and alarm views in any state, for the view-model tests. */
final class Alarms4Test {
    final ObjectDef plant = ObjectDef.create(null, "Plant");
    final ObjectDef tank = ObjectDef.create(plant.id(), "Tank");
    final ObjectDef pump = ObjectDef.create(plant.id(), "Pump");
    final TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).units("m").build();
    final TagDef current = TagDef.builder(pump.id(), "Current", ValueType.DOUBLE).units("A").build();
    final AlarmDef levelHiHi = AlarmDef.builder(level.id(), AlarmKind.HIHI).limit(4.5).priority(AlarmPriority.CRITICAL).build();
    final AlarmDef levelHi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(4.0).priority(AlarmPriority.HIGH).build();
    final AlarmDef currentHi = AlarmDef.builder(current.id(), AlarmKind.HI).limit(30.0).priority(AlarmPriority.LOW).build();
    final ModelSnapshot model = ModelSnapshot.of(List.of(plant, tank, pump), List.of(level, current),
            List.of(levelHiHi, levelHi, currentHi));

    AlarmView view(AlarmDef d, AlarmState state, long activeSince) {
        boolean acked = state == AlarmState.ACKNOWLEDGED || state == AlarmState.SHELVED || state == AlarmState.NORMAL;
        boolean active = state != AlarmState.RETURNED_UNACKNOWLEDGED && state != AlarmState.NORMAL;
        AlarmStatus.Shelving shelving = state == AlarmState.SHELVED ? new AlarmStatus.Shelving("op", "sensor work", 1, 2) : null;
        AlarmStatus s = new AlarmStatus(d.id(), state, active, acked, false, false, activeSince, activeSince, "4.9",
                d.name() + " alarm", null, shelving, null);
        return new AlarmView(d, model.alarmPath(d.id()), s);
    }

    static UUID id(AlarmView v) {
        return v.id();
    }
}
