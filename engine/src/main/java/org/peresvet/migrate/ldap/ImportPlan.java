package org.peresvet.migrate.ldap;

import java.util.List;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;

/**
 * What an import will do: one model edit (applied all or nothing), the export targets to add,
 * the report, and the model as it will be (the edit was already checked against the project).
 */
public record ImportPlan(List<ModelEdit> edits, List<ExportTargetSpec> exportTargets, ImportReport report,
                         ModelSnapshot preview) {
    public ImportPlan {
        edits = List.copyOf(edits);
        exportTargets = List.copyOf(exportTargets);
    }
}
