package org.peresvet.app.tree;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.ModelSnapshot;

/**
 * Tells who uses objects or tags, so deleting them can show the references and ask first.
 * Formulas, alarms, connectors and screens each contribute one when they arrive; none exist yet.
 */
@FunctionalInterface
public interface UsageFinder {

    /** A use of a deleted item: {@code kind} e.g. "formula", {@code where} the user, {@code what} the item used. */
    record Reference(String kind, String where, String what) {
    }

    /**
     * The references to any of {@code ids} (object and tag ids about to be deleted) from items
     * that are not themselves being deleted.
     */
    List<Reference> referencesTo(ModelSnapshot model, Set<UUID> ids);
}
