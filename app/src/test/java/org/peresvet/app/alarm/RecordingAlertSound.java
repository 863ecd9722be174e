package org.peresvet.app.alarm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one stand-in of these tests: audio hardware cannot run here, so the horn's sound is recorded
 * ("start", "stop" as they change the sound) instead of played.
 */
public final class RecordingAlertSound implements AlertSound {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile boolean sounding;

    @Override
    public synchronized void start() {
        if (!sounding) {
            sounding = true;
            calls.add("start");
        }
    }

    @Override
    public synchronized void stop() {
        if (sounding) {
            sounding = false;
            calls.add("stop");
        }
    }

    @Override
    public boolean isSounding() {
        return sounding;
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }
}
