package org.peresvet.app.wizard;

import org.peresvet.model.AlarmKind;

/**
 * A proposed alarm (page 4): on the tag of {@code row}, of {@code kind} at {@code limit}; the user
 * may untick it.
 *
 * @param why the reason it is proposed, shown beside it
 */
public final class AlarmRow {
    final EntityRow row;
    final AlarmKind kind;
    final Double limit;
    final String name;
    final String why;
    boolean include = true;

    AlarmRow(EntityRow row, AlarmKind kind, Double limit, String name, String why) {
        this.row = row;
        this.kind = kind;
        this.limit = limit;
        this.name = name;
        this.why = why;
    }

    public EntityRow row() {
        return row;
    }

    public AlarmKind kind() {
        return kind;
    }

    public Double limit() {
        return limit;
    }

    public String name() {
        return name;
    }

    public String why() {
        return why;
    }

    public boolean include() {
        return include;
    }

    public void include(boolean v) {
        include = v;
    }
}
