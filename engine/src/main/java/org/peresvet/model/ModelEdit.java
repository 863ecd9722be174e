package org.peresvet.model;

import java.util.UUID;

/** One change to the project model. A list of edits is applied atomically or not at all. */
public sealed interface ModelEdit {

    /** Creates the object or replaces the one with the same id (rename, move, description). */
    record PutObject(ObjectDef object) implements ModelEdit {
    }

    /** Deletes the object with its whole subtree (child objects and their tags). */
    record DeleteObject(UUID id) implements ModelEdit {
    }

    /** Creates the tag or replaces the one with the same id. */
    record PutTag(TagDef tag) implements ModelEdit {
    }

    /**
     * Deletes the tag and its alarms. Refused while an alarm of another tag uses it as its
     * setpoint or suppression tag (delete or change that alarm in the same edit).
     */
    record DeleteTag(UUID id) implements ModelEdit {
    }

    /** Creates the alarm or replaces the one with the same id. Deleting a tag deletes its alarms. */
    record PutAlarm(AlarmDef alarm) implements ModelEdit {
    }

    record DeleteAlarm(UUID id) implements ModelEdit {
    }

    /** Creates the schedule or replaces the one with the same id. */
    record PutSchedule(ScheduleDef schedule) implements ModelEdit {
    }

    record DeleteSchedule(UUID id) implements ModelEdit {
    }

    /** Creates the method or replaces the one with the same id. */
    record PutMethod(MethodDef method) implements ModelEdit {
    }

    record DeleteMethod(UUID id) implements ModelEdit {
    }

    /** Creates the connector or replaces the one with the same id (rename, config, enable). */
    record PutConnector(ConnectorDef connector) implements ModelEdit {
    }

    /**
     * Deletes a connector. Refused while tags are bound to it (the message lists them), unless
     * {@code force}: then the bound tags become manual tags, their binding text kept so it can be re-bound.
     */
    record DeleteConnector(UUID id, boolean force) implements ModelEdit {
        public DeleteConnector(UUID id) {
            this(id, false);
        }
    }

    /** Creates the document (saved trend, screen, symbol …) or replaces the one with the same id. */
    record PutDocument(DocumentDef document) implements ModelEdit {
    }

    record DeleteDocument(UUID id) implements ModelEdit {
    }
}
