package org.peresvet.model;

/**
 * Project-wide settings, stored with the model.
 *
 * @param historyRetentionDays how long local history is kept (default 30 days)
 * @param historyFlushMillis   how often accepted samples are written to the history file; a
 *                             crash loses at most this much
 */
public record ProjectSettings(String name, int historyRetentionDays, int historyFlushMillis) {
    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final int DEFAULT_FLUSH_MILLIS = 1000;

    public ProjectSettings {
        name = name == null ? "" : name;
        if (historyRetentionDays < 1) {
            throw new ModelException("settings", "historyRetentionDays", "must be at least 1 day");
        }
        if (historyFlushMillis < 10 || historyFlushMillis > 60_000) {
            throw new ModelException("settings", "historyFlushMillis", "must be between 10 and 60000 ms");
        }
    }

    public static ProjectSettings defaults(String name) {
        return new ProjectSettings(name, DEFAULT_RETENTION_DAYS, DEFAULT_FLUSH_MILLIS);
    }
}
