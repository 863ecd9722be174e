package org.peresvet.model;

import java.util.UUID;

/** A sample addressed to a tag: the unit that flows through the value pipeline. */
public record TagSample(UUID tagId, Sample sample) {
}
