package org.peresvet.migrate.ldap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an import did with every entry it could not take as it was: skipped, changed, a reference
 * it could not resolve, a conflict with the project. Entries taken as they were are only counted.
 */
public final class ImportReport {

    public enum Action {
        /** Not imported. */
        SKIPPED,
        /** Imported with a difference. */
        CHANGED,
        /** A reference (initiator, parameter, link) that names nothing that was imported. */
        UNRESOLVED,
        /** Clashes with something already in the project. */
        CONFLICT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One line of the report.
     *
     * @param where the entry's DN (with its LDIF line when there is one)
     * @param what  what the entry is, e.g. "tag /PumpStation1/Flow"
     */
    public record Item(Action action, String where, String what, String reason) {
        @Override
        public String toString() {
            return action.label() + ": " + what + " [" + where + "]: " + reason;
        }
    }

    private final String source;
    private final List<Item> items = new ArrayList<>();
    /** The order the summary lists kinds in. */
    private static final List<String> KINDS = List.of("objects", "tags", "calculated tags", "alarms", "schedules", "methods",
            "connectors", "connector links", "export targets");
    private final Map<String, int[]> imported = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private int entries;
    private int helpers;

    public ImportReport(String source) {
        this.source = source;
    }

    /** The kinds in the summary's order, those with nothing left out. */
    private Map<String, int[]> counted() {
        Map<String, int[]> out = new LinkedHashMap<>();
        KINDS.forEach(k -> {
            if (imported.containsKey(k)) {
                out.put(k, imported.get(k));
            }
        });
        imported.forEach(out::putIfAbsent);
        return out;
    }

    void add(Action action, DirEntry e, String what, String reason) {
        items.add(new Item(action, e == null ? "" : e.where(), what, reason));
    }

    /** Counts one item of a kind ("objects", "tags"...), added or updated. */
    void imported(String kind, boolean updated) {
        int[] c = imported.computeIfAbsent(kind, k -> new int[2]);
        c[updated ? 1 : 0]++;
    }

    void note(String text) {
        notes.add(text);
    }

    void entries(int n) {
        entries = n;
    }

    void helper() {
        helpers++;
    }

    public String source() {
        return source;
    }

    public List<Item> items() {
        return Collections.unmodifiableList(items);
    }

    public List<Item> items(Action action) {
        return items.stream().filter(i -> i.action() == action).toList();
    }

    /** Remarks that hold for the whole import rather than one entry. */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** How many items of a kind the import adds (index 0) and updates (index 1). */
    public Map<String, int[]> imported() {
        return Collections.unmodifiableMap(counted());
    }

    public int added(String kind) {
        int[] c = imported.get(kind);
        return c == null ? 0 : c[0];
    }

    public int updated(String kind) {
        int[] c = imported.get(kind);
        return c == null ? 0 : c[1];
    }

    public int entries() {
        return entries;
    }

    /** Helper entries (cn=system, containers, link aliases...) read for the structure only. */
    public int helpers() {
        return helpers;
    }

    public Map<Action, Integer> counts() {
        Map<Action, Integer> m = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            m.put(a, 0);
        }
        items.forEach(i -> m.merge(i.action(), 1, Integer::sum));
        return m;
    }

    /** One line: what is imported and how many entries need a look. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        counted().forEach((kind, c) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(kind).append(' ').append(c[0]).append(" added");
            if (c[1] > 0) {
                sb.append(" / ").append(c[1]).append(" updated");
            }
        });
        if (sb.length() == 0) {
            sb.append("nothing to import");
        }
        Map<Action, Integer> n = counts();
        sb.append("; ").append(n.get(Action.SKIPPED)).append(" skipped, ").append(n.get(Action.CHANGED)).append(" changed, ")
                .append(n.get(Action.UNRESOLVED)).append(" unresolved, ").append(n.get(Action.CONFLICT)).append(" conflicts");
        return sb.toString();
    }

    /** The whole report as text: summary, notes, then every item grouped by action. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("Source: ").append(source).append('\n');
        sb.append("Entries read: ").append(entries).append(" (").append(helpers)
                .append(" helper entries: cn=system, containers, links' aliases)\n");
        sb.append("Import: ").append(summary()).append('\n');
        for (String n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        for (Action a : Action.values()) {
            for (Item i : items) {
                if (i.action() == a) {
                    sb.append(i).append('\n');
                }
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
