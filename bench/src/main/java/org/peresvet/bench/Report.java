package org.peresvet.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Formatting shared by the load drivers. Summary lines start at column 0 with the figure name and
 * a colon (run.sh collects those into the report); detail lines are indented.
 */
final class Report {
    private Report() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String mb(long bytes) {
        return (bytes + (1 << 19)) / (1 << 20) + " MB";
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.1f ms", millis);
    }

    static String verdict(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }

    static void detail(String format, Object... args) {
        System.out.println("  " + String.format(Locale.ROOT, format, args));
    }

    static void summary(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** Latency statistics of a set of timed runs, in milliseconds. */
    record Latencies(double p50, double p99, double max, double mean, int runs) {
        static Latencies of(double[] millis) {
            double[] s = millis.clone();
            Arrays.sort(s);
            return new Latencies(percentile(s, 50), percentile(s, 99), s[s.length - 1],
                    Arrays.stream(s).average().orElse(Double.NaN), s.length);
        }

        /** Nearest-rank percentile: with 50 runs p99 is the 50th value, i.e. the worst one. */
        private static double percentile(double[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        @Override
        public String toString() {
            return "p50 " + ms(p50) + ", p99 " + ms(p99) + ", max " + ms(max) + " (" + runs + " runs)";
        }
    }
}
