package org.peresvet.formula;

import org.peresvet.model.Sample;

/** Gives a formula the current sample of each input, by slot (see {@link TagRef#slot()}). */
@FunctionalInterface
public interface ValueSource {
    /** The input's current sample, or null when it has no value yet. */
    Sample get(int slot);
}
