package org.peresvet.alarm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmTransition;
import org.peresvet.model.Micros;

/**
 * Alarm-system health figures as ISA-18.2 / EEMUA 191 reports show them, computed from journal
 * rows (activations) and the current alarm list. Pure: no I/O, so it is tested with hand-made journals.
 */
public final class AlarmHealth {
    public static final long TEN_MINUTES = 600 * Micros.PER_SECOND;
    /** A flood: more than this many activations within ten minutes. */
    public static final int FLOOD_ABOVE = 10;
    public static final long CHATTER_WINDOW = 60 * Micros.PER_SECOND;
    /** Chattering: at least this many activations of one alarm within {@link #CHATTER_WINDOW}. */
    public static final int CHATTER_COUNT = 3;
    /** Stale: active for longer than this. */
    public static final long STALE_AFTER = 24 * 3600 * Micros.PER_SECOND;
    public static final int TOP = 10;

    private AlarmHealth() {
    }

    /**
     * @param activationsPer10Minutes activations in each ten-minute interval of the period, from its start
     * @param floods                  the periods in which more than {@value #FLOOD_ABOVE} alarms activated within ten minutes
     * @param chattering              alarms that activated at least {@value #CHATTER_COUNT} times within a minute
     * @param stale                   alarms active for more than 24 hours now
     * @param mostFrequent            the ten alarms that activated most often in the period
     * @param shelved                 alarms shelved now
     */
    public record Report(long from, long to, int activations, double averagePer10Minutes, int peakPer10Minutes,
                         List<Interval> activationsPer10Minutes, List<Flood> floods, List<Chattering> chattering,
                         List<AlarmView> stale, List<Frequent> mostFrequent, List<AlarmView> shelved) {
    }

    /** A ten-minute interval starting at {@code start} (µs). */
    public record Interval(long start, int activations) {
    }

    /** A flood from its first to its last activation (µs), with the activations it held. */
    public record Flood(long start, long end, int activations) {
    }

    public record Chattering(UUID alarmId, String path, int maxPerMinute, int activations) {
    }

    public record Frequent(UUID alarmId, String path, AlarmPriority priority, int activations) {
    }

    /**
     * @param journal rows of the period; only activations count, others are ignored
     * @param current every alarm now (for stale and shelved)
     */
    public static Report compute(List<AlarmJournalEntry> journal, Collection<AlarmView> current, long from, long to, long now) {
        List<AlarmJournalEntry> acts = new ArrayList<>();
        for (AlarmJournalEntry e : journal) {
            if (e.transition() == AlarmTransition.ACTIVATED && e.time() >= from && e.time() <= to) {
                acts.add(e);
            }
        }
        acts.sort(Comparator.comparingLong(AlarmJournalEntry::time));

        int buckets = (int) Math.max(1, (to - from + TEN_MINUTES - 1) / TEN_MINUTES);
        int[] counts = new int[buckets];
        for (AlarmJournalEntry e : acts) {
            counts[(int) Math.min(buckets - 1, (e.time() - from) / TEN_MINUTES)]++;
        }
        List<Interval> intervals = new ArrayList<>(buckets);
        int peak = 0;
        for (int i = 0; i < buckets; i++) {
            intervals.add(new Interval(from + i * TEN_MINUTES, counts[i]));
            peak = Math.max(peak, counts[i]);
        }

        List<Chattering> chattering = new ArrayList<>();
        Map<UUID, List<AlarmJournalEntry>> byAlarm = new HashMap<>();
        acts.forEach(e -> byAlarm.computeIfAbsent(e.alarmId(), k -> new ArrayList<>()).add(e));
        List<Frequent> frequent = new ArrayList<>();
        for (List<AlarmJournalEntry> l : byAlarm.values()) {
            AlarmJournalEntry last = l.get(l.size() - 1);
            frequent.add(new Frequent(last.alarmId(), last.alarmPath(), last.priority(), l.size()));
            int max = maxInWindow(l, CHATTER_WINDOW);
            if (max >= CHATTER_COUNT) {
                chattering.add(new Chattering(last.alarmId(), last.alarmPath(), max, l.size()));
            }
        }
        chattering.sort(Comparator.comparingInt(Chattering::maxPerMinute).reversed().thenComparing(Chattering::path));
        frequent.sort(Comparator.comparingInt(Frequent::activations).reversed().thenComparing(Frequent::path));

        List<AlarmView> stale = new ArrayList<>();
        List<AlarmView> shelved = new ArrayList<>();
        for (AlarmView v : current) {
            if (v.status().active() && now - v.status().activeSince() > STALE_AFTER) {
                stale.add(v);
            }
            if (v.status().shelving() != null) {
                shelved.add(v);
            }
        }
        stale.sort(Comparator.comparingLong((AlarmView v) -> v.status().activeSince()).thenComparing(AlarmView::path));
        shelved.sort(Comparator.comparing(AlarmView::path));

        return new Report(from, to, acts.size(), acts.size() / (double) buckets, peak, intervals, floods(acts),
                chattering, stale, frequent.subList(0, Math.min(TOP, frequent.size())), shelved);
    }

    /** The most activations within any window of the given length. */
    private static int maxInWindow(List<AlarmJournalEntry> sorted, long window) {
        int max = 0;
        int j = 0;
        for (int i = 0; i < sorted.size(); i++) {
            while (sorted.get(i).time() - sorted.get(j).time() >= window) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }

    /** Sliding ten-minute windows holding more than {@value #FLOOD_ABOVE} activations, overlapping ones merged. */
    private static List<Flood> floods(List<AlarmJournalEntry> sorted) {
        List<Flood> out = new ArrayList<>();
        int j = 0;
        int floodFirst = -1;
        int floodLast = -1;
        for (int i = 0; i < sorted.size(); i++) {
            while (sorted.get(i).time() - sorted.get(j).time() >= TEN_MINUTES) {
                j++;
            }
            if (i - j + 1 > FLOOD_ABOVE) {
                if (floodFirst >= 0 && j <= floodLast) {
                    floodLast = i; // overlaps the flood in progress
                } else {
                    if (floodFirst >= 0) {
                        out.add(flood(sorted, floodFirst, floodLast));
                    }
                    floodFirst = j;
                    floodLast = i;
                }
            }
        }
        if (floodFirst >= 0) {
            out.add(flood(sorted, floodFirst, floodLast));
        }
        return out;
    }

    private static Flood flood(List<AlarmJournalEntry> sorted, int first, int last) {
        return new Flood(sorted.get(first).time(), sorted.get(last).time(), last - first + 1);
    }
}
