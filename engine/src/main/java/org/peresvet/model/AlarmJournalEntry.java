package org.peresvet.model;

import java.util.UUID;

/**
 * One row of the alarm journal: a transition of an alarm.
 *
 * @param time       when it happened, µs since the epoch
 * @param alarmPath  the alarm's path at that time, {@code /Station/Tank/Level#Hi}
 * @param objectPath the path of the object that holds the alarm's tag, for subtree queries
 * @param state      the alarm's state after the transition
 * @param value      the tag's value as text, or null
 * @param user       who acted (acknowledge, shelve, …), null for the process
 */
public record AlarmJournalEntry(long time, UUID alarmId, UUID tagId, String alarmPath, String objectPath,
                                AlarmPriority priority, AlarmTransition transition, AlarmState state, String value,
                                String user, String comment, String message) {
}
