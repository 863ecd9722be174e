package org.peresvet.model;

import java.util.Set;
import java.util.UUID;

/**
 * Which journal rows to read. Every criterion is optional; rows come sorted by time.
 *
 * @param from        first time (µs, inclusive), null: from the start
 * @param to          last time (µs, inclusive), null: up to now
 * @param subtreePath an object path: rows of alarms on tags of this object or below it
 * @param alarmId     rows of this alarm only
 * @param priorities  rows with one of these priorities; empty: all
 * @param transitions rows of these transitions; empty: all
 * @param states      rows whose state after the transition is one of these; empty: all
 * @param limit       at most this many rows (the first ones), &gt; 0
 */
public record AlarmJournalQuery(Long from, Long to, String subtreePath, UUID alarmId, Set<AlarmPriority> priorities,
                                Set<AlarmTransition> transitions, Set<AlarmState> states, int limit) {
    public static final int DEFAULT_LIMIT = 100_000;

    public AlarmJournalQuery {
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        transitions = transitions == null ? Set.of() : Set.copyOf(transitions);
        states = states == null ? Set.of() : Set.copyOf(states);
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        if (subtreePath != null && (subtreePath.isBlank() || subtreePath.equals("/"))) {
            subtreePath = null;
        }
    }

    public static AlarmJournalQuery all() {
        return new AlarmJournalQuery(null, null, null, null, Set.of(), Set.of(), Set.of(), DEFAULT_LIMIT);
    }

    public AlarmJournalQuery period(Long fromMicros, Long toMicros) {
        return new AlarmJournalQuery(fromMicros, toMicros, subtreePath, alarmId, priorities, transitions, states, limit);
    }

    public AlarmJournalQuery subtree(String objectPath) {
        return new AlarmJournalQuery(from, to, objectPath, alarmId, priorities, transitions, states, limit);
    }

    public AlarmJournalQuery alarm(UUID id) {
        return new AlarmJournalQuery(from, to, subtreePath, id, priorities, transitions, states, limit);
    }

    public AlarmJournalQuery priorities(AlarmPriority... p) {
        return new AlarmJournalQuery(from, to, subtreePath, alarmId, Set.of(p), transitions, states, limit);
    }

    public AlarmJournalQuery transitions(AlarmTransition... t) {
        return new AlarmJournalQuery(from, to, subtreePath, alarmId, priorities, Set.of(t), states, limit);
    }

    public AlarmJournalQuery states(AlarmState... s) {
        return new AlarmJournalQuery(from, to, subtreePath, alarmId, priorities, transitions, Set.of(s), limit);
    }

    public AlarmJournalQuery limit(int n) {
        return new AlarmJournalQuery(from, to, subtreePath, alarmId, priorities, transitions, states, n);
    }
}
