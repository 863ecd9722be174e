package org.peresvet.app.fx;

import java.util.UUID;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.peresvet.model.Sample;

/**
 * The current value of one tag as a JavaFX property. Changed only by {@link ValueBridge#pulse()},
 * that is on the FX thread (or, in tests, on the thread acting as it).
 */
public final class LiveValue {
    private final UUID tagId;
    private final ReadOnlyObjectWrapper<Sample> sample = new ReadOnlyObjectWrapper<>(this, "sample");
    int refs;

    LiveValue(UUID tagId, Sample initial) {
        this.tagId = tagId;
        this.sample.set(initial);
    }

    public UUID tagId() {
        return tagId;
    }

    /** The newest sample, or null before the tag's first value. */
    public Sample getSample() {
        return sample.get();
    }

    public ReadOnlyObjectProperty<Sample> sampleProperty() {
        return sample.getReadOnlyProperty();
    }

    /** Takes a sample unless it is older than the one shown; true when it changed the value. */
    boolean offer(Sample s) {
        Sample cur = sample.get();
        if (s == null || (cur != null && s.x() < cur.x())) {
            return false;
        }
        sample.set(s);
        return true;
    }
}
