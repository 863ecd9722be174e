package org.peresvet.migrate.ldap;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.TagDef;

/**
 * Importing into a project that already has a model: items are merged by id (an imported item
 * replaces the project's item with the same id, reported when they differ); an imported item whose
 * name is taken by another item at the same place is renamed; an id the project uses for another
 * kind of item refuses the import.
 */
final class ProjectMerge {
    private final Mapping m;
    private final Set<String> idClashes = new LinkedHashSet<>();

    ProjectMerge(Mapping m) {
        this.m = m;
    }

    /** Renames imported objects and tags whose name another item holds at the same place. Before paths are used. */
    void names() {
        Set<UUID> importedIds = new HashSet<>();
        m.objects.values().forEach(o -> importedIds.add(o.id()));
        m.tags.values().forEach(t -> importedIds.add(t.id()));
        Map<UUID, Set<String>> taken = new HashMap<>();
        for (Map.Entry<String, ObjectDef> en : m.objects.entrySet()) {
            ObjectDef o = en.getValue();
            String name = free(taken, o.parentId(), o.name(), importedIds);
            if (!name.equals(o.name())) {
                m.report.add(ImportReport.Action.CONFLICT, m.dir.get(en.getKey()), "object " + o.name(), "another item is named '"
                        + o.name() + "' at " + m.objectPath(o.parentId()) + "; imported as '" + name + "'");
                m.putObject(en.getKey(), o.withName(name));
            }
        }
        for (Map.Entry<String, TagDef> en : m.tags.entrySet()) {
            TagDef t = en.getValue();
            String name = free(taken, t.objectId(), t.name(), importedIds);
            if (!name.equals(t.name())) {
                m.report.add(ImportReport.Action.CONFLICT, m.dir.get(en.getKey()), "tag " + t.name(), "another item is named '"
                        + t.name() + "' in " + m.objectPath(t.objectId()) + "; imported as '" + name + "'");
                m.putTag(en.getKey(), t.toBuilder().name(name).build());
            }
        }
    }

    /** The name, or "name (2)", "name (3)"... when it is taken under this parent. */
    private String free(Map<UUID, Set<String>> taken, UUID parent, String name, Set<UUID> importedIds) {
        Set<String> here = taken.computeIfAbsent(parent, p -> {
            Set<String> s = new HashSet<>();
            // The project's items under this parent that the import does not replace.
            for (ObjectDef o : m.current.childObjects(p)) {
                if (!importedIds.contains(o.id())) {
                    s.add(o.name());
                }
            }
            if (p != null) {
                for (TagDef t : m.current.tagsOf(p)) {
                    if (!importedIds.contains(t.id())) {
                        s.add(t.name());
                    }
                }
            }
            return s;
        });
        String n = name;
        for (int i = 2; here.contains(n); i++) {
            String suffix = " (" + i + ")";
            n = (name.length() + suffix.length() > 128 ? name.substring(0, 128 - suffix.length()) : name) + suffix;
        }
        here.add(n);
        return n;
    }

    /** Merges by id, renames connectors whose name is taken, counts added and updated items. */
    void rest() {
        for (Map.Entry<String, ObjectDef> en : m.objects.entrySet()) {
            ObjectDef o = en.getValue();
            clash(en.getKey(), "object " + o.name(), o.id(), m.current.tag(o.id()) != null, "a tag");
            merge(en.getKey(), "object " + o.name(), "objects", m.current.object(o.id()), o);
        }
        for (Map.Entry<String, TagDef> en : m.tags.entrySet()) {
            TagDef t = en.getValue();
            clash(en.getKey(), "tag " + t.name(), t.id(), m.current.object(t.id()) != null, "an object");
            merge(en.getKey(), "tag " + m.tagPath(t.id()), "tags", m.current.tag(t.id()), t);
        }
        for (Map.Entry<String, AlarmDef> en : m.alarms.entrySet()) {
            AlarmDef a = en.getValue();
            AlarmDef old = m.current.alarm(a.id());
            clash(en.getKey(), "alert " + a.name(), a.id(), old == null && (m.current.tag(a.id()) != null || m.current.object(a.id()) != null), "another item");
            if (old == null) {
                for (AlarmDef other : m.current.alarmsOf(a.tagId())) {
                    if (other.name().equals(a.name())) {
                        String n = a.name() + " (2)";
                        m.report.add(ImportReport.Action.CONFLICT, m.dir.get(en.getKey()), "alert " + a.name(),
                                "the tag already has an alarm named '" + a.name() + "'; imported as '" + n + "'");
                        a = a.toBuilder().name(n).build();
                        m.alarms.put(en.getKey(), a);
                    }
                }
            }
            merge(en.getKey(), "alert " + a.name(), "alarms", old, a);
        }
        for (Map.Entry<String, ScheduleDef> en : m.schedules.entrySet()) {
            merge(en.getKey(), "schedule " + en.getValue().name(), "schedules", m.current.schedule(en.getValue().id()), en.getValue());
        }
        for (Map.Entry<String, MethodDef> en : m.methods.entrySet()) {
            merge(en.getKey(), "method " + en.getValue().name(), "methods", m.current.method(en.getValue().id()), en.getValue());
        }
        Set<String> connectorNames = new HashSet<>();
        Set<UUID> importedConnectors = new HashSet<>();
        m.connectors.values().forEach(c -> importedConnectors.add(c.id()));
        m.current.connectors().stream().filter(c -> !importedConnectors.contains(c.id()))
                .forEach(c -> connectorNames.add(c.name().toLowerCase(Locale.ROOT)));
        for (Map.Entry<String, ConnectorDef> en : m.connectors.entrySet()) {
            ConnectorDef c = en.getValue();
            String n = c.name();
            for (int i = 2; connectorNames.contains(n.toLowerCase(Locale.ROOT)); i++) {
                n = c.name() + " (" + i + ")";
            }
            connectorNames.add(n.toLowerCase(Locale.ROOT));
            if (!n.equals(c.name())) {
                m.report.add(ImportReport.Action.CONFLICT, m.dir.get(en.getKey()), "connector " + c.name(),
                        "the project has another connector named '" + c.name() + "'; imported as '" + n + "'");
                c = c.withName(n);
                m.connectors.put(en.getKey(), c);
            }
            merge(en.getKey(), "connector " + c.name(), "connectors", m.current.connector(c.id()), c);
        }
    }

    private void clash(String dn, String what, UUID id, boolean clash, String other) {
        if (clash) {
            m.report.add(ImportReport.Action.CONFLICT, m.dir.get(dn), what, "its id " + id + " is " + other
                    + " in the project; the import cannot merge it");
            idClashes.add(what + " (" + id + ")");
        }
    }

    private <T> void merge(String dn, String what, String kind, T old, T now) {
        if (old == null) {
            m.report.imported(kind, false);
            return;
        }
        m.report.imported(kind, true);
        if (!old.equals(now)) {
            m.report.add(ImportReport.Action.CONFLICT, m.dir.get(dn), what, "the project has it already (same id): "
                    + "the directory's version replaces the project's");
        }
    }

    /** Items whose id the project uses for another kind of item: the import cannot go ahead. */
    Set<String> idClashes() {
        return idClashes;
    }
}
