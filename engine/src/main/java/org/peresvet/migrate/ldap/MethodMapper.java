package org.peresvet.migrate.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;

/**
 * Methods. The platform's method is an RPC served by an external worker ({@code prsMethodAddress})
 * whose result goes to the parent tag, with initiators (tags, schedules) and parameters (data_get
 * requests naming tags by UUID). When the address is one of our aggregate functions and every
 * parameter is the current value of one tag, the tag becomes a calculated tag; otherwise the method
 * becomes a program method that runs a program of the address's name with the parameters' values.
 */
final class MethodMapper {
    /** Addresses that are formula functions of the same meaning. */
    private static final Set<String> FUNCTIONS = Set.of("sum", "avg", "min", "max");
    /** Keys of a data_get request that ask for history rather than the current value. */
    private static final Set<String> HISTORY_KEYS = Set.of("start", "finish", "count", "timeStep", "maxCount", "actual",
            "value", "params", "format");

    private final Mapping m;

    MethodMapper(Mapping m) {
        this.m = m;
    }

    /** One parameter as the workstation can pass it: a name and the tag paths it reads. */
    private record Param(String name, List<String> paths, boolean plain) {
    }

    void run() {
        List<DirEntry> methods = new ArrayList<>();
        for (DirEntry e : m.dir.entries()) {
            if (e.kind().equals(Mapping.METHOD) && !m.handled.contains(e.key())) {
                methods.add(e);
            }
        }
        // The lowest prsIndex first: the platform's rule for which of a tag's methods wins.
        methods.sort(Comparator.comparingLong(e -> index(e)));
        for (DirEntry e : methods) {
            if (m.underSkipped(e)) {
                m.skip(e, Mapping.what(e), "what it belongs to was skipped");
                markParts(e);
                continue;
            }
            method(e);
            markParts(e);
        }
        for (DirEntry e : m.dir.entries()) {
            if (e.kind().equals(Mapping.PARAMETER) && !m.handled.contains(e.key())) {
                m.skip(e, Mapping.what(e), "belongs to no method of the directory");
            }
        }
    }

    private long index(DirEntry e) {
        String v = e.text("prsIndex");
        try {
            return v == null ? Long.MAX_VALUE : Long.parseLong(v.strip());
        } catch (NumberFormatException x) {
            return Long.MAX_VALUE;
        }
    }

    private void markParts(DirEntry method) {
        for (DirEntry p : parameters(method)) {
            m.handled.add(p.key());
        }
    }

    private void method(DirEntry e) {
        TagDef tag = m.tags.get(e.parentKey());
        if (tag == null) {
            DirEntry parent = m.dir.get(e.parentKey());
            m.skip(e, Mapping.what(e), parent != null && parent.kind().equals(Mapping.ALERT)
                    ? "a method under an alert: the platform's runtime runs only methods of tags (alerts as initiators are not implemented)"
                    : "a method belongs under a tag");
            return;
        }
        String name = m.values.name(e, Mapping.what(e));
        String tagPath = m.tagPath(tag.id());
        String what = "method " + name + " of tag " + tagPath;
        String address = TreeMapper.nz(e.text("prsMethodAddress")).strip();
        boolean virtual = "1".equals(TreeMapper.nz(e.text("prsEntityTypeCode")).strip());
        boolean active = m.values.bool(e, "prsActive", true, what);
        List<MethodDef.Initiator> initiators = initiators(e, what, tag);
        List<Param> params = params(e, what);
        if (calculable(tag, address, params, initiators, virtual)) {
            calculated(e, what, tag, address, params, initiators, active);
            return;
        }
        if (virtual) {
            m.skip(e, what, "a virtual method (computed when data is read) of '" + address + "': Peresvet has no read-time "
                    + "methods; only sum, avg, min or max of current values become a calculated tag");
            return;
        }
        if (address.isEmpty()) {
            m.skip(e, what, "no prsMethodAddress: nothing to run");
            return;
        }
        if (initiators.isEmpty()) {
            m.skip(e, what, "no initiator could be resolved; a method needs at least one");
            return;
        }
        if (tag.calculated()) {
            m.skip(e, what, "the tag is already calculated by another of its methods; a calculated tag cannot be a target");
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Param p : params) {
            if (p.paths().isEmpty()) {
                continue;
            } else if (p.paths().size() == 1) {
                parameters.put(p.name(), "{" + p.paths().get(0) + "}");
            } else {
                for (int i = 0; i < p.paths().size(); i++) {
                    parameters.put(p.name() + "_" + (i + 1), "{" + p.paths().get(i) + "}");
                }
            }
        }
        MethodDef def = new MethodDef(m.ids.of(e), name, TreeMapper.nz(e.text("description")), active, tag.objectId(),
                initiators, MethodDef.Kind.PROGRAM, null, tagPath, address, List.of(), parameters, 0, 0,
                MethodDef.RunMode.QUEUED, 0);
        m.change(e, what, "the platform's RPC '" + address + "' (served by an external worker) becomes a program method "
                + "running '" + address + "' with the parameters' current values as JSON on stdin; provide that program "
                + "or change the method");
        m.methods.put(e.key(), def);
        m.handled.add(e.key());
    }

    private boolean calculable(TagDef tag, String address, List<Param> params, List<MethodDef.Initiator> initiators,
                               boolean virtual) {
        if (!FUNCTIONS.contains(address.toLowerCase(Locale.ROOT)) || params.isEmpty() || tag.calculated()
                || tag.source() == SourceKind.CONNECTOR || !tag.type().isNumeric()) {
            return false;
        }
        for (Param p : params) {
            if (!p.plain() || p.paths().size() != 1) {
                return false;
            }
        }
        if (virtual) {
            return true;
        }
        long schedules = initiators.stream().filter(i -> i.type() == MethodDef.Initiator.Type.SCHEDULE).count();
        long tags = initiators.size() - schedules;
        return schedules == 0 && tags > 0 || schedules == 1 && tags == 0;
    }

    private void calculated(DirEntry e, String what, TagDef tag, String address, List<Param> params,
                            List<MethodDef.Initiator> initiators, boolean active) {
        List<String> args = params.stream().map(p -> "{" + p.paths().get(0) + "}").toList();
        String formula = address.toLowerCase(Locale.ROOT) + "(" + String.join(", ", args) + ")";
        CalcTrigger trigger = CalcTrigger.CHANGE;
        for (MethodDef.Initiator i : initiators) {
            if (i.type() == MethodDef.Initiator.Type.SCHEDULE) {
                trigger = CalcTrigger.schedule(i.scheduleId());
            }
        }
        Set<String> inputs = new LinkedHashSet<>();
        params.forEach(p -> inputs.add(p.paths().get(0)));
        Set<String> initiating = new LinkedHashSet<>();
        initiators.stream().filter(i -> i.type() == MethodDef.Initiator.Type.TAG).forEach(i -> initiating.add(i.tag()));
        String note = trigger.kind() == CalcTrigger.Kind.CHANGE && !initiating.containsAll(inputs)
                ? "; it now also runs when " + String.join(", ", diff(inputs, initiating)) + " change(s)" : "";
        if (!active) {
            m.change(e, what, "inactive in the platform, but a calculated tag always computes");
        }
        m.change(e, what, "tag " + m.tagPath(tag.id()) + " becomes a calculated tag: " + formula + note);
        m.putTag(m.tagDnById.get(tag.id()), tag.toBuilder().formula(formula).trigger(trigger).build());
        m.report.imported("calculated tags", false);
        m.handled.add(e.key());
    }

    private static List<String> diff(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private List<MethodDef.Initiator> initiators(DirEntry method, String what, TagDef own) {
        List<MethodDef.Initiator> out = new ArrayList<>();
        DirEntry system = m.dir.child(method, "system");
        DirEntry by = system == null ? null : m.dir.child(system, "initiatedBy");
        if (by == null) {
            return out;
        }
        for (DirEntry i : m.dir.children(by)) {
            UUID id = Ids.parseUuid(i.name());
            if (id == null) {
                m.unresolved(i, what, "initiator '" + i.name() + "' is not a UUID");
                continue;
            }
            String dn = m.ids.platform(id);
            TagDef t = dn == null ? null : m.tags.get(dn);
            ScheduleDef s = dn == null ? null : m.schedules.get(dn);
            if (t != null && t.id().equals(own.id())) {
                m.unresolved(i, what, "initiator " + id + " is the method's own tag (the platform ignores it)");
            } else if (t != null) {
                out.add(MethodDef.Initiator.tag(m.tagPath(t.id()), null));
            } else if (s != null) {
                out.add(MethodDef.Initiator.schedule(s.id()));
            } else if (dn == null && m.current.tag(id) != null) {
                out.add(MethodDef.Initiator.tag(m.current.tagPath(id), null));
            } else if (dn == null && m.current.schedule(id) != null) {
                out.add(MethodDef.Initiator.schedule(id));
            } else {
                m.unresolved(i, what, "initiator " + id + (dn == null ? " names no entry of the directory"
                        + (m.ids.derived() > 0 ? " (the export has no entryUUIDs)" : "") : " (" + dn + ") was not imported as a tag or schedule"));
            }
        }
        return out;
    }

    private List<DirEntry> parameters(DirEntry method) {
        DirEntry system = m.dir.child(method, "system");
        DirEntry ps = system == null ? null : m.dir.child(system, "parameters");
        if (ps == null) {
            return List.of();
        }
        List<DirEntry> out = new ArrayList<>();
        for (DirEntry p : m.dir.children(ps)) {
            if (p.kind().equals(Mapping.PARAMETER)) {
                out.add(p);
            }
        }
        // Argument order: ascending prsIndex, parameters without one last (the platform's rule).
        out.sort(Comparator.comparingLong(this::index));
        return out;
    }

    private List<Param> params(DirEntry method, String what) {
        List<Param> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (DirEntry p : parameters(method)) {
            String name = p.name().strip().replaceAll("[^\\p{L}\\p{N}_]", "_");
            if (name.isEmpty() || !names.add(name)) {
                name = "p" + (out.size() + 1);
                names.add(name);
            }
            String pw = what + ", parameter " + p.name();
            // A parameter left out is kept as an empty one: the method then cannot become a formula.
            Param dropped = new Param(name, List.of(), false);
            if (!m.values.bool(p, "prsActive", true, pw)) {
                m.change(p, pw, "inactive parameter left out");
                out.add(dropped);
                continue;
            }
            JsonNode cfg = m.values.json(p, "prsJsonConfigString", pw);
            if (cfg == null || !cfg.isObject()) {
                m.unresolved(p, pw, "no JSON configuration: nothing to pass");
                out.add(dropped);
                continue;
            }
            if (cfg.has("routingKey") || cfg.has("clientJsonata")) {
                m.unresolved(p, pw, "a platform RPC or JSONata parameter (" + (cfg.has("routingKey") ? "routingKey" : "clientJsonata")
                        + ") has no Peresvet counterpart; left out");
                out.add(dropped);
                continue;
            }
            JsonNode ids = cfg.get("tagId");
            List<JsonNode> list = new ArrayList<>();
            if (ids != null && ids.isArray()) {
                ids.forEach(list::add);
            } else if (ids != null) {
                list.add(ids);
            }
            if (list.isEmpty()) {
                m.unresolved(p, pw, "names no tag (tagId)");
                out.add(dropped);
                continue;
            }
            List<String> paths = new ArrayList<>();
            for (JsonNode n : list) {
                UUID id = n.isTextual() ? Ids.parseUuid(n.asText()) : null;
                String dn = id == null ? null : m.ids.platform(id);
                TagDef t = dn == null ? null : m.tags.get(dn);
                String path = t != null ? m.tagPath(t.id()) : id != null && dn == null && m.current.tag(id) != null
                        ? m.current.tagPath(id) : null;
                if (path == null) {
                    m.unresolved(p, pw, "tagId " + n + " names no imported tag" + (m.ids.derived() > 0 && dn == null
                            ? " (the export has no entryUUIDs)" : ""));
                } else {
                    paths.add(path);
                }
            }
            if (paths.size() < list.size()) {
                out.add(new Param(name, paths, false));
                continue;
            }
            List<String> history = new ArrayList<>();
            cfg.fieldNames().forEachRemaining(k -> {
                if (HISTORY_KEYS.contains(k)) {
                    history.add(k);
                }
            });
            if (!history.isEmpty()) {
                m.change(p, pw, "a history request (" + String.join(", ", history) + ") is passed as the current value");
            }
            out.add(new Param(name, paths, history.isEmpty()));
        }
        return out;
    }
}
