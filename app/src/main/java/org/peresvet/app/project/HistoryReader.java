package org.peresvet.app.project;

import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;

/** Stored history, by the data contract's query (blocking: call it off the FX thread). */
@FunctionalInterface
public interface HistoryReader {

    TagHistory read(HistoryQuery query);
}
