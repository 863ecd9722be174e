package org.peresvet.app.fx;

import java.util.Collections;
import java.util.Map;
import java.util.UUID;

/**
 * The live values a screen watches. Close it when the screen no longer shows them, so the bridge
 * stops carrying their updates. Used on the FX thread.
 */
public final class Watch implements AutoCloseable {
    private final ValueBridge bridge;
    private final Map<UUID, LiveValue> values;
    private boolean closed;

    Watch(ValueBridge bridge, Map<UUID, LiveValue> values) {
        this.bridge = bridge;
        this.values = values;
    }

    /** The live value of a watched tag, or null when the tag is not part of this watch. */
    public LiveValue get(UUID tagId) {
        return values.get(tagId);
    }

    public Map<UUID, LiveValue> values() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            bridge.release(values.keySet());
        }
    }
}
