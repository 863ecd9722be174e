package org.peresvet.migrate.ldap;

/** The directory was read but cannot go into the project; nothing changed. The report says what was found. */
public final class LdapImportException extends RuntimeException {
    private final transient ImportReport report;

    public LdapImportException(String message, ImportReport report, Throwable cause) {
        super(message, cause);
        this.report = report;
    }

    public ImportReport report() {
        return report;
    }
}
