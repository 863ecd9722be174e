package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.api.ReferenceFinder;
import org.peresvet.engine.Engine;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.ScreenRenames;
import org.peresvet.security.AccessDeniedException;
import org.peresvet.security.Permission;

/**
 * {@code /v1/objects/} and {@code /v1/tags/}: create, read, update, move, copy and delete the
 * items of the model. Every change goes through {@link Engine#edit}, so it is validated, stored
 * and applied to the running engine at once, all or nothing.
 */
public final class ModelEndpoint {
    private static final Set<String> LIST_OBJECTS = Set.of("id", "path", "scope");
    private static final Set<String> LIST_TAGS = Set.of("path", "objectId", "scope");
    private static final Set<String> MOVE_OBJECT = Set.of("parentId");
    private static final Set<String> MOVE_TAG = Set.of("objectId");
    private static final Set<String> COPY_OBJECT = Set.of("parentId", "name");
    private static final Set<String> COPY_TAG = Set.of("objectId", "name");

    private final Engine engine;
    private final ReferenceFinder references;
    private final CurrentValues current;

    public ModelEndpoint(Engine engine, ReferenceFinder references, CurrentValues current) {
        this.engine = engine;
        this.references = references;
        this.current = current;
    }

    // ---- objects ----

    /** {@code GET /v1/objects/?id|path=&scope=object|children|subtree}. */
    public void listObjects(Call call) throws IOException {
        call.checkParams(LIST_OBJECTS);
        ModelSnapshot m = engine.model();
        String id = call.param("id");
        String path = call.param("path");
        if (id != null && path != null) {
            throw ApiError.badRequest("path", "give id or path, not both");
        }
        ObjectDef root = id != null ? Resolve.object(m, id, "id") : path != null ? Resolve.object(m, path, "path") : null;
        String scope = scope(call, root == null ? "children" : "object");
        ArrayNode objects = Json.MAPPER.createArrayNode();
        ArrayNode tags = Json.MAPPER.createArrayNode();
        if (root == null) {
            if (scope.equals("object")) {
                throw ApiError.badRequest("scope", "scope=object needs id or path");
            }
            for (ObjectDef top : m.childObjects(null)) {
                if (scope.equals("subtree")) {
                    addSubtree(m, top, objects, tags);
                } else {
                    objects.add(ModelJson.object(m, top));
                }
            }
        } else {
            objects.add(ModelJson.object(m, root));
            if (scope.equals("children")) {
                m.childObjects(root.id()).forEach(c -> objects.add(ModelJson.object(m, c)));
                m.tagsOf(root.id()).forEach(t -> tags.add(ModelJson.tag(m, t)));
            } else if (scope.equals("subtree")) {
                m.tagsOf(root.id()).forEach(t -> tags.add(ModelJson.tag(m, t)));
                for (ObjectDef c : m.childObjects(root.id())) {
                    addSubtree(m, c, objects, tags);
                }
            }
        }
        ReadScope readable = ReadScope.of(call, engine);
        readable.keep(objects, "id", ReadScope.Kind.OBJECT, m);
        readable.keep(tags, "id", ReadScope.Kind.TAG, m);
        ObjectNode doc = Json.object();
        doc.set("objects", objects);
        doc.set("tags", tags);
        call.sendJson(200, doc);
    }

    /** Depth first, children by name: parents always come before their children. */
    private static void addSubtree(ModelSnapshot m, ObjectDef o, ArrayNode objects, ArrayNode tags) {
        objects.add(ModelJson.object(m, o));
        m.tagsOf(o.id()).forEach(t -> tags.add(ModelJson.tag(m, t)));
        for (ObjectDef c : m.childObjects(o.id())) {
            addSubtree(m, c, objects, tags);
        }
    }

    private static String scope(Call call, String dflt) {
        String s = call.param("scope");
        if (s == null) {
            return dflt;
        }
        if (!Set.of("object", "children", "subtree").contains(s)) {
            throw ApiError.badRequest("scope", "must be object, children or subtree, got '" + s + "'");
        }
        return s;
    }

    /**
     * {@code GET /v1/project?root=&withSecrets=}: the project document (or one object's subtree) as
     * the workstation exports it. Secrets are left out; {@code withSecrets=true} puts them in, in
     * clear text, only for a user who may manage users (or the API token), and is audited.
     */
    public void exportProject(Call call) throws IOException {
        call.checkParams(Set.of("root", "withSecrets"));
        ModelSnapshot m = engine.model();
        String given = call.param("root");
        ObjectDef root = given == null ? null : Resolve.object(m, given, "root");
        boolean withSecrets = call.flag("withSecrets");
        ReadScope.of(call, engine).requireObject(root == null ? null : root.id());
        String doc;
        if (withSecrets) {
            Actor a = call.actor();
            InetSocketAddress from = call.remote();
            boolean local = from != null && from.getAddress() != null && from.getAddress().isLoopbackAddress();
            if (!engine.security().hasUsers() && !local && !"token".equals(call.principal())) {
                // Without users reads are open to anyone the API lets in: secrets go only to this PC or the token's holder.
                throw new AccessDeniedException(Permission.MANAGE_USERS, "permission MANAGE_USERS is needed to export secrets: "
                        + "send the API token, or log in as a user who manages users");
            }
            doc = engine.project().exportJson(a, root == null ? null : root.id(), true);
        } else {
            doc = engine.project().exportJson(root == null ? null : root.id());
        }
        call.header("Content-Disposition", "attachment; filename=\"project.json\"");
        call.send(200, Call.JSON_TYPE, doc.getBytes(StandardCharsets.UTF_8));
    }

    public void getObject(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        ObjectDef o = Resolve.objectById(m, call.pathParam("id"));
        ReadScope.of(call, engine).requireObject(o.id());
        call.sendJson(200, ModelJson.object(m, o));
    }

    public void createObject(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = call.jsonBody();
        ModelSnapshot m = engine.model();
        ObjectDef o = ModelJson.readObject(body, m, null, false);
        if (m.object(o.id()) != null || m.tag(o.id()) != null) {
            throw ApiError.conflict("$.id", "id " + o.id() + " is already used");
        }
        ModelSnapshot after = edit(call, List.of(new ModelEdit.PutObject(o)));
        call.header("Location", "/v1/objects/" + o.id());
        call.sendJson(201, ModelJson.object(after, after.object(o.id())));
    }

    /** PUT replaces every field (absent ones take defaults); PATCH changes the fields given. */
    public void updateObject(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = call.jsonBody();
        ModelSnapshot m = engine.model();
        ObjectDef old = Resolve.objectById(m, call.pathParam("id"));
        ObjectDef o = ModelJson.readObject(body, m, old, call.method().equals("PUT"));
        List<ScreenRenames.Rewrite> screens = screensFollowing(m, m.objectPath(o.id()), objectPath(m, o.parentId(), o.name()));
        ModelSnapshot after = edit(call, withScreens(new ModelEdit.PutObject(o), screens));
        call.sendJson(200, saySo(ModelJson.object(after, after.object(o.id())), screens));
    }

    /** {@code POST /v1/objects/{id}/move} {@code {"parentId": uuid | path | null}}. */
    public void moveObject(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = Json.requireObject(call.jsonBody(), "$");
        Json.checkKeys(body, MOVE_OBJECT, "$");
        if (!body.has("parentId")) {
            throw ApiError.badRequest("$.parentId", "is required: the new parent's UUID or path, or null for the top level");
        }
        ModelSnapshot m = engine.model();
        ObjectDef o = Resolve.objectById(m, call.pathParam("id"));
        String p = Json.text(body, "parentId", "$", false);
        UUID parent = p == null ? null : Resolve.object(m, p, "$.parentId").id();
        List<ScreenRenames.Rewrite> screens = screensFollowing(m, m.objectPath(o.id()), objectPath(m, parent, o.name()));
        ModelSnapshot after = edit(call, withScreens(new ModelEdit.PutObject(o.withParent(parent)), screens));
        call.sendJson(200, saySo(ModelJson.object(after, after.object(o.id())), screens));
    }

    /**
     * {@code POST /v1/objects/{id}/copy} {@code {"parentId": …, "name": …}}: the subtree again,
     * every object and tag with a new id; by default under the same parent, under the same name.
     */
    public void copyObject(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = Json.requireObject(call.jsonBody(), "$");
        Json.checkKeys(body, COPY_OBJECT, "$");
        ModelSnapshot m = engine.model();
        ObjectDef src = Resolve.objectById(m, call.pathParam("id"));
        UUID parent = src.parentId();
        if (body.has("parentId")) {
            String p = Json.text(body, "parentId", "$", false);
            parent = p == null ? null : Resolve.object(m, p, "$.parentId").id();
        }
        String name = body.has("name") ? Json.text(body, "name", "$", true) : src.name();
        Map<UUID, UUID> newIds = new HashMap<>();
        List<ModelEdit> edits = new ArrayList<>();
        copySubtree(m, src, parent, name, newIds, edits);
        ModelSnapshot after = edit(call, edits);
        UUID rootId = newIds.get(src.id());
        call.header("Location", "/v1/objects/" + rootId);
        call.sendJson(201, ModelJson.object(after, after.object(rootId)));
    }

    private static void copySubtree(ModelSnapshot m, ObjectDef o, UUID newParent, String newName, Map<UUID, UUID> ids,
                                    List<ModelEdit> edits) {
        UUID id = UUID.randomUUID();
        ids.put(o.id(), id);
        edits.add(new ModelEdit.PutObject(new ObjectDef(id, newParent, newName, o.description())));
        for (TagDef t : m.tagsOf(o.id())) {
            UUID tagId = UUID.randomUUID();
            ids.put(t.id(), tagId);
            edits.add(new ModelEdit.PutTag(t.toBuilder().id(tagId).objectId(id).build()));
        }
        for (ObjectDef c : m.childObjects(o.id())) {
            copySubtree(m, c, id, c.name(), ids, edits);
        }
    }

    /** Deletes the object with its subtree; refused (409) while something else uses any of it, unless force. */
    public void deleteObject(Call call) throws IOException {
        call.checkParams(Set.of("force"));
        boolean force = call.flag("force");
        ModelSnapshot m = engine.model();
        ObjectDef o = Resolve.objectById(m, call.pathParam("id"));
        Set<UUID> doomed = new HashSet<>();
        int tagCount = 0;
        for (UUID obj : m.subtree(o.id())) {
            doomed.add(obj);
            for (TagDef t : m.tagsOf(obj)) {
                doomed.add(t.id());
                tagCount++;
            }
        }
        refuseIfReferenced(m, doomed, force, "object " + m.objectPath(o.id()));
        edit(call, List.of(new ModelEdit.DeleteObject(o.id())));
        doomed.forEach(current::forget);
        ObjectNode deleted = Json.object().put("objects", doomed.size() - tagCount).put("tags", tagCount);
        ObjectNode doc = Json.object();
        doc.set("deleted", deleted);
        call.sendJson(200, doc);
    }

    // ---- tags ----

    /** {@code GET /v1/tags/?path=} one tag; {@code ?objectId=&scope=children|subtree} tags of an object; nothing: all. */
    public void listTags(Call call) throws IOException {
        call.checkParams(LIST_TAGS);
        ModelSnapshot m = engine.model();
        String path = call.param("path");
        String objectId = call.param("objectId");
        ArrayNode tags = Json.MAPPER.createArrayNode();
        if (path != null) {
            if (objectId != null || call.param("scope") != null) {
                throw ApiError.badRequest("path", "path names one tag; it cannot be combined with objectId or scope");
            }
            TagDef one = Resolve.tag(m, path, "path");
            ReadScope.of(call, engine).requireTag(m, one.id());
            tags.add(ModelJson.tag(m, one));
        } else if (objectId != null) {
            ObjectDef o = Resolve.object(m, objectId, "objectId");
            String scope = scope(call, "children");
            if (scope.equals("object")) {
                throw ApiError.badRequest("scope", "must be children or subtree for tags");
            }
            List<TagDef> list = scope.equals("subtree") ? m.tagsInSubtree(o.id()) : m.tagsOf(o.id());
            sortedByPath(m, list).forEach(t -> tags.add(ModelJson.tag(m, t)));
        } else {
            if (call.param("scope") != null) {
                throw ApiError.badRequest("scope", "scope needs objectId");
            }
            sortedByPath(m, m.tags()).forEach(t -> tags.add(ModelJson.tag(m, t)));
        }
        ReadScope.of(call, engine).keep(tags, "id", ReadScope.Kind.TAG, m);
        ObjectNode doc = Json.object();
        doc.set("tags", tags);
        call.sendJson(200, doc);
    }

    private static List<TagDef> sortedByPath(ModelSnapshot m, Collection<TagDef> tags) {
        Map<UUID, String> paths = new HashMap<>();
        tags.forEach(t -> paths.put(t.id(), m.tagPath(t.id())));
        List<TagDef> out = new ArrayList<>(tags);
        out.sort(Comparator.comparing(t -> paths.get(t.id())));
        return out;
    }

    public void getTag(Call call) throws IOException {
        call.checkParams(Set.of());
        ModelSnapshot m = engine.model();
        TagDef t = Resolve.tagById(m, call.pathParam("id"));
        ReadScope.of(call, engine).requireTag(m, t.id());
        call.sendJson(200, ModelJson.tag(m, t));
    }

    public void createTag(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = call.jsonBody();
        ModelSnapshot m = engine.model();
        TagDef t = ModelJson.readTag(body, m, null, false);
        if (m.object(t.id()) != null || m.tag(t.id()) != null) {
            throw ApiError.conflict("$.id", "id " + t.id() + " is already used");
        }
        ModelSnapshot after = edit(call, List.of(new ModelEdit.PutTag(t)));
        current.forget(t.id());
        call.header("Location", "/v1/tags/" + t.id());
        call.sendJson(201, ModelJson.tag(after, after.tag(t.id())));
    }

    public void updateTag(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = call.jsonBody();
        ModelSnapshot m = engine.model();
        TagDef old = Resolve.tagById(m, call.pathParam("id"));
        TagDef t = ModelJson.readTag(body, m, old, call.method().equals("PUT"));
        List<ScreenRenames.Rewrite> screens = screensFollowing(m, m.tagPath(t.id()), objectPath(m, t.objectId(), t.name()));
        ModelSnapshot after = edit(call, withScreens(new ModelEdit.PutTag(t), screens));
        call.sendJson(200, saySo(ModelJson.tag(after, after.tag(t.id())), screens));
    }

    /** {@code POST /v1/tags/{id}/move} {@code {"objectId": uuid | path}}. */
    public void moveTag(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = Json.requireObject(call.jsonBody(), "$");
        Json.checkKeys(body, MOVE_TAG, "$");
        ModelSnapshot m = engine.model();
        TagDef t = Resolve.tagById(m, call.pathParam("id"));
        ObjectDef target = Resolve.object(m, Json.text(body, "objectId", "$", true), "$.objectId");
        List<ScreenRenames.Rewrite> screens = screensFollowing(m, m.tagPath(t.id()), objectPath(m, target.id(), t.name()));
        ModelSnapshot after = edit(call, withScreens(new ModelEdit.PutTag(t.toBuilder().objectId(target.id()).build()), screens));
        call.sendJson(200, saySo(ModelJson.tag(after, after.tag(t.id())), screens));
    }

    /** {@code POST /v1/tags/{id}/copy} {@code {"objectId": …, "name": …}}: a new tag with the same settings. */
    public void copyTag(Call call) throws IOException {
        call.checkParams(Set.of());
        JsonNode body = Json.requireObject(call.jsonBody(), "$");
        Json.checkKeys(body, COPY_TAG, "$");
        ModelSnapshot m = engine.model();
        TagDef src = Resolve.tagById(m, call.pathParam("id"));
        UUID object = body.has("objectId") ? Resolve.object(m, Json.text(body, "objectId", "$", true), "$.objectId").id()
                : src.objectId();
        String name = body.has("name") ? Json.text(body, "name", "$", true) : src.name();
        TagDef copy = src.toBuilder().id(UUID.randomUUID()).objectId(object).name(name).build();
        ModelSnapshot after = edit(call, List.of(new ModelEdit.PutTag(copy)));
        call.header("Location", "/v1/tags/" + copy.id());
        call.sendJson(201, ModelJson.tag(after, after.tag(copy.id())));
    }

    public void deleteTag(Call call) throws IOException {
        call.checkParams(Set.of("force"));
        boolean force = call.flag("force");
        ModelSnapshot m = engine.model();
        TagDef t = Resolve.tagById(m, call.pathParam("id"));
        refuseIfReferenced(m, Set.of(t.id()), force, "tag " + m.tagPath(t.id()));
        edit(call, List.of(new ModelEdit.DeleteTag(t.id())));
        current.forget(t.id());
        ObjectNode doc = Json.object();
        doc.set("deleted", Json.object().put("objects", 0).put("tags", 1));
        call.sendJson(200, doc);
    }

    // ---- shared ----

    private void refuseIfReferenced(ModelSnapshot m, Set<UUID> doomed, boolean force, String what) {
        if (force) {
            return;
        }
        List<ReferenceFinder.Reference> found = new ArrayList<>();
        for (UUID id : doomed) {
            for (ReferenceFinder.Reference r : references.find(m, id)) {
                if (r.sourceId() == null || !doomed.contains(r.sourceId())) {
                    found.add(r);
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (ReferenceFinder.Reference r : found) {
            ObjectNode n = arr.addObject();
            n.put("kind", r.kind());
            n.put("targetId", r.targetId() == null ? null : r.targetId().toString());
            String targetPath = r.targetId() == null ? null
                    : m.tag(r.targetId()) != null ? m.tagPath(r.targetId())
                    : m.object(r.targetId()) != null ? m.objectPath(r.targetId()) : null;
            n.put("targetPath", targetPath);
            n.put("sourceId", r.sourceId() == null ? null : r.sourceId().toString());
            n.put("source", r.source());
            n.put("detail", r.detail());
        }
        ObjectNode extra = Json.object();
        extra.set("references", arr);
        throw new ApiError(409, null, what + " is used in " + found.size() + (found.size() == 1 ? " place" : " places")
                + "; remove the references or delete with force=true", extra);
    }

    // ---- screens name tags and objects by path: a rename or move rewrites them in the same edit

    private static String objectPath(ModelSnapshot m, UUID parent, String name) {
        String p = parent == null || m.object(parent) == null ? "" : m.objectPath(parent);
        return p + "/" + name;
    }

    private static List<ScreenRenames.Rewrite> screensFollowing(ModelSnapshot m, String oldPath, String newPath) {
        return oldPath == null ? List.of() : ScreenRenames.rewrite(ScreenDocuments.all(m), oldPath, newPath);
    }

    private static List<ModelEdit> withScreens(ModelEdit edit, List<ScreenRenames.Rewrite> screens) {
        List<ModelEdit> all = new ArrayList<>();
        all.add(edit);
        all.addAll(ScreenRenames.edits(screens));
        return all;
    }

    /** The answer names the screens rewritten ({@code screensRewritten}: name and places). */
    private static ObjectNode saySo(ObjectNode answer, List<ScreenRenames.Rewrite> screens) {
        if (!screens.isEmpty()) {
            ArrayNode a = answer.putArray("screensRewritten");
            for (ScreenRenames.Rewrite r : screens) {
                a.addObject().put("id", r.before().id().toString()).put("name", r.before().name()).put("places", r.changes());
            }
        }
        return answer;
    }

    /** Applies edits through the engine; model rule violations become 400 (409 for a name clash). */
    private ModelSnapshot edit(Call call, List<ModelEdit> edits) {
        try {
            return engine.edit(call.actor(), edits).snapshot();
        } catch (ModelException e) {
            int status = e.reason() != null && e.reason().contains("already exists") ? 409 : 400;
            throw new ApiError(status, ModelJson.field(e.field()), e.getMessage());
        }
    }
}
