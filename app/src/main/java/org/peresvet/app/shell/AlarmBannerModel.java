package org.peresvet.app.shell;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the alarm banner at the bottom of the window shows: the most important unacknowledged
 * alarm and the count of unacknowledged alarms. Alarms do not exist yet, so it stays empty; the
 * alarm screens will set it (FX thread).
 */
public final class AlarmBannerModel {

    /** ISA-18.2 priorities, most urgent first; null when nothing is unacknowledged. */
    public enum Priority { URGENT, HIGH, MEDIUM, LOW }

    private final ObjectProperty<Priority> priority = new SimpleObjectProperty<>(this, "priority");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final IntegerProperty unacknowledged = new SimpleIntegerProperty(this, "unacknowledged");

    public ObjectProperty<Priority> priorityProperty() {
        return priority;
    }

    /** The most important unacknowledged alarm, e.g. "/Station/Tank1/Level high high: 4.9 m". */
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
