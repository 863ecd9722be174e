package org.peresvet.app.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peresvet.app.Messages;

/**
 * A shelving length the operator can pick: a time, or until the alarm next returns to normal
 * (one-shot). Only lengths within the engine's longest shelving are offered.
 *
 * @param duration how long; null for one-shot
 */
public record ShelveChoice(Duration duration) {
    private static final List<Duration> USUAL = List.of(Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(12));

    /** The usual lengths up to {@code max}, {@code max} itself when it is not one of them, and one-shot. */
    public static List<ShelveChoice> offered(Duration max) {
        List<ShelveChoice> out = new ArrayList<>();
        for (Duration d : USUAL) {
            if (d.compareTo(max) <= 0) {
                out.add(new ShelveChoice(d));
            }
        }
        if (out.isEmpty() || !out.get(out.size() - 1).duration().equals(max)) {
            out.add(new ShelveChoice(max));
        }
        out.add(new ShelveChoice(null));
        return out;
    }

    public boolean oneShot() {
        return duration == null;
    }

    @Override
    public String toString() {
        if (duration == null) {
            return Messages.get("shelve.oneShot");
        }
        long m = duration.toMinutes();
        return m % 60 == 0 ? Messages.get("shelve.hours", m / 60) : Messages.get("shelve.minutes", m);
    }
}
