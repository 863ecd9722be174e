package org.peresvet.app.shell;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.peresvet.app.alarm.AlarmRow;
import org.peresvet.model.AlarmPriority;

/**
 * What the alarm banner at the bottom of the window shows: the most important unacknowledged
 * alarm and the count of unacknowledged alarms, set from the alarm list's model (FX thread).
 */
public final class AlarmBannerModel {

    private final ObjectProperty<AlarmPriority> priority = new SimpleObjectProperty<>(this, "priority");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final IntegerProperty unacknowledged = new SimpleIntegerProperty(this, "unacknowledged");

    /** Shows {@code top} (null: none) and the count. */
    public void show(AlarmRow top, int count) {
        priority.set(top == null ? null : top.priority());
        message.set(top == null ? "" : text(top));
        unacknowledged.set(count);
    }

    /** "/Station/Tank1/Level#HiHi  Level high high: 4.9 m" (the value only when there is no message: it holds the value at activation). */
    static String text(AlarmRow r) {
        StringBuilder b = new StringBuilder(r.objectPath()).append('#').append(r.alarm());
        if (!r.message().isBlank()) {
            b.append("   ").append(r.message());
        }
        if (r.message().isBlank() && !r.value().isBlank()) {
            b.append("   ").append(r.value());
        }
        return b.toString();
    }

    /** ISA-18.2 priority of the most important unacknowledged alarm; null when none. */
    public ObjectProperty<AlarmPriority> priorityProperty() {
        return priority;
    }

    /** The most important unacknowledged alarm, e.g. "/Station/Tank1/Level#HiHi  Level high high". */
    public StringProperty messageProperty() {
        return message;
    }

    public IntegerProperty unacknowledgedProperty() {
        return unacknowledged;
    }

    public boolean isEmpty() {
        return unacknowledged.get() == 0;
    }
}
