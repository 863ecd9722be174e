package org.peresvet.model.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;

/** Turns a document into model edits, to be applied atomically. */
public final class ProjectImport {
    private ProjectImport() {
    }

    /**
     * @param replace    true: the model becomes exactly the document (everything else is deleted);
     *                   false: the document's objects are added under {@code intoParent}, and items
     *                   whose id already exists are updated in place
     * @param intoParent parent of the document's top-level objects (null: the root)
     */
    public static List<ModelEdit> edits(ModelSnapshot current, ProjectDocument doc, UUID intoParent, boolean replace) {
        List<ModelEdit> edits = new ArrayList<>();
        if (replace) {
            for (ObjectDef root : current.childObjects(null)) {
                edits.add(new ModelEdit.DeleteObject(root.id()));
            }
        }
        // Old connectors go first, so a new one may take a name; whether tags are still bound to a
        // deleted one is checked once every edit is applied (the old tags are deleted with their objects).
        Set<UUID> docConnectors = new HashSet<>();
        doc.connectors().forEach(c -> docConnectors.add(c.id()));
        if (replace) {
            current.connectors().stream().filter(c -> !docConnectors.contains(c.id()))
                    .forEach(c -> edits.add(new ModelEdit.DeleteConnector(c.id())));
        }
        doc.connectors().forEach(c -> edits.add(new ModelEdit.PutConnector(c)));
        for (ObjectDef o : doc.objects()) {
            ObjectDef placed = o.parentId() == null ? o.withParent(replace ? null : intoParent) : o;
            edits.add(new ModelEdit.PutObject(placed));
        }
        for (TagDef t : doc.tags()) {
            edits.add(new ModelEdit.PutTag(t));
        }
        for (AlarmDef a : doc.alarms()) {
            edits.add(new ModelEdit.PutAlarm(a));
        }
        if (replace) {
            // Methods first: they may read tags and schedules that are about to go.
            current.methods().forEach(m -> edits.add(0, new ModelEdit.DeleteMethod(m.id())));
            current.schedules().forEach(sc -> edits.add(0, new ModelEdit.DeleteSchedule(sc.id())));
        }
        doc.schedules().forEach(sc -> edits.add(new ModelEdit.PutSchedule(sc)));
        doc.methods().forEach(m -> edits.add(new ModelEdit.PutMethod(m)));
        if (replace) {
            Set<UUID> docDocuments = new HashSet<>();
            doc.documents().forEach(d -> docDocuments.add(d.id()));
            current.documents().stream().filter(d -> !docDocuments.contains(d.id()))
                    .forEach(d -> edits.add(new ModelEdit.DeleteDocument(d.id())));
        }
        doc.documents().forEach(d -> edits.add(new ModelEdit.PutDocument(d)));
        return edits;
    }
}
