package org.peresvet.screen;

import java.util.List;
import org.peresvet.model.ModelCheck;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;

/**
 * Refuses a screen (or library symbol) document whose body is not one (unknown widget types or properties, wrong
 * value types), so a stored screen always reads. Installed as a {@link ModelCheck} service. Tags a
 * screen names may be missing (a deleted tag is shown as such, and {@link ScreenCheck} lists it).
 */
public final class ScreenDocumentCheck implements ModelCheck {
    @Override
    public void check(ModelSnapshot after, List<ModelEdit> applied) {
        for (ModelEdit e : applied) {
            if (e instanceof ModelEdit.PutDocument p && p.document().kind().equals(ScreenDef.KIND)) {
                ScreenDocuments.read(p.document());
            } else if (e instanceof ModelEdit.PutDocument p && p.document().kind().equals(SymbolDef.KIND)) {
                SymbolDocuments.read(p.document());
            }
        }
    }
}
