package org.peresvet.bench.connector;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** CPU time of this JVM's threads grouped by name (digits dropped), to say where a message's microseconds go. */
final class ThreadCpu {
    private ThreadCpu() {
    }

    static Map<String, Long> byGroup() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            ThreadInfo info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                out.merge(group(info.getThreadName()), cpu, Long::sum);
            }
        }
        return out;
    }

    /** Paho names its threads after the client id; the rest are ours or the JVM's. */
    private static String group(String name) {
        if (name.startsWith("MQTT Rec")) {
            return "paho-receiver";
        }
        if (name.startsWith("MQTT Call")) {
            return "paho-callback";
        }
        if (name.startsWith("MQTT Snd") || name.startsWith("MQTT Con") || name.startsWith("MQTT Ping")) {
            return "paho-other";
        }
        return name.replaceAll("\\d+", "N");
    }

    /** "group µs, ..." for groups above 0.1 µs per message, largest first (threads that ended in the window are missed). */
    static String perMessage(Map<String, Long> before, Map<String, Long> after, long messages) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1e3 / messages))
                .filter(e -> e.getValue() >= 0.1)
                .sorted(Comparator.comparing((Map.Entry<String, Double> e) -> e.getValue()).reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f µs", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
