package org.peresvet.app.project;

import java.util.List;
import org.peresvet.migrate.ldap.ExportTargetSpec;
import org.peresvet.migrate.ldap.ImportPlan;
import org.peresvet.migrate.ldap.PeresvetDirectory;

/**
 * Bringing a model from the Python platform's LDAP directory into the open project. The model
 * part of a plan is applied like any other edit (through the workstation's undoable editor); the
 * directory's data storages become export targets, which live in the project's export settings,
 * not in the model. Calls block: make them off the FX thread.
 */
public interface DirectoryImport {

    /** What importing the directory would do to this project (a dry run: nothing changes). */
    ImportPlan plan(PeresvetDirectory directory);

    /**
     * Adds the storages as export targets of the project (a name the project already has is left as
     * it is); the names added. They take effect when the project is opened next.
     */
    List<String> addExportTargets(List<ExportTargetSpec> targets);
}
