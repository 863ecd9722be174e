package org.peresvet.alarm;

import java.util.UUID;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;

/** An alarm as lists show it: its definition, its path ({@code /Station/Tank/Level#Hi}) and its state. */
public record AlarmView(AlarmDef def, String path, AlarmStatus status) {

    public UUID id() {
        return def.id();
    }

    public AlarmState state() {
        return status.state();
    }

    public AlarmPriority priority() {
        return def.priority();
    }

    /** The message rendered at the last activation. */
    public String message() {
        return status.message();
    }
}
