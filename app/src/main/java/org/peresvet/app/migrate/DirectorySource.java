package org.peresvet.app.migrate;

import java.nio.file.Path;
import java.util.Arrays;
import org.peresvet.migrate.ldap.LdapDirectoryReader;
import org.peresvet.migrate.ldap.LdifDirectoryReader;
import org.peresvet.migrate.ldap.PeresvetDirectory;

/**
 * Where the Python platform's model is read from: an LDIF export, or a live server with its base
 * and the account to bind as. Toolkit-free; {@link #read()} blocks (file or network I/O).
 *
 * @param file     the LDIF file, or null for a server
 * @param url      {@code ldap[s]://host[:port]} when reading a server
 * @param base     the base DN ({@code cn=prs} when blank)
 * @param bindDn   null or blank: an anonymous read
 * @param password the bind password; cleared after the read
 */
public record DirectorySource(Path file, String url, String base, String bindDn, char[] password) {
    public static final String DEFAULT_BASE = "cn=prs";

    public DirectorySource {
        base = base == null || base.isBlank() ? DEFAULT_BASE : base.strip();
        bindDn = bindDn == null || bindDn.isBlank() ? null : bindDn.strip();
    }

    public static DirectorySource ldif(Path file) {
        return new DirectorySource(file, null, DEFAULT_BASE, null, null);
    }

    /** What is read, for titles and messages (never the password). */
    public String name() {
        return file != null ? file.getFileName().toString() : url;
    }

    /** Reads the directory (the file, or the server: bind, search, unbind). */
    public PeresvetDirectory read() {
        if (file != null) {
            return LdifDirectoryReader.read(file, base);
        }
        try {
            return LdapDirectoryReader.read(new LdapDirectoryReader.Source(url, base, bindDn, password));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public String toString() {
        return "DirectorySource[" + name() + ", base " + base + ", bind " + bindDn + "]";
    }
}
