package org.peresvet.migrate.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Peresvet directory from a live server: binds, then searches the whole subtree under the
 * base with every user attribute and the operational {@code entryUUID} (the platform's ids),
 * aliases not dereferenced (they can form cycles; the importer reads them as data); in pages when
 * the server's size limit would cut the model short.
 */
public final class LdapDirectoryReader {
    static final int PAGE_SIZE = 1000;

    /**
     * Where and how to connect.
     *
     * @param url      {@code ldap://host[:port]} or {@code ldaps://host[:port]}; a DN in the URL is the default base
     * @param base     the base DN; null: the URL's, else {@code cn=prs}
     * @param bindDn   null: an anonymous read
     * @param password the bind password (not kept after the read)
     */
    public record Source(String url, String base, String bindDn, char[] password, int timeoutMillis) {
        public Source(String url, String base, String bindDn, char[] password) {
            this(url, base, bindDn, password, 30_000);
        }

        @Override
        public String toString() {
            return "Source[" + url + ", base " + base + ", bind " + bindDn + "]"; // never the password
        }
    }

    private LdapDirectoryReader() {
    }

    /** True for an argument that names a server rather than a file. */
    public static boolean isUrl(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("ldap://") || t.startsWith("ldaps://");
    }

    public static PeresvetDirectory read(Source source) {
        LDAPURL url;
        try {
            url = new LDAPURL(source.url().strip());
        } catch (LDAPException e) {
            throw new DirectoryReadException("'" + source.url() + "' is not an LDAP URL (ldap://host:port or ldaps://host:port)", e);
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new DirectoryReadException("'" + source.url() + "' names no host (ldap://host:port or ldaps://host:port)", null);
        }
        String base = source.base() != null ? source.base()
                : url.baseDNProvided() && !url.getBaseDN().isNullDN() ? url.getBaseDN().toString() : "cn=prs";
        DN baseDn = parseBase(base);
        String where = url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(source.timeoutMillis());
        options.setResponseTimeoutMillis(source.timeoutMillis());
        LDAPConnection conn;
        try {
            if (url.getScheme().equalsIgnoreCase("ldaps")) {
                // The JVM's trusted CAs decide, as for every other TLS link of the workstation.
                conn = new LDAPConnection(new SSLUtil().createSSLSocketFactory(), options);
            } else {
                conn = new LDAPConnection(options);
            }
        } catch (GeneralSecurityException e) {
            throw new DirectoryReadException("cannot set up TLS for " + where + ": " + e.getMessage(), e);
        }
        try (conn) {
            try {
                conn.connect(url.getHost(), url.getPort());
            } catch (LDAPException e) {
                throw new DirectoryReadException("cannot connect to " + where + ": " + diagnostic(e), e);
            }
            if (source.bindDn() != null && !source.bindDn().isBlank()) {
                bind(conn, source, where);
            }
            List<DirEntry> entries = search(conn, baseDn, where);
            return new PeresvetDirectory(where + "/" + baseDn, baseDn, entries);
        } finally {
            if (source.password() != null) {
                Arrays.fill(source.password(), '\0');
            }
        }
    }

    private static void bind(LDAPConnection conn, Source source, String where) {
        String pw = source.password() == null ? "" : new String(source.password());
        if (pw.isEmpty()) {
            // An empty password would be an unauthenticated bind that "succeeds" and then reads nothing.
            throw new DirectoryReadException("no password for " + source.bindDn() + " (give --password-file)", null);
        }
        try {
            conn.bind(source.bindDn(), pw);
        } catch (LDAPException e) {
            String why = e.getResultCode() == ResultCode.INVALID_CREDENTIALS ? "invalid credentials"
                    : e.getResultCode().getName() + (e.getDiagnosticMessage() == null ? "" : ": " + e.getDiagnosticMessage());
            throw new DirectoryReadException(where + " refused the bind as " + source.bindDn() + ": " + why
                    + " (result code " + e.getResultCode().intValue() + ")", e);
        }
    }

    private static List<DirEntry> search(LDAPConnection conn, DN base, String where) {
        List<DirEntry> out = new ArrayList<>();
        try {
            // One search first: an administrator usually has no size limit, and paging costs some
            // servers a pass over the whole tree per page. Paged only when the server cuts it short.
            try {
                for (SearchResultEntry e : conn.search(request(base)).getSearchEntries()) {
                    out.add(new DirEntry(e.getParsedDN(), e, 0));
                }
                return out;
            } catch (LDAPSearchException e) {
                if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                    throw e;
                }
                out.clear();
            }
            ASN1OctetString cookie = null;
            do {
                SearchRequest req = request(base);
                req.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, false));
                SearchResult result = conn.search(req);
                for (SearchResultEntry e : result.getSearchEntries()) {
                    out.add(new DirEntry(e.getParsedDN(), e, 0));
                }
                SimplePagedResultsControl page = SimplePagedResultsControl.get(result);
                cookie = page == null || !page.moreResultsToReturn() ? null : page.getCookie();
            } while (cookie != null);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                throw new DirectoryReadException(where + " has no entry " + base + " (the Peresvet base; see --base)", e);
            }
            throw new DirectoryReadException("reading " + base + " from " + where + " failed: " + diagnostic(e), e);
        }
        return out;
    }

    /**
     * The whole subtree, user attributes and entryUUID: the one operational attribute the import
     * needs (asking for all of them, '+', makes a server compute subordinate counts for every entry).
     */
    private static SearchRequest request(DN base) throws LDAPException {
        SearchRequest req = new SearchRequest(base.toString(), SearchScope.SUB, "(objectClass=*)", "*", "entryUUID");
        req.setDerefPolicy(DereferencePolicy.NEVER);
        return req;
    }

    static DN parseBase(String base) {
        try {
            return new DN(base == null ? "cn=prs" : base);
        } catch (LDAPException e) {
            throw new DirectoryReadException("'" + base + "' is not a valid base DN (e.g. cn=prs)", e);
        }
    }

    private static String diagnostic(LDAPException e) {
        String d = e.getDiagnosticMessage();
        return e.getResultCode().getName() + (d == null || d.isBlank() ? "" : ": " + d);
    }
}
