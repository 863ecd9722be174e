package org.peresvet.app.project;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.peresvet.model.Sample;
import org.peresvet.runtime.WriteResult;

/** Values an operator writes: into a tag, or out to the device behind it. */
public interface TagWrites {

    /**
     * Queues a sample for a tag.
     *
     * @throws IllegalArgumentException or IllegalStateException with the reason it was refused
     */
    void write(UUID tagId, Sample sample);

    /** Waits until every queued sample is applied. */
    void flush();

    /**
     * Sends a value to the device behind a connector tag, recorded as the context's actor;
     * completes when the device echoed it or the write failed (with the reason).
     */
    CompletableFuture<WriteResult> toDevice(UUID tagId, Object value);

    /**
     * Why a write to this tag needs a reason from the person writing ("WRITE_VALUES on
     * /Plant/AreaA", a rule of the project's security settings); empty when it needs none.
     */
    default Optional<String> reasonRequired(UUID tagId) {
        return Optional.empty();
    }

    /** These writes giving a reason (kept in the audit record). */
    default TagWrites withReason(String reason) {
        return this;
    }
}
