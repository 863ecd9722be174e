package org.peresvet.engine;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.Actor;
import org.peresvet.security.AccessDeniedException;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.AuditVerification;
import org.peresvet.security.LdapSettings;
import org.peresvet.security.LoginException;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRule;
import org.peresvet.security.Role;
import org.peresvet.security.Security;
import org.peresvet.security.UserAccount;

/** The facade's view of the project's security: user changes checked (MANAGE_USERS) and audited. */
final class EngineSecurity implements SecurityAccess {
    private final Security security;
    private final Guard guard;

    EngineSecurity(Guard guard) {
        this.guard = guard;
        this.security = guard.security();
    }

    @Override
    public boolean hasUsers() {
        return security.hasUsers();
    }

    @Override
    public List<UserAccount> users() {
        return security.users();
    }

    @Override
    public Optional<UserAccount> user(String name) {
        return security.user(name);
    }

    @Override
    public List<Role> roles() {
        return security.roles();
    }

    @Override
    public Set<Permission> permissions(Actor actor, UUID objectId) {
        int mask = security.access().mask(actor, objectId);
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            if ((mask & p.bit()) != 0) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public boolean allows(Actor actor, Permission permission, UUID objectId) {
        return security.access().allows(actor, permission, objectId);
    }

    @Override
    public boolean allowsEverywhere(Actor actor, Permission permission) {
        return security.access().allowsEverywhere(actor, permission);
    }

    @Override
    public boolean allowsSomewhere(Actor actor, Permission permission) {
        return security.access().allowsSomewhere(actor, permission);
    }

    @Override
    public void check(Actor actor, Permission permission, UUID objectId) {
        security.access().check(actor, permission, objectId);
    }

    private Guard.Need manageUsers() {
        return new Guard.Need(Permission.MANAGE_USERS, null);
    }

    @Override
    public void putUser(Actor actor, UserAccount user, char[] password) {
        if (!security.hasUsers() && !Role.ADMINISTRATOR.name().equals(user.role())) {
            throw new IllegalArgumentException("the first user must be an administrator, so that someone can manage users");
        }
        String old = security.user(user.name()).map(UserAccount::toString).orElse(null);
        guard.run(actor, manageUsers(), new Guard.What("user.put", user.name(), old, user
                + (password != null && password.length > 0 ? " (password set)" : ""), null), () -> {
                    security.putUser(user, password);
                    return null;
                });
    }

    @Override
    public boolean deleteUser(Actor actor, String name) {
        String n = UserAccount.normalName(name);
        if (security.users().size() > 1 && security.users().stream()
                .filter(u -> !u.name().equals(n) && !u.disabled())
                .noneMatch(u -> Role.ADMINISTRATOR.name().equals(u.role()))) {
            throw new IllegalArgumentException("'" + n + "' is the last administrator; make another one first");
        }
        return guard.run(actor, List.of(manageUsers()), new Guard.What("user.delete", n, null, null, null),
                () -> security.deleteUser(n), r -> r ? "ok" : "no change");
    }

    @Override
    public void putRole(Actor actor, Role role) {
        guard.run(actor, manageUsers(), new Guard.What("role.put", role.name(), null, role.permissions().toString(), null), () -> {
            security.putRole(role);
            return null;
        });
    }

    @Override
    public void setLdap(Actor actor, LdapSettings settings) {
        String shown = settings == null ? "none" : settings.url() + " users " + settings.userBase() + " groups " + settings.groupRoles();
        guard.run(actor, manageUsers(), new Guard.What("ldap.set", "directory", null, shown, null), () -> {
            security.setLdap(settings);
            return null;
        });
    }

    @Override
    public List<ReasonRule> reasonRules() {
        return security.reasonRules().rules();
    }

    @Override
    public void setReasonRules(Actor actor, List<ReasonRule> rules) {
        String shown = rules.stream().map(r -> r.permission() + " " + guard.objectPath(r.objectId())).toList().toString();
        guard.run(actor, manageUsers(), new Guard.What("reasons.set", "reason rules", reasonRules().size() + " rules", shown, null),
                () -> {
                    security.setReasonRules(rules);
                    return null;
                });
    }

    @Override
    public Optional<ReasonRule> reasonRequired(Permission permission, UUID objectId) {
        return Optional.ofNullable(guard.reasonRequired(permission, objectId));
    }

    @Override
    public Optional<LdapSettings> ldap() {
        return security.ldap();
    }

    @Override
    public String createApiToken(Actor actor, String user, String label) {
        String n = UserAccount.normalName(user);
        boolean own = actor.kind() == Actor.Kind.PERSON && actor.name().equalsIgnoreCase(n);
        List<Guard.Need> needs = own ? List.of() : List.of(manageUsers());
        return guard.run(actor, needs, new Guard.What("token.create", n, null, label, null),
                () -> security.createApiToken(n, label), t -> "ok");
    }

    @Override
    public Actor login(String user, char[] password, String origin) throws LoginException {
        String shown = user == null || user.isBlank() ? "?" : user.strip();
        Actor who = new Actor(shown.length() > 64 ? shown.substring(0, 64) : shown, origin, null, Actor.Kind.PERSON);
        Guard.What what = new Guard.What("login", shown, null, null, null);
        try {
            Security.Login login = security.checkLogin(user, password);
            UserAccount u = login.user();
            Actor a = new Actor(u.name(), origin, u.role(), Actor.Kind.PERSON);
            guard.record(a, what, "ok: " + u.role() + " (" + u.source().name().toLowerCase(Locale.ROOT) + ")");
            if (login.rehashed()) {
                guard.record(a, new Guard.What("password.rehash", u.name(), login.oldIterations() + " iterations",
                        login.newIterations() + " iterations", null), "ok");
            }
            return a;
        } catch (LoginException e) {
            guard.record(who, what, "failed: " + e.getMessage());
            throw e;
        }
    }

    @Override
    public String startSession(Actor actor) {
        return security.startSession(actor.name());
    }

    @Override
    public String sessionUser(String token) {
        return security.sessionUser(token);
    }

    @Override
    public void endSession(String token) {
        security.endSession(token);
    }

    @Override
    public String apiTokenUser(String token) {
        return security.apiTokenUser(token);
    }

    @Override
    public Actor actorOf(String user, String origin) {
        UserAccount u = security.user(user).orElseThrow(() -> new AccessDeniedException(Permission.READ, "no user '" + user + "'"));
        return new Actor(u.name(), origin, u.role(), Actor.Kind.PERSON);
    }

    @Override
    public void record(Actor actor, String action, String target, String result) {
        guard.record(actor, new Guard.What(action, target, null, null, null), result);
    }

    @Override
    public List<AuditRecord> audit(AuditQuery query) {
        return security.audit().query(query);
    }

    @Override
    public AuditVerification verifyAudit() {
        return security.audit().verify();
    }

    @Override
    public AuditStatus auditStatus() {
        return new AuditStatus(security.audit().error(), security.audit().kept(), security.audit().keptLimit());
    }
}
