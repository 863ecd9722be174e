package org.peresvet.model.io;

import java.util.List;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.TagDef;

/**
 * A project or subtree as read from its JSON document. Top-level objects have no parent; an
 * import places them under the chosen parent. {@code settings} is null in a subtree document.
 * {@code alarms} are the alarm definitions written inside their tags.
 */
public record ProjectDocument(ProjectSettings settings, List<ObjectDef> objects, List<TagDef> tags, List<AlarmDef> alarms) {

    public ProjectDocument {
        alarms = alarms == null ? List.of() : alarms;
    }

    public ProjectDocument(ProjectSettings settings, List<ObjectDef> objects, List<TagDef> tags) {
        this(settings, objects, tags, List.of());
    }
}
