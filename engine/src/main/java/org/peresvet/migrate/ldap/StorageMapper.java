package org.peresvet.migrate.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Data storages: a VictoriaMetrics storage (type 1) becomes an export target; PostgreSQL (0) and
 * integrational (2) storages are skipped, since the workstation keeps its own history. The links
 * under a storage are counted with it rather than listed one by one.
 */
final class StorageMapper {
    private static final Set<String> STORAGE_PARTS = Set.of("prsdatastoragetagdata", "prsdatastoragealertdata",
            "prsdatastorageoperation", "prsdatastorageoperationparameter", "prsdatastoragetagoperation",
            "prsdatastoragetagoperationparameter");

    private final Mapping m;
    final List<ExportTargetSpec> targets = new ArrayList<>();

    StorageMapper(Mapping m) {
        this.m = m;
    }

    void run() {
        DirEntry base = m.baseNode("dataStorages");
        for (DirEntry e : m.dir.entries()) {
            if (!e.kind().equals(Mapping.STORAGE) || m.handled.contains(e.key())) {
                continue;
            }
            if (base == null || !base.key().equals(e.parentKey())) {
                m.skip(e, Mapping.what(e), "a data storage belongs under cn=dataStorages");
                continue;
            }
            storage(e);
        }
        for (DirEntry e : m.dir.entries()) {
            if (STORAGE_PARTS.contains(e.kind()) && !m.handled.contains(e.key())) {
                // Links and operations outside any storage: nothing to attach them to.
                m.skip(e, e.kind() + " " + e.name(), "belongs to no data storage of the directory");
            }
        }
    }

    private void storage(DirEntry e) {
        String what = "data storage " + e.name();
        int tagLinks = 0;
        int alertLinks = 0;
        int other = 0;
        for (DirEntry d : m.dir.entries()) {
            if (d.dn().isDescendantOf(e.dn(), false) && STORAGE_PARTS.contains(d.kind())) {
                switch (d.kind()) {
                    case "prsdatastoragetagdata" -> tagLinks++;
                    case "prsdatastoragealertdata" -> alertLinks++;
                    default -> other++;
                }
                m.handled.add(d.key());
            }
        }
        String links = tagLinks + " tag link(s), " + alertLinks + " alert link(s)" + (other > 0 ? ", " + other + " operation entries" : "");
        Long type = m.values.integer(e, "prsEntityTypeCode", what);
        int code = type == null ? 0 : type.intValue();
        if (code != 1) {
            String kind = code == 0 ? "PostgreSQL" : code == 2 ? "integrational" : "type " + code;
            m.skip(e, what, "a " + kind + " storage is not imported (with its " + links + "): the workstation keeps "
                    + "history in its own project file and exports it to VictoriaMetrics; the platform's tables stay where they are");
            return;
        }
        JsonNode cfg = m.values.json(e, "prsJsonConfigString", what);
        String url = url(cfg);
        if (url == null) {
            m.skip(e, what, "a VictoriaMetrics storage without a usable getUrl or putUrl in its JSON configuration");
            return;
        }
        String name = e.name().strip().replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0))) {
            name = "vm" + name;
        }
        if (name.length() > 64) {
            name = name.substring(0, 64);
        }
        if (!name.equals(e.name())) {
            m.change(e, what, "export target named '" + name + "' (letters, digits, '.', '_', '-' only)");
        }
        if (m.options.existingExportTargets().stream().anyMatch(n -> n.equalsIgnoreCase(
                e.name().strip().replaceAll("[^A-Za-z0-9._-]", "_")))) {
            m.report.add(ImportReport.Action.CONFLICT, e, what, "the project already has an export target '" + name
                    + "'; the project's is kept");
            m.handled.add(e.key());
            return;
        }
        m.change(e, what, "becomes export target '" + name + "' at " + url + ": every tag is exported (the platform stored the "
                + tagLinks + " linked tag(s)), series are named by tag path, not by the platform's metric names");
        targets.add(new ExportTargetSpec(name, url, m.values.bool(e, "prsActive", true, what)));
        m.report.imported("export targets", false);
        m.handled.add(e.key());
    }

    /** The server's base URL: the origin of getUrl (the VictoriaMetrics HTTP API), else of putUrl on port 8428. */
    static String url(JsonNode cfg) {
        if (cfg == null || !cfg.isObject()) {
            return null;
        }
        String get = origin(cfg.path("getUrl").asText(null), -1);
        return get != null ? get : origin(cfg.path("putUrl").asText(null), 8428);
    }

    private static String origin(String text, int port) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI u = URI.create(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                return null;
            }
            int p = port > 0 ? port : u.getPort();
            return scheme + "://" + u.getHost() + (p > 0 ? ":" + p : "");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
