package org.peresvet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Figures of issue 21 from the installed image ({@code installer/build-installer.sh --deb} first):
 * its size, the .deb's size, the headless engine answering {@code /v1/health} (timed from launching
 * {@code bin/peresvet --headless} to the first 200) and the workstation window shown (timed from
 * launching {@code bin/peresvet} to the first laid-out frame, which the app reports with
 * {@code -Dperesvet.reportStart=true}; needs an X display, or Xvfb to start one). Each start runs
 * {@code --runs} times on the same project; the first is reported apart (it creates the files).
 *
 * <pre>java -cp bench/target/classes:bench/target/lib/* org.peresvet.bench.InstalledStartBench [--image target/installer/peresvet] [--runs 5] [--seed examples/pump-station/project.json]</pre>
 */
public final class InstalledStartBench {
    private static final long HEADLESS_GOAL_MS = 2000;
    private static final long WINDOW_GOAL_MS = 3000;

    private InstalledStartBench() {
    }

    public static void main(String[] args) throws Exception {
        Path image = Path.of(arg(args, "image", "target/installer/peresvet")).toAbsolutePath();
        int runs = Integer.parseInt(arg(args, "runs", "5"));
        Path launcher = image.resolve("bin/peresvet");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing: run installer/build-installer.sh --deb first");
        }
        System.out.printf("machine: %d cores, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long imageBytes = sizeOf(image);
        System.out.printf("installed image: %s, %.1f MB (goal <= 110 MB)%n", image, imageBytes / 1e6);
        Path deb = debNextTo(image);
        if (deb != null) {
            System.out.printf("package: %s, %.1f MB (goal <= 60 MB)%n", deb.getFileName(), Files.size(deb) / 1e6);
        }
        Path home = Files.createTempDirectory("peresvet-start-bench");
        // The demo project, as a user's first project would be (its seed is read at the first start).
        Path project = Files.createDirectories(home.resolve("project"));
        Files.copy(Path.of(arg(args, "seed", "examples/pump-station/project.json")), project.resolve("project.json"));
        long[] headless = new long[runs];
        for (int i = 0; i < runs; i++) {
            headless[i] = headlessStart(launcher, home, project);
        }
        report("headless /v1/health answering", headless, HEADLESS_GOAL_MS);
        String display = System.getenv("DISPLAY");
        Process xvfb = null;
        if (display == null || display.isBlank()) {
            display = ":77";
            xvfb = startXvfb(display);
        }
        if (display == null) {
            System.out.println("window shown: not measured (no DISPLAY and no Xvfb: apt-get install xvfb)");
            return;
        }
        try {
            long[] window = new long[runs];
            for (int i = 0; i < runs; i++) {
                window[i] = windowStart(launcher, home, project, display);
            }
            report("workstation window shown", window, WINDOW_GOAL_MS);
        } finally {
            if (xvfb != null) {
                xvfb.destroy();
            }
        }
    }

    private static long headlessStart(Path launcher, Path home, Path project) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--headless", "--project", project.toString(),
                "--api-port", String.valueOf(port)).redirectErrorStream(true).redirectOutput(home.resolve("headless.log").toFile());
        pb.environment().put("HOME", home.toString());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the headless engine exited with " + p.exitValue() + ": see " + home.resolve("headless.log"));
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - t0) / 1_000_000;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("no answer from /v1/health within 60 s");
        } finally {
            stop(p);
        }
    }

    private static long windowStart(Path launcher, Path home, Path project, String display) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--project", project.toString(), "--no-api")
                .redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("DISPLAY", display);
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Dperesvet.reportStart=true");
        long t0 = System.nanoTime();
        Process p = pb.start();
        CompletableFuture<Long> shown = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            // Reads the output to its end (a full pipe would stall the app), noting the line.
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (output.length() < 4000) {
                        output.append(line).append('\n');
                    }
                    if (line.startsWith("Peresvet window shown")) {
                        shown.complete((System.nanoTime() - t0) / 1_000_000);
                    }
                }
            } catch (IOException e) {
                shown.completeExceptionally(e);
            }
            shown.completeExceptionally(new IllegalStateException("the workstation ended without showing its window "
                    + "(a desktop needs GTK 3: apt-get install libgtk-3-0); its output:\n" + output));
        }, "start-bench-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return shown.get(60, TimeUnit.SECONDS);
        } finally {
            stop(p);
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: the engine stops cleanly and releases the project
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    private static Process startXvfb(String display) throws Exception {
        Path xvfb = Stream.of("/usr/bin/Xvfb", "/usr/local/bin/Xvfb").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (xvfb == null) {
            return null;
        }
        Process x = new ProcessBuilder(xvfb.toString(), display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path socket = Path.of("/tmp/.X11-unix/X" + display.substring(1));
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(25);
        }
        return x;
    }

    private static void report(String what, long[] ms, long goal) {
        long first = ms[0];
        long[] rest = Arrays.copyOfRange(ms, 1, ms.length);
        Arrays.sort(rest);
        long median = rest.length == 0 ? first : rest[rest.length / 2];
        System.out.printf("%s: first start %d ms (creates the project files), then median %d ms of %s (goal < %d ms): %s%n",
                what, first, median, Arrays.toString(rest), goal, median < goal ? "PASS" : "FAIL");
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static Path debNextTo(Path image) throws IOException {
        List<Path> debs = new ArrayList<>();
        try (Stream<Path> files = Files.list(image.getParent())) {
            files.filter(f -> f.getFileName().toString().endsWith(".deb")).forEach(debs::add);
        }
        return debs.isEmpty() ? null : debs.get(0);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
