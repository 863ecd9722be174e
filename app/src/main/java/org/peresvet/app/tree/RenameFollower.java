package org.peresvet.app.tree;

import java.util.List;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;

/**
 * Something that names tags and objects by path (a screen's bindings) and follows a rename or
 * move: the edits that rewrite it go into the rename's own undoable edit. The shell registers
 * one per feature, as it does {@link UsageFinder}s.
 */
@FunctionalInterface
public interface RenameFollower {

    /** The edits, and one line per follower rewritten ("Overview: 3 places"). */
    record Follow(List<ModelEdit> edits, List<String> described) {
        public static final Follow NONE = new Follow(List.of(), List.of());

        public Follow {
            edits = List.copyOf(edits);
            described = List.copyOf(described);
        }
    }

    /** What follows when the item at {@code oldPath} (and everything under it) moves to {@code newPath}. */
    Follow follow(ModelSnapshot model, String oldPath, String newPath);
}
