package org.peresvet.app.trend;

/**
 * The time a trend shows: live (the last {@code span} µs up to now, scrolling) or a fixed period
 * [start, finish] in µs.
 */
record TrendWindow(boolean live, long span, long start, long finish) {

    static TrendWindow live(long spanMicros) {
        return new TrendWindow(true, spanMicros, 0, 0);
    }

    static TrendWindow fixed(long start, long finish) {
        return new TrendWindow(false, finish - start, start, finish);
    }

    long from(long now) {
        return live ? now - span : start;
    }

    long to(long now) {
        return live ? now : finish;
    }
}
