package org.peresvet.runtime;

/** A live subscription; closing it stops delivery. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();

    /** Changes waiting for delivery (coalesced: at most one per tag). */
    int pending();
}
