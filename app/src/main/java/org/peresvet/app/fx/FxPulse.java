package org.peresvet.app.fx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.animation.AnimationTimer;

/**
 * Drives {@link ValueBridge#pulse()} once per JavaFX pulse, and any other coalescing feed (the
 * alarm list) added with {@link #also(Runnable)}. Start and stop on the FX thread.
 */
public final class FxPulse extends AnimationTimer {
    private final ValueBridge bridge;
    private final List<Runnable> others = new CopyOnWriteArrayList<>();

    public FxPulse(ValueBridge bridge) {
        this.bridge = bridge;
    }

    /** Runs {@code work} once per pulse after the bridge; it must be quick and coalesce by itself. */
    public void also(Runnable work) {
        others.add(work);
    }

    @Override
    public void handle(long now) {
        bridge.pulse();
        for (Runnable r : others) {
            r.run();
        }
    }
}
