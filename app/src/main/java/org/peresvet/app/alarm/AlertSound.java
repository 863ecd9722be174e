package org.peresvet.app.alarm;

/**
 * The audible alert: a repeating sound while alarms wait for acknowledgement. {@link #start()} and
 * {@link #stop()} are idempotent and return at once (the sound plays on its own thread).
 */
public interface AlertSound extends AutoCloseable {
    /** Starts repeating the alert (nothing happens when it already sounds). */
    void start();

    /** Stops it (nothing happens when it is silent). */
    void stop();

    boolean isSounding();

    /** Releases the audio line and the thread. */
    @Override
    default void close() {
        stop();
    }
}
