package org.peresvet.history;

import java.util.List;
import java.util.UUID;

/**
 * A history query of the data contract (see DESIGN.md). All times are microseconds since the
 * Unix epoch; null means "not given".
 *
 * @param start    start of the period; null: no start (then {@code count} takes the last N)
 * @param finish   end of the period; null: now, and future samples are excluded
 * @param count    keep the first N points when start is given; without start the last N points
 *                 ending at finish (the boundary point at an explicit finish included; without
 *                 finish or with actual, the last N stored samples)
 * @param timeStep evenly spaced series with this step (µs) ending at finish
 * @param maxCount cap of the answer; {@code excess} is set when more points were available
 * @param actual   stored samples only, no interpolated boundary points
 * @param values   keep only points whose value equals one of these (null: no filter)
 * @param format   render x as ISO-8601 strings
 */
public record HistoryQuery(UUID tagId, Long start, Long finish, Integer count, Long timeStep,
                           Integer maxCount, boolean actual, List<Object> values, boolean format) {

    public static HistoryQuery current(UUID tagId) {
        return new HistoryQuery(tagId, null, null, null, null, null, false, null, false);
    }

    public static HistoryQuery range(UUID tagId, long start, long finish) {
        return new HistoryQuery(tagId, start, finish, null, null, null, false, null, false);
    }

    public HistoryQuery withCount(Integer n) {
        return new HistoryQuery(tagId, start, finish, n, timeStep, maxCount, actual, values, format);
    }

    public HistoryQuery withTimeStep(Long step) {
        return new HistoryQuery(tagId, start, finish, count, step, maxCount, actual, values, format);
    }

    public HistoryQuery withMaxCount(Integer n) {
        return new HistoryQuery(tagId, start, finish, count, timeStep, n, actual, values, format);
    }

    public HistoryQuery withActual(boolean a) {
        return new HistoryQuery(tagId, start, finish, count, timeStep, maxCount, a, values, format);
    }

    public HistoryQuery withValues(List<Object> v) {
        return new HistoryQuery(tagId, start, finish, count, timeStep, maxCount, actual, v, format);
    }

    public HistoryQuery withFormat(boolean f) {
        return new HistoryQuery(tagId, start, finish, count, timeStep, maxCount, actual, values, f);
    }

    public HistoryQuery withStart(Long s) {
        return new HistoryQuery(tagId, s, finish, count, timeStep, maxCount, actual, values, format);
    }

    public HistoryQuery withFinish(Long f) {
        return new HistoryQuery(tagId, start, f, count, timeStep, maxCount, actual, values, format);
    }
}
