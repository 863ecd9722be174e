package org.peresvet.connector.mqtt.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Home Assistant discovery configs seen on a broker, held so that no device can hurt another:
 * <ul>
 *   <li>a bad config (not JSON, a wildcard or empty topic, a template that is refused...) affects
 *       only its own entity and keeps its reason for the listing; an entity that had a good
 *       config keeps it;</li>
 *   <li>a {@code unique_id} belongs to the first config that claimed it (as in Home Assistant):
 *       another config with the same id is a conflict, shown with a warning, never bound;</li>
 *   <li>at most {@code maxConfigs} configs and {@code maxBytes} bytes of config are held; beyond
 *       that the oldest ones no binding uses are dropped first, with a warning.</li>
 * </ul>
 * Pure and thread-safe; never throws on what a device sends.
 */
public final class HaConfigs {
    public static final int DEFAULT_MAX_CONFIGS = 10_000;
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** Where an entry stands. */
    public enum Status { OK, REFUSED, CONFLICT }

    /**
     * One config topic's entry.
     *
     * @param entity  the entity in force (null when none was ever good); for a conflict, the claimant's
     * @param problem why the latest config of this topic is not in force, null when it is
     */
    public record Entry(String key, Status status, HaDiscovery.Entity entity, String problem, int bytes, long seq) {
        /** The entity a binding may use: only an entry in force. */
        public HaDiscovery.Entity active() {
            return status == Status.OK ? entity : null;
        }
    }

    /**
     * What one message changed.
     *
     * @param key           the entry's key (null when the message was no config)
     * @param activeChanged the entity in force under this key (or another one dropped) changed
     * @param removed       entities no longer in force (removed, or dropped by the cap)
     * @param warnings      lines for the log
     */
    public record Change(String key, boolean activeChanged, List<HaDiscovery.Entity> removed, List<String> warnings,
                         List<String> keys) {
        static final Change NONE = new Change(null, false, List.of(), List.of(), List.of());

        Change(String key, boolean activeChanged, List<HaDiscovery.Entity> removed, List<String> warnings) {
            this(key, activeChanged, removed, warnings, key == null ? List.of() : List.of(key));
        }
    }

    private final String prefix;
    private final int maxConfigs;
    private final long maxBytes;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> uidOwner = new HashMap<>();
    /** Device-based configs: the component keys each one created. */
    private final Map<String, List<String>> deviceParts = new HashMap<>();
    private long bytes;
    private long seq;
    private long version;

    public HaConfigs(String prefix, int maxConfigs, long maxBytes) {
        if (maxConfigs <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("discovery limits must be > 0");
        }
        this.prefix = prefix;
        this.maxConfigs = maxConfigs;
        this.maxBytes = maxBytes;
    }

    public int maxConfigs() {
        return maxConfigs;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Applies one message on the discovery prefix.
     *
     * @param bound true for keys a binding uses: the cap drops them last
     */
    public synchronized Change apply(String topic, byte[] payload, Predicate<String> bound) {
        HaDiscovery.Message m = HaDiscovery.parse(prefix, topic, payload);
        if (m instanceof HaDiscovery.NotDiscovery) {
            return Change.NONE;
        }
        int size = payload == null ? 0 : payload.length;
        if (m instanceof HaDiscovery.DeviceConfig d) {
            return applyDevice(topic, d, size, bound);
        }
        if (m instanceof HaDiscovery.Removed r && deviceParts.containsKey(r.key())) {
            return applyDevice(topic, new HaDiscovery.DeviceConfig(r.key(), List.of()), 0, bound);
        }
        return applyOne(topic, m, size, bound);
    }

    /** Each component as its own config; components the device no longer names are removed. */
    private Change applyDevice(String topic, HaDiscovery.DeviceConfig d, int size, Predicate<String> bound) {
        List<String> warnings = new ArrayList<>();
        List<HaDiscovery.Entity> removed = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> now = new ArrayList<>();
        boolean changed = false;
        int each = d.parts().isEmpty() ? 0 : Math.max(1, size / d.parts().size());
        for (HaDiscovery.Message part : d.parts()) {
            String k = part instanceof HaDiscovery.Config c ? c.entity().key()
                    : part instanceof HaDiscovery.Rejected r ? r.key() : ((HaDiscovery.Removed) part).key();
            Change c = applyOne(topic + " (" + k + ")", part, each, bound);
            if (!(part instanceof HaDiscovery.Removed)) {
                now.add(k);
            }
            keys.add(k);
            changed |= c.activeChanged();
            removed.addAll(c.removed());
            warnings.addAll(c.warnings());
        }
        List<String> before = deviceParts.getOrDefault(d.key(), List.of());
        for (String k : before) {
            if (!now.contains(k) && !keys.contains(k)) {
                Change c = applyOne(topic, new HaDiscovery.Removed(k), 0, bound);
                changed |= c.activeChanged();
                removed.addAll(c.removed());
                keys.add(k);
            }
        }
        if (now.isEmpty()) {
            deviceParts.remove(d.key());
        } else {
            deviceParts.put(d.key(), List.copyOf(now));
        }
        Entry whole = entries.get(d.key());
        if (whole != null) {
            drop(d.key());   // a refused earlier version of the device config: its components now speak for it
        }
        return new Change(d.key(), changed, removed, warnings, List.copyOf(keys));
    }

    private Change applyOne(String topic, HaDiscovery.Message m, int size, Predicate<String> bound) {
        List<String> warnings = new ArrayList<>();
        List<HaDiscovery.Entity> removed = new ArrayList<>();
        if (m instanceof HaDiscovery.Removed r) {
            Entry old = drop(r.key());
            if (old != null && old.active() != null) {
                removed.add(old.active());
            }
            return new Change(r.key(), old != null && old.active() != null, removed, warnings);
        }
        if (m instanceof HaDiscovery.Rejected r) {
            Entry old = entries.get(r.key());
            warnings.add("discovery config " + topic + " refused: " + r.reason());
            if (old != null && old.active() != null) {
                // the entity keeps its last good config; the listing says why the new one is not in force
                put(new Entry(r.key(), Status.OK, old.entity(), "the latest config was refused: " + r.reason(), old.bytes(), old.seq()));
                return new Change(r.key(), false, removed, warnings);
            }
            put(new Entry(r.key(), Status.REFUSED, null, r.reason(), Math.min(size, 1024), ++seq));
            enforce(r.key(), bound, warnings, removed);
            return new Change(r.key(), !removed.isEmpty(), removed, warnings);
        }
        HaDiscovery.Entity e = ((HaDiscovery.Config) m).entity();
        String key = e.key();
        Entry old = entries.get(key);
        String uid = e.uniqueId();
        String owner = uid == null ? null : uidOwner.get(uid);
        if (owner != null && !owner.equals(key)) {
            String why = "unique_id '" + uid + "' already belongs to " + owner + " (the first config to claim it)";
            warnings.add("discovery config " + topic + " conflicts: " + why + "; ignored");
            if (old != null && old.active() != null) {
                put(new Entry(key, Status.OK, old.entity(), "the latest config conflicts: " + why, old.bytes(), old.seq()));
                return new Change(key, false, removed, warnings);
            }
            put(new Entry(key, Status.CONFLICT, e, why, size, ++seq));
            enforce(key, bound, warnings, removed);
            return new Change(key, !removed.isEmpty(), removed, warnings);
        }
        HaDiscovery.Entity before = old == null ? null : old.active();
        if (before != null && before.uniqueId() != null && !before.uniqueId().equals(uid) && key.equals(uidOwner.get(before.uniqueId()))) {
            uidOwner.remove(before.uniqueId());
        }
        if (uid != null) {
            uidOwner.put(uid, key);
        }
        put(new Entry(key, Status.OK, e, null, size, ++seq));
        boolean changed = before == null || !before.config().equals(e.config());
        enforce(key, bound, warnings, removed);
        if (entries.get(key) == null) {
            return new Change(key, before != null || !removed.isEmpty(), removed, warnings);
        }
        return new Change(key, changed || !removed.isEmpty(), removed, warnings);
    }

    private void put(Entry e) {
        Entry old = entries.remove(e.key());
        if (old != null) {
            bytes -= old.bytes();
        }
        if (old == null || !old.equals(e)) {
            version++;
        }
        entries.put(e.key(), e);
        bytes += e.bytes();
    }

    private Entry drop(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            version++;
            bytes -= old.bytes();
            HaDiscovery.Entity e = old.entity();
            if (e != null && e.uniqueId() != null && key.equals(uidOwner.get(e.uniqueId()))) {
                uidOwner.remove(e.uniqueId());
            }
        }
        return old;
    }

    /** Over a limit: drops the oldest unbound entries (never {@code keep} while another can go), then says so. */
    private void enforce(String keep, Predicate<String> bound, List<String> warnings, List<HaDiscovery.Entity> removed) {
        if (entries.size() <= maxConfigs && bytes <= maxBytes) {
            return;
        }
        List<Entry> byAge = new ArrayList<>(entries.values());
        byAge.sort(Comparator.comparingLong(Entry::seq));
        int dropped = 0;
        for (Entry x : byAge) {
            if (entries.size() <= maxConfigs && bytes <= maxBytes) {
                break;
            }
            if (x.key().equals(keep) || safeBound(bound, x.key())) {
                continue;
            }
            drop(x.key());
            if (x.active() != null) {
                removed.add(x.active());
            }
            dropped++;
        }
        if (entries.size() > maxConfigs || bytes > maxBytes) {
            Entry x = drop(keep); // only bound configs are left: the newcomer is the one that cannot stay
            if (x != null && x.active() != null) {
                removed.add(x.active());
            }
            warnings.add("discovery config " + keep + " dropped: the limit of " + maxConfigs + " configs / " + maxBytes
                    + " bytes is reached and every held config is bound");
        }
        if (dropped > 0) {
            warnings.add("discovery holds at most " + maxConfigs + " configs / " + maxBytes + " bytes: dropped the "
                    + dropped + " oldest unbound one(s)");
        }
    }

    private static boolean safeBound(Predicate<String> bound, String key) {
        try {
            return bound != null && bound.test(key);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The entity in force under a key ({@code <component>/[<node>/]<object>}), or null. */
    public synchronized HaDiscovery.Entity active(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.active();
    }

    /** The entity in force that owns a unique_id (the first claimant), or null. */
    public synchronized HaDiscovery.Entity byUniqueId(String uid) {
        String key = uidOwner.get(uid);
        return key == null ? null : active(key);
    }

    /** Every entry, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Grows with every change to what {@link #entries()} lists. */
    public synchronized long version() {
        return version;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }
}
