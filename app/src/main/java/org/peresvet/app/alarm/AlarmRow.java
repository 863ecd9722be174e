package org.peresvet.app.alarm;

import java.util.UUID;
import org.peresvet.alarm.AlarmView;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/**
 * One line of the alarm list, immutable: a changed alarm is a new row (the list compares rows to
 * decide whether anything needs redrawing).
 *
 * @param objectId   the object holding the alarm's tag (null when the tag is gone)
 * @param time       when it last activated (µs), or its last change when it never did
 * @param objectPath the path of the tag, e.g. {@code /Station/Tank1/Level}
 * @param alarm      the alarm's name, e.g. {@code HiHi}
 * @param value      the tag's value at the last transition, with units
 */
public record AlarmRow(UUID id, UUID tagId, UUID objectId, long time, AlarmPriority priority, String objectPath,
                       String alarm, String message, String value, AlarmState state, boolean active,
                       boolean acknowledged, boolean latched, AlarmStatus.Shelving shelving) {

    static AlarmRow of(AlarmView v, ModelSnapshot m) {
        AlarmStatus s = v.status();
        TagDef tag = m.tag(v.def().tagId());
        String tagPath = tag == null ? pathBefore(v.path()) : m.tagPath(tag.id());
        String value = s.value() == null ? "" : s.value();
        if (!value.isEmpty() && tag != null && tag.units() != null && !tag.units().isBlank()) {
            value = value + " " + tag.units();
        }
        long time = s.activeSince() > 0 ? s.activeSince() : s.changedAt();
        return new AlarmRow(v.id(), v.def().tagId(), tag == null ? null : tag.objectId(), time, v.priority(), tagPath,
                v.def().name(), s.message() == null ? "" : s.message(), value, s.state(), s.active(), s.acknowledged(),
                s.latched(), s.shelving());
    }

    private static String pathBefore(String alarmPath) {
        int hash = alarmPath.lastIndexOf('#');
        return hash < 0 ? alarmPath : alarmPath.substring(0, hash);
    }

    /** Shown to operators now: not shelved, suppressed by design or out of service. */
    public boolean annunciated() {
        return !state.isMasked();
    }

    /** Waits for an operator's acknowledgement (and is shown). */
    public boolean needsAck() {
        return !acknowledged && annunciated();
    }

    /** A latched alarm an operator can reset now (acknowledged, process back to normal). */
    public boolean resettable() {
        return latched && acknowledged;
    }

    public boolean shelved() {
        return shelving != null;
    }
}
