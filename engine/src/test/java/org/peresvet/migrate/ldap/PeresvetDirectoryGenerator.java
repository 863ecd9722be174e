package org.peresvet.migrate.ldap;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A Peresvet directory of any size in {@code slapcat} form, shaped like a real one: stations of
 * units of tags, every tag with its {@code cn=system}, a connector link with its alias and a
 * storage link with its alias; every tenth tag with an alert; one method per unit summing two of
 * its tags. Deterministic: the same size gives the same bytes.
 */
public final class PeresvetDirectoryGenerator {
    private final StringBuilder sb = new StringBuilder(1 << 20);
    private long seq;

    private PeresvetDirectoryGenerator() {
    }

    /** LDIF with {@code tags} tags, 100 per unit, 10 units per station. */
    public static byte[] generate(int tags) {
        return new PeresvetDirectoryGenerator().build(tags).getBytes(StandardCharsets.UTF_8);
    }

    private String uuid() {
        return new UUID(0x6e000000_7c2d103fL, 0x9d100b2c00000000L | ++seq).toString();
    }

    private void entry(String dn, String cls, String cn, String id, String... attrs) {
        sb.append("dn: ").append(dn).append('\n').append("objectClass: ").append(cls).append('\n')
                .append("cn: ").append(cn).append('\n');
        for (String a : attrs) {
            sb.append(a).append('\n');
        }
        sb.append("entryUUID: ").append(id).append("\n\n");
    }

    private String build(int tags) {
        sb.append("version: 1\n\n");
        entry("cn=prs", "prsModelNode", "prs", uuid());
        for (String base : new String[] {"objects", "tags", "schedules", "connectors", "dataStorages"}) {
            entry("cn=" + base + ",cn=prs", "prsModelNode", base, uuid());
        }
        String storage = "cn=psql,cn=dataStorages,cn=prs";
        entry(storage, "prsDataStorage", "psql", uuid(), "prsEntityTypeCode: 0", "prsDefault: TRUE",
                "prsJsonConfigString: {\"dsn\": \"postgres://peresvet:***@psql:5432/peresvet\"}");
        entry("cn=system," + storage, "prsModelNode", "system", uuid());
        entry("cn=tags,cn=system," + storage, "prsModelNode", "tags", uuid());
        int units = Math.max(1, (tags + 99) / 100);
        int made = 0;
        for (int u = 0; u < units && made < tags; u++) {
            int station = u / 10;
            String stationDn = "cn=Station" + station + ",cn=objects,cn=prs";
            String connectorDn = "cn=PLC-" + station + ",cn=connectors,cn=prs";
            if (u % 10 == 0) {
                entry(stationDn, "prsObject", "Station" + station, uuid(), "prsActive: TRUE");
                entry("cn=system," + stationDn, "prsModelNode", "system", uuid());
                entry(connectorDn, "prsConnector", "PLC-" + station, uuid(), "prsActive: TRUE",
                        "prsJsonConfigString: {\"source\": {\"host\": \"10.0." + station + ".1\", \"port\": 502}}");
                entry("cn=system," + connectorDn, "prsModelNode", "system", uuid());
                entry("cn=tags,cn=system," + connectorDn, "prsModelNode", "tags", uuid());
            }
            String unitDn = "cn=Unit" + u + "," + stationDn;
            entry(unitDn, "prsObject", "Unit" + u, uuid(), "prsActive: TRUE", "prsIndex: " + u);
            entry("cn=system," + unitDn, "prsModelNode", "system", uuid());
            String first = null;
            String second = null;
            for (int t = 0; t < 100 && made < tags; t++, made++) {
                String id = uuid();
                String tagDn = "cn=Tag" + t + "," + unitDn;
                entry(tagDn, "prsTag", "Tag" + t, id, "prsActive: TRUE", "prsMaxLineDev:: MC4wMg==", "prsMeasureUnits: bar",
                        "prsStep: FALSE", "prsUpdate: TRUE", "prsValueTypeCode: " + (t % 5 == 4 ? 0 : 1));
                entry("cn=system," + tagDn, "prsModelNode", "system", uuid());
                if (t % 10 == 0) {
                    String alertDn = "cn=High,cn=" + "Tag" + t + "," + unitDn;
                    entry(alertDn, "prsAlert", "High", uuid(), "prsActive: TRUE",
                            "prsJsonConfigString: {\"value\": 6.5, \"high\": true, \"autoAck\": false}");
                    entry("cn=system," + alertDn, "prsModelNode", "system", uuid());
                }
                String link = "cn=" + id + ",cn=tags,cn=system," + connectorDn;
                if (t != 3) { // Tag3 is computed by the unit's method
                entry(link, "prsConnectorTagData", id, uuid(),
                        "prsJsonConfigString: {\"source\": {\"unit\": " + u + ", \"register\": " + (30001 + t) + "}, \"maxDev\": 0.5}");
                entry("cn=" + id + "," + link, "alias\nobjectClass: extensibleObject", id, uuid(), "aliasedObjectName: " + tagDn);
                }
                String slink = "cn=" + id + ",cn=tags,cn=system," + storage;
                entry(slink, "prsDatastorageTagData", id, uuid(), "prsStore: {\"table\": \"t_" + id + "\"}");
                entry("cn=" + id + "," + slink, "alias\nobjectClass: extensibleObject", id, uuid(), "aliasedObjectName: " + tagDn);
                if (t == 1) {
                    first = id;
                } else if (t == 2) {
                    second = id;
                }
            }
            if (second != null) {
                String methodDn = "cn=Sum,cn=Tag3," + unitDn;
                entry(methodDn, "prsMethod", "Sum", uuid(), "prsMethodAddress: sum", "prsEntityTypeCode: 0", "prsActive: TRUE");
                entry("cn=system," + methodDn, "prsModelNode", "system", uuid());
                entry("cn=initiatedBy,cn=system," + methodDn, "prsModelNode", "initiatedBy", uuid());
                entry("cn=" + first + ",cn=initiatedBy,cn=system," + methodDn, "prsModelNode", first, uuid());
                entry("cn=parameters,cn=system," + methodDn, "prsModelNode", "parameters", uuid());
                entry("cn=a,cn=parameters,cn=system," + methodDn, "prsMethodParameter", "a", uuid(), "prsIndex: 1",
                        "prsJsonConfigString: {\"tagId\": [\"" + first + "\"]}");
                entry("cn=b,cn=parameters,cn=system," + methodDn, "prsMethodParameter", "b", uuid(), "prsIndex: 2",
                        "prsJsonConfigString: {\"tagId\": \"" + second + "\"}");
            }
        }
        return sb.toString();
    }
}
