package org.peresvet.app.tree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * The edits behind the tree's commands, as pure functions of a snapshot. Nothing here applies
 * anything: {@link ModelEditor} does, after the model has checked the edits.
 */
public final class TreeOps {
    private TreeOps() {
    }

    /** A new object under {@code parent} (null: a root), named {@code base} or "base 2", "base 3"… */
    public static ObjectDef newObject(ModelSnapshot m, UUID parent, String base) {
        return ObjectDef.create(parent, uniqueName(m, parent, base, Set.of()));
    }

    /** A new manual double tag on {@code object}. */
    public static TagDef newTag(ModelSnapshot m, UUID object, String base) {
        return TagDef.builder(object, uniqueName(m, object, base, Set.of()), ValueType.DOUBLE).build();
    }

    public static List<ModelEdit> rename(ModelSnapshot m, NodeRef ref, String newName) {
        if (ref.isObject()) {
            return List.of(new ModelEdit.PutObject(m.object(ref.id()).withName(newName)));
        }
        return List.of(new ModelEdit.PutTag(m.tag(ref.id()).toBuilder().name(newName).build()));
    }

    /**
     * The selection without items that lie inside another selected object (they move, copy or go
     * with it), in the given order.
     */
    public static List<NodeRef> topmost(ModelSnapshot m, Collection<NodeRef> refs) {
        Set<UUID> objects = new HashSet<>();
        refs.stream().filter(NodeRef::isObject).forEach(r -> objects.add(r.id()));
        List<NodeRef> out = new ArrayList<>();
        for (NodeRef r : new LinkedHashSet<>(refs)) {
            if (!r.existsIn(m)) {
                continue;
            }
            boolean inside = false;
            for (UUID p = r.parentIn(m); p != null && !inside; p = m.object(p) == null ? null : m.object(p).parentId()) {
                inside = objects.contains(p);
            }
            if (!inside) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Moves items under {@code target} (null: the root, objects only). The names stay; a clash is
     * refused by the model with the reason.
     */
    public static List<ModelEdit> move(ModelSnapshot m, Collection<NodeRef> refs, UUID target) {
        List<ModelEdit> edits = new ArrayList<>();
        for (NodeRef r : topmost(m, refs)) {
            if (r.isObject()) {
                ObjectDef o = m.object(r.id());
                if (target != null && (target.equals(o.id()) || m.isInSubtree(target, o.id()))) {
                    throw new ModelException(m.objectPath(o.id()), "parent", "an object cannot be moved into its own subtree");
                }
                if (!java.util.Objects.equals(o.parentId(), target)) {
                    edits.add(new ModelEdit.PutObject(o.withParent(target)));
                }
            } else {
                TagDef t = m.tag(r.id());
                if (target == null) {
                    throw new ModelException(m.tagPath(t.id()), "object", "a tag must belong to an object");
                }
                if (!t.objectId().equals(target)) {
                    edits.add(new ModelEdit.PutTag(t.toBuilder().objectId(target).build()));
                }
            }
        }
        return edits;
    }

    /**
     * Copies items (objects with their whole subtree) from {@code source} under {@code target} in
     * {@code m}, with new ids; a name already used there gets " (copy)", " (copy 2)"…
     */
    public static List<ModelEdit> copy(ModelSnapshot source, Collection<NodeRef> refs, ModelSnapshot m, UUID target) {
        List<ModelEdit> edits = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (NodeRef r : topmost(source, refs)) {
            if (r.isObject()) {
                ObjectDef o = source.object(r.id());
                String name = copyName(m, target, o.name(), taken);
                copyObject(source, o, target, name, edits);
            } else {
                if (target == null) {
                    throw new ModelException("/", "object", "a tag must belong to an object");
                }
                TagDef t = source.tag(r.id());
                String name = copyName(m, target, t.name(), taken);
                edits.add(new ModelEdit.PutTag(t.toBuilder().id(UUID.randomUUID()).objectId(target).name(name).build()));
            }
        }
        return edits;
    }

    private static void copyObject(ModelSnapshot src, ObjectDef o, UUID parent, String name, List<ModelEdit> out) {
        UUID newId = UUID.randomUUID();
        out.add(new ModelEdit.PutObject(new ObjectDef(newId, parent, name, o.description())));
        for (TagDef t : src.tagsOf(o.id())) {
            out.add(new ModelEdit.PutTag(t.toBuilder().id(UUID.randomUUID()).objectId(newId).build()));
        }
        for (ObjectDef c : src.childObjects(o.id())) {
            copyObject(src, c, newId, c.name(), out);
        }
    }

    private static String copyName(ModelSnapshot m, UUID parent, String name, Set<String> taken) {
        Set<String> used = namesUnder(m, parent);
        used.addAll(taken);
        String out = name;
        for (int i = 1; used.contains(out); i++) {
            out = name + (i == 1 ? " (copy)" : " (copy " + i + ")");
        }
        taken.add(out);
        return out;
    }

    /** Deletes the items (objects with their subtree). */
    public static List<ModelEdit> delete(ModelSnapshot m, Collection<NodeRef> refs) {
        List<ModelEdit> edits = new ArrayList<>();
        for (NodeRef r : topmost(m, refs)) {
            edits.add(r.isObject() ? new ModelEdit.DeleteObject(r.id()) : new ModelEdit.DeleteTag(r.id()));
        }
        return edits;
    }

    /** Every tag id that deleting {@code refs} removes (the tags of deleted objects included). */
    public static Set<UUID> affectedIds(ModelSnapshot m, Collection<NodeRef> refs) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (NodeRef r : topmost(m, refs)) {
            if (r.isObject()) {
                for (UUID o : m.subtree(r.id())) {
                    ids.add(o);
                    m.tagsOf(o).forEach(t -> ids.add(t.id()));
                }
            } else {
                ids.add(r.id());
            }
        }
        return ids;
    }

    /** Counts objects and tags that deleting {@code refs} removes: [objects, tags]. */
    public static int[] deleteCounts(ModelSnapshot m, Collection<NodeRef> refs) {
        int objects = 0;
        int tags = 0;
        for (NodeRef r : topmost(m, refs)) {
            if (r.isObject()) {
                List<UUID> sub = m.subtree(r.id());
                objects += sub.size();
                for (UUID o : sub) {
                    tags += m.tagsOf(o).size();
                }
            } else {
                tags++;
            }
        }
        return new int[] {objects, tags};
    }

    public static String uniqueName(ModelSnapshot m, UUID parent, String base, Set<String> alsoTaken) {
        Set<String> used = namesUnder(m, parent);
        used.addAll(alsoTaken);
        if (!used.contains(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            String n = base + " " + i;
            if (!used.contains(n)) {
                return n;
            }
        }
    }

    private static Set<String> namesUnder(ModelSnapshot m, UUID parent) {
        Set<String> used = new HashSet<>();
        m.childObjects(parent).forEach(o -> used.add(o.name()));
        if (parent != null) {
            m.tagsOf(parent).forEach(t -> used.add(t.name()));
        }
        return used;
    }
}
