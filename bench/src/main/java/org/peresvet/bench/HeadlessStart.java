package org.peresvet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Figure 4, headless start: a 10,000-tag project on disk with 10 samples of history per tag is
 * opened and started in a fresh JVM each time ({@link HeadlessStartProbe}), five times. The child
 * JVM gets this JVM's heap limit and class path, so it starts like {@code --headless} would.
 *
 * <p>System property {@code bench.startRuns} (default 5).
 */
public final class HeadlessStart {
    static final int OBJECTS = 100;
    static final int TAGS_PER_OBJECT = 100;
    static final int SAMPLES_PER_TAG = 10;
    static final long GOAL_MS = 3_000;

    /** The probe JVM running now, for the watchdog to stop. */
    private static volatile Process probe;

    private HeadlessStart() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Machine.printLoad();
        int runs = Integer.getInteger("bench.startRuns", 5);
        boolean ok = true;
        try (TempProject project = TempProject.create("peresvet-bench-start")) {
            // Five probes of up to 60 s each and the set-up; a halted driver must not leave a probe behind.
            Watchdog.arm("start", 600, () -> {
                Process p = probe;
                if (p != null) {
                    p.destroyForcibly();
                }
                project.delete();
            });
            createProject(project.dir());
            Report.detail("project on disk: model %s, history %s",
                    Report.mb(project.dir().resolve("model.mv.db").toFile().length()), Report.mb(project.historyFileBytes()));
            List<Long> total = new ArrayList<>();
            List<Long> engineOnly = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                Map<String, String> probe = runProbe(project.dir());
                if (probe == null) {
                    ok = false;
                    break;
                }
                long jvm = Long.parseLong(probe.get("jvmToRunningMs"));
                long open = Long.parseLong(probe.get("openStartMs"));
                boolean restored = probe.get("withValue").equals(probe.get("tags"))
                        && probe.get("tags").equals(Integer.toString(OBJECTS * TAGS_PER_OBJECT))
                        && probe.get("running").equals("true");
                ok &= restored;
                total.add(jvm);
                engineOnly.add(open);
                Report.detail("run %d: JVM start → engine running %d ms, open+start %d ms (process CPU %s ms, main thread CPU %s ms,"
                                + " load %s); %s of %s tags with a restored value%s; close %s ms",
                        i, jvm, open, probe.get("cpuMs"), probe.get("mainCpuMs"), probe.get("load"), probe.get("withValue"), probe.get("tags"), restored ? "" : " (NOT ALL RESTORED)",
                        probe.get("closeMs"));
            }
            if (total.isEmpty()) {
                Report.summary("start: FAIL — the probe JVM gave no result");
            } else {
                long worst = total.stream().mapToLong(Long::longValue).max().getAsLong();
                Report.summary("start: JVM start → engine running %s ms (open+start alone %s ms), %d fresh JVMs, 10,000 tags"
                                + " — goal < %d ms (every run): %s",
                        join(total), join(engineOnly), total.size(), GOAL_MS, Report.verdict(ok && worst < GOAL_MS));
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private static String join(List<Long> values) {
        return String.join(" / ", values.stream().map(String::valueOf).toList());
    }

    /** Creates the model, writes 10 samples per tag (one second apart, ending a minute ago), closes. */
    private static void createProject(Path dir) {
        long t0 = System.nanoTime();
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            List<UUID> tags = TagFixture.createTags(engine, OBJECTS, TAGS_PER_OBJECT);
            engine.start();
            long first = Micros.now() - (60 + SAMPLES_PER_TAG) * Micros.PER_SECOND;
            for (int k = 0; k < SAMPLES_PER_TAG; k++) {
                List<TagSample> batch = new ArrayList<>(tags.size());
                for (int i = 0; i < tags.size(); i++) {
                    batch.add(new TagSample(tags.get(i), Sample.of(first + k * Micros.PER_SECOND, k + i / 10_000.0)));
                }
                engine.write(batch);
            }
            engine.flush();
        }
        Report.detail("created %s tags with %d samples each and closed the project in %.1f s",
                Report.count(OBJECTS * TAGS_PER_OBJECT), SAMPLES_PER_TAG, (System.nanoTime() - t0) / 1e9);
    }

    /** Runs one probe JVM; returns its key=value pairs, or null (with the reason printed) on failure. */
    private static Map<String, String> runProbe(Path dir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + Runtime.getRuntime().maxMemory() / (1 << 20) + "m");
        cmd.add("-Dperesvet.log.level=" + System.getProperty("peresvet.log.level", "WARN"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HeadlessStartProbe.class.getName());
        cmd.add(dir.toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        probe = p;
        String line;
        Map<String, String> values = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = out.readLine()) != null) {
                if (line.startsWith("probe ")) {
                    values = new HashMap<>();
                    for (String kv : line.substring(6).trim().split(" ")) {
                        String[] parts = kv.split("=", 2);
                        values.put(parts[0], parts[1]);
                    }
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Report.detail("probe JVM did not finish in 60 s");
            return null;
        }
        if (p.exitValue() != 0 || values == null) {
            Report.detail("probe JVM failed (exit %d)", p.exitValue());
            return null;
        }
        return values;
    }
}
