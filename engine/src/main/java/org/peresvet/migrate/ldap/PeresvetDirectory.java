package org.peresvet.migrate.ldap;

import com.unboundid.ldap.sdk.DN;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of a Peresvet directory under its base DN ({@code cn=prs}), indexed by DN and by
 * parent, however they were read. Entries are kept in the order they came.
 *
 * @param source what was read (a file name or an ldap:// URL), for the report
 */
public final class PeresvetDirectory {
    private final String source;
    private final DN base;
    private final List<DirEntry> entries;
    private final List<DirEntry> outside;
    /** By normalized DN text, see {@link DirEntry#key()}. */
    private final Map<String, DirEntry> byDn = new HashMap<>();
    private final Map<String, List<DirEntry>> children = new HashMap<>();

    /**
     * @param base the base DN; entries outside it are kept apart (see {@link #outsideBase()})
     */
    public PeresvetDirectory(String source, DN base, List<DirEntry> all) {
        this.source = source;
        this.base = base;
        List<DirEntry> in = new ArrayList<>(all.size());
        List<DirEntry> out = new ArrayList<>();
        for (DirEntry e : all) {
            if (e.dn().isDescendantOf(base, true)) {
                in.add(e);
                byDn.put(e.key(), e);
                if (e.parentKey() != null) {
                    children.computeIfAbsent(e.parentKey(), k -> new ArrayList<>()).add(e);
                }
            } else {
                out.add(e);
            }
        }
        this.entries = Collections.unmodifiableList(in);
        this.outside = Collections.unmodifiableList(out);
    }

    public String source() {
        return source;
    }

    public DN base() {
        return base;
    }

    /** The entries under the base (the base included), in the order read. */
    public List<DirEntry> entries() {
        return entries;
    }

    /** Entries that are not under the base DN: reported, never imported. */
    public List<DirEntry> outsideBase() {
        return outside;
    }

    public DirEntry get(DN dn) {
        return dn == null ? null : byDn.get(dn.toNormalizedString());
    }

    /** The entry with this key ({@link DirEntry#key()}), or null. */
    DirEntry get(String key) {
        return key == null ? null : byDn.get(key);
    }

    public List<DirEntry> children(DN parent) {
        return parent == null ? List.of() : children.getOrDefault(parent.toNormalizedString(), List.of());
    }

    List<DirEntry> children(DirEntry parent) {
        return children.getOrDefault(parent.key(), List.of());
    }

    /** The child with this name (cn compared ignoring case, as LDAP compares it), or null. */
    public DirEntry child(DN parent, String name) {
        return child(children(parent), name);
    }

    DirEntry child(DirEntry parent, String name) {
        return parent == null ? null : child(children(parent), name);
    }

    private static DirEntry child(List<DirEntry> list, String name) {
        for (DirEntry c : list) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    public int size() {
        return entries.size();
    }
}
