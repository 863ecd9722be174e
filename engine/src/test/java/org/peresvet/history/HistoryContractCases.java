package org.peresvet.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.peresvet.model.Sample;

/**
 * Every combination of {@code start}, {@code finish}, {@code count} and {@code timeStep}, with
 * finish absent (now), on a stored sample and between two, for a linear and a step tag; each
 * answer computed by hand. Shared by the rules' unit test and the API's test over HTTP.
 *
 * <p>The stored samples (times in µs from a base the user of the table adds):
 * 1000 → 10.0, 2000 → 20.0, 3000 → 40.0, 4000 → 10.0. "Now" is {@link #NOW}. A start, when
 * given, is 1500 (between samples); count is 3; timeStep is 1000.
 */
public final class HistoryContractCases {
    public static final long NOW = 10_000;
    public static final long START = 1500;
    public static final long ON = 3000;
    public static final long BETWEEN = 2500;
    public static final int COUNT = 3;
    public static final long STEP = 1000;

    /** The stored samples, as {x, y}. */
    public static final double[][] STORED = {{1000, 10.0}, {2000, 20.0}, {3000, 40.0}, {4000, 10.0}};

    /**
     * One case. {@code expected} holds {x, y} pairs (y null before the first sample) or is null
     * when the query is refused; then {@code error} names the parameter the refusal names.
     */
    public record Case(String name, Long start, Long finish, Integer count, Long timeStep, boolean step,
                       List<Object[]> expected, String error) {

        public HistoryQuery query(UUID tag) {
            return new HistoryQuery(tag, start, finish, count, timeStep, null, false, null, false);
        }

        public List<Sample> samples(long base) {
            List<Sample> out = new ArrayList<>();
            for (Object[] p : expected) {
                out.add(new Sample(base + (Long) p[0], p[1], null));
            }
            return out;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private HistoryContractCases() {
    }

    private static Object[] p(long x, Double y) {
        return new Object[]{x, y};
    }

    private static List<Object[]> pts(Object[]... points) {
        return Arrays.asList(points);
    }

    /** All cases: 16 combinations × finish (none, on, between) × (linear, step), the refused ones included. */
    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (boolean step : new boolean[]{false, true}) {
            String kind = step ? "step" : "linear";
            // Interpolated values: at 1500 linear 10 + 10 * 0.5 = 15, step holds 10;
            // at 2500 linear 20 + 20 * 0.5 = 30, step holds 20; after 4000 both hold 10.
            Double at1500 = step ? 10.0 : 15.0;
            Double at2500 = step ? 20.0 : 30.0;
            for (String fin : new String[]{"none", "on", "between"}) {
                Long finish = switch (fin) {
                    case "on" -> ON;
                    case "between" -> BETWEEN;
                    default -> null;
                };
                boolean on = "on".equals(fin);
                boolean none = finish == null;
                String f = " finish " + fin + " " + kind;

                // nothing but finish: the value at finish (now without it)
                cases.add(new Case("value" + f, null, finish, null, null, step,
                        none ? pts(p(NOW, 10.0)) : on ? pts(p(ON, 40.0)) : pts(p(BETWEEN, at2500)), null));
                // count: the last 3 points ending at finish; the boundary point at an explicit finish is the last
                cases.add(new Case("count" + f, null, finish, COUNT, null, step,
                        none ? pts(p(2000, 20.0), p(3000, 40.0), p(4000, 10.0))
                                : on ? pts(p(1000, 10.0), p(2000, 20.0), p(3000, 40.0))
                                : pts(p(1000, 10.0), p(2000, 20.0), p(BETWEEN, at2500)), null));
                // start: the period with boundary points at start and finish
                cases.add(new Case("start" + f, START, finish, null, null, step,
                        none ? pts(p(START, at1500), p(2000, 20.0), p(3000, 40.0), p(4000, 10.0), p(NOW, 10.0))
                                : on ? pts(p(START, at1500), p(2000, 20.0), p(3000, 40.0))
                                : pts(p(START, at1500), p(2000, 20.0), p(BETWEEN, at2500)), null));
                // start + count: the first 3 of that period
                cases.add(new Case("start count" + f, START, finish, COUNT, null, step,
                        none || on ? pts(p(START, at1500), p(2000, 20.0), p(3000, 40.0))
                                : pts(p(START, at1500), p(2000, 20.0), p(BETWEEN, at2500)), null));
                // timeStep alone cannot know where the series begins
                cases.add(new Case("timeStep" + f, null, finish, null, STEP, step, null, "timeStep"));
                // timeStep + count: 3 points 1000 apart ending at finish
                cases.add(new Case("count timeStep" + f, null, finish, COUNT, STEP, step,
                        none ? pts(p(8000, 10.0), p(9000, 10.0), p(NOW, 10.0))
                                : on ? pts(p(1000, 10.0), p(2000, 20.0), p(3000, 40.0))
                                // 500 lies before the first sample: null
                                : pts(p(500, null), p(START, at1500), p(BETWEEN, at2500)), null));
                // start + timeStep: the grid ending at finish, down to start (1500 is on it only when
                // finish - 1500 is a multiple of 1000)
                List<Object[]> series = none
                        ? pts(p(2000, 20.0), p(3000, 40.0), p(4000, 10.0), p(5000, 10.0), p(6000, 10.0),
                                p(7000, 10.0), p(8000, 10.0), p(9000, 10.0), p(NOW, 10.0))
                        : on ? pts(p(2000, 20.0), p(3000, 40.0))
                        : pts(p(START, at1500), p(BETWEEN, at2500));
                cases.add(new Case("start timeStep" + f, START, finish, null, STEP, step, series, null));
                // start + count + timeStep: the first 3 of that grid
                cases.add(new Case("start count timeStep" + f, START, finish, COUNT, STEP, step,
                        series.subList(0, Math.min(COUNT, series.size())), null));
            }
        }
        return cases;
    }
}
