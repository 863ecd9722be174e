package org.peresvet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Figure 4, headless start: a 10,000-tag project on disk with 10 samples of history per tag is
 * started the way a user starts it, {@code ./peresvet --headless --project DIR} (the launcher
 * script, its class path, its JVM options and its class-data-sharing archive; the HTTP API on a
 * free port), five times. Each run is timed from launching the script to the line "Peresvet engine
 * running" on its output, and then stopped with SIGTERM like Ctrl-C would.
 *
 * <p>The launcher writes its class archive when the first long run after a build exits; such a
 * run is reported apart (a user meets it once per build) and the goal applies to the runs after it.
 *
 * <p>System properties: {@code bench.startRuns} (default 5), {@code bench.launcher} (default
 * {@code ./peresvet}, relative to the working directory: run from the repository root).
 */
public final class HeadlessStart {
    static final int OBJECTS = 100;
    static final int TAGS_PER_OBJECT = 100;
    static final int SAMPLES_PER_TAG = 10;
    static final long GOAL_MS = 3_000;
    private static final Pattern RESTORED = Pattern.compile("Engine running: (\\d+) tags, (\\d+) restored from history");

    /** The launched process running now, for the watchdog to stop. */
    private static volatile Process running;

    private HeadlessStart() {
    }

    /** One launch: wall and CPU time to "running", and what its log said. */
    private record Run(long wallMs, long cpuMs, int tags, int restored, boolean archiveBefore, boolean stoppedCleanly,
                       long stopMs, String load) {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Machine.printLoad();
        int runs = Integer.getInteger("bench.startRuns", 5);
        Path launcher = Path.of(System.getProperty("bench.launcher", "./peresvet")).toAbsolutePath().normalize();
        Path archives = launcher.getParent().resolve("target").resolve("cds");
        boolean ok = true;
        try (TempProject project = TempProject.create("peresvet-bench-start")) {
            // Six launches of up to 90 s each and the set-up; a halted driver must not leave a process behind.
            Watchdog.arm("start", 900, () -> {
                Process p = running;
                if (p != null) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
                project.delete();
            });
            ensureBuilt(launcher);
            createProject(project.dir());
            Report.detail("project on disk: model %s, history %s",
                    Report.mb(project.dir().resolve("model.mv.db").toFile().length()), Report.mb(project.historyFileBytes()));
            List<Run> measured = new ArrayList<>();
            if (!hasArchive(archives)) {
                Run first = launch(launcher, project.dir(), archives);
                if (first == null) {
                    ok = false;
                } else {
                    Report.detail("first start after a build (no class archive yet; this run writes it on exit): %s", describe(first));
                    Report.summary("start-first: first start after a build (writes the class archive): %d ms (CPU %d ms) — for information",
                            first.wallMs(), first.cpuMs());
                }
            }
            for (int i = 1; ok && i <= runs; i++) {
                Run r = launch(launcher, project.dir(), archives);
                if (r == null) {
                    ok = false;
                    break;
                }
                ok &= r.restored() == OBJECTS * TAGS_PER_OBJECT && r.tags() == OBJECTS * TAGS_PER_OBJECT && r.stoppedCleanly();
                measured.add(r);
                Report.detail("run %d: %s", i, describe(r));
            }
            if (measured.isEmpty()) {
                Report.summary("start: FAIL — no launch gave a result");
            } else {
                long worst = measured.stream().mapToLong(Run::wallMs).max().getAsLong();
                Report.summary("start: ./peresvet --headless → engine running %s ms (process CPU %s ms), %d launches, 10,000 tags,"
                                + " class archive %s — goal < %d ms (every run): %s",
                        join(measured.stream().map(Run::wallMs).toList()), join(measured.stream().map(Run::cpuMs).toList()),
                        measured.size(), measured.stream().allMatch(Run::archiveBefore) ? "in use" : "NOT in use in every run",
                        GOAL_MS, Report.verdict(ok && worst < GOAL_MS));
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private static String describe(Run r) {
        return String.format(Locale.ROOT, "launch → engine running %d ms, process CPU %d ms (load %s), class archive %s;"
                        + " %d of %d tags restored from history; %s %d ms after SIGTERM",
                r.wallMs(), r.cpuMs(), r.load(), r.archiveBefore() ? "in use" : "not there yet", r.restored(), r.tags(),
                r.stoppedCleanly() ? "stopped cleanly" : "DID NOT STOP CLEANLY", r.stopMs());
    }

    private static String join(List<Long> values) {
        return String.join(" / ", values.stream().map(String::valueOf).toList());
    }

    private static boolean hasArchive(Path archives) throws IOException {
        if (!Files.isDirectory(archives)) {
            return false;
        }
        try (Stream<Path> files = Files.list(archives)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"));
        }
    }

    /** The launcher builds the app when sources changed; that build must not be timed as a start. */
    private static void ensureBuilt(Path launcher) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
        running = p;
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the launcher failed: " + out);
        }
        Report.detail("launcher ready (%s) in %.1f s", out.lines().filter(l -> l.startsWith("Peresvet ")).findFirst().orElse(out), (System.nanoTime() - t0) / 1e9);
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

    /** Launches {@code peresvet --headless} once; null (with the reason printed) when it did not get to running. */
    private static Run launch(Path launcher, Path dir, Path archives) throws IOException, InterruptedException {
        boolean archiveBefore = hasArchive(archives);
        Path stderr = Files.createTempFile("peresvet-start", ".log");
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(launcher.toString(), "--headless", "--project", dir.toString(), "--api-port", "0")
                    .redirectError(stderr.toFile()).start();
            running = p;
            long wallMs = -1;
            long cpuMs = -1;
            boolean stopped = false;
            long stopMs = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (wallMs < 0 && line.startsWith("Peresvet engine running")) {
                        wallMs = (System.nanoTime() - t0) / 1_000_000;
                        // The script replaces itself with the JVM (exec), except in the run that writes
                        // the class archive, where the JVM is its child: count both.
                        cpuMs = Stream.concat(Stream.of(p.toHandle()), p.descendants())
                                .mapToLong(h -> h.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
                        p.toHandle().destroy(); // SIGTERM, as Ctrl-C or a service manager stops it (keeps the pipes open)
                        t0 = System.nanoTime();
                    } else if (line.startsWith("Peresvet engine stopped")) {
                        stopped = true;
                    }
                }
            }
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Report.detail("peresvet --headless did not stop within 90 s");
                return null;
            }
            stopMs = (System.nanoTime() - t0) / 1_000_000;
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            if (wallMs < 0) {
                Report.detail("peresvet --headless exited (code %d) before the engine ran; its output:%n%s", p.exitValue(), log);
                return null;
            }
            Matcher m = RESTORED.matcher(log);
            int tags = -1;
            int restored = -1;
            if (m.find()) {
                tags = Integer.parseInt(m.group(1));
                restored = Integer.parseInt(m.group(2));
            }
            return new Run(wallMs, cpuMs, tags, restored, archiveBefore, stopped && p.exitValue() == 0, stopMs,
                    String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
