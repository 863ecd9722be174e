package org.peresvet.security;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Logs users in against an LDAP or Active Directory server (UnboundID LDAP SDK): find the user by
 * the filter (as the service account), bind as the user with the password (over LDAPS or after
 * StartTLS when configured), then collect the user's groups, groups of groups included, and map
 * them to the role with the most permissions.
 */
public final class LdapDirectory {
    private static final int MAX_GROUPS = 1_000;

    private final LdapSettings settings;
    private final Function<String, Role> roles;
    private final SSLContext tls;

    /**
     * @param roles the role a name refers to (null when unknown)
     * @param tls   the TLS context for LDAPS/StartTLS (null: the JVM's default trust store)
     */
    public LdapDirectory(LdapSettings settings, Function<String, Role> roles, SSLContext tls) {
        this.settings = settings;
        this.roles = roles;
        this.tls = tls;
    }

    /** A user the directory knows, with the groups found and the role they map to (null: none mapped). */
    public record LdapUser(String name, String dn, String fullName, Set<String> groups, String role) {
    }

    public LdapUser login(String user, char[] password) throws LoginException {
        if (password == null || password.length == 0) {
            // An LDAP bind with an empty password is an "unauthenticated" bind that servers accept.
            throw new LoginException("enter a password", false);
        }
        try (LDAPConnection c = connect()) {
            if (settings.bindDn() != null) {
                c.bind(settings.bindDn(), settings.bindPassword() == null ? "" : settings.bindPassword());
            }
            String filter = settings.userFilter().replace("{0}", Filter.encodeValue(user));
            SearchResult found = c.search(settings.userBase(), SearchScope.SUB, Filter.create(filter), "cn", "displayName");
            if (found.getEntryCount() != 1) {
                throw new LoginException("wrong user name or password", false);
            }
            SearchResultEntry entry = found.getSearchEntries().get(0);
            String dn = entry.getDN();
            try {
                BindRequest bind = new SimpleBindRequest(dn, new String(password));
                c.bind(bind);
            } catch (LDAPException e) {
                if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                    throw new LoginException("wrong user name or password", false);
                }
                throw e;
            }
            if (settings.bindDn() != null) {
                c.bind(settings.bindDn(), settings.bindPassword() == null ? "" : settings.bindPassword());
            }
            Set<String> groups = groups(c, dn);
            String full = entry.getAttributeValue("displayName");
            if (full == null) {
                full = entry.getAttributeValue("cn");
            }
            return new LdapUser(user.toLowerCase(Locale.ROOT), dn, full, groups, roleOf(groups));
        } catch (LDAPException e) {
            boolean down = e.getResultCode() == ResultCode.CONNECT_ERROR || e.getResultCode() == ResultCode.SERVER_DOWN
                    || e.getResultCode() == ResultCode.TIMEOUT;
            throw new LoginException(down
                    ? "the directory server " + settings.host() + ":" + settings.port() + " cannot be reached ("
                        + e.getResultCode() + "); local users can still log in"
                    : "the directory server refused: " + e.getDiagnosticMessage() + " (" + e.getResultCode() + ")", down);
        }
    }

    private LDAPConnection connect() throws LDAPException {
        LDAPConnectionOptions opts = new LDAPConnectionOptions();
        opts.setConnectTimeoutMillis(settings.timeoutMillis());
        opts.setResponseTimeoutMillis(settings.timeoutMillis());
        // The server's certificate must name the host we asked for: a trusted certificate of another host is refused.
        opts.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        try {
            if (settings.ldaps()) {
                return new LDAPConnection(context().getSocketFactory(), opts, settings.host(), settings.port());
            }
            LDAPConnection c = new LDAPConnection(opts, settings.host(), settings.port());
            if (settings.startTls()) {
                ExtendedResult r = c.processExtendedOperation(new StartTLSExtendedRequest(context()));
                if (r.getResultCode() != ResultCode.SUCCESS) {
                    c.close();
                    throw new LDAPException(r.getResultCode(), "StartTLS was refused: " + r.getDiagnosticMessage());
                }
            }
            return c;
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "no TLS context: " + e.getMessage(), e);
        }
    }

    private SSLContext context() throws GeneralSecurityException {
        return tls != null ? tls : new SSLUtil().createSSLContext();
    }

    /** The names ({@code cn}, lower case) and DNs of the groups the DN belongs to, directly or through other groups. */
    private Set<String> groups(LDAPConnection c, String userDn) throws LDAPException {
        Set<String> names = new LinkedHashSet<>();
        Set<String> seenDns = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(userDn));
        while (!todo.isEmpty() && seenDns.size() < MAX_GROUPS) {
            String member = todo.poll();
            String filter = settings.groupFilter().replace("{0}", Filter.encodeValue(member));
            SearchResult r = c.search(settings.groupBase(), SearchScope.SUB, Filter.create(filter), "cn");
            for (SearchResultEntry g : r.getSearchEntries()) {
                String dn = new DN(g.getDN()).toNormalizedString();
                if (seenDns.add(dn)) {
                    names.add(dn);
                    String cn = g.getAttributeValue("cn");
                    if (cn != null) {
                        names.add(cn.toLowerCase(Locale.ROOT));
                    }
                    todo.add(g.getDN());
                }
            }
        }
        return names;
    }

    /** The mapped role with the most permissions among the groups, or null. */
    private String roleOf(Set<String> groups) {
        Role best = null;
        for (String g : groups) {
            String name = settings.groupRoles().get(g);
            Role r = name == null ? null : roles.apply(name);
            if (r != null && (best == null || Integer.bitCount(r.mask()) > Integer.bitCount(best.mask()))) {
                best = r;
            }
        }
        return best == null ? null : best.name();
    }
}
