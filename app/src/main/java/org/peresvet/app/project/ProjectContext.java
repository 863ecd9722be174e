package org.peresvet.app.project;

import java.util.List;
import org.peresvet.connector.NamedStatus;
import org.peresvet.engine.EngineStatus;
import org.peresvet.export.ExportStatus;
import org.peresvet.model.Actor;
import org.peresvet.runtime.HistoryHealth;

/**
 * The open project as every screen sees it: its model, live values, history, writes and alarm
 * commands, and who the changes are recorded as. Screens get this and never the engine, so a
 * second implementation over the HTTP API can serve a workstation connected to a headless engine
 * on another PC. Today {@link EngineProject} implements it over the engine running inside the
 * workstation.
 *
 * <p>Toolkit-free. A call may block (a remote implementation does I/O): screens call the ones that
 * change something, and history reads, off the FX thread.
 */
public interface ProjectContext extends AutoCloseable {

    /** The project's name as shown in the title bar. */
    String name();

    /** Where the project lives, for people: its folder, or the address of the engine serving it. */
    String location();

    /** Who the changes made through this context are checked and recorded as (the logged-in user). */
    Actor actor();

    ProjectModel model();

    /** Users, logins and the audit trail; who {@link #actor()} is changes through it. */
    ProjectSecurity security();

    LiveValues values();

    HistoryReader history();

    TagWrites writes();

    AlarmCommands alarms();

    /** Importing a model from the Python platform's LDAP directory into this project. */
    DirectoryImport directoryImport();

    /** The engine's counters for the status bar. */
    EngineStatus status();

    /** How history writing fares (a storage fault, samples kept in memory), or null when unknown. */
    HistoryHealth historyHealth();

    /** Every connector with its state. */
    List<NamedStatus> connectors();

    /** The exporter's state, or null when the project exports nowhere. */
    ExportStatus exporter();

    /** The built-in broker and board discovery for the connector wizard, or null where the project offers none. */
    default BoardAccess boards() {
        return null;
    }

    /** Lets go of the project (the embedded engine stops; history is flushed). */
    @Override
    void close();
}
