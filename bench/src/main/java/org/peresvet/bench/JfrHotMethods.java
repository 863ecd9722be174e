package org.peresvet.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A profile summary of a JFR recording (Java 17's {@code jfr} tool has no "hot methods" view):
 * CPU samples per thread, then per thread the methods that were on top of the stack most often
 * and the engine/H2 frames that appear anywhere in the stacks most often (inclusive time).
 *
 * <p>Usage: {@code java -cp ... org.peresvet.bench.JfrHotMethods recording.jfr [top=15]}.
 * Record with {@code -XX:StartFlightRecording=filename=x.jfr,settings=profile}.
 */
public final class JfrHotMethods {
    private JfrHotMethods() {
    }

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Map<String, Integer>> selfByThread = new HashMap<>();
        Map<String, Map<String, Integer>> inclusiveByThread = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            total++;
            String thread = threadGroup(e.getThread("sampledThread").getJavaName());
            byThread.merge(thread, 1, Integer::sum);
            List<RecordedFrame> frames = stack.getFrames();
            selfByThread.computeIfAbsent(thread, k -> new HashMap<>()).merge(name(frames.get(0)), 1, Integer::sum);
            Map<String, Integer> incl = inclusiveByThread.computeIfAbsent(thread, k -> new HashMap<>());
            frames.stream().map(JfrHotMethods::name).distinct().forEach(m -> incl.merge(m, 1, Integer::sum));
        }
        System.out.printf("%d CPU samples%n", total);
        for (var t : sorted(byThread)) {
            System.out.printf("%n== thread %s: %d samples (%.0f%%)%n", t.getKey(), t.getValue(), 100.0 * t.getValue() / total);
            System.out.println("  top of stack:");
            print(selfByThread.get(t.getKey()), t.getValue(), top);
            System.out.println("  anywhere in the stack (org.peresvet, org.h2 and java.util frames):");
            Map<String, Integer> ours = new HashMap<>();
            inclusiveByThread.get(t.getKey()).forEach((m, n) -> {
                if (m.startsWith("org.peresvet") || m.startsWith("org.h2") || m.startsWith("java.util")) {
                    ours.put(m, n);
                }
            });
            print(ours, t.getValue(), top);
        }
    }

    /** Pool threads differ only by a number; counting them together reads better. */
    private static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("-\\d+$", "-N");
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int of, int top) {
        sorted(counts).stream().limit(top).forEach(e ->
                System.out.printf("    %5.1f%%  %s%n", 100.0 * e.getValue() / of, e.getKey()));
    }

    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> m) {
        return m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).toList();
    }
}
