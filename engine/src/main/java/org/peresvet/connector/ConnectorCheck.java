package org.peresvet.connector;

import java.util.List;
import org.peresvet.model.ModelCheck;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;

/**
 * Refuses a connector tag whose binding does not parse (installed as a {@link ModelCheck}
 * service). The model itself checks that the bound connector exists. A connector tag without a
 * binding is allowed: it is simply not bound yet.
 */
public final class ConnectorCheck implements ModelCheck {
    /** The size of the tag's source config column. */
    static final int MAX_BINDING_CHARS = 16_000;

    @Override
    public void check(ModelSnapshot after, List<ModelEdit> applied) {
        for (ModelEdit e : applied) {
            if (e instanceof ModelEdit.PutTag p && p.tag().source() == SourceKind.CONNECTOR) {
                TagDef t = after.tag(p.tag().id());
                if (t == null || t.sourceConfig() == null || t.sourceConfig().isBlank()) {
                    continue;
                }
                if (t.sourceConfig().length() > MAX_BINDING_CHARS) {
                    throw new ModelException(after.tagPath(t.id()), "sourceConfig", "a binding must be at most "
                            + MAX_BINDING_CHARS + " characters");
                }
                try {
                    Binding.parse(t.id(), t.sourceConfig());
                } catch (IllegalArgumentException ex) {
                    throw new ModelException(after.tagPath(t.id()), "sourceConfig", ex.getMessage());
                }
            }
        }
    }
}
