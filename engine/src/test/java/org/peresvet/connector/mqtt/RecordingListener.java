package org.peresvet.connector.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Keeps everything a link hands over, for assertions. */
final class RecordingListener implements MqttLink.Listener {
    record Msg(String topic, byte[] payload, boolean retained) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final List<Msg> messages = new CopyOnWriteArrayList<>();
    final List<String> states = new CopyOnWriteArrayList<>();
    final List<String> reasons = new CopyOnWriteArrayList<>();
    final List<String> rejections = new CopyOnWriteArrayList<>();
    volatile String dispatcherThread;

    @Override
    public void stateChanged(MqttLink.State state, String reason) {
        states.add(state.name());
        reasons.add(reason);
    }

    @Override
    public void message(String topic, byte[] payload, boolean retained) {
        dispatcherThread = Thread.currentThread().getName();
        messages.add(new Msg(topic, payload, retained));
    }

    @Override
    public void rejected(String topic, int size, String reason) {
        rejections.add(topic + ": " + reason);
    }

    long count(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).count();
    }

    static void await(String what, Duration timeout, BooleanSupplier cond) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
