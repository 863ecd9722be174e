package org.peresvet.migrate.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * Objects (nesting kept), tags and their alerts. Flat tags (under {@code cn=tags}, belonging to no
 * object) go into one root object {@code tags}: a Peresvet tag always belongs to an object.
 */
final class TreeMapper {
    private static final Set<String> BASE_NODES = Set.of("objects", "tags", "schedules", "connectors", "datastorages");
    private static final int MAX_UNITS = 32;
    private static final int MAX_DESCRIPTION = 2000;

    private final Mapping m;
    private ObjectDef flatTags;

    TreeMapper(Mapping m) {
        this.m = m;
    }

    /** Entries parents first, so every parent is mapped (or skipped) before its children. */
    static List<DirEntry> parentsFirst(PeresvetDirectory dir) {
        return dir.entries().stream().sorted(Comparator.comparingInt(e -> e.dn().getRDNs().length)).toList();
    }

    void run() {
        for (DirEntry e : parentsFirst(m.dir)) {
            if (m.handled.contains(e.key())) {
                continue;
            }
            if (e.dn().equals(m.dir.base()) || e.kind().equals(Mapping.ALIAS)) {
                m.helper(e);
                continue;
            }
            if (m.underSkipped(e)) {
                m.skip(e, Mapping.what(e), "what it belongs to was skipped");
                continue;
            }
            switch (e.kind()) {
                case Mapping.NODE -> node(e);
                case Mapping.OBJECT -> object(e);
                case Mapping.TAG -> tag(e);
                case Mapping.ALERT -> alert(e);
                default -> {
                    // the other mappers
                }
            }
        }
    }

    private void node(DirEntry e) {
        DN parent = e.parent();
        String name = e.name().toLowerCase(Locale.ROOT);
        if (m.dir.base().equals(parent) && BASE_NODES.contains(name)) {
            m.helper(e);
        } else if (name.equals("system") || inSystem(e.dn())) {
            m.helper(e);
        } else {
            m.skip(e, "node " + e.name(), "a plain container (prsModelNode) outside the platform's layout; "
                    + "what is under it is skipped too");
        }
    }

    /** True when an ancestor of the entry is a {@code cn=system} helper. */
    static boolean inSystem(DN dn) {
        com.unboundid.ldap.sdk.RDN[] rdns = dn.getRDNs();
        for (int i = 1; i < rdns.length; i++) {
            if (rdns[i].hasAttributeValue("cn", "system")) {
                return true;
            }
        }
        return false;
    }

    private void object(DirEntry e) {
        String parent = e.parentKey();
        DirEntry objectsBase = m.baseNode("objects");
        ObjectDef parentObject = m.objects.get(parent);
        boolean root = objectsBase != null && objectsBase.key().equals(parent);
        if (!root && parentObject == null) {
            m.skip(e, Mapping.what(e), "an object belongs under cn=objects or under another object");
            return;
        }
        String name = m.values.name(e, Mapping.what(e));
        String what = "object " + name;
        String description = m.values.limit(e, what, "description", nz(e.text("description")), MAX_DESCRIPTION);
        if (!m.values.bool(e, "prsActive", true, what)) {
            m.change(e, what, "inactive in the platform (prsActive FALSE): Peresvet objects have no active flag; "
                    + "its tags keep their own");
        }
        if (e.has("prsJsonConfigString")) {
            m.change(e, what, "its JSON configuration is not kept (Peresvet objects have none): "
                    + Values.abbreviate(e.text("prsJsonConfigString")));
        }
        if (e.has("prsEntityTypeCode")) {
            m.change(e, what, "its type code " + e.text("prsEntityTypeCode") + " is not kept (the platform does not interpret it)");
        }
        m.putObject(e.key(), new ObjectDef(m.ids.of(e), root ? null : parentObject.id(), name, description));
        m.handled.add(e.key());
    }

    private void tag(DirEntry e) {
        String parent = e.parentKey();
        ObjectDef owner = m.objects.get(parent);
        DirEntry tagsBase = m.baseNode("tags");
        if (owner == null && tagsBase != null && tagsBase.key().equals(parent)) {
            owner = flatTagsObject(tagsBase);
        }
        if (owner == null) {
            m.skip(e, Mapping.what(e), "a tag belongs under an object or under cn=tags");
            return;
        }
        String name = m.values.name(e, Mapping.what(e));
        String what = "tag " + name;
        TagDef.Builder b = TagDef.builder(owner.id(), name, type(e, what)).id(m.ids.of(e));
        b.description(m.values.limit(e, what, "description", nz(e.text("description")), MAX_DESCRIPTION));
        b.units(m.values.limit(e, what, "units (prsMeasureUnits)", nz(e.text("prsMeasureUnits")), MAX_UNITS));
        b.step(m.values.bool(e, "prsStep", false, what));
        b.update(m.values.bool(e, "prsUpdate", true, what));
        b.enabled(m.values.bool(e, "prsActive", true, what));
        Double dev = m.values.number(e, "prsMaxLineDev", what);
        if (dev != null && dev < 0) {
            m.change(e, what, "dead band prsMaxLineDev " + dev + " is negative; taken as 0 (keep every change)");
            dev = 0.0;
        }
        b.deadband(dev == null ? 0 : dev);
        TagDef probe = b.build();
        String dflt = e.text("prsDefaultValue");
        if (dflt != null) {
            try {
                b.defaultValue(probe.type().coerce(dflt));
            } catch (IllegalArgumentException x) {
                m.change(e, what, "default value (prsDefaultValue) not kept: " + x.getMessage());
            }
        }
        if (e.has("prsJsonConfigString")) {
            m.change(e, what, "its JSON configuration is not kept (Peresvet tags have none): "
                    + Values.abbreviate(e.text("prsJsonConfigString")));
        }
        m.putTag(e.key(), b.build());
        m.handled.add(e.key());
    }

    private ValueType type(DirEntry e, String what) {
        Long code = m.values.integer(e, "prsValueTypeCode", what);
        if (code == null) {
            return ValueType.DOUBLE; // the platform's default, code 1
        }
        switch (code.intValue()) {
            case 0:
                return ValueType.INT;
            case 1:
                return ValueType.DOUBLE;
            case 2:
                return ValueType.STRING;
            case 4:
                return ValueType.JSON;
            case 3:
                m.change(e, what, "value type 3 ('discrete', only in the platform's help texts) imported as int");
                return ValueType.INT;
            case 5:
                m.change(e, what, "value type 5 (table, values from an integrational storage) imported as json; "
                        + "integrational storages are not imported, so nothing fills it");
                return ValueType.JSON;
            default:
                m.change(e, what, "unknown value type code " + code + "; imported as double");
                return ValueType.DOUBLE;
        }
    }

    private ObjectDef flatTagsObject(DirEntry tagsBase) {
        if (flatTags == null) {
            flatTags = new ObjectDef(m.ids.of(tagsBase), null, "tags", "Tags of the Python platform that belonged to no object");
            m.putObject(tagsBase.key(), flatTags);
            m.handled.add(tagsBase.key());
            m.change(tagsBase, "object tags", "the platform's flat tags (under cn=tags) are put in the root object 'tags': "
                    + "a Peresvet tag belongs to an object");
        }
        return flatTags;
    }

    private void alert(DirEntry e) {
        TagDef tag = m.tags.get(e.parentKey());
        if (tag == null) {
            m.skip(e, Mapping.what(e), "an alert belongs under a tag");
            return;
        }
        String name = m.values.name(e, Mapping.what(e));
        String what = "alert " + name + " of tag " + tag.name();
        if (!tag.type().isNumeric()) {
            m.skip(e, what, "the platform's alerts compare numbers; tag " + tag.name() + " is a " + tag.type().label());
            return;
        }
        JsonNode cfg = m.values.json(e, "prsJsonConfigString", what);
        if (cfg != null && !cfg.isObject()) {
            m.change(e, what, "its JSON configuration is not an object; the platform's defaults are used");
            cfg = null;
        }
        double value = 10;
        boolean high = true;
        boolean autoAck = true;
        if (cfg == null) {
            m.change(e, what, "no threshold in the directory: the platform's defaults are used (value 10, high, autoAck)");
        } else {
            JsonNode v = cfg.get("value");
            if (v != null && v.isNumber() && Double.isFinite(v.doubleValue())) {
                value = v.doubleValue();
            } else {
                m.change(e, what, "threshold 'value' " + (v == null ? "missing" : v.toString() + " is not a number")
                        + "; the platform's default 10 is used");
            }
            high = flag(cfg, "high", true, e, what);
            autoAck = flag(cfg, "autoAck", true, e, what);
            cfg.fieldNames().forEachRemaining(k -> {
                if (!Set.of("value", "high", "autoAck").contains(k)) {
                    m.change(e, what, "key '" + k + "' of its JSON configuration is not kept");
                }
            });
        }
        if (high) {
            m.change(e, what, "the platform alarms at value >= " + fmt(value) + "; Peresvet's Hi alarm at value > " + fmt(value));
        }
        String message = nz(e.text("description"));
        if (message.indexOf('{') >= 0 || message.indexOf('}') >= 0) {
            m.change(e, what, "its description is not used as the alarm message: braces are message placeholders");
            message = "";
        }
        AlarmDef a = AlarmDef.builder(tag.id(), high ? AlarmKind.HI : AlarmKind.LO).id(m.ids.of(e)).name(name).limit(value)
                .autoAck(autoAck).enabled(m.values.bool(e, "prsActive", true, what)).message(message).build();
        m.alarms.put(e.key(), a);
        m.handled.add(e.key());
    }

    private boolean flag(JsonNode cfg, String key, boolean dflt, DirEntry e, String what) {
        JsonNode v = cfg.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            m.change(e, what, "'" + key + "' " + v + " is not true or false; taken as " + dflt);
            return dflt;
        }
        return v.booleanValue();
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
