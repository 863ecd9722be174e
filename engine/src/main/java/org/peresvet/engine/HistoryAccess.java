package org.peresvet.engine;

import java.util.UUID;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.HistoryStream;
import org.peresvet.history.SampleScan;
import org.peresvet.history.TagHistory;
import org.peresvet.model.Actor;

/** Stored history: queries, and recalculation of a calculated tag after the fact. */
public interface HistoryAccess {

    /**
     * Answers a history query from local history (and the long-term store for older periods, when
     * an exporter reads history). Samples still waiting for the history writer are flushed first,
     * so a query sees everything the engine accepted.
     *
     * @throws IllegalArgumentException for an unknown tag
     */
    TagHistory query(HistoryQuery query);

    /**
     * Answers a history query like {@link #query}, point for point the same, but hands the points
     * to {@code sink} one by one as they are read, without building the answer in memory.
     * {@code tick} runs every few hundred points and may throw to stop a query that ran too long.
     *
     * @throws IllegalArgumentException for an unknown tag or an invalid query (naming the parameter)
     */
    HistoryStream.Result stream(HistoryQuery query, SampleScan sink, Runnable tick);

    /**
     * A decimated history of one tag for a trend: the period in bins with first, last, min and max
     * (raw samples when there are fewer than bins), from local history and the long-term store
     * for older periods. Samples still waiting for the history writer are read from its buffer,
     * without a flush, so a trend that refreshes every second does not defeat the writer's batching.
     *
     * @throws IllegalArgumentException for an unknown tag or an invalid query (naming the parameter)
     */
    BinnedHistory bins(BinQuery query);

    /**
     * Recomputes a calculated tag for [start, finish] from the stored history of its inputs and
     * stores the results; a result at the time of a stored one replaces it. The current value is
     * not changed.
     *
     * @return how many samples were written
     * @throws IllegalArgumentException when the tag is unknown or not calculated
     */
    int recalculate(Actor actor, UUID tagId, long start, long finish);
}
