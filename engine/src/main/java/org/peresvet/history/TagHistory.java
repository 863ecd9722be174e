package org.peresvet.history;

import java.util.List;
import java.util.UUID;
import org.peresvet.model.Sample;

/** The answer to a {@link HistoryQuery} for one tag: points sorted by x. */
public record TagHistory(UUID tagId, List<Sample> data, boolean excess) {
}
