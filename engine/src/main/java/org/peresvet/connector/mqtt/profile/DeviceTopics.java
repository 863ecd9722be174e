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
     * What MQTT brokers and clients refuse in a topic, or null: control characters, Unicode
     * noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF...) and lone surrogates. Paho's client fails
     * its whole connection when asked to send such a topic, so none may reach it.
     */
    public static String textProblem(String topic) {
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < topic.length() && Character.isLowSurrogate(topic.charAt(i + 1))) {
                cp = Character.toCodePoint(c, topic.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                return "is not Unicode text (a lone surrogate)";
            }
            if (cp < 0x20 || cp >= 0x7F && cp <= 0x9F) {
                return "has a control character (U+" + String.format("%04X", cp) + ")";
            }
            if (cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE) {
                return "has a Unicode noncharacter (U+" + String.format("%04X", cp) + ")";
            }
        }
        return null;
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
        String bad = textProblem(topic);
        if (bad != null) {
            throw new IllegalArgumentException(field + " " + bad);
        }
        if (topic.length() * 3 > MAX_BYTES && topic.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_BYTES + " bytes");
        }
    }
}
