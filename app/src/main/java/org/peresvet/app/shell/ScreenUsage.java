package org.peresvet.app.shell;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.app.tree.UsageFinder;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.ScreenReferences;

/** The tree's delete warning learns which screens use a tag or object (the shell joins tree and screens). */
final class ScreenUsage {
    private ScreenUsage() {
    }

    static List<UsageFinder.Reference> find(ModelSnapshot model, Set<UUID> ids) {
        return ScreenReferences.usesOf(model, ScreenDocuments.all(model), ids).stream()
                .map(u -> new UsageFinder.Reference("screen", u.screenName() + " (" + u.widgetId() + "." + u.property() + ")", u.path()))
                .toList();
    }
}
