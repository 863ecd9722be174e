package org.peresvet.store;

/** The project's files are held by another running Peresvet process. */
public class ProjectLockedException extends StoreException {
    public ProjectLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
