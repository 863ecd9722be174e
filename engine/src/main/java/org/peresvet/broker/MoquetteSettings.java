package org.peresvet.broker;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Moquette's settings: it listens only on a loopback port of its own choosing, behind
 * {@link MqttFront}, keeps retained messages and sessions in {@code broker/data}, and never calls
 * out (its telemetry and error reporting are off).
 */
final class MoquetteSettings {
    /** The largest MQTT packet taken (front and Moquette alike): 16 MiB. */
    static final int MAX_PACKET_BYTES = 16 * 1024 * 1024;
    private static final int SESSION_QUEUE_SIZE = 16_384;

    private MoquetteSettings() {
    }

    static Properties of(Path dataDir, boolean allowAnonymous) {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", "0");
        p.setProperty("websocket_port", "disabled");
        p.setProperty("persistence_enabled", "true");
        p.setProperty("data_path", dataDir.toString());
        // queues in the H2 store too: the segmented queues preallocate 64 MB page files
        p.setProperty("persistent_queue_type", "h2");
        p.setProperty("autosave_interval", "5");
        p.setProperty("allow_anonymous", String.valueOf(allowAnonymous));
        p.setProperty("allow_zero_byte_client_id", "true");
        p.setProperty("netty.mqtt.message_size", String.valueOf(MAX_PACKET_BYTES));
        p.setProperty("netty.epoll", "false");
        p.setProperty("buffer_flush_millis", "0");
        // commands per session loop (default 1024): a burst of boards beyond it is dropped with a warning
        p.setProperty("session_queue_size", String.valueOf(SESSION_QUEUE_SIZE));
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("use_bugsnag", "false");
        p.setProperty("use_metrics", "false");
        return p;
    }
}
