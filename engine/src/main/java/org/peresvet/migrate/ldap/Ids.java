package org.peresvet.migrate.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Our id of each entry: its {@code entryUUID} (so connectors in the field keep addressing the same
 * tags); without one, the UUID a connector or storage link names it by (its {@code cn}, matched
 * through the link's alias); else an id derived from the DN, so importing the same export again
 * updates rather than duplicates.
 */
final class Ids {
    private final Map<String, UUID> byDn = new HashMap<>();
    private final Map<UUID, String> byPlatformId = new HashMap<>();
    private int learnt;
    private int derived;

    Ids(PeresvetDirectory dir, ImportReport report) {
        for (DirEntry e : dir.entries()) {
            UUID u = e.entryUuid();
            if (u == null) {
                if (e.has("entryUUID")) {
                    report.add(ImportReport.Action.CHANGED, e, "entry", "entryUUID '" + e.text("entryUUID")
                            + "' is not a UUID; an id is derived from the DN");
                }
                continue;
            }
            String other = byPlatformId.putIfAbsent(u, e.key());
            if (other != null) {
                report.add(ImportReport.Action.CHANGED, e, "entry", "entryUUID " + u + " is also the id of " + dir.get(other).dn()
                        + "; an id is derived from the DN");
                continue;
            }
            byDn.put(e.key(), u);
        }
        // Links are named by the linked entity's UUID and hold an alias to its DN.
        for (DirEntry e : dir.entries()) {
            String k = e.kind();
            if (!k.equals("prsconnectortagdata") && !k.equals("prsdatastoragetagdata") && !k.equals("prsdatastoragealertdata")) {
                continue;
            }
            UUID named = parseUuid(e.name());
            DN alias = aliasTarget(dir, e);
            String target = alias == null ? null : alias.toNormalizedString();
            if (named != null && target != null && dir.get(target) != null && !byDn.containsKey(target)
                    && !byPlatformId.containsKey(named)) {
                byDn.put(target, named);
                byPlatformId.put(named, target);
                learnt++;
            }
        }
    }

    /** The DN the link's alias child points at, or null. */
    static DN aliasTarget(PeresvetDirectory dir, DirEntry link) {
        for (DirEntry c : dir.children(link)) {
            String to = c.text("aliasedObjectName");
            if (to != null) {
                try {
                    return new DN(to);
                } catch (LDAPException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static UUID parseUuid(String s) {
        if (s == null) {
            return null;
        }
        try {
            String t = s.strip();
            return t.length() == 36 ? UUID.fromString(t.toLowerCase(Locale.ROOT)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    UUID of(DirEntry e) {
        return byDn.computeIfAbsent(e.key(), key -> {
            derived++;
            return UUID.nameUUIDFromBytes(("peresvet-ldap:" + key).getBytes(StandardCharsets.UTF_8));
        });
    }

    /** True when the entry's id is the platform's own (entryUUID or learnt from a link). */
    boolean isPlatformId(DirEntry e) {
        UUID u = byDn.get(e.key());
        return u != null && e.key().equals(byPlatformId.get(u));
    }

    /** The key ({@link DirEntry#key()}) of the entry the platform knows by this UUID, or null. */
    String platform(UUID id) {
        return byPlatformId.get(id);
    }

    int learnt() {
        return learnt;
    }

    int derived() {
        return derived;
    }
}
