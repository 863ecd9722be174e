package org.peresvet.migrate.ldap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;

/**
 * Turns a Peresvet directory into one model edit for a project, with the report. Nothing is
 * applied here: the plan is checked against the project ({@link ModelSnapshot#apply}, every model
 * check included), so applying it afterwards succeeds whole unless the project changed meanwhile.
 * A dry run is this plan, printed.
 */
public final class LdapImport {
    private static final Set<String> UNUSED_CLASSES = Set.of("prstemplate", "prsview", "prsalertlevel", "prsjsonconfig");

    private LdapImport() {
    }

    /**
     * @throws LdapImportException when the result would not be a valid model (the reason names the
     *                             item) or clashes with the project's ids; nothing is changed
     */
    public static ImportPlan plan(ModelSnapshot current, PeresvetDirectory dir, ImportOptions options) {
        Mapping m = new Mapping(dir, current, options);
        m.report.entries(dir.size() + dir.outsideBase().size());
        for (DirEntry e : dir.outsideBase()) {
            m.report.add(ImportReport.Action.SKIPPED, e, Mapping.what(e), "outside the base " + dir.base());
        }
        if (dir.get(dir.base()) == null && dir.size() > 0) {
            m.report.note("the directory has no entry for the base " + dir.base() + " itself");
        }
        new TreeMapper(m).run();
        ProjectMerge merge = new ProjectMerge(m);
        merge.names();
        new ScheduleMapper(m).run();
        new ConnectorMapper(m).run();
        StorageMapper storages = new StorageMapper(m);
        storages.run();
        new MethodMapper(m).run();
        reportTheRest(m);
        merge.rest();
        if (m.ids.derived() > 0) {
            m.report.note(m.ids.derived() + " imported entries have no entryUUID: their ids are derived from their DNs "
                    + "(importing the same export again updates them)");
        }
        if (m.ids.learnt() > 0) {
            m.report.note(m.ids.learnt() + " entries without entryUUID take the id their connector or storage link names them by");
        }
        if (!merge.idClashes().isEmpty()) {
            throw new LdapImportException("the project uses these ids for other kinds of items: "
                    + String.join(", ", merge.idClashes()), m.report, null);
        }
        List<ModelEdit> edits = edits(m);
        ModelSnapshot preview;
        try {
            preview = current.apply(edits).snapshot();
        } catch (ModelException e) {
            throw new LdapImportException("the imported model would not be valid: " + e.getMessage(), m.report, e);
        }
        return new ImportPlan(edits, storages.targets, m.report, preview);
    }

    private static List<ModelEdit> edits(Mapping m) {
        List<ModelEdit> edits = new ArrayList<>();
        m.connectors.values().forEach(c -> edits.add(new ModelEdit.PutConnector(c)));
        m.objects.values().forEach(o -> edits.add(new ModelEdit.PutObject(o))); // parents first, as mapped
        m.tags.values().forEach(t -> edits.add(new ModelEdit.PutTag(t)));
        m.alarms.values().forEach(a -> edits.add(new ModelEdit.PutAlarm(a)));
        m.schedules.values().forEach(s -> edits.add(new ModelEdit.PutSchedule(s)));
        m.methods.values().forEach(x -> edits.add(new ModelEdit.PutMethod(x)));
        return edits;
    }

    /** Every entry no mapper took is listed with the reason it has no counterpart. */
    private static void reportTheRest(Mapping m) {
        for (DirEntry e : m.dir.entries()) {
            if (m.handled.contains(e.key())) {
                continue;
            }
            String k = e.kind();
            String why;
            if (k.equals("prsconstant")) {
                why = "constants have no service in the platform and no counterpart in Peresvet (make a tag with a default value)";
            } else if (UNUSED_CLASSES.contains(k)) {
                why = "a class of the platform's schema that nothing uses";
            } else if (k.startsWith("prs")) {
                why = "no Peresvet counterpart for " + k + " here";
            } else {
                why = "not a Peresvet entry (objectClass " + (k.isEmpty() ? "none" : k) + ")";
            }
            m.skip(e, Mapping.what(e), why);
        }
    }
}
