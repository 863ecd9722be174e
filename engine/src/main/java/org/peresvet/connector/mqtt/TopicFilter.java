package org.peresvet.connector.mqtt;

/** MQTT topic filters: validation and matching with {@code +} and {@code #} as the spec defines them. */
public final class TopicFilter {
    private TopicFilter() {
    }

    /** Throws IllegalArgumentException with the rule broken when the filter is not valid. */
    public static void check(String filter) {
        if (filter == null || filter.isEmpty()) {
            throw new IllegalArgumentException("topic filter is empty");
        }
        if (filter.length() > 65535) {
            throw new IllegalArgumentException("topic filter longer than 65535 characters");
        }
        String bad = org.peresvet.connector.mqtt.profile.DeviceTopics.textProblem(filter);
        if (bad != null) {
            throw new IllegalArgumentException("topic filter " + bad);
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (l.contains("#") && (!l.equals("#") || i != levels.length - 1)) {
                throw new IllegalArgumentException("topic filter '" + filter + "': '#' must be a whole last level");
            }
            if (l.contains("+") && !l.equals("+")) {
                throw new IllegalArgumentException("topic filter '" + filter + "': '+' must be a whole level");
            }
        }
    }

    /** A topic to publish to: no wildcards. */
    public static void checkPublishTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("topic is empty");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new IllegalArgumentException("topic '" + topic + "' contains a wildcard; commands need a concrete topic");
        }
        String bad = org.peresvet.connector.mqtt.profile.DeviceTopics.textProblem(topic);
        if (bad != null) {
            throw new IllegalArgumentException("topic " + bad);
        }
    }

    public static boolean hasWildcard(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }

    /** True when {@code topic} matches {@code filter}; topics starting with $ match no leading wildcard. */
    public static boolean matches(String filter, String topic) {
        if (!topic.isEmpty() && topic.charAt(0) == '$' && !filter.isEmpty()
                && (filter.charAt(0) == '+' || filter.charAt(0) == '#')) {
            return false;
        }
        int f = 0;
        int t = 0;
        int fl = filter.length();
        int tl = topic.length();
        while (f < fl) {
            char c = filter.charAt(f);
            if (c == '#') {
                return true;
            }
            if (c == '+') {
                while (t < tl && topic.charAt(t) != '/') {
                    t++;
                }
                f++;
            } else {
                if (t >= tl) {
                    // "a/#" also matches "a"
                    return filter.regionMatches(f, "/#", 0, 2) && f + 2 == fl;
                }
                if (topic.charAt(t) != c) {
                    return false;
                }
                f++;
                t++;
            }
        }
        return t == tl;
    }
}
