package org.peresvet.app.project;

import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;

/** Stored history, by the data contract's query (blocking: call it off the FX thread). */
public interface HistoryReader {

    TagHistory read(HistoryQuery query);

    /** A decimated history for a trend: first/last/min/max bins, or raw samples when there are few (blocking). */
    BinnedHistory bins(BinQuery query);
}
