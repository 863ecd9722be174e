package org.peresvet.history;

import java.util.List;
import org.peresvet.model.Micros;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.TagSample;

/**
 * How long local history keeps samples, and the warning for a write of samples older than that:
 * they are applied, but the next purge (hourly) removes them from local history. One
 * text for the API's answer and the command line.
 *
 * @param days  the project's {@code historyRetentionDays}
 * @param start the first moment (µs) local history keeps at the time of the check
 */
public record Retention(int days, long start) {

    public static Retention of(ProjectSettings settings, long nowMicros) {
        int days = settings.historyRetentionDays();
        return new Retention(days, nowMicros - days * 86_400L * Micros.PER_SECOND);
    }

    /** How many samples of the batch lie before the start of retention. */
    public int olderThan(List<TagSample> batch) {
        int n = 0;
        for (TagSample ts : batch) {
            if (ts.sample().x() < start) {
                n++;
            }
        }
        return n;
    }

    /** The warning for {@code older} of {@code total} samples before the start of retention, or null for none. */
    public String warning(int older, int total) {
        if (older == 0) {
            return null;
        }
        String which = older == total ? (total == 1 ? "the sample is" : "all " + total + " samples are")
                : older + " of " + total + " samples are";
        return which + " older than the history retention of " + days + (days == 1 ? " day" : " days")
                + " (before " + Micros.format(start) + "): applied, but the next purge of local history"
                + " (hourly) removes " + (older == 1 ? "it" : "them");
    }
}
