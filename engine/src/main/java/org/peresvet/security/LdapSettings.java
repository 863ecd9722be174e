package org.peresvet.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how users are found in an LDAP or Active Directory server.
 *
 * @param url            {@code ldap://host:389} or {@code ldaps://host:636}
 * @param startTls       for an {@code ldap://} URL: upgrade to TLS before any password is sent
 * @param bindDn         the service account that searches (null: anonymous search)
 * @param bindPassword   its password
 * @param userBase       where users are searched, e.g. {@code ou=people,dc=plant}
 * @param userFilter     the filter with {@code {0}} for the login name, e.g. {@code (uid={0})} or
 *                       {@code (sAMAccountName={0})}
 * @param groupBase      where groups are searched
 * @param groupFilter    the filter with {@code {0}} for a member's DN, e.g. {@code (member={0})};
 *                       groups of groups are followed (nested)
 * @param groupRoles     group name (its {@code cn}) or DN, lower case → role
 * @param timeoutMillis  connect and answer timeout
 */
public record LdapSettings(String url, boolean startTls, String bindDn, String bindPassword, String userBase, String userFilter,
                           String groupBase, String groupFilter, Map<String, String> groupRoles, int timeoutMillis) {

    public LdapSettings {
        Objects.requireNonNull(url, "url");
        URI u = URI.create(url.strip());
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps") || u.getHost() == null) {
            throw new IllegalArgumentException("the LDAP URL must be ldap://host:port or ldaps://host:port, not '" + url + "'");
        }
        Objects.requireNonNull(userBase, "userBase");
        userFilter = userFilter == null || userFilter.isBlank() ? "(uid={0})" : userFilter;
        groupFilter = groupFilter == null || groupFilter.isBlank() ? "(member={0})" : groupFilter;
        if (!userFilter.contains("{0}") || !groupFilter.contains("{0}")) {
            throw new IllegalArgumentException("the user and group filters need {0} where the name goes");
        }
        Map<String, String> gr = new LinkedHashMap<>();
        if (groupRoles != null) {
            groupRoles.forEach((k, v) -> gr.put(k.strip().toLowerCase(Locale.ROOT), v.strip().toLowerCase(Locale.ROOT)));
        }
        groupRoles = Map.copyOf(gr);
        timeoutMillis = timeoutMillis <= 0 ? 3_000 : timeoutMillis;
    }

    public boolean ldaps() {
        return url.strip().toLowerCase(Locale.ROOT).startsWith("ldaps:");
    }

    public String host() {
        return URI.create(url.strip()).getHost();
    }

    public int port() {
        int p = URI.create(url.strip()).getPort();
        return p > 0 ? p : ldaps() ? 636 : 389;
    }
}
