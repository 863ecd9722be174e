package org.peresvet.migrate.ldap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.TagDef;

/** The state of one import: the directory, the project it goes into, and what is mapped so far. */
final class Mapping {
    static final String OBJECT = "prsobject";
    static final String TAG = "prstag";
    static final String ALERT = "prsalert";
    static final String METHOD = "prsmethod";
    static final String PARAMETER = "prsmethodparameter";
    static final String SCHEDULE = "prsschedule";
    static final String CONNECTOR = "prsconnector";
    static final String CONNECTOR_LINK = "prsconnectortagdata";
    static final String STORAGE = "prsdatastorage";
    static final String NODE = "prsmodelnode";
    static final String ALIAS = "alias";

    final PeresvetDirectory dir;
    final ModelSnapshot current;
    final ImportOptions options;
    final ImportReport report;
    final Values values;
    final Ids ids;

    final Map<String, ObjectDef> objects = new LinkedHashMap<>();
    private final Map<UUID, ObjectDef> objectsById = new HashMap<>();
    final Map<String, TagDef> tags = new LinkedHashMap<>();
    final Map<UUID, String> tagDnById = new HashMap<>();
    final Map<String, AlarmDef> alarms = new LinkedHashMap<>();
    final Map<String, ScheduleDef> schedules = new LinkedHashMap<>();
    final Map<String, ConnectorDef> connectors = new LinkedHashMap<>();
    final Map<String, MethodDef> methods = new LinkedHashMap<>();
    /** Entries handled (mapped, skipped or read as a helper); the rest are reported at the end. */
    final Set<String> handled = new HashSet<>();
    /** Entities not imported: what is under them is skipped with them. */
    final Set<String> skipped = new HashSet<>();

    Mapping(PeresvetDirectory dir, ModelSnapshot current, ImportOptions options) {
        this.dir = dir;
        this.current = current;
        this.options = options;
        this.report = new ImportReport(dir.source());
        this.values = new Values(report);
        this.ids = new Ids(dir, report);
    }

    /** The base node of this name ({@code objects}, {@code tags}, ...) right under the base, or null. */
    DirEntry baseNode(String name) {
        return dir.child(dir.base(), name);
    }

    void skip(DirEntry e, String what, String reason) {
        report.add(ImportReport.Action.SKIPPED, e, what, reason);
        skipped.add(e.key());
        handled.add(e.key());
    }

    void change(DirEntry e, String what, String reason) {
        report.add(ImportReport.Action.CHANGED, e, what, reason);
    }

    void unresolved(DirEntry e, String what, String reason) {
        report.add(ImportReport.Action.UNRESOLVED, e, what, reason);
    }

    void helper(DirEntry e) {
        if (handled.add(e.key())) {
            report.helper();
        }
    }

    /** True when the entry or one of its ancestors below the base was skipped. */
    boolean underSkipped(DirEntry e) {
        for (DirEntry d = dir.get(e.parentKey()); d != null && !d.dn().equals(dir.base()); d = dir.get(d.parentKey())) {
            if (skipped.contains(d.key())) {
                return true;
            }
        }
        return false;
    }

    void putObject(String key, ObjectDef o) {
        objects.put(key, o);
        objectsById.put(o.id(), o);
    }

    void putTag(String key, TagDef t) {
        tags.put(key, t);
        tagDnById.put(t.id(), key);
    }

    /** The object's path in the model after the import (imported objects first, then the project's). */
    String objectPath(UUID id) {
        Deque<String> names = new ArrayDeque<>();
        UUID cur = id;
        while (cur != null) {
            ObjectDef o = objectsById.containsKey(cur) ? objectsById.get(cur) : current.object(cur);
            if (o == null) {
                break;
            }
            names.push(o.name());
            cur = o.parentId();
        }
        return "/" + String.join("/", names);
    }

    /** The tag's path after the import, for a tag imported now or already in the project; null for neither. */
    String tagPath(UUID tagId) {
        String key = tagDnById.get(tagId);
        TagDef t = key != null ? tags.get(key) : current.tag(tagId);
        return t == null ? null : objectPath(t.objectId()) + "/" + t.name();
    }

    /** A short description of an entry for the report, e.g. "tag Flow". */
    static String what(DirEntry e) {
        String k = switch (e.kind()) {
            case OBJECT -> "object";
            case TAG -> "tag";
            case ALERT -> "alert";
            case METHOD -> "method";
            case PARAMETER -> "method parameter";
            case SCHEDULE -> "schedule";
            case CONNECTOR -> "connector";
            case CONNECTOR_LINK -> "connector link";
            case STORAGE -> "data storage";
            case NODE -> "node";
            default -> e.kind().isEmpty() ? "entry" : e.kind();
        };
        return k + " " + e.name();
    }
}
