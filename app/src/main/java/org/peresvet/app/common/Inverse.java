package org.peresvet.app.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;

/**
 * The edits that undo an applied change. Each applied edit is inverted against the state just
 * before it (tracked from the snapshot before the change), and the inverses run in reverse order,
 * so undo retraces the change step by step and every step is valid. Deletes arrive expanded (the
 * engine lists every removed tag and object, children first), so undoing a delete restores the
 * whole subtree, parents first, with the same ids: history stays attached.
 */
final class Inverse {
    private static final Object ABSENT = new Object();

    private Inverse() {
    }

    static List<ModelEdit> of(ModelSnapshot before, List<ModelEdit> applied) {
        Map<UUID, Object> state = new HashMap<>();
        List<ModelEdit> inverse = new ArrayList<>(applied.size());
        for (ModelEdit e : applied) {
            if (e instanceof ModelEdit.PutObject p) {
                UUID id = p.object().id();
                ObjectDef prev = (ObjectDef) lookup(state, id, before::object);
                inverse.add(prev == null ? new ModelEdit.DeleteObject(id) : new ModelEdit.PutObject(prev));
                state.put(id, p.object());
            } else if (e instanceof ModelEdit.PutTag p) {
                UUID id = p.tag().id();
                TagDef prev = (TagDef) lookup(state, id, before::tag);
                inverse.add(prev == null ? new ModelEdit.DeleteTag(id) : new ModelEdit.PutTag(prev));
                state.put(id, p.tag());
            } else if (e instanceof ModelEdit.DeleteObject d) {
                ObjectDef prev = (ObjectDef) lookup(state, d.id(), before::object);
                if (prev != null) {
                    inverse.add(new ModelEdit.PutObject(prev));
                }
                state.put(d.id(), ABSENT);
            } else if (e instanceof ModelEdit.DeleteTag d) {
                TagDef prev = (TagDef) lookup(state, d.id(), before::tag);
                if (prev != null) {
                    inverse.add(new ModelEdit.PutTag(prev));
                }
                state.put(d.id(), ABSENT);
            }
        }
        Collections.reverse(inverse);
        return List.copyOf(inverse);
    }

    private static Object lookup(Map<UUID, Object> state, UUID id, java.util.function.Function<UUID, Object> before) {
        Object v = state.containsKey(id) ? state.get(id) : before.apply(id);
        return v == ABSENT ? null : v;
    }
}
