package org.peresvet.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;

/**
 * The project's "reason required" rules, compiled for the write path: without rules a check is
 * one test; with rules it walks up from the object to the root (a few hash lookups).
 */
public final class ReasonRules {
    /** No rule: nothing ever needs a reason. */
    public static final ReasonRules NONE = new ReasonRules(List.of());

    private final List<ReasonRule> rules;
    /** Per permission: the objects whose subtree needs a reason; a null element means everywhere. */
    private final Map<Permission, Set<UUID>> byPermission;

    public ReasonRules(List<ReasonRule> rules) {
        this.rules = List.copyOf(new LinkedHashSet<>(rules));
        this.byPermission = this.rules.stream().collect(Collectors.groupingBy(ReasonRule::permission,
                Collectors.mapping(r -> r.objectId() == null ? EVERYWHERE : r.objectId(), Collectors.toSet())));
    }

    private static final UUID EVERYWHERE = new UUID(0, 0);

    public List<ReasonRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The rule that makes {@code permission} on the object (null: the whole project) need a
     * reason: the nearest one at or above the object, else a project-wide one; null when none.
     */
    public ReasonRule required(Permission permission, UUID objectId, ModelSnapshot model) {
        Set<UUID> ids = byPermission.get(permission);
        if (ids == null) {
            return null;
        }
        UUID at = objectId;
        for (int depth = 0; at != null && depth < 10_000; depth++) {
            if (ids.contains(at)) {
                return new ReasonRule(permission, at);
            }
            ObjectDef o = model.object(at);
            at = o == null ? null : o.parentId();
        }
        return ids.contains(EVERYWHERE) ? new ReasonRule(permission, null) : null;
    }

    /** How the rules are kept in one security setting ("WRITE_VALUES *,EDIT_MODEL 4f…"). */
    String stored() {
        return rules.stream().map(ReasonRule::stored).collect(Collectors.joining(","));
    }

    static ReasonRules parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return NONE;
        }
        List<ReasonRule> out = new ArrayList<>();
        for (String s : stored.split(",")) {
            if (!s.isBlank()) {
                out.add(ReasonRule.parse(s));
            }
        }
        return new ReasonRules(out);
    }
}
