package org.peresvet.app.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peresvet.model.ModelSnapshot;

/** The registered {@link ReferenceFinder}s, asked together. */
public final class References implements ReferenceFinder {
    private final List<ReferenceFinder> finders = new CopyOnWriteArrayList<>();

    public void register(ReferenceFinder finder) {
        finders.add(finder);
    }

    public void unregister(ReferenceFinder finder) {
        finders.remove(finder);
    }

    @Override
    public List<Reference> referencesTo(ModelSnapshot model, Set<UUID> ids) {
        List<Reference> out = new ArrayList<>();
        for (ReferenceFinder f : finders) {
            out.addAll(f.referencesTo(model, ids));
        }
        return out;
    }
}
