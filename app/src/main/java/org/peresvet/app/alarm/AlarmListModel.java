package org.peresvet.app.alarm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peresvet.alarm.AlarmView;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;

/**
 * The alarm list's view model: every alarm that is not normal, filtered by subtree, priority and
 * whether masked alarms (shelved, suppressed, out of service) show; sorted by priority, then the
 * newest first. Also the figures the banner and the horn need, over all alarms whatever the
 * filter: the unacknowledged count and the most important unacknowledged alarm.
 *
 * <p>FX thread, but no toolkit needed: tests call {@link #update} directly.
 */
public final class AlarmListModel {
    /** Most urgent first; within a priority the newest first; then by path for a stable order. */
    static final Comparator<AlarmRow> ORDER = Comparator.comparing(AlarmRow::priority)
            .thenComparing(Comparator.comparingLong(AlarmRow::time).reversed())
            .thenComparing(AlarmRow::objectPath).thenComparing(AlarmRow::alarm);

    private final ObservableList<AlarmRow> rows = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a view that is thrown away would be lost with it. */
    private final ObservableList<AlarmRow> shownRows = FXCollections.unmodifiableObservableList(rows);
    /** Show alarms of this priority or more urgent; null: all. */
    private final ObjectProperty<AlarmPriority> minPriority = new SimpleObjectProperty<>(this, "minPriority");
    /** Show alarms on tags of this object and below; null: everywhere. */
    private final ObjectProperty<UUID> subtree = new SimpleObjectProperty<>(this, "subtree");
    private final BooleanProperty showMasked = new SimpleBooleanProperty(this, "showMasked");
    private final ReadOnlyIntegerWrapper unacknowledged = new ReadOnlyIntegerWrapper(this, "unacknowledged");
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total");
    private final ReadOnlyObjectWrapper<AlarmRow> mostImportant = new ReadOnlyObjectWrapper<>(this, "mostImportant");
    private final ReadOnlyObjectWrapper<Set<UUID>> unacknowledgedIds = new ReadOnlyObjectWrapper<>(this, "unacknowledgedIds", Set.of());
    private List<AlarmRow> all = List.of();
    private Runnable beforeChange = () -> { };
    private ModelSnapshot model = ModelSnapshot.empty();

    public AlarmListModel() {
        minPriority.addListener((o, a, b) -> refilter());
        subtree.addListener((o, a, b) -> refilter());
        showMasked.addListener((o, a, b) -> refilter());
    }

    /** The alarms now (any order) and the model they belong to. */
    public void update(List<AlarmView> active, ModelSnapshot m) {
        model = m == null ? ModelSnapshot.empty() : m;
        List<AlarmRow> next = new ArrayList<>(active.size());
        for (AlarmView v : active) {
            next.add(AlarmRow.of(v, model));
        }
        next.sort(ORDER);
        all = List.copyOf(next);
        Set<UUID> unacked = new LinkedHashSet<>();
        AlarmRow first = null;
        for (AlarmRow r : all) {
            if (r.needsAck()) {
                unacked.add(r.id());
                if (first == null) {
                    first = r;
                }
            }
        }
        total.set(all.size());
        unacknowledged.set(unacked.size());
        if (!unacked.equals(unacknowledgedIds.get())) {
            unacknowledgedIds.set(Set.copyOf(unacked));
        }
        mostImportant.set(first);
        refilter();
    }

    private void refilter() {
        List<AlarmRow> shown = new ArrayList<>();
        for (AlarmRow r : all) {
            if (passes(r)) {
                shown.add(r);
            }
        }
        if (!shown.equals(rows)) {
            beforeChange.run();
            rows.setAll(shown); // one change per refresh, however many alarms moved
        }
    }

    private boolean passes(AlarmRow r) {
        if (!showMasked.get() && !r.annunciated()) {
            return false;
        }
        AlarmPriority min = minPriority.get();
        if (min != null && r.priority().compareTo(min) > 0) {
            return false;
        }
        UUID root = subtree.get();
        return root == null || (r.objectId() != null && model.isInSubtree(r.objectId(), root));
    }

    /**
     * Per tag, its most urgent alarm that is not normal as a short text ("◆ Hi ! Unack"), whatever
     * the filter: the object view's alarm column.
     */
    public java.util.Map<UUID, String> marksByTag() {
        java.util.Map<UUID, String> out = new java.util.HashMap<>();
        for (AlarmRow r : all) { // most urgent first: the first row of a tag wins
            out.putIfAbsent(r.tagId(), AlarmText.marker(r.priority()) + " " + r.alarm() + " "
                    + (r.needsAck() ? "! " : "") + AlarmText.shortState(r.state()));
        }
        return out;
    }

    /**
     * Sets the subtree filter from a path typed by the operator; blank clears it.
     *
     * @return null when applied, else why not (no such object)
     */
    public String subtreePath(String path) {
        String p = path == null ? "" : path.strip();
        if (p.isEmpty() || p.equals("/")) {
            subtree.set(null);
            return null;
        }
        ObjectDef o = model.findObject(p).orElse(null);
        if (o == null) {
            return p;
        }
        subtree.set(o.id());
        return null;
    }

    /** The path of the subtree filter, or "" for everywhere. */
    public String subtreePath() {
        UUID root = subtree.get();
        return root == null || model.object(root) == null ? "" : model.objectPath(root);
    }

    /** Runs just before the shown rows change (the list view remembers its selection). */
    public void beforeRowsChange(Runnable r) {
        beforeChange = r == null ? () -> { } : r;
    }

    /** The shown alarms that wait for acknowledgement ("acknowledge all visible"). */
    public List<UUID> visibleUnacknowledged() {
        return rows.stream().filter(AlarmRow::needsAck).map(AlarmRow::id).toList();
    }

    public ModelSnapshot model() {
        return model;
    }

    public ObservableList<AlarmRow> rows() {
        return shownRows;
    }

    public ObjectProperty<AlarmPriority> minPriorityProperty() {
        return minPriority;
    }

    public ObjectProperty<UUID> subtreeProperty() {
        return subtree;
    }

    public BooleanProperty showMaskedProperty() {
        return showMasked;
    }

    /** Annunciated alarms waiting for acknowledgement, whatever the filter. */
    public ReadOnlyIntegerProperty unacknowledgedProperty() {
        return unacknowledged.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Set<UUID>> unacknowledgedIdsProperty() {
        return unacknowledgedIds.getReadOnlyProperty();
    }

    /** Every alarm that is not normal, whatever the filter. */
    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** The most urgent (then newest) unacknowledged alarm, or null. */
    public ReadOnlyObjectProperty<AlarmRow> mostImportantProperty() {
        return mostImportant.getReadOnlyProperty();
    }
}
