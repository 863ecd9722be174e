package org.peresvet.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;

/**
 * Decides whether an actor may do something to an object. Cheap on the write path: each user's
 * role is a bit mask computed once; a user with subtree rules gets a map object → mask computed once
 * per model version, so a check is one or two hash lookups.
 *
 * <p>Rules: a project without users allows everything (today's behaviour on this machine); the
 * engine's own actors (SYSTEM) and service principals (SERVICE: the API's shared token, gateways)
 * are allowed and audited; a person is allowed what their role (or the nearest subtree rule above
 * the object) grants; a person who is not a user, or a disabled one, is refused.
 */
public final class AccessControl {
    private final Supplier<ModelSnapshot> model;
    private volatile State state = new State(Map.of(), Map.of());

    public AccessControl(Supplier<ModelSnapshot> model) {
        this.model = model;
    }

    private record State(Map<String, UserAccess> users, Map<String, Role> roles) {
    }

    /** Replaces the users and roles the checks use (after any change to them). */
    public void update(Collection<UserAccount> users, Collection<Role> customRoles) {
        Map<String, Role> roles = new HashMap<>();
        for (Role r : Role.BUILT_IN) {
            roles.put(r.name(), r);
        }
        for (Role r : customRoles) {
            roles.putIfAbsent(r.name(), r);
        }
        Map<String, UserAccess> us = new HashMap<>();
        for (UserAccount u : users) {
            us.put(u.name(), new UserAccess(u, roles));
        }
        state = new State(Map.copyOf(us), Map.copyOf(roles));
    }

    /** Whether any user is configured; without one everything is allowed. */
    public boolean hasUsers() {
        return !state.users.isEmpty();
    }

    /** The role a name refers to (built-in or the project's own), or null. */
    public Role role(String name) {
        return name == null ? null : state.roles.get(name.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether the actor may do {@code p} on the object (null: the whole project). */
    public boolean allows(Actor actor, Permission p, UUID objectId) {
        return (mask(actor, objectId) & p.bit()) != 0;
    }

    /** The actor's permissions on an object as a mask of {@link Permission#bit()}. */
    public int mask(Actor actor, UUID objectId) {
        State s = state;
        if (s.users.isEmpty() || actor.kind() != Actor.Kind.PERSON) {
            return Permission.all();
        }
        UserAccess u = s.users.get(actor.name().toLowerCase(Locale.ROOT));
        if (u == null) {
            Role r = actor.role() == null ? null : s.roles.get(actor.role());
            return r == null ? 0 : r.mask();
        }
        return u.mask(objectId, model.get());
    }

    /**
     * Whether the actor may do {@code p} on every object: by their role, with no subtree rule
     * taking it away (lists then need no filtering).
     */
    public boolean allowsEverywhere(Actor actor, Permission p) {
        UserAccess u = person(actor);
        if (u == null) {
            return allows(actor, p, null);
        }
        return (u.global & p.bit()) != 0 && u.rules.values().stream().allMatch(m -> (m & p.bit()) != 0);
    }

    /** Whether the actor may do {@code p} anywhere: by their role, or below an object through a subtree rule. */
    public boolean allowsSomewhere(Actor actor, Permission p) {
        UserAccess u = person(actor);
        if (u == null) {
            return allows(actor, p, null);
        }
        return (u.global & p.bit()) != 0 || u.rules.values().stream().anyMatch(m -> (m & p.bit()) != 0);
    }

    /** The compiled user a person is, or null for everyone the role mask alone decides for. */
    private UserAccess person(Actor actor) {
        State s = state;
        if (s.users.isEmpty() || actor.kind() != Actor.Kind.PERSON) {
            return null;
        }
        return s.users.get(actor.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Refuses with the missing permission named.
     *
     * @throws AccessDeniedException when the actor may not do {@code p} on the object
     */
    public void check(Actor actor, Permission p, UUID objectId) {
        if (!allows(actor, p, objectId)) {
            throw denied(actor, p, objectId);
        }
    }

    /** The refusal of {@code p} on an object, worded for the person refused. */
    public AccessDeniedException denied(Actor actor, Permission p, UUID objectId) {
        State s = state;
        UserAccess u = s.users.get(actor.name().toLowerCase(Locale.ROOT));
        String who;
        if (u == null) {
            who = "'" + actor.name() + "' is not a user of this project and";
        } else if (u.account.disabled()) {
            who = "user '" + actor.name() + "' is disabled and";
        } else {
            who = "user '" + actor.name() + "' (role " + u.account.role() + ")";
        }
        String where = "";
        if (objectId != null) {
            String path = model.get().objectPath(objectId);
            where = " on " + (path == null ? objectId.toString() : path);
        }
        return new AccessDeniedException(p, "permission " + p + " is needed" + where + ": " + who + " does not have it");
    }

    /** One user's compiled permissions. */
    private static final class UserAccess {
        final UserAccount account;
        final int global;
        final Map<UUID, Integer> rules;
        private volatile Cache cache;

        UserAccess(UserAccount account, Map<String, Role> roles) {
            this.account = account;
            this.global = account.disabled() ? 0 : maskOf(roles, account.role());
            Map<UUID, Integer> r = new HashMap<>();
            if (!account.disabled()) {
                for (SubtreeRule rule : account.rules()) {
                    r.put(rule.objectId(), maskOf(roles, rule.role()));
                }
            }
            this.rules = Map.copyOf(r);
        }

        private static int maskOf(Map<String, Role> roles, String name) {
            Role role = roles.get(name);
            return role == null ? 0 : role.mask();
        }

        int mask(UUID objectId, ModelSnapshot m) {
            if (rules.isEmpty() || objectId == null) {
                return global;
            }
            Cache c = cache;
            if (c == null || c.model != m) {
                c = new Cache(m, compile(m));
                cache = c;
            }
            Integer v = c.masks.get(objectId);
            return v == null ? global : v;
        }

        /** Every object's mask: its own rule, else its parent's mask, down from the roots. */
        private Map<UUID, Integer> compile(ModelSnapshot m) {
            Map<UUID, Integer> out = new HashMap<>(m.objectCount() * 2);
            for (ObjectDef o : m.objects()) {
                resolve(o, m, out, 0);
            }
            return out;
        }

        private int resolve(ObjectDef o, ModelSnapshot m, Map<UUID, Integer> out, int depth) {
            Integer known = out.get(o.id());
            if (known != null) {
                return known;
            }
            Integer own = rules.get(o.id());
            int v;
            if (own != null) {
                v = own;
            } else {
                ObjectDef parent = o.parentId() == null || depth > 10_000 ? null : m.object(o.parentId());
                v = parent == null ? global : resolve(parent, m, out, depth + 1);
            }
            out.put(o.id(), v);
            return v;
        }
    }

    private record Cache(ModelSnapshot model, Map<UUID, Integer> masks) {
    }
}
