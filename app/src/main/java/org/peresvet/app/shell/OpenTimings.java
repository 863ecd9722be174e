package org.peresvet.app.shell;

/**
 * How long the last project open took: until the engine ran, and from then until the window
 * showed the project (the stamps are {@link System#nanoTime()} values).
 */
public record OpenTimings(long engineMillis, long windowMillis, long engineUpNanos, long readyNanos) {
}
