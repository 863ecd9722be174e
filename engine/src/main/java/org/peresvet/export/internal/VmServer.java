package org.peresvet.export.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * What the {@link Sender} needs of a VictoriaMetrics server: {@link VmClient} over HTTP, a
 * scripted server in the sender's unit tests.
 */
public interface VmServer {

    /** Sends a gzip-compressed JSON lines batch; never throws for I/O (the outcome says what happened). */
    VmClient.Result importGzip(byte[] body);

    /**
     * The server process's start time (s), or null when it does not publish one.
     *
     * @throws VmClient.HttpError when the server answers with an error
     * @throws IOException        when it cannot be reached or does not answer
     */
    Long startTime() throws IOException;

    /** Makes freshly imported rows searchable; best effort. */
    void forceFlush();

    /** Streams the stored samples of the selected series between two times (ms, inclusive). */
    void export(Collection<String> selectors, long startMs, long endMs, Consumer<SeriesData> sink) throws IOException;

    /** Cancels requests in flight. */
    void cancelAll();

    void close();
}
