package org.peresvet.app.shell;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.app.Messages;
import org.peresvet.app.tree.RenameFollower;
import org.peresvet.app.tree.UsageFinder;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.ScreenReferences;
import org.peresvet.screen.ScreenRenames;

/**
 * The tree's delete warning learns which screens use a tag or object, and its rename rewrites
 * them (the shell joins tree and screens).
 */
final class ScreenUsage {
    private ScreenUsage() {
    }

    static List<UsageFinder.Reference> find(ModelSnapshot model, Set<UUID> ids) {
        return ScreenReferences.usesOf(model, ScreenDocuments.all(model), ids).stream()
                .map(u -> new UsageFinder.Reference("screen", u.screenName() + " (" + u.widgetId() + "." + u.property() + ")", u.path()))
                .toList();
    }

    /** A rename or move: the screens that name the item by path are rewritten in the same edit. */
    static RenameFollower.Follow rename(ModelSnapshot model, String oldPath, String newPath) {
        List<ScreenRenames.Rewrite> rw = ScreenRenames.rewrite(ScreenDocuments.all(model), oldPath, newPath);
        return new RenameFollower.Follow(ScreenRenames.edits(rw),
                rw.stream().map(r -> Messages.get("tree.renameScreen", r.before().name(), r.changes())).toList());
    }
}
