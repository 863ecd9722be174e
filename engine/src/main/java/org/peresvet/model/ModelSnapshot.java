package org.peresvet.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable, consistent view of the object tree and its tags. Readers on any thread share it
 * without locks; an edit produces a new snapshot through {@link #apply(List)}.
 */
public final class ModelSnapshot {
    private static final Comparator<String> BY_NAME = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private final Map<UUID, ObjectDef> objects;
    private final Map<UUID, TagDef> tags;
    /** Child object ids per parent id; roots are under the key {@code null}. */
    private final Map<UUID, List<UUID>> children;
    private final Map<UUID, List<UUID>> tagsOf;
    private final Map<UUID, AlarmDef> alarms;
    /** Alarm ids per tag id, sorted by name. */
    private final Map<UUID, List<UUID>> alarmsOf;
    private final Map<UUID, ScheduleDef> schedules;
    private final Map<UUID, MethodDef> methods;
    private final Map<UUID, ConnectorDef> connectors;
    private final Map<UUID, DocumentDef> documents;
    private volatile Map<String, UUID> tagByPath;

    private ModelSnapshot(Map<UUID, ObjectDef> objects, Map<UUID, TagDef> tags) {
        this(objects, tags, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    private ModelSnapshot(Map<UUID, ObjectDef> objects, Map<UUID, TagDef> tags, Map<UUID, AlarmDef> alarms,
                          Map<UUID, ScheduleDef> schedules, Map<UUID, MethodDef> methods,
                          Map<UUID, ConnectorDef> connectors, Map<UUID, DocumentDef> documents) {
        this.objects = objects;
        this.documents = documents;
        this.connectors = connectors;
        this.tags = tags;
        this.schedules = schedules;
        this.methods = methods;
        this.alarms = alarms;
        this.alarmsOf = new HashMap<>();
        for (AlarmDef a : alarms.values()) {
            alarmsOf.computeIfAbsent(a.tagId(), k -> new ArrayList<>()).add(a.id());
        }
        alarmsOf.values().forEach(l -> l.sort(Comparator.comparing(id -> alarms.get(id).name(), BY_NAME)));
        this.children = new HashMap<>();
        this.tagsOf = new HashMap<>();
        for (ObjectDef o : objects.values()) {
            children.computeIfAbsent(o.parentId(), k -> new ArrayList<>()).add(o.id());
        }
        for (TagDef t : tags.values()) {
            tagsOf.computeIfAbsent(t.objectId(), k -> new ArrayList<>()).add(t.id());
        }
        children.values().forEach(l -> l.sort(Comparator.comparing(id -> objects.get(id).name(), BY_NAME)));
        tagsOf.values().forEach(l -> l.sort(Comparator.comparing(id -> tags.get(id).name(), BY_NAME)));
    }

    public static ModelSnapshot empty() {
        return new ModelSnapshot(Map.of(), Map.of());
    }

    /** Builds a snapshot from stored rows, validating everything as an import would. */
    public static ModelSnapshot of(Collection<ObjectDef> objects, Collection<TagDef> tags) {
        return of(objects, tags, List.of(), List.of(), List.of());
    }

    /** Builds a snapshot from stored rows, alarm definitions included, validating everything as an import would. */
    public static ModelSnapshot of(Collection<ObjectDef> objects, Collection<TagDef> tags, Collection<AlarmDef> alarms) {
        return of(objects, tags, alarms, List.of(), List.of());
    }

    /** Like {@link #of(Collection, Collection)}, with schedules and methods; everything is checked together. */
    public static ModelSnapshot of(Collection<ObjectDef> objects, Collection<TagDef> tags, Collection<ScheduleDef> schedules,
                                   Collection<MethodDef> methods) {
        return of(objects, tags, List.of(), schedules, methods);
    }

    /** Everything from stored rows, checked together as an import would be. */
    public static ModelSnapshot of(Collection<ObjectDef> objects, Collection<TagDef> tags, Collection<AlarmDef> alarms,
                                   Collection<ScheduleDef> schedules, Collection<MethodDef> methods) {
        return of(objects, tags, alarms, schedules, methods, List.of());
    }

    /** Everything from stored rows, connectors included, checked together as an import would be. */
    public static ModelSnapshot of(Collection<ObjectDef> objects, Collection<TagDef> tags, Collection<AlarmDef> alarms,
                                   Collection<ScheduleDef> schedules, Collection<MethodDef> methods,
                                   Collection<ConnectorDef> connectors) {
        return of(objects, tags, alarms, schedules, methods, connectors, List.of());
    }

    /** Everything from stored rows, documents included, checked together as an import would be. */
    public static ModelSnapshot of(Collection<ObjectDef> objects, Collection<TagDef> tags, Collection<AlarmDef> alarms,
                                   Collection<ScheduleDef> schedules, Collection<MethodDef> methods,
                                   Collection<ConnectorDef> connectors, Collection<DocumentDef> documents) {
        List<ModelEdit> edits = new ArrayList<>();
        connectors.forEach(c -> edits.add(new ModelEdit.PutConnector(c)));
        // Parents first, so each object's parent exists when it is checked.
        Map<UUID, ObjectDef> byId = new HashMap<>();
        objects.forEach(o -> byId.put(o.id(), o));
        List<ObjectDef> ordered = new ArrayList<>();
        Map<UUID, Boolean> placed = new HashMap<>();
        for (ObjectDef o : objects) {
            placeParentsFirst(o, byId, placed, ordered);
        }
        ordered.forEach(o -> edits.add(new ModelEdit.PutObject(o)));
        tags.forEach(t -> edits.add(new ModelEdit.PutTag(t)));
        alarms.forEach(a -> edits.add(new ModelEdit.PutAlarm(a)));
        schedules.forEach(sc -> edits.add(new ModelEdit.PutSchedule(sc)));
        methods.forEach(m -> edits.add(new ModelEdit.PutMethod(m)));
        documents.forEach(d -> edits.add(new ModelEdit.PutDocument(d)));
        return empty().apply(edits).snapshot();
    }

    private static void placeParentsFirst(ObjectDef o, Map<UUID, ObjectDef> byId, Map<UUID, Boolean> placed, List<ObjectDef> out) {
        Deque<ObjectDef> chain = new ArrayDeque<>();
        ObjectDef cur = o;
        while (cur != null && !placed.containsKey(cur.id())) {
            placed.put(cur.id(), true);
            chain.push(cur);
            cur = cur.parentId() == null ? null : byId.get(cur.parentId());
        }
        out.addAll(chain);
    }

    // ---- reading ----

    public Collection<ObjectDef> objects() {
        return Collections.unmodifiableCollection(objects.values());
    }

    public Collection<TagDef> tags() {
        return Collections.unmodifiableCollection(tags.values());
    }

    public int objectCount() {
        return objects.size();
    }

    public int tagCount() {
        return tags.size();
    }

    public ObjectDef object(UUID id) {
        return objects.get(id);
    }

    public TagDef tag(UUID id) {
        return tags.get(id);
    }

    public Collection<AlarmDef> alarms() {
        return Collections.unmodifiableCollection(alarms.values());
    }

    public int alarmCount() {
        return alarms.size();
    }

    public AlarmDef alarm(UUID id) {
        return alarms.get(id);
    }

    /** The alarms of a tag, sorted by name. */
    public List<AlarmDef> alarmsOf(UUID tagId) {
        return alarmsOf.getOrDefault(tagId, List.of()).stream().map(alarms::get).toList();
    }

    /** {@code <tag path>#<alarm name>}, e.g. {@code /Station/Tank/Level#Hi}; null for an unknown alarm. */
    public String alarmPath(UUID alarmId) {
        AlarmDef a = alarms.get(alarmId);
        return a == null ? null : tagPath(a.tagId()) + "#" + a.name();
    }

    public Collection<ScheduleDef> schedules() {
        return Collections.unmodifiableCollection(schedules.values());
    }

    public ScheduleDef schedule(UUID id) {
        return schedules.get(id);
    }

    public Collection<MethodDef> methods() {
        return Collections.unmodifiableCollection(methods.values());
    }

    public MethodDef method(UUID id) {
        return methods.get(id);
    }

    /** The connectors, sorted by name. */
    public List<ConnectorDef> connectors() {
        return connectors.values().stream().sorted(Comparator.comparing(ConnectorDef::name, BY_NAME)).toList();
    }

    public ConnectorDef connector(UUID id) {
        return connectors.get(id);
    }

    /** The connector with this name (names are unique, ignoring case). */
    public Optional<ConnectorDef> findConnector(String name) {
        return connectors.values().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The tags whose binding names the connector, sorted by path. */
    public List<TagDef> tagsBoundTo(UUID connectorId) {
        return tags.values().stream().filter(t -> connectorId.equals(ConnectorDef.boundConnector(t)))
                .sorted(Comparator.comparing(t -> tagPath(t.id()))).toList();
    }

    /** Every document, sorted by kind, then name. */
    public List<DocumentDef> documents() {
        return documents.values().stream().sorted(Comparator.comparing(DocumentDef::kind)
                .thenComparing(DocumentDef::name, BY_NAME)).toList();
    }

    /** The documents of one kind ({@code trend}, {@code screen}, …), sorted by name. */
    public List<DocumentDef> documents(String kind) {
        return documents.values().stream().filter(d -> d.kind().equals(kind))
                .sorted(Comparator.comparing(DocumentDef::name, BY_NAME)).toList();
    }

    public Optional<DocumentDef> document(UUID id) {
        return Optional.ofNullable(documents.get(id));
    }

    /** The document of this kind with this name (unique per kind, ignoring case). */
    public Optional<DocumentDef> findDocument(String kind, String name) {
        return documents.values().stream().filter(d -> d.kind().equals(kind) && d.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Child objects sorted by name; {@code null} gives the roots. */
    public List<ObjectDef> childObjects(UUID parentId) {
        return children.getOrDefault(parentId, List.of()).stream().map(objects::get).toList();
    }

    public List<TagDef> tagsOf(UUID objectId) {
        return tagsOf.getOrDefault(objectId, List.of()).stream().map(tags::get).toList();
    }

    public String objectPath(UUID id) {
        StringBuilder sb = new StringBuilder();
        Deque<String> names = new ArrayDeque<>();
        for (ObjectDef o = objects.get(id); o != null; o = o.parentId() == null ? null : objects.get(o.parentId())) {
            names.push(o.name());
        }
        for (String n : names) {
            sb.append('/').append(n);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    public String tagPath(UUID id) {
        TagDef t = tags.get(id);
        return t == null ? null : objectPath(t.objectId()) + "/" + t.name();
    }

    public Optional<ObjectDef> findObject(String path) {
        UUID parent = null;
        ObjectDef found = null;
        for (String part : splitPath(path)) {
            found = childNamed(parent, part);
            if (found == null) {
                return Optional.empty();
            }
            parent = found.id();
        }
        return Optional.ofNullable(found);
    }

    public Optional<TagDef> findTag(String path) {
        Map<String, UUID> index = tagByPath;
        if (index == null) {
            index = new HashMap<>(tags.size() * 2);
            for (TagDef t : tags.values()) {
                index.put(tagPath(t.id()), t.id());
            }
            tagByPath = index;
        }
        UUID id = index.get(normalise(path));
        return id == null ? Optional.empty() : Optional.of(tags.get(id));
    }

    /** Every object id of the subtree rooted at {@code rootId}, the root included. */
    public List<UUID> subtree(UUID rootId) {
        List<UUID> out = new ArrayList<>();
        Deque<UUID> todo = new ArrayDeque<>();
        todo.push(rootId);
        while (!todo.isEmpty()) {
            UUID id = todo.pop();
            out.add(id);
            for (UUID c : children.getOrDefault(id, List.of())) {
                todo.push(c);
            }
        }
        return out;
    }

    public List<TagDef> tagsInSubtree(UUID rootId) {
        List<TagDef> out = new ArrayList<>();
        for (UUID o : subtree(rootId)) {
            out.addAll(tagsOf(o));
        }
        return out;
    }

    public boolean isInSubtree(UUID objectId, UUID rootId) {
        for (ObjectDef o = objects.get(objectId); o != null; o = o.parentId() == null ? null : objects.get(o.parentId())) {
            if (o.id().equals(rootId)) {
                return true;
            }
        }
        return false;
    }

    private ObjectDef childNamed(UUID parent, String name) {
        for (UUID id : children.getOrDefault(parent, List.of())) {
            ObjectDef o = objects.get(id);
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    static List<String> splitPath(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    private static String normalise(String path) {
        return "/" + String.join("/", splitPath(path));
    }

    // ---- editing ----

    /** The outcome of an edit: the new snapshot and the edits with deletions expanded to every removed item. */
    public record Change(ModelSnapshot snapshot, List<ModelEdit> applied) {
    }

    /**
     * Applies the edits in order and validates the result. Throws {@link ModelException} (and
     * this snapshot stays as it was) when any edit is invalid.
     */
    public Change apply(List<ModelEdit> edits) {
        Map<UUID, ObjectDef> objs = new HashMap<>(objects);
        Map<UUID, TagDef> tgs = new HashMap<>(tags);
        Map<UUID, AlarmDef> alms = new HashMap<>(alarms);
        Map<UUID, ScheduleDef> scs = new HashMap<>(schedules);
        Map<UUID, MethodDef> mts = new HashMap<>(methods);
        Map<UUID, ConnectorDef> cns = new HashMap<>(connectors);
        Map<UUID, DocumentDef> docs = new HashMap<>(documents);
        Editor ed = new Editor(objs, tgs, alms);
        List<ModelEdit> applied = new ArrayList<>();
        Map<UUID, Boolean> connectorsDeleted = new HashMap<>();
        for (ModelEdit edit : edits) {
            if (!applyDefinition(edit, scs, mts, objs, applied) && !applyConnector(edit, cns, connectorsDeleted, applied)
                    && !applyDocument(edit, docs, applied)) {
                ed.apply(edit, applied);
            }
        }
        ed.checkAlarms();
        ed.checkBindings(cns, connectorsDeleted, applied);
        Change change = new Change(new ModelSnapshot(objs, tgs, alms, scs, mts, cns, docs), List.copyOf(applied));
        for (ModelCheck check : ModelCheck.installed()) {
            check.check(change.snapshot(), change.applied());
        }
        return change;
    }

    /** Applies a schedule or method edit; false for other edits. */
    private static boolean applyDefinition(ModelEdit edit, Map<UUID, ScheduleDef> scs, Map<UUID, MethodDef> mts,
                                           Map<UUID, ObjectDef> objs, List<ModelEdit> applied) {
        if (edit instanceof ModelEdit.PutSchedule p) {
            p.schedule().validate();
            scs.put(p.schedule().id(), p.schedule());
        } else if (edit instanceof ModelEdit.DeleteSchedule d) {
            if (scs.remove(d.id()) == null) {
                throw new ModelException(String.valueOf(d.id()), "id", "no such schedule");
            }
        } else if (edit instanceof ModelEdit.PutMethod p) {
            p.method().validate(objs::containsKey);
            mts.put(p.method().id(), p.method());
        } else if (edit instanceof ModelEdit.DeleteMethod d) {
            if (mts.remove(d.id()) == null) {
                throw new ModelException(String.valueOf(d.id()), "id", "no such method");
            }
        } else {
            return false;
        }
        applied.add(edit);
        return true;
    }

    /** Applies a document edit; false for other edits. */
    private static boolean applyDocument(ModelEdit edit, Map<UUID, DocumentDef> docs, List<ModelEdit> applied) {
        if (edit instanceof ModelEdit.PutDocument p) {
            DocumentDef d = p.document();
            d.validate();
            for (DocumentDef other : docs.values()) {
                if (!other.id().equals(d.id()) && other.kind().equals(d.kind()) && other.name().equalsIgnoreCase(d.name())) {
                    throw new ModelException(d.kind() + " " + d.name(), "name",
                            "a " + d.kind() + " named '" + other.name() + "' already exists");
                }
            }
            DocumentDef prev = docs.get(d.id());
            if (prev != null && !prev.kind().equals(d.kind())) {
                throw new ModelException(d.kind() + " " + d.name(), "kind", "the document " + d.id() + " is a " + prev.kind());
            }
            docs.put(d.id(), d);
        } else if (edit instanceof ModelEdit.DeleteDocument del) {
            if (docs.remove(del.id()) == null) {
                throw new ModelException(String.valueOf(del.id()), "id", "no such document");
            }
        } else {
            return false;
        }
        applied.add(edit);
        return true;
    }

    /**
     * Applies a connector edit; false for other edits. A deletion is only recorded here: whether
     * tags still bind to it is checked once all edits are applied ({@link Editor#checkBindings}).
     */
    private static boolean applyConnector(ModelEdit edit, Map<UUID, ConnectorDef> cns, Map<UUID, Boolean> deleted,
                                          List<ModelEdit> applied) {
        if (edit instanceof ModelEdit.PutConnector p) {
            ConnectorDef c = p.connector();
            c.validate();
            for (ConnectorDef other : cns.values()) {
                if (!other.id().equals(c.id()) && other.name().equalsIgnoreCase(c.name())) {
                    throw new ModelException("connector " + c.name(), "name", "a connector named '" + other.name() + "' already exists");
                }
            }
            cns.put(c.id(), c);
            deleted.remove(c.id());
        } else if (edit instanceof ModelEdit.DeleteConnector d) {
            if (cns.remove(d.id()) == null) {
                throw new ModelException(String.valueOf(d.id()), "id", "no such connector");
            }
            deleted.merge(d.id(), d.force(), Boolean::logicalOr);
        } else {
            return false;
        }
        applied.add(edit);
        return true;
    }

    /** Validates a name (the one rule of {@link Names}); returns the reason it is invalid, or null. */
    public static String invalidNameReason(String name) {
        return Names.invalidReason(name);
    }

    /** Applies edits to mutable copies of the maps, with an incremental sibling index. */
    private static final class Editor {
        private final Map<UUID, ObjectDef> objs;
        private final Map<UUID, TagDef> tgs;
        /** Names in use under each parent object (objects and tags share one namespace). */
        private final Map<UUID, Map<String, UUID>> names = new HashMap<>();
        private final Map<UUID, AlarmDef> alms;
        /** Alarm names in use per tag id, and so the alarms of each tag. */
        private final Map<UUID, Map<String, UUID>> alarmNames = new HashMap<>();
        /** Alarms put and tags put or deleted by these edits: their alarms are checked at the end. */
        private final Set<UUID> alarmsToCheck = new HashSet<>();
        private final Set<UUID> tagsTouched = new HashSet<>();

        Editor(Map<UUID, ObjectDef> objs, Map<UUID, TagDef> tgs, Map<UUID, AlarmDef> alms) {
            this.objs = objs;
            this.tgs = tgs;
            this.alms = alms;
            alms.values().forEach(a -> alarmNames.computeIfAbsent(a.tagId(), k -> new HashMap<>()).put(a.name(), a.id()));
            objs.values().forEach(o -> names.computeIfAbsent(o.parentId(), k -> new HashMap<>()).put(o.name(), o.id()));
            tgs.values().forEach(t -> names.computeIfAbsent(t.objectId(), k -> new HashMap<>()).put(t.name(), t.id()));
        }

        void apply(ModelEdit edit, List<ModelEdit> applied) {
            if (edit instanceof ModelEdit.PutObject p) {
                putObject(p.object(), applied, edit);
            } else if (edit instanceof ModelEdit.PutTag p) {
                putTag(p.tag(), applied, edit);
            } else if (edit instanceof ModelEdit.DeleteObject d) {
                deleteObject(d.id(), applied);
            } else if (edit instanceof ModelEdit.DeleteTag d) {
                deleteTag(d.id(), applied);
            } else if (edit instanceof ModelEdit.PutAlarm p) {
                putAlarm(p.alarm(), applied, edit);
            } else if (edit instanceof ModelEdit.DeleteAlarm d) {
                deleteAlarm(d.id(), applied);
            }
        }

        /**
         * Tags put by these edits must bind to an existing connector; a connector deleted without
         * force must have no tag left bound to it (the message lists them); with force its tags
         * become manual (binding text kept), each listed as a PutTag so stores save it.
         */
        void checkBindings(Map<UUID, ConnectorDef> cns, Map<UUID, Boolean> deleted, List<ModelEdit> applied) {
            for (Map.Entry<UUID, Boolean> d : deleted.entrySet()) {
                List<TagDef> bound = tgs.values().stream().filter(t -> d.getKey().equals(ConnectorDef.boundConnector(t)))
                        .sorted(Comparator.comparing(t -> where(t.objectId(), t.name()))).toList();
                if (bound.isEmpty()) {
                    continue;
                }
                if (!d.getValue()) {
                    List<String> paths = bound.stream().map(t -> where(t.objectId(), t.name())).toList();
                    String list = paths.size() <= 20 ? String.join(", ", paths)
                            : String.join(", ", paths.subList(0, 20)) + " and " + (paths.size() - 20) + " more";
                    throw new ModelException("connector " + d.getKey(), "tags", bound.size() + " tag(s) are bound to it: "
                            + list + "; unbind them or delete with force");
                }
                for (TagDef t : bound) {
                    TagDef manual = t.toBuilder().source(SourceKind.MANUAL).build();
                    tgs.put(t.id(), manual);
                    applied.add(new ModelEdit.PutTag(manual));
                }
            }
            for (UUID id : tagsTouched) {
                TagDef t = tgs.get(id);
                UUID c = t == null ? null : ConnectorDef.boundConnector(t);
                if (c != null && !cns.containsKey(c)) {
                    throw new ModelException(where(t.objectId(), t.name()), "sourceConfig", "connector " + c + " does not exist");
                }
            }
        }

        private String alarmWhere(AlarmDef a) {
            TagDef t = a.tagId() == null ? null : tgs.get(a.tagId());
            return t == null ? "alarm " + a.name() + " (" + a.id() + ")" : where(t.objectId(), t.name()) + "#" + a.name();
        }

        private void putAlarm(AlarmDef a, List<ModelEdit> applied, ModelEdit edit) {
            String bad = invalidNameReason(a.name());
            if (bad != null) {
                throw new ModelException(alarmWhere(a), "name", bad);
            }
            AlarmDef old = alms.get(a.id());
            if (old != null) {
                releaseAlarmName(old);
            }
            Map<String, UUID> siblings = alarmNames.computeIfAbsent(a.tagId(), k -> new HashMap<>());
            UUID holder = siblings.get(a.name());
            if (holder != null && !holder.equals(a.id())) {
                throw new ModelException(alarmWhere(a), "name", "the tag already has an alarm named '" + a.name() + "'");
            }
            siblings.put(a.name(), a.id());
            alms.put(a.id(), a);
            alarmsToCheck.add(a.id());
            applied.add(edit);
        }

        private void deleteAlarm(UUID id, List<ModelEdit> applied) {
            AlarmDef a = alms.remove(id);
            if (a == null) {
                throw new ModelException(String.valueOf(id), "id", "no such alarm");
            }
            releaseAlarmName(a);
            alarmsToCheck.remove(id);
            applied.add(new ModelEdit.DeleteAlarm(id));
        }

        private void releaseAlarmName(AlarmDef a) {
            Map<String, UUID> siblings = alarmNames.get(a.tagId());
            if (siblings != null && a.id().equals(siblings.get(a.name()))) {
                siblings.remove(a.name());
            }
        }

        /**
         * Checks the alarms these edits put, and every alarm on or referring to a tag they put or
         * deleted (type changed, setpoint or suppression tag gone): done once at the end, so the
         * order of edits in a batch does not matter.
         */
        void checkAlarms() {
            if (!tagsTouched.isEmpty()) {
                for (AlarmDef a : alms.values()) {
                    if (tagsTouched.contains(a.tagId()) || tagsTouched.contains(a.setpointTagId())
                            || tagsTouched.contains(a.suppressionTagId())) {
                        alarmsToCheck.add(a.id());
                    }
                }
            }
            for (UUID id : alarmsToCheck) {
                AlarmDef a = alms.get(id);
                if (a != null) {
                    AlarmValidation.check(a, tgs, alarmWhere(a));
                }
            }
        }

        private String where(UUID parent, String name) {
            // A refused name may be megabytes long: the path in a message shows its start.
            return pathOf(parent) + "/" + (name != null && name.length() > 4 * Names.MAX_LENGTH
                    ? Quoted.escape(name, Quoted.MAX_VALUE) : name);
        }

        private String pathOf(UUID id) {
            Deque<String> parts = new ArrayDeque<>();
            for (ObjectDef o = id == null ? null : objs.get(id); o != null; o = o.parentId() == null ? null : objs.get(o.parentId())) {
                parts.push(o.name());
            }
            return parts.isEmpty() ? "" : "/" + String.join("/", parts);
        }

        private void putObject(ObjectDef o, List<ModelEdit> applied, ModelEdit edit) {
            String where = where(o.parentId(), String.valueOf(o.name()));
            String bad = invalidNameReason(o.name());
            if (bad != null) {
                throw new ModelException(where, "name", bad);
            }
            Names.checkText(o.description(), where, "description");
            if (o.parentId() != null && !objs.containsKey(o.parentId())) {
                throw new ModelException(where, "parent", "parent object " + o.parentId() + " does not exist");
            }
            if (tgs.containsKey(o.id())) {
                throw new ModelException(where, "id", "id " + o.id() + " is already used by a tag");
            }
            ObjectDef old = objs.get(o.id());
            if (old != null && o.parentId() != null) {
                for (UUID p = o.parentId(); p != null; p = objs.get(p).parentId()) {
                    if (p.equals(o.id())) {
                        throw new ModelException(where, "parent", "an object cannot be moved into its own subtree");
                    }
                }
            }
            if (old != null) {
                releaseName(old.parentId(), old.name(), old.id());
            }
            claimName(o.parentId(), o.name(), o.id(), where);
            objs.put(o.id(), o);
            applied.add(edit);
        }

        private void putTag(TagDef t, List<ModelEdit> applied, ModelEdit edit) {
            String where = where(t.objectId(), String.valueOf(t.name()));
            String bad = invalidNameReason(t.name());
            if (bad != null) {
                throw new ModelException(where, "name", bad);
            }
            if (t.objectId() == null || !objs.containsKey(t.objectId())) {
                throw new ModelException(where, "object", "a tag must belong to an existing object");
            }
            if (objs.containsKey(t.id())) {
                throw new ModelException(where, "id", "id " + t.id() + " is already used by an object");
            }
            TagValidation.check(t, where);
            TagDef old = tgs.get(t.id());
            if (old != null) {
                releaseName(old.objectId(), old.name(), old.id());
            }
            claimName(t.objectId(), t.name(), t.id(), where);
            tgs.put(t.id(), t);
            tagsTouched.add(t.id());
            applied.add(edit);
        }

        private void deleteObject(UUID id, List<ModelEdit> applied) {
            ObjectDef o = objs.get(id);
            if (o == null) {
                throw new ModelException(String.valueOf(id), "id", "no such object");
            }
            List<UUID> sub = new ArrayList<>();
            Deque<UUID> todo = new ArrayDeque<>(List.of(id));
            while (!todo.isEmpty()) {
                UUID cur = todo.pop();
                sub.add(cur);
                Map<String, UUID> under = names.getOrDefault(cur, Map.of());
                for (UUID child : under.values()) {
                    if (objs.containsKey(child)) {
                        todo.push(child);
                    }
                }
            }
            // Children before parents, tags before their objects: every applied edit stands alone.
            Collections.reverse(sub);
            for (UUID obj : sub) {
                for (UUID child : List.copyOf(names.getOrDefault(obj, Map.of()).values())) {
                    if (tgs.containsKey(child)) {
                        deleteTag(child, applied);
                    }
                }
                ObjectDef gone = objs.remove(obj);
                releaseName(gone.parentId(), gone.name(), gone.id());
                names.remove(obj);
                applied.add(new ModelEdit.DeleteObject(obj));
            }
        }

        private void deleteTag(UUID id, List<ModelEdit> applied) {
            TagDef t = tgs.get(id);
            if (t == null) {
                throw new ModelException(String.valueOf(id), "id", "no such tag");
            }
            // A tag's alarms go with it (each deletion listed, so stores remove their rows).
            for (UUID alarm : List.copyOf(alarmNames.getOrDefault(id, Map.of()).values())) {
                deleteAlarm(alarm, applied);
            }
            alarmNames.remove(id);
            tgs.remove(id);
            tagsTouched.add(id);
            releaseName(t.objectId(), t.name(), t.id());
            applied.add(new ModelEdit.DeleteTag(id));
        }

        private void claimName(UUID parent, String name, UUID id, String where) {
            Map<String, UUID> siblings = names.computeIfAbsent(parent, k -> new HashMap<>());
            UUID holder = siblings.get(name);
            if (holder != null && !holder.equals(id)) {
                throw new ModelException(where, "name", "'" + name + "' already exists here");
            }
            siblings.put(name, id);
        }

        private void releaseName(UUID parent, String name, UUID id) {
            Map<String, UUID> siblings = names.get(parent);
            if (siblings != null && id.equals(siblings.get(name))) {
                siblings.remove(name);
            }
        }
    }
}
