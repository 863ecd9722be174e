package org.peresvet.export;

import java.io.IOException;
import java.util.Map;
import org.peresvet.export.internal.MergedSource;
import org.peresvet.export.internal.VmClient;
import org.peresvet.export.internal.VmSampleSource;
import org.peresvet.history.RemoteHistory;
import org.peresvet.history.SampleSource;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads exported history back from a VictoriaMetrics target with {@code /api/v1/export}.
 *
 * <p>As the engine's {@link RemoteHistory}: for one tag, samples from the first locally stored
 * sample on come from local history, samples before it from VictoriaMetrics (a tag with no local
 * history at all reads VictoriaMetrics only before the start of local retention). A failing server
 * does not fail the query: the answer lacks the remote part, the failure is logged and kept in
 * {@link #lastError()}.
 */
public final class VictoriaHistory implements RemoteHistory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VictoriaHistory.class);

    private final ExportConfig.Target target;
    private final VmClient client;
    private final Map<String, String> labels;
    private volatile String lastError;
    private volatile long lastLogged;

    public VictoriaHistory(ExportConfig.Target target) {
        this.target = target;
        this.client = new VmClient(target);
        this.labels = target.labels();
    }

    /** Everything VictoriaMetrics holds for the tag. */
    public SampleSource source(TagDef tag) {
        return new VmSampleSource(client, tag, labels, Long.MAX_VALUE, this::failed);
    }

    @Override
    public SampleSource withOlder(TagDef tag, SampleSource local, long retentionStart) {
        Sample first = local.after(-1);
        long cutoff = first != null ? first.x() : retentionStart;
        return new MergedSource(new VmSampleSource(client, tag, labels, cutoff, this::failed), local, cutoff);
    }

    private void failed(IOException e) {
        lastError = e.getMessage();
        long now = System.currentTimeMillis();
        if (now - lastLogged > 60_000) {
            lastLogged = now;
            LOG.warn("Reading history from {} failed; answers lack the data older than local history: {}",
                    target.displayUrl(), e.getMessage());
        }
    }

    /** The last read failure, or null. */
    public String lastError() {
        return lastError;
    }

    public ExportConfig.Target target() {
        return target;
    }

    @Override
    public void close() {
        client.close();
    }
}
