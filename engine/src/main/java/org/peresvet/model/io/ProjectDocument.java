package org.peresvet.model.io;

import java.util.List;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.TagDef;

/**
 * A project or subtree as read from its JSON document. Top-level objects have no parent; an
 * import places them under the chosen parent. {@code settings} is null in a subtree document.
 * {@code alarms} are the alarm definitions written inside their tags. {@code connectors} are the
 * project's connectors (a subtree document holds those its tags are bound to). {@code documents} are
 * the project's saved trends, screens and symbols (whole projects only).
 */
public record ProjectDocument(ProjectSettings settings, List<ObjectDef> objects, List<TagDef> tags, List<AlarmDef> alarms,
                              List<ScheduleDef> schedules, List<MethodDef> methods, List<ConnectorDef> connectors,
                              List<DocumentDef> documents) {

    public ProjectDocument {
        connectors = connectors == null ? List.of() : connectors;
        documents = documents == null ? List.of() : documents;
        alarms = alarms == null ? List.of() : alarms;
        schedules = schedules == null ? List.of() : schedules;
        methods = methods == null ? List.of() : methods;
    }

    /** A document without saved trends, screens or symbols. */
    public ProjectDocument(ProjectSettings settings, List<ObjectDef> objects, List<TagDef> tags, List<AlarmDef> alarms,
                           List<ScheduleDef> schedules, List<MethodDef> methods, List<ConnectorDef> connectors) {
        this(settings, objects, tags, alarms, schedules, methods, connectors, List.of());
    }

    /** A document without connectors. */
    public ProjectDocument(ProjectSettings settings, List<ObjectDef> objects, List<TagDef> tags, List<AlarmDef> alarms,
                           List<ScheduleDef> schedules, List<MethodDef> methods) {
        this(settings, objects, tags, alarms, schedules, methods, List.of());
    }

    /** A document with objects and tags only. */
    public ProjectDocument(ProjectSettings settings, List<ObjectDef> objects, List<TagDef> tags) {
        this(settings, objects, tags, List.of(), List.of(), List.of());
    }

    public ProjectDocument(ProjectSettings settings, List<ObjectDef> objects, List<TagDef> tags, List<AlarmDef> alarms) {
        this(settings, objects, tags, alarms, List.of(), List.of());
    }

    public ProjectDocument(ProjectSettings settings, List<ObjectDef> objects, List<TagDef> tags,
                           List<ScheduleDef> schedules, List<MethodDef> methods) {
        this(settings, objects, tags, List.of(), schedules, methods);
    }
}
