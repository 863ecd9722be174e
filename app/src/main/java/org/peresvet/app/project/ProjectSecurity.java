package org.peresvet.app.project;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.Actor;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.AuditVerification;
import org.peresvet.security.LoginException;
import org.peresvet.security.Permission;

/**
 * The project's users and audit trail as the workstation sees them: who may log in, who the
 * context acts for, and the trail's records and chain. Toolkit-free; the calls that check a
 * password or read the trail block (PBKDF2 takes ~100 ms, LDAP a round trip): off the FX thread.
 */
public interface ProjectSecurity {

    /** Whether the project has users; without any this PC has full rights and no one logs in. */
    boolean hasUsers();

    /** Whether a directory (LDAP/Active Directory) is configured besides the local users. */
    boolean hasDirectory();

    /**
     * Checks a name and password (local first, then the directory), recorded in the audit trail
     * either way. Does not change who the context acts for: see {@link #actAs}.
     */
    Actor login(String user, char[] password) throws LoginException;

    /** From now on every change through the context is checked and recorded as this actor. */
    void actAs(Actor actor);

    /** What the current actor may do on the whole project. */
    Set<Permission> permissions();

    /**
     * What the current actor may do on one object (null: the whole project), subtree rules
     * included: the operator station offers a command only where it would be accepted.
     */
    default Set<Permission> permissions(UUID objectId) {
        return permissions();
    }

    /**
     * Whether the current actor may edit the model anywhere: by role, or below an object through
     * a subtree rule (the workstation then offers engineer mode; the engine checks each edit).
     */
    boolean mayEditSomewhere();

    /** Records something the workstation did outside the engine's calls (a lock), as the current actor. */
    void record(String action, String target, String result);

    /** Newest first. */
    List<AuditRecord> audit(AuditQuery query);

    /** Checks the trail's hash chain. */
    AuditVerification verifyAudit();
}
