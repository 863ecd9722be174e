package org.peresvet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.peresvet.engine.Engine;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Builds the benchmark model: DOUBLE tags with deadband 0, spread evenly over root objects. */
final class TagFixture {
    private TagFixture() {
    }

    /**
     * Adds {@code objects} objects with {@code tagsPerObject} tags each, in one edit (one
     * transaction), and returns the tag ids in creation order.
     */
    static List<UUID> createTags(Engine engine, int objects, int tagsPerObject) {
        List<ModelEdit> edits = new ArrayList<>(objects * (tagsPerObject + 1));
        List<UUID> tagIds = new ArrayList<>(objects * tagsPerObject);
        for (int o = 0; o < objects; o++) {
            ObjectDef obj = ObjectDef.create(null, String.format("Unit%03d", o));
            edits.add(new ModelEdit.PutObject(obj));
            for (int t = 0; t < tagsPerObject; t++) {
                TagDef tag = TagDef.builder(obj.id(), String.format("T%03d", t), ValueType.DOUBLE)
                        .deadband(0)
                        .build();
                edits.add(new ModelEdit.PutTag(tag));
                tagIds.add(tag.id());
            }
        }
        engine.edit(edits);
        return tagIds;
    }
}
