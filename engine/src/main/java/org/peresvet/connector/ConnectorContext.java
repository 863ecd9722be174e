package org.peresvet.connector;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/** What the engine gives a connector: the way in for values, state changes and log lines. Thread-safe. */
public interface ConnectorContext {

    ConnectorDef definition();

    /** Samples into the engine's ingest queue (same deadband pipeline as every source); unknown or unbound tags are dropped. */
    void deliver(List<TagSample> samples);

    /**
     * Extracts a value from a device payload with the tag's binding and delivers it, or delivers
     * null with quality 103 (and logs the reason) when the payload is rejected.
     */
    void deliver(UUID tagId, byte[] payload);

    /**
     * Every payload of the batch, in order, with the rules of {@link #deliver(UUID, byte[])}, handed
     * to the engine at once. Write confirmations see the values only after all of them are queued.
     */
    default void deliver(PayloadBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.rejection(i) != null) {
                reject(batch.tag(i), batch.rejection(i));
            } else {
                deliver(batch.tag(i), batch.payload(i));
            }
        }
    }

    /**
     * A reading of this tag the connector refused before extraction (the sensor said {@code nan},
     * a template failed...): null with quality 103, the reason logged, in order with the payloads
     * delivered before and after it, so the latest state is always the device's latest word.
     */
    default void reject(UUID tagId, String reason) {
        log("WARN", reason + " (quality 103)");
        deliver(List.of(new TagSample(tagId, new org.peresvet.model.Sample(org.peresvet.model.Micros.now(), null,
                org.peresvet.model.Quality.BAD_DATA))));
    }

    /**
     * The connection changed. On a loss (CONNECTED → anything else) every bound tag gets null with
     * quality 100; on the next CONNECTED, null with quality 101. Report CONNECTED before delivering
     * the first values after a (re)connect: the 101 is queued at once, and would otherwise land on
     * top of the fresh values.
     */
    void connectionChanged(ConnectorState state, String reason);

    /** These tags lost their data source (a board went offline): null with quality 102. */
    void sourceLost(Collection<UUID> tagIds, String reason);

    /** A line kept in the connector's log (a bounded ring, queryable) and written to SLF4J. Level: ERROR, WARN, INFO, DEBUG. */
    void log(String level, String line);

    /** The value type of a tag bound to this connector, or null when it is not bound here. */
    default ValueType tagType(UUID tagId) {
        return null;
    }

    /** A small shared pool for timers (polling, backoff). Never block on it. */
    ScheduledExecutorService scheduler();
}
