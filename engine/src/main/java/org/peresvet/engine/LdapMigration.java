package org.peresvet.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.peresvet.export.ExportConfig;
import org.peresvet.migrate.ldap.ExportTargetSpec;
import org.peresvet.migrate.ldap.ImportOptions;
import org.peresvet.migrate.ldap.ImportPlan;
import org.peresvet.migrate.ldap.LdapImport;
import org.peresvet.migrate.ldap.PeresvetDirectory;
import org.peresvet.model.Actor;

/**
 * Importing the Python platform's LDAP model into an open project: the plan from
 * {@code migrate.ldap} is applied as one model edit (all or nothing), then its VictoriaMetrics
 * storages are added to the project's export.json, which is not part of the model.
 */
public final class LdapMigration {
    private LdapMigration() {
    }

    /** What the import would do, checked against the project; nothing changes (a dry run). */
    public static ImportPlan plan(Engine engine, PeresvetDirectory dir, ImportOptions options) {
        Set<String> targets = new HashSet<>();
        ExportConfig.load(engine.folder().dir()).targets().forEach(t -> targets.add(t.name()));
        return LdapImport.plan(engine.model(), dir, options.withExistingExportTargets(targets));
    }

    /**
     * Applies a plan: the model edit first (refused whole on any problem), recorded as
     * {@code actor}, then the export targets. Export targets start with the next engine start, as
     * any change of export.json.
     */
    public static void apply(Engine engine, ImportPlan plan, Actor actor) {
        engine.edit(actor, plan.edits());
        addExportTargets(engine, plan.exportTargets());
    }

    /**
     * Adds the directory's storages to the project's export.json (a target whose name the project
     * already has is left as it is); the names added. They start with the next engine start.
     */
    public static List<String> addExportTargets(Engine engine, List<ExportTargetSpec> specs) {
        if (specs.isEmpty()) {
            return List.of();
        }
        ExportConfig config = ExportConfig.load(engine.folder().dir());
        List<ExportConfig.Target> targets = new ArrayList<>(config.targets());
        List<String> added = new ArrayList<>();
        for (ExportTargetSpec s : specs) {
            if (targets.stream().noneMatch(t -> t.name().equalsIgnoreCase(s.name()))) {
                targets.add(ExportConfig.Target.of(s.name(), s.url()).withEnabled(s.enabled()));
                added.add(s.name());
            }
        }
        if (!added.isEmpty()) {
            new ExportConfig(config.batchMaxSamples(), config.batchMaxAgeMillis(), targets).save(engine.folder().dir());
        }
        return added;
    }
}
