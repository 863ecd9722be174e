package org.peresvet.migrate.ldap;

/**
 * The directory could not be read: a broken LDIF file (with the line), a server that cannot be
 * reached or refuses the bind. Nothing was imported.
 */
public final class DirectoryReadException extends RuntimeException {
    private final long line;

    public DirectoryReadException(String message, long line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    public DirectoryReadException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    /** The LDIF line at fault, or 0 when there is none. */
    public long line() {
        return line;
    }
}
