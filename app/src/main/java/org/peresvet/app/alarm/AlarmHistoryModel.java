package org.peresvet.app.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;

/**
 * The history tab's view model: which journal rows to read (period, priority, state) and the rows
 * read, newest first. The read itself runs off the FX thread (the controller hands the query to a
 * task). No toolkit needed.
 */
public final class AlarmHistoryModel {
    /** At most this many rows are read and shown; the tab says so when the journal had more. */
    public static final int MAX_ROWS = 10_000;

    /** The periods offered, up to now. */
    public enum Period {
        HOUR(Duration.ofHours(1)), SHIFT(Duration.ofHours(8)), DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)),
        MONTH(Duration.ofDays(30));

        private final Duration length;

        Period(Duration length) {
            this.length = length;
        }

        public Duration length() {
            return length;
        }
    }

    private final ObjectProperty<Period> period = new SimpleObjectProperty<>(this, "period", Period.DAY);
    /** This priority or more urgent; null: all. */
    private final ObjectProperty<AlarmPriority> minPriority = new SimpleObjectProperty<>(this, "minPriority");
    /** Rows whose state after the transition is this one; null: all. */
    private final ObjectProperty<AlarmState> state = new SimpleObjectProperty<>(this, "state");
    private final ObservableList<AlarmJournalEntry> rows = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a view that is thrown away would be lost with it. */
    private final ObservableList<AlarmJournalEntry> shownRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper truncated = new ReadOnlyBooleanWrapper(this, "truncated");

    /** The journal query of the current filters, for the period ending at {@code nowMicros}. */
    public AlarmJournalQuery query(long nowMicros) {
        long from = nowMicros - period.get().length().toNanos() / 1000;
        AlarmJournalQuery q = AlarmJournalQuery.all().period(from, nowMicros).limit(MAX_ROWS + 1);
        AlarmPriority min = minPriority.get();
        if (min != null) {
            Set<AlarmPriority> ps = EnumSet.noneOf(AlarmPriority.class);
            for (AlarmPriority p : AlarmPriority.values()) {
                if (p.compareTo(min) <= 0) {
                    ps.add(p);
                }
            }
            q = q.priorities(ps.toArray(AlarmPriority[]::new));
        }
        if (state.get() != null) {
            q = q.states(state.get());
        }
        return q;
    }

    /** Shows rows read with {@link #query} (oldest first, as the journal returns them). */
    public void show(List<AlarmJournalEntry> read) {
        List<AlarmJournalEntry> r = new ArrayList<>(read.size() > MAX_ROWS ? read.subList(0, MAX_ROWS) : read);
        truncated.set(read.size() > MAX_ROWS);
        Collections.reverse(r);
        rows.setAll(r);
    }

    public ObservableList<AlarmJournalEntry> rows() {
        return shownRows;
    }

    public ObjectProperty<Period> periodProperty() {
        return period;
    }

    public ObjectProperty<AlarmPriority> minPriorityProperty() {
        return minPriority;
    }

    public ObjectProperty<AlarmState> stateProperty() {
        return state;
    }

    /** The journal had more rows than {@link #MAX_ROWS} in the period. */
    public ReadOnlyBooleanProperty truncatedProperty() {
        return truncated.getReadOnlyProperty();
    }
}
