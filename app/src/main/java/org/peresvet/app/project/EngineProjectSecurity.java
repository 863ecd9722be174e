package org.peresvet.app.project;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.peresvet.engine.SecurityAccess;
import org.peresvet.model.Actor;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.AuditVerification;
import org.peresvet.security.LoginException;
import org.peresvet.security.Permission;

/** {@link ProjectSecurity} over the embedded engine's security view; the actor lives in {@link EngineProject}. */
final class EngineProjectSecurity implements ProjectSecurity {
    private final SecurityAccess security;
    private final Supplier<Actor> actor;
    private final Consumer<Actor> actAs;

    EngineProjectSecurity(SecurityAccess security, Supplier<Actor> actor, Consumer<Actor> actAs) {
        this.security = security;
        this.actor = actor;
        this.actAs = actAs;
    }

    @Override
    public boolean hasUsers() {
        return security.hasUsers();
    }

    @Override
    public boolean hasDirectory() {
        return security.ldap().isPresent();
    }

    @Override
    public Actor login(String user, char[] password) throws LoginException {
        return security.login(user, password, Hosts.workstationOrigin());
    }

    @Override
    public void actAs(Actor a) {
        actAs.accept(a);
    }

    @Override
    public Set<Permission> permissions() {
        return security.permissions(actor.get(), null);
    }

    @Override
    public Set<Permission> permissions(UUID objectId) {
        return security.permissions(actor.get(), objectId);
    }

    @Override
    public boolean mayEditSomewhere() {
        Actor a = actor.get();
        if (security.permissions(a, null).contains(Permission.EDIT_MODEL)) {
            return true;
        }
        return security.user(a.name()).map(u -> u.rules().stream()
                .anyMatch(r -> security.permissions(a, r.objectId()).contains(Permission.EDIT_MODEL))).orElse(false);
    }

    @Override
    public void record(String action, String target, String result) {
        security.record(actor.get(), action, target, result);
    }

    @Override
    public List<AuditRecord> audit(AuditQuery query) {
        return security.audit(query);
    }

    @Override
    public AuditVerification verifyAudit() {
        return security.verifyAudit();
    }
}
