package org.peresvet.api;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.ScreenReferences;

/** The screens that show or write a tag, or watch an object's alarms: a delete names them. */
public final class ScreenReferenceFinder implements ReferenceFinder {
    @Override
    public List<Reference> find(ModelSnapshot model, UUID id) {
        return ScreenReferences.usesOf(model, ScreenDocuments.all(model), Set.of(id)).stream()
                .map(u -> new Reference("screen", id, null, u.screenName(), u.widgetId() + "." + u.property()))
                .toList();
    }
}
