package org.peresvet.app.fx;

import javafx.animation.AnimationTimer;

/** Drives {@link ValueBridge#pulse()} once per JavaFX pulse. Start and stop on the FX thread. */
public final class FxPulse extends AnimationTimer {
    private final ValueBridge bridge;

    public FxPulse(ValueBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void handle(long now) {
        bridge.pulse();
    }
}
