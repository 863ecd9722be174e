package org.peresvet.runtime;

import java.util.List;
import org.peresvet.model.TagSample;

/**
 * Receives the samples the engine loop accepted, on the loop thread, once per batch. It must
 * return quickly: buffer, coalesce or hand off, never do I/O in the call.
 */
public interface SampleSink {
    void accepted(List<TagSample> batch);
}
