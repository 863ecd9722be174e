package org.peresvet.connector.mqtt.profile;

import java.nio.charset.StandardCharsets;

/**
 * Topics a device names in its own messages (discovery configs: state, command, availability...):
 * concrete topics only. A device must not make the engine subscribe to a wildcard ({@code #}
 * would be the whole broker), to the broker's {@code $} topics, or to something the broker would
 * refuse. Pure.
 */
public final class DeviceTopics {
    /** MQTT's limit for a topic, in UTF-8 bytes. */
    public static final int MAX_BYTES = 65_535;

    private DeviceTopics() {
    }

    /**
     * @param field the config key, for the message ({@code availability_topic})
     * @throws IllegalArgumentException saying what is wrong with the topic
     */
    public static void check(String field, String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        String shown = topic.length() > 60 ? topic.substring(0, 57) + "..." : topic;
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new IllegalArgumentException(field + " '" + shown + "' has a wildcard (+ or #): a device names concrete topics");
        }
        if (topic.charAt(0) == '$') {
            throw new IllegalArgumentException(field + " '" + shown + "' is one of the broker's $ topics");
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                throw new IllegalArgumentException(field + " has a control character (U+" + String.format("%04X", (int) c) + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < topic.length() && Character.isLowSurrogate(topic.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " is not Unicode text (a lone surrogate)");
            }
        }
        if (topic.length() * 3 > MAX_BYTES && topic.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_BYTES + " bytes");
        }
    }
}
