package org.peresvet.model.io;

import java.util.List;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.TagDef;

/**
 * A project or subtree as read from its JSON document. Top-level objects have no parent; an
 * import places them under the chosen parent. {@code settings} is null in a subtree document.
 */
public record ProjectDocument(ProjectSettings settings, List<ObjectDef> objects, List<TagDef> tags,
                              List<ScheduleDef> schedules, List<MethodDef> methods) {

    public ProjectDocument {
        schedules = schedules == null ? List.of() : schedules;
        methods = methods == null ? List.of() : methods;
    }

    /** A document without schedules and methods. */
    public ProjectDocument(ProjectSettings settings, List<ObjectDef> objects, List<TagDef> tags) {
        this(settings, objects, tags, List.of(), List.of());
    }
}
