package org.peresvet.migrate.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.util.Locale;
import java.util.UUID;

/**
 * One entry of a Peresvet directory, as read from an LDIF file or a server.
 *
 * @param line   the line of the LDIF file where the entry starts; 0 when it came from a server
 * @param parent    the parent's DN (null for a root)
 * @param kind      see {@link #kindOf(Entry)}
 * @param key       the DN's normalized text: the key of every index (a DN computes it anew for each hash)
 * @param parentKey the parent's key, or null
 */
public record DirEntry(DN dn, Entry entry, long line, DN parent, String kind, String key, String parentKey) {

    public DirEntry(DN dn, Entry entry, long line) {
        this(dn, entry, line, dn.getParent(), kindOf(entry), dn.toNormalizedString(),
                dn.getParent() == null ? null : dn.getParent().toNormalizedString());
    }

    /** The entry's name: its first {@code cn} (the platform always reads the first), else the RDN value. */
    public String name() {
        String cn = entry.getAttributeValue("cn");
        if (cn != null) {
            return cn;
        }
        String[] values = dn.getRDN() == null ? new String[0] : dn.getRDN().getAttributeValues();
        return values.length == 0 ? "" : values[0];
    }

    /**
     * The entry's class in lower case: the first objectClass other than {@code top}, as the
     * platform's {@code get_node_class} takes it, except that {@code prsModelNode} counts only when
     * there is no other (a server may list the superclass it adds first); {@code alias} for alias
     * entries whatever comes first.
     */
    public static String kindOf(Entry entry) {
        String[] classes = entry.getObjectClassValues();
        if (classes == null) {
            return "";
        }
        String first = "";
        boolean node = false;
        for (String c : classes) {
            String lc = c.strip().toLowerCase(Locale.ROOT);
            if (lc.equals("alias")) {
                return "alias";
            }
            if (lc.equals("prsmodelnode")) {
                node = true;
            } else if (first.isEmpty() && !lc.equals("top") && !lc.equals("extensibleobject")) {
                first = lc;
            }
        }
        return first.isEmpty() && node ? "prsmodelnode" : first;
    }

    /** The attribute's first value as text (base64 in LDIF is already decoded, as UTF-8), or null. */
    public String text(String attribute) {
        Attribute a = entry.getAttribute(attribute);
        return a == null || !a.hasValue() ? null : a.getValue();
    }

    public boolean has(String attribute) {
        Attribute a = entry.getAttribute(attribute);
        return a != null && a.hasValue();
    }

    /** The platform's id of the entry, or null when the export has none (or it is not a UUID). */
    public UUID entryUuid() {
        String v = text("entryUUID");
        if (v == null) {
            return null;
        }
        try {
            return UUID.fromString(v.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Where the entry came from, for the report: its DN, with the LDIF line when there is one. */
    public String where() {
        return line > 0 ? dn + " (line " + line + ")" : dn.toString();
    }
}
