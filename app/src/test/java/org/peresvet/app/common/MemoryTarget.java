package org.peresvet.app.common;

import java.util.List;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;

/** An in-memory model that edits like the engine does (all or nothing), for toolkit-free tests. */
public final class MemoryTarget implements ModelEditor.Target {
    public ModelSnapshot model;
    public int edits;

    public MemoryTarget(ModelSnapshot model) {
        this.model = model;
    }

    @Override
    public ModelSnapshot model() {
        return model;
    }

    @Override
    public ModelSnapshot.Change edit(List<ModelEdit> e) {
        ModelSnapshot.Change c = model.apply(e);
        model = c.snapshot();
        edits++;
        return c;
    }
}
