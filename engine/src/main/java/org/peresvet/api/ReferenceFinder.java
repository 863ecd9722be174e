package org.peresvet.api;

import java.util.List;
import java.util.UUID;
import org.peresvet.model.ModelSnapshot;

/**
 * Finds what uses an object or a tag: formulas, alarms, screens, connectors. Deleting an item that
 * is used is refused (409, with the list) unless forced. Each capability that refers to model
 * items plugs in its finder later; the default finds nothing.
 */
@FunctionalInterface
public interface ReferenceFinder {

    ReferenceFinder NONE = (model, id) -> List.of();

    /** References to the object or tag {@code id} in {@code model}; empty when nothing uses it. */
    List<Reference> find(ModelSnapshot model, UUID id);

    /**
     * One use of an item.
     *
     * @param kind     what refers: {@code formula}, {@code alarm}, {@code screen}, {@code connector}
     * @param targetId the item that is used
     * @param sourceId the object or tag that refers, when it is part of the model (a calculated
     *                 tag, an alarm's tag); null for a screen or a connector. A reference whose
     *                 source is deleted together with its target does not block the deletion
     * @param source   a readable name of what refers, e.g. a tag path or a screen name
     * @param detail   how it is used, e.g. the formula text
     */
    record Reference(String kind, UUID targetId, UUID sourceId, String source, String detail) {
    }

    /** Combines finders: the references of all of them. */
    static ReferenceFinder of(List<ReferenceFinder> finders) {
        List<ReferenceFinder> copy = List.copyOf(finders);
        return (model, id) -> copy.stream().flatMap(f -> f.find(model, id).stream()).toList();
    }
}
