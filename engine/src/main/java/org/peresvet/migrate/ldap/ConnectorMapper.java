package org.peresvet.migrate.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.io.StrictJson;

/**
 * Connectors become MQTT connectors with the {@code peresvet} profile, keeping the platform's id so
 * a connector in the field finds its configuration on {@code conn2prs/<id>} as before. Each link
 * ({@code prsConnectorTagData} under {@code cn=tags,cn=system,<connector>}, named by the tag's
 * UUID, with an alias child to the tag) becomes the tag's binding: {@code address} is the link's
 * {@code source}, {@code maxDev} and the other keys of the link's JSON are kept as options.
 */
final class ConnectorMapper {
    private final Mapping m;
    /** The connector each tag is already bound to, for tags linked to several. */
    private final Map<UUID, String> boundTo = new HashMap<>();

    ConnectorMapper(Mapping m) {
        this.m = m;
    }

    void run() {
        DirEntry base = m.baseNode("connectors");
        for (DirEntry e : TreeMapper.parentsFirst(m.dir)) {
            if (m.handled.contains(e.key())) {
                continue;
            }
            if (e.kind().equals(Mapping.CONNECTOR)) {
                if (base == null || !base.key().equals(e.parentKey())) {
                    m.skip(e, Mapping.what(e), "a connector belongs under cn=connectors");
                } else {
                    connector(e);
                }
            } else if (e.kind().equals(Mapping.CONNECTOR_LINK)) {
                link(e);
            }
        }
    }

    private void connector(DirEntry e) {
        String name = m.values.name(e, Mapping.what(e));
        String what = "connector " + name;
        UUID id = m.ids.of(e);
        ObjectNode cfg = StrictJson.mapper().createObjectNode();
        cfg.put("broker", m.options.broker());
        cfg.put("profile", "peresvet");
        if (m.ids.isPlatformId(e)) {
            cfg.put("peresvetId", id.toString());
        } else {
            m.change(e, what, "the export has no entryUUID: the id the connector in the field uses is unknown; "
                    + "set peresvetId in the connector's config");
        }
        JsonNode own = m.values.json(e, "prsJsonConfigString", what);
        if (own != null && own.isObject()) {
            // Kept for the record: the peresvet profile does not send it to the connector yet.
            cfg.set("platformConfig", own);
        }
        if (e.has("prsEntityTypeCode")) {
            m.change(e, what, "its type code " + e.text("prsEntityTypeCode") + " is not kept (the platform does not interpret it)");
        }
        m.change(e, what, "becomes an MQTT connector (profile peresvet) on broker " + m.options.broker()
                + " (the directory does not name the broker; change it in the connector's settings if it is another)");
        String text = cfg.toString();
        if (text.length() > ConnectorDef.MAX_CONFIG_CHARS) {
            cfg.remove("platformConfig");
            text = cfg.toString();
            m.change(e, what, "its JSON configuration is too long to keep (" + own.toString().length() + " characters)");
        }
        m.connectors.put(e.key(), new ConnectorDef(id, name, "mqtt", m.values.bool(e, "prsActive", true, what), text));
        m.handled.add(e.key());
    }

    private void link(DirEntry e) {
        DirEntry tagsNode = m.dir.get(e.parentKey()); // cn=tags,cn=system,<connector>
        DirEntry system = tagsNode == null ? null : m.dir.get(tagsNode.parentKey());
        String owner = system == null ? null : system.parentKey();
        ConnectorDef c = owner == null ? null : m.connectors.get(owner);
        String what = "link of connector " + (c == null ? "?" : c.name()) + " to tag " + e.name();
        if (c == null) {
            m.skip(e, what, m.skipped.contains(owner) || m.underSkipped(e) ? "its connector was skipped"
                    : "a link belongs under cn=tags,cn=system of a connector");
            return;
        }
        String tagDn = tagOf(e);
        TagDef tag = tagDn == null ? null : m.tags.get(tagDn);
        if (tag == null) {
            m.unresolved(e, what, tagDn == null ? "names no tag of the directory (neither its cn nor its alias resolves)"
                    : "the tag " + tagDn + " was not imported");
            m.handled.add(e.key());
            return;
        }
        what = "link of connector " + c.name() + " to tag " + m.tagPath(tag.id());
        String other = boundTo.putIfAbsent(tag.id(), c.name());
        if (other != null) {
            m.skip(e, what, "the tag is already bound to connector " + other + "; a Peresvet tag has one source");
            return;
        }
        JsonNode cfg = m.values.json(e, "prsJsonConfigString", what);
        ObjectNode binding = StrictJson.mapper().createObjectNode();
        binding.put("connector", c.id().toString());
        JsonNode source = cfg != null && cfg.isObject() ? cfg.get("source") : null;
        if (source == null || source.isNull()) {
            m.change(e, what, "the link has no 'source' (the connector's address of the tag); the address is {}");
            binding.put("address", "{}");
        } else {
            binding.put("address", source.isTextual() ? source.asText() : source.toString());
        }
        if (cfg != null && cfg.isObject()) {
            cfg.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("source") && !f.getKey().equals("connector") && !f.getKey().equals("address")
                        && !f.getValue().isNull()) {
                    binding.set(f.getKey(), f.getValue());
                }
            });
        }
        if (!binding.has("maxDev") && e.has("prsMaxDev")) {
            Double d = m.values.number(e, "prsMaxDev", what);
            if (d != null) {
                binding.put("maxDev", d);
            }
        }
        if (e.has("prsValueScale")) {
            m.change(e, what, "prsValueScale " + e.text("prsValueScale") + " is not kept (the platform does not use it)");
        }
        m.putTag(tagDn, tag.toBuilder().source(SourceKind.CONNECTOR).sourceConfig(binding.toString()).build());
        m.report.imported("connector links", false);
        m.handled.add(e.key());
    }

    /** The tag a link names: by its cn (the tag's UUID), else through its alias child. */
    private String tagOf(DirEntry link) {
        UUID named = Ids.parseUuid(link.name());
        String key = named == null ? null : m.ids.platform(named);
        if (key != null && m.tags.containsKey(key)) {
            return key;
        }
        DN alias = Ids.aliasTarget(m.dir, link);
        return alias != null ? alias.toNormalizedString() : key;
    }
}
