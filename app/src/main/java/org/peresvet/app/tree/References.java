package org.peresvet.app.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peresvet.model.ModelSnapshot;

/** The registered {@link UsageFinder}s, asked together. */
public final class References implements UsageFinder {
    private final List<UsageFinder> finders = new CopyOnWriteArrayList<>();

    public void register(UsageFinder finder) {
        finders.add(finder);
    }

    public void unregister(UsageFinder finder) {
        finders.remove(finder);
    }

    @Override
    public List<Reference> referencesTo(ModelSnapshot model, Set<UUID> ids) {
        List<Reference> out = new ArrayList<>();
        for (UsageFinder f : finders) {
            out.addAll(f.referencesTo(model, ids));
        }
        return out;
    }
}
