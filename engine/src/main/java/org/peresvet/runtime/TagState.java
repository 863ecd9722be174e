package org.peresvet.runtime;

import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;

/** Runtime state of one tag. Written only by the engine loop; {@link #current()} is read by anyone. */
public final class TagState {
    private volatile TagDef def;
    private volatile Sample current;
    /** The last sample that passed the deadband, in arrival order (loop thread only). */
    private Sample lastAccepted;

    TagState(TagDef def) {
        this.def = def;
    }

    public TagDef def() {
        return def;
    }

    void def(TagDef d) {
        def = d;
    }

    /** The last sample at or before the time it arrived; null before the first value. */
    public Sample current() {
        return current;
    }

    void current(Sample s) {
        current = s;
    }

    Sample lastAccepted() {
        return lastAccepted;
    }

    void lastAccepted(Sample s) {
        lastAccepted = s;
    }
}
