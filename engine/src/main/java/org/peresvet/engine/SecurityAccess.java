package org.peresvet.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.Actor;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.AuditVerification;
import org.peresvet.security.LdapSettings;
import org.peresvet.security.LoginException;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRule;
import org.peresvet.security.Role;
import org.peresvet.security.UserAccount;

/**
 * Users, roles, logins and the audit trail of the open project. Changes to users need
 * MANAGE_USERS (the first user of a project may be created by anyone, and must be an
 * administrator); every change and every login leaves an audit record.
 */
public interface SecurityAccess {

    /** Whether the project has users; without any, every call is allowed (and still audited). */
    boolean hasUsers();

    List<UserAccount> users();

    Optional<UserAccount> user(String name);

    /** Built-in roles and the project's own. */
    List<Role> roles();

    /** The actor's permissions on an object (null: the whole project). */
    Set<Permission> permissions(Actor actor, UUID objectId);

    /** Whether the actor may do {@code permission} on the object (null: the whole project); cheap. */
    boolean allows(Actor actor, Permission permission, UUID objectId);

    /** Whether the actor may do {@code permission} on every object (no subtree rule takes it away). */
    boolean allowsEverywhere(Actor actor, Permission permission);

    /** Whether the actor may do {@code permission} somewhere: by role or through a subtree rule. */
    boolean allowsSomewhere(Actor actor, Permission permission);

    /**
     * Refuses like a change would, without changing anything (menus and buttons ask first).
     *
     * @throws org.peresvet.security.AccessDeniedException naming the missing permission
     */
    void check(Actor actor, Permission permission, UUID objectId);

    /** Creates or changes a user; {@code password} null keeps the stored one. */
    void putUser(Actor actor, UserAccount user, char[] password);

    boolean deleteUser(Actor actor, String name);

    void putRole(Actor actor, Role role);

    /** The "reason required" rules: which actions, on which subtrees, need a reason from the caller. */
    List<ReasonRule> reasonRules();

    /** Replaces the "reason required" rules (MANAGE_USERS, audited). */
    void setReasonRules(Actor actor, List<ReasonRule> rules);

    /**
     * The rule that makes {@code permission} on the object (null: the whole project) need a reason,
     * if any: a screen asks for one before the call instead of after its refusal.
     */
    Optional<ReasonRule> reasonRequired(Permission permission, UUID objectId);

    /** Sets (null: removes) the LDAP/Active Directory server users may log in through. */
    void setLdap(Actor actor, LdapSettings settings);

    Optional<LdapSettings> ldap();

    /** A new API token for a user (shown once); a user may make their own, MANAGE_USERS anyone's. */
    String createApiToken(Actor actor, String user, String label);

    /**
     * Logs a person in (local password, then LDAP), recorded in the audit trail either way.
     *
     * @param origin where the login came from ("workstation", "api 10.0.0.7")
     * @return the actor the person acts as from now on
     */
    Actor login(String user, char[] password, String origin) throws LoginException;

    /** A bearer token for an actor that {@link #login} returned. */
    String startSession(Actor actor);

    /** The user a session token belongs to, or null. */
    String sessionUser(String token);

    void endSession(String token);

    /** The user an API token belongs to, or null. */
    String apiTokenUser(String token);

    /** The actor a known user acts as from an origin (after the API authenticated them). */
    Actor actorOf(String user, String origin);

    /** Records something done outside the facade's calls (a lock of the workstation, a refused login elsewhere). */
    void record(Actor actor, String action, String target, String result);

    List<AuditRecord> audit(AuditQuery query);

    /** Checks the audit trail's hash chain. */
    AuditVerification verifyAudit();

    /**
     * Whether the audit trail is written: the fault (null while it works), how many records wait in
     * memory for the file, and the bound at which audited changes are refused.
     */
    record AuditStatus(String error, int kept, int keptLimit) {
    }

    AuditStatus auditStatus();
}
