package org.peresvet.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Names;
import org.peresvet.model.Numbers;
import org.peresvet.model.Quoted;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * Tags as CSV, for bulk editing in a spreadsheet. One row per tag, columns in the fixed order of
 * {@link #COLUMNS}. An empty cell means "not set": the default of a new tag (type double, no
 * units or range, deadband 0, linear, no update, enabled, manual source).
 *
 * <p>Import only creates and updates tags (and the objects their paths need); it never deletes.
 */
public final class TagCsv {
    /** The header row; a constant so help texts can quote it. */
    public static final String HEADER = "path,type,units,min,max,deadband,step,update,default,enabled,source,sourceConfig,description,id,formula,trigger";
    public static final List<String> COLUMNS = List.of(HEADER.split(","));
    /** Files written before calculated tags lack the last two columns; they are still read. */
    private static final List<String> COLUMNS_V1 = COLUMNS.subList(0, COLUMNS.size() - 2);

    private static final Comparator<String> SEGMENT = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private TagCsv() {
    }

    // ---- export ----

    /** Every tag of the model (root null) or of one object's subtree, sorted by path, with a header row. */
    public static String write(ModelSnapshot model, UUID root) {
        List<TagDef> tags = new ArrayList<>(root == null ? model.tags() : model.tagsInSubtree(root));
        Map<UUID, List<String>> segments = new HashMap<>();
        tags.forEach(t -> segments.put(t.id(), splitPath(model.tagPath(t.id()))));
        tags.sort((a, b) -> compareSegments(segments.get(a.id()), segments.get(b.id())));
        StringBuilder out = new StringBuilder();
        Csv.appendRecord(out, COLUMNS);
        for (TagDef t : tags) {
            Csv.appendRecord(out, List.of(model.tagPath(t.id()), t.type().label(), t.units(), number(t.min()),
                    number(t.max()), number(t.deadband()), Boolean.toString(t.step()), Boolean.toString(t.update()),
                    value(t.defaultValue()), Boolean.toString(t.enabled()), t.source().label(),
                    t.sourceConfig() == null ? "" : t.sourceConfig(), t.description(), t.id().toString(),
                    t.formula() == null ? "" : t.formula(),
                    t.trigger().kind() == CalcTrigger.Kind.CHANGE ? "" : t.trigger().toString()));
        }
        return out.toString();
    }

    /** The order of the export: name by name along the path, as the object tree shows it. */
    public static int comparePaths(String a, String b) {
        return compareSegments(splitPath(a), splitPath(b));
    }

    private static int compareSegments(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = SEGMENT.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static List<String> splitPath(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    /** Whole numbers without ".0" (as a spreadsheet shows them); others in Java's shortest exact form. */
    static String number(Double d) {
        if (d == null) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return d.toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return number(d);
        }
        return v instanceof JsonNode n ? n.toString() : v.toString();
    }

    // ---- import ----

    /**
     * What an import will do. {@code edits} are to be applied in one {@code Engine.edit}; they
     * were already applied to a copy of the model, so they are known to be valid against it.
     */
    public record Import(List<ModelEdit> edits, int tagsCreated, int tagsUpdated, int tagsUnchanged,
                         int objectsCreated) {
    }

    /**
     * Reads CSV text against the current model. A row whose id names an existing tag updates that
     * tag (moving or renaming it when its path changed); otherwise the row's path finds the tag to
     * update, or a new tag is created (keeping the row's id, if it has one) together with any
     * missing objects on its path. Rows equal to the existing tag produce no edit.
     *
     * @throws ModelException for the first problem found, {@code where} being "line N" and
     *                        {@code field} the column; nothing is applied
     */
    public static Import read(ModelSnapshot model, String csv) {
        List<Csv.Record> records = Csv.parse(csv);
        if (records.isEmpty()) {
            throw new ModelException("line 1", null, "the file is empty; expected the header row "
                    + String.join(",", COLUMNS));
        }
        int columns = checkHeader(records.get(0));
        Importer imp = new Importer(model);
        for (Csv.Record r : records.subList(1, records.size())) {
            // An empty line (a trailing line end, a spreadsheet's empty row) is no row; any other
            // row has exactly the header's cells, or it is refused: a short row must not clear fields.
            if (r.cells().size() == 1 && r.cells().get(0).isEmpty()) {
                continue;
            }
            if (r.cells().size() != columns) {
                throw new ModelException("line " + r.line(), null, "expected " + columns + " cells, as the header has, found "
                        + r.cells().size() + " (a cell with a comma, a quote or a line break must be in double quotes)");
            }
            if (!r.isBlank()) {
                imp.row(r);
            }
        }
        return imp.finish();
    }

    /** The number of columns: all of {@link #COLUMNS}, or the first 14 of a file written before calculated tags. */
    private static int checkHeader(Csv.Record header) {
        List<String> found = header.cells().stream().map(String::strip).toList();
        boolean same = found.size() == COLUMNS.size() || found.size() == COLUMNS_V1.size();
        for (int i = 0; same && i < found.size(); i++) {
            same = found.get(i).equalsIgnoreCase(COLUMNS.get(i));
        }
        if (!same) {
            String text = String.join(",", found);
            throw new ModelException("line " + header.line(), "header", "expected the columns "
                    + String.join(",", COLUMNS) + " in this order; found " + Quoted.of(text));
        }
        return found.size();
    }

    /** Turns rows into edits, remembering which line made which path, to report model errors by line. */
    private static final class Importer {
        private final ModelSnapshot model;
        private final List<ModelEdit> edits = new ArrayList<>();
        /** The line behind each edited tag path and created object path: model errors name these paths. */
        private final Map<String, Integer> lineOfEdit = new HashMap<>();
        /** First line of each tag path and each target tag id, to find rows that collide. */
        private final Map<String, Integer> lineOfPath = new HashMap<>();
        private final Map<UUID, Integer> lineOfTag = new HashMap<>();
        private final Map<String, UUID> createdObjects = new HashMap<>();
        private int created;
        private int updated;
        private int unchanged;

        Importer(ModelSnapshot model) {
            this.model = model;
        }

        void row(Csv.Record r) {
            Row row = new Row(r);
            List<String> parts = row.path();
            String path = "/" + String.join("/", parts);
            Integer before = lineOfPath.putIfAbsent(path, r.line());
            if (before != null) {
                throw row.error("path", "duplicate path " + path + ", also on line " + before);
            }
            UUID givenId = row.id();
            TagDef existing = givenId == null ? null : model.tag(givenId);
            if (existing == null) {
                existing = model.findTag(path).orElse(null);
            }
            UUID id = existing != null ? existing.id() : givenId != null ? givenId : UUID.randomUUID();
            before = lineOfTag.putIfAbsent(id, r.line());
            if (before != null) {
                throw row.error(givenId != null ? "id" : "path", "this row and line " + before
                        + " both change the tag " + (existing != null ? model.tagPath(id) : id));
            }
            UUID objectId = objectFor(parts.subList(0, parts.size() - 1), r.line());
            TagDef tag = row.tag(id, objectId, parts.get(parts.size() - 1), existing);
            if (existing != null && tag.equals(normalised(existing))) {
                unchanged++;
                return;
            }
            if (existing != null) {
                updated++;
            } else {
                created++;
            }
            lineOfEdit.put(path, r.line());
            edits.add(new ModelEdit.PutTag(tag));
        }

        /** The object at the path, created (with its missing ancestors) when it does not exist. */
        private UUID objectFor(List<String> names, int line) {
            UUID parent = null;
            StringBuilder path = new StringBuilder();
            for (String name : names) {
                path.append('/').append(name);
                String p = path.toString();
                UUID id = createdObjects.get(p);
                if (id == null) {
                    id = model.findObject(p).map(ObjectDef::id).orElse(null);
                }
                if (id == null) {
                    ObjectDef o = ObjectDef.create(parent, name);
                    id = o.id();
                    createdObjects.put(p, id);
                    lineOfEdit.put(p, line);
                    edits.add(new ModelEdit.PutObject(o));
                }
                parent = id;
            }
            return parent;
        }

        /** Checks every edit against the model rules on a copy, reporting a failure by line. */
        Import finish() {
            try {
                model.apply(edits);
            } catch (ModelException e) {
                Integer line = lineOfEdit.get(e.where());
                if (line == null) {
                    throw e;
                }
                throw new ModelException("line " + line, column(e.field()), e.reason() + " (" + e.where() + ")");
            }
            return new Import(List.copyOf(edits), created, updated, unchanged, createdObjects.size());
        }

        private static String column(String modelField) {
            if (modelField == null) {
                return null;
            }
            return switch (modelField) {
                case "name", "object", "parent" -> "path";
                case "defaultValue" -> "default";
                default -> modelField; // units, min, max, deadband, source, sourceConfig, description, id
            };
        }

        /** A blank source config is the same as none, so it does not count as a change. */
        private static TagDef normalised(TagDef t) {
            return t.sourceConfig() != null && t.sourceConfig().isBlank() ? t.toBuilder().sourceConfig(null).build() : t;
        }
    }

    /** One data row's cells, parsed on demand with errors naming the line and the column. */
    private static final class Row {
        private final Csv.Record record;

        Row(Csv.Record record) {
            this.record = record;
        }

        ModelException error(String column, String reason) {
            return new ModelException("line " + record.line(), column, reason);
        }

        /** The cell of a column; null when the file has no such column (a file written before calculated tags). */
        private String cell(String column) {
            int i = COLUMNS.indexOf(column);
            return i < record.cells().size() ? record.cells().get(i) : null;
        }

        List<String> path() {
            String text = cell("path").strip();
            if (text.isEmpty()) {
                throw error("path", "is required, e.g. /Plant/Tank1/Level");
            }
            List<String> parts = splitPath(text);
            if (parts.size() < 2) {
                throw error("path", Quoted.of(text) + " names no object; a tag path is /Object/.../Tag");
            }
            for (String p : parts) {
                String bad = Names.invalidReason(p);
                if (bad != null) {
                    throw error("path", "name " + Quoted.of(p) + " " + bad);
                }
            }
            return parts;
        }

        UUID id() {
            String text = cell("id").strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw error("id", Quoted.of(text) + " is not a UUID");
            }
        }

        /** The row's tag; the columns a file has not (formula, trigger) keep what {@code existing} has. */
        TagDef tag(UUID id, UUID objectId, String name, TagDef existing) {
            ValueType type = type();
            String config = sourceConfig();
            boolean calcColumns = cell("formula") != null;
            String formula = calcColumns ? (cell("formula").isBlank() ? null : cell("formula"))
                    : existing == null ? null : existing.formula();
            CalcTrigger trigger = calcColumns ? trigger() : existing == null ? CalcTrigger.CHANGE : existing.trigger();
            return TagDef.builder(objectId, name, type).id(id)
                    .units(cell("units"))
                    .min(number("min"))
                    .max(number("max"))
                    .deadband(number("deadband") == null ? 0 : number("deadband"))
                    .step(bool("step", false))
                    .update(bool("update", false))
                    .defaultValue(defaultValue(type))
                    .enabled(bool("enabled", true))
                    .source(source())
                    .sourceConfig(config)
                    .description(cell("description"))
                    .formula(formula)
                    .trigger(trigger)
                    .build();
        }

        /**
         * The JSON of the sourceConfig cell, by the project document's rule for it (a JSON object,
         * kept compact); null when blank. A problem names the line and the column.
         */
        private String sourceConfig() {
            JsonFields cellReader = new JsonFields((parent, key, problem, reason, known) -> error(key, reason));
            return cellReader.jsonObjectText(JsonNodeFactory.instance.objectNode().put("sourceConfig", cell("sourceConfig")),
                    "sourceConfig", "");
        }

        private CalcTrigger trigger() {
            try {
                return CalcTrigger.parse(cell("trigger"));
            } catch (IllegalArgumentException e) {
                throw error("trigger", e.getMessage());
            }
        }

        private ValueType type() {
            String text = cell("type").strip();
            if (text.isEmpty()) {
                return ValueType.DOUBLE;
            }
            try {
                return ValueType.parse(text);
            } catch (IllegalArgumentException e) {
                throw error("type", e.getMessage());
            }
        }

        private Double number(String column) {
            String text = cell(column).strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Numbers.parseDouble(text);
            } catch (NumberFormatException e) {
                String hint = text.contains(",") ? " (use a dot as the decimal separator)"
                        : Numbers.isDecimal(text) ? " (out of the range of a double)" : "";
                throw error(column, Quoted.of(text) + " is not a number" + hint);
            }
        }

        private boolean bool(String column, boolean dflt) {
            String text = cell(column).strip();
            if (text.isEmpty()) {
                return dflt;
            }
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw error(column, Quoted.of(text) + " is not true or false");
            };
        }

        private Object defaultValue(ValueType type) {
            String text = cell("default");
            if (text.isEmpty() || (type != ValueType.STRING && text.isBlank())) {
                return null;
            }
            try {
                return type.coerce(text);
            } catch (IllegalArgumentException e) {
                throw error("default", e.getMessage());
            }
        }

        private SourceKind source() {
            String text = cell("source").strip();
            if (text.isEmpty()) {
                return SourceKind.MANUAL;
            }
            try {
                return SourceKind.parse(text);
            } catch (IllegalArgumentException e) {
                throw error("source", e.getMessage());
            }
        }
    }
}
