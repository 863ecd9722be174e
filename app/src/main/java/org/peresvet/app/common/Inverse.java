package org.peresvet.app.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.TagDef;

/**
 * The edits that undo an applied change. Each applied edit is inverted against the state just
 * before it (tracked from the snapshot before the change), and the inverses run in reverse order,
 * so undo retraces the change step by step and every step is valid. Deletes arrive expanded (the
 * engine lists every removed tag, alarm and object, children first), so undoing a delete restores
 * the whole subtree, parents first, with the same ids: history stays attached. Every kind of
 * definition is covered: objects, tags, alarms, schedules, methods, connectors and documents.
 */
final class Inverse {
    private static final Object ABSENT = new Object();

    /** One kind of definition: how to read it before the change and how to put it back or remove it. */
    private record Kind<T>(String name, Function<ModelSnapshot, Function<UUID, T>> before,
                           Function<T, ModelEdit> put, Function<UUID, ModelEdit> delete) {
    }

    private static final Kind<ObjectDef> OBJECT = new Kind<>("object", s -> s::object, ModelEdit.PutObject::new,
            ModelEdit.DeleteObject::new);
    private static final Kind<TagDef> TAG = new Kind<>("tag", s -> s::tag, ModelEdit.PutTag::new, ModelEdit.DeleteTag::new);
    private static final Kind<AlarmDef> ALARM = new Kind<>("alarm", s -> s::alarm, ModelEdit.PutAlarm::new,
            ModelEdit.DeleteAlarm::new);
    private static final Kind<ScheduleDef> SCHEDULE = new Kind<>("schedule", s -> s::schedule, ModelEdit.PutSchedule::new,
            ModelEdit.DeleteSchedule::new);
    private static final Kind<MethodDef> METHOD = new Kind<>("method", s -> s::method, ModelEdit.PutMethod::new,
            ModelEdit.DeleteMethod::new);
    private static final Kind<ConnectorDef> CONNECTOR = new Kind<>("connector", s -> s::connector,
            ModelEdit.PutConnector::new, ModelEdit.DeleteConnector::new);
    private static final Kind<DocumentDef> DOCUMENT = new Kind<>("document", s -> id -> s.document(id).orElse(null),
            ModelEdit.PutDocument::new, ModelEdit.DeleteDocument::new);

    private Inverse() {
    }

    static List<ModelEdit> of(ModelSnapshot before, List<ModelEdit> applied) {
        Map<String, Object> state = new HashMap<>();
        List<ModelEdit> inverse = new ArrayList<>(applied.size());
        for (ModelEdit e : applied) {
            if (e instanceof ModelEdit.PutObject p) {
                put(OBJECT, p.object().id(), p.object(), before, state, inverse);
            } else if (e instanceof ModelEdit.PutTag p) {
                put(TAG, p.tag().id(), p.tag(), before, state, inverse);
            } else if (e instanceof ModelEdit.PutAlarm p) {
                put(ALARM, p.alarm().id(), p.alarm(), before, state, inverse);
            } else if (e instanceof ModelEdit.PutSchedule p) {
                put(SCHEDULE, p.schedule().id(), p.schedule(), before, state, inverse);
            } else if (e instanceof ModelEdit.PutMethod p) {
                put(METHOD, p.method().id(), p.method(), before, state, inverse);
            } else if (e instanceof ModelEdit.PutConnector p) {
                put(CONNECTOR, p.connector().id(), p.connector(), before, state, inverse);
            } else if (e instanceof ModelEdit.PutDocument p) {
                put(DOCUMENT, p.document().id(), p.document(), before, state, inverse);
            } else if (e instanceof ModelEdit.DeleteObject d) {
                delete(OBJECT, d.id(), before, state, inverse);
            } else if (e instanceof ModelEdit.DeleteTag d) {
                delete(TAG, d.id(), before, state, inverse);
            } else if (e instanceof ModelEdit.DeleteAlarm d) {
                delete(ALARM, d.id(), before, state, inverse);
            } else if (e instanceof ModelEdit.DeleteSchedule d) {
                delete(SCHEDULE, d.id(), before, state, inverse);
            } else if (e instanceof ModelEdit.DeleteMethod d) {
                delete(METHOD, d.id(), before, state, inverse);
            } else if (e instanceof ModelEdit.DeleteConnector d) {
                delete(CONNECTOR, d.id(), before, state, inverse);
            } else if (e instanceof ModelEdit.DeleteDocument d) {
                delete(DOCUMENT, d.id(), before, state, inverse);
            } else {
                throw new IllegalStateException("no inverse for " + e.getClass().getSimpleName());
            }
        }
        Collections.reverse(inverse);
        return List.copyOf(inverse);
    }

    private static <T> void put(Kind<T> kind, UUID id, T now, ModelSnapshot before, Map<String, Object> state,
                                List<ModelEdit> inverse) {
        T prev = lookup(kind, id, before, state);
        inverse.add(prev == null ? kind.delete().apply(id) : kind.put().apply(prev));
        state.put(kind.name() + id, now);
    }

    private static <T> void delete(Kind<T> kind, UUID id, ModelSnapshot before, Map<String, Object> state,
                                   List<ModelEdit> inverse) {
        T prev = lookup(kind, id, before, state);
        if (prev != null) {
            inverse.add(kind.put().apply(prev));
        }
        state.put(kind.name() + id, ABSENT);
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(Kind<T> kind, UUID id, ModelSnapshot before, Map<String, Object> state) {
        String key = kind.name() + id;
        Object v = state.containsKey(key) ? state.get(key) : kind.before().apply(before).apply(id);
        return v == ABSENT ? null : (T) v;
    }
}
