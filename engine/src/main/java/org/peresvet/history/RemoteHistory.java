package org.peresvet.history;

import org.peresvet.model.TagDef;

/**
 * A second, long-term store of samples (VictoriaMetrics) that answers for the periods local
 * history no longer holds. The engine asks it for the source a history query reads.
 */
public interface RemoteHistory {

    /**
     * The samples of one tag: from {@code local} where local history has them, from the remote
     * store before that.
     *
     * @param local          the tag's local history
     * @param retentionStart the start (µs) of local retention: local history before it is purged
     */
    SampleSource withOlder(TagDef tag, SampleSource local, long retentionStart);
}
