package org.peresvet.broker;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Moquette holds as retained messages, topic by topic, known to the front. Moquette 0.17 sends
 * a new subscriber the retained messages of QoS 1 and 2 without their retain flag, and devices tell
 * a retained command from a fresh one by that flag: with this mirror the front recognises them
 * ({@link BrokerSide}) and sets the flag again. Filled from every retained PUBLISH clients send and,
 * at start, from Moquette itself ({@link RetainedLoader}). Thread-safe.
 */
final class RetainedMirror {
    private final Map<String, byte[]> byTopic = new ConcurrentHashMap<>();

    /** Notes a retained PUBLISH: an empty payload clears the topic's retained message. */
    void published(MqttPublishMessage p) {
        put(p.variableHeader().topicName(), ByteBufUtil.getBytes(p.payload()));
    }

    void put(String topic, byte[] payload) {
        if (payload.length == 0) {
            byTopic.remove(topic);
        } else {
            byTopic.put(topic, payload);
        }
    }

    int size() {
        return byTopic.size();
    }

    /** The retained messages a subscription to these filters is sent, by topic. */
    Map<String, byte[]> matching(List<String> filters) {
        Map<String, byte[]> out = new HashMap<>();
        byTopic.forEach((topic, payload) -> {
            for (String f : filters) {
                if (matches(f, topic)) {
                    out.put(topic, payload);
                    break;
                }
            }
        });
        return out;
    }

    /** MQTT topic filter matching: {@code +} one level, {@code #} the rest; wildcards do not match {@code $} topics. */
    static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
