package org.peresvet.app.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;

/** The registered {@link UsageFinder}s and {@link RenameFollower}s, asked together. */
public final class References implements UsageFinder {
    private final List<UsageFinder> finders = new CopyOnWriteArrayList<>();
    private final List<RenameFollower> followers = new CopyOnWriteArrayList<>();

    /** Registers what follows a rename (screens rewrite their bindings). */
    public void registerRenames(RenameFollower follower) {
        followers.add(follower);
    }

    /** Everything that follows the item at {@code oldPath} to {@code newPath}, together. */
    public RenameFollower.Follow follow(ModelSnapshot model, String oldPath, String newPath) {
        List<ModelEdit> edits = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (RenameFollower f : followers) {
            RenameFollower.Follow one = f.follow(model, oldPath, newPath);
            edits.addAll(one.edits());
            described.addAll(one.described());
        }
        return new RenameFollower.Follow(edits, described);
    }

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
