package org.peresvet.bench.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.peresvet.api.ApiConfig;
import org.peresvet.api.ApiServer;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * Figure (issue 28): while the project's disk is full, {@code POST /v1/data/} answers promptly
 * (it used to take 10 s for its 202): p99 under 100 ms; and once the disk has room the kept samples
 * are in the file within 10 s, with no restart. The project lives on a 32 MB tmpfs mounted here
 * (needs root), filled to 100 % with a filler file.
 *
 * <pre>java -cp bench/target/classes:bench/target/lib/* org.peresvet.bench.api.DiskFullAnswerBench
 *      [--posts 200] [--batch 100]</pre>
 */
public final class DiskFullAnswerBench {
    private static final double P99_GOAL_MS = 100;
    private static final double RECOVERY_GOAL_S = 10;

    public static void main(String[] args) throws Exception {
        int posts = Integer.parseInt(BenchTarget.arg(args, "posts", "200"));
        int batch = Integer.parseInt(BenchTarget.arg(args, "batch", "100"));
        Path mount = Files.createTempDirectory("peresvet-disk-full-bench");
        run("mount", "-t", "tmpfs", "-o", "size=" + (32 << 20), "tmpfs", mount.toString());
        try {
            Path project = mount.resolve("project");
            Engine engine = Engine.open(project, EngineOptions.quiet()).start();
            ApiServer api = ApiServer.start(engine, ApiConfig.defaults().withPort(0));
            try {
                ObjectDef root = ObjectDef.create(null, "Bench");
                TagDef tag = TagDef.builder(root.id(), "T", ValueType.DOUBLE).build();
                engine.edit(new ModelEdit.PutObject(root), new ModelEdit.PutTag(tag));
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                URI uri = URI.create(api.url() + "/v1/data/");
                long t0 = Micros.now() - 3_600_000_000L;
                post(http, uri, tag.id(), t0, 0, batch); // the tag has history before the disk fills
                fill(mount.resolve("filler.bin"));
                double[] millis = new double[posts];
                int accepted = 0;
                int refused = 0;
                for (int p = 0; p < posts; p++) {
                    long start = System.nanoTime();
                    int status = post(http, uri, tag.id(), t0, (p + 1) * batch, batch);
                    millis[p] = (System.nanoTime() - start) / 1e6;
                    if (status == 200 || status == 202) {
                        accepted++;
                    } else if (status == 507) {
                        refused++;
                    } else {
                        throw new IllegalStateException("POST answered " + status);
                    }
                }
                String fault = engine.status().historyError();
                Files.delete(mount.resolve("filler.bin"));
                long freed = System.nanoTime();
                while ((engine.historyHealth().failing() || engine.historyHealth().kept() > 0)
                        && System.nanoTime() - freed < 60_000_000_000L) {
                    Thread.sleep(10);
                }
                double recovery = (System.nanoTime() - freed) / 1e9;
                Arrays.sort(millis);
                double p50 = millis[(int) Math.ceil(0.50 * posts) - 1];
                double p99 = millis[(int) Math.ceil(0.99 * posts) - 1];
                double max = millis[posts - 1];
                System.out.println("  history fault seen: " + fault);
                System.out.printf(Locale.ROOT, "  %d POSTs of %d samples on a full disk: %d acknowledged (200/202), %d refused (507)%n",
                        posts, batch, accepted, refused);
                System.out.printf(Locale.ROOT, "Disk full, POST /v1/data/ answer: p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                        + "figure p99 < %.0f ms (was 10 s): %s%n", p50, p99, max, P99_GOAL_MS, p99 < P99_GOAL_MS ? "PASS" : "FAIL");
                System.out.printf(Locale.ROOT, "Disk freed, kept samples in the file after %.2f s; figure < %.0f s: %s%n",
                        recovery, RECOVERY_GOAL_S, recovery < RECOVERY_GOAL_S ? "PASS" : "FAIL");
            } finally {
                api.close();
                engine.close();
            }
        } finally {
            run("umount", "-l", mount.toString());
            Files.deleteIfExists(mount);
        }
    }

    private static int post(HttpClient http, URI uri, UUID tag, long t0, int from, int n) throws Exception {
        StringBuilder sb = new StringBuilder("{\"data\":[{\"tagId\":\"").append(tag).append("\",\"data\":[");
        for (int i = from; i < from + n; i++) {
            sb.append(i == from ? "" : ",").append('[').append(t0 + i * 1000L).append(',').append(Math.sin(i)).append(']');
        }
        sb.append("]}]}");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(sb.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // no space left: the disk is full
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (this figure needs root to mount a tmpfs)");
        }
    }
}
