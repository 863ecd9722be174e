package org.peresvet.bench.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.peresvet.export.ExportStatus;
import org.peresvet.export.Exporters;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/** What the export load drivers share: a real VictoriaMetrics, a model, a sample generator, CPU time. */
final class ExportBench {
    static final Path BINARY = Path.of(System.getProperty("vm.binary", "/usr/bin/victoria-metrics"));

    private ExportBench() {
    }

    /** A VictoriaMetrics process on a free loopback port with its own data folder. */
    static final class Vm implements AutoCloseable {
        final Path dir;
        final int port;
        Process process;

        Vm(Path dir) throws IOException {
            this.dir = dir;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                this.port = s.getLocalPort();
            }
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        Vm start() throws IOException, InterruptedException {
            process = new ProcessBuilder(BINARY.toString(), "-httpListenAddr=127.0.0.1:" + port,
                    "-storageDataPath=" + dir.resolve("data"), "-retentionPeriod=100y", "-loggerLevel=ERROR")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("vm.log").toFile()).start();
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 300; i++) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(url() + "/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return this;
                    }
                } catch (IOException e) {
                    // not yet
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("victoria-metrics did not start; see " + dir.resolve("vm.log"));
        }

        /** CPU time (ms) the server used so far, from /proc. */
        long cpuMillis() {
            try {
                String[] f = Files.readString(Path.of("/proc/" + process.pid() + "/stat")).split(" ");
                long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
                return ticks * 10; // USER_HZ is 100 on Linux
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        @Override
        public void close() {
            if (process != null) {
                process.destroy();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    static Path tempDir(String name) throws IOException {
        return Files.createTempDirectory("peresvet-bench-" + name);
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code objects} objects with {@code perObject} double tags each. */
    static ModelSnapshot model(int objects, int perObject) {
        List<ModelEdit> edits = new ArrayList<>();
        ObjectDef plant = ObjectDef.create(null, "Plant");
        edits.add(new ModelEdit.PutObject(plant));
        for (int o = 0; o < objects; o++) {
            ObjectDef unit = ObjectDef.create(plant.id(), "Unit " + o);
            edits.add(new ModelEdit.PutObject(unit));
            for (int t = 0; t < perObject; t++) {
                edits.add(new ModelEdit.PutTag(TagDef.builder(unit.id(), "Value " + t, ValueType.DOUBLE).units("bar").build()));
            }
        }
        return ModelSnapshot.empty().apply(edits).snapshot();
    }

    /** Makes batches of samples: every tag once per tick, ticks {@code tickMicros} apart. */
    static final class Generator {
        final List<TagDef> tags;
        long x;
        final long tickMicros;
        long tick;

        Generator(ModelSnapshot model, long startMicros, long tickMicros) {
            this.tags = new ArrayList<>(model.tags());
            this.x = startMicros;
            this.tickMicros = tickMicros;
        }

        List<TagSample> next(int ticks) {
            List<TagSample> out = new ArrayList<>(ticks * tags.size());
            for (int k = 0; k < ticks; k++, tick++, x += tickMicros) {
                for (int i = 0; i < tags.size(); i++) {
                    out.add(new TagSample(tags.get(i).id(), Sample.of(x, Math.sin(tick * 0.01 + i) * 100 + i)));
                }
            }
            return out;
        }
    }

    /** CPU time (ns) of this JVM's exporter threads. */
    static long exporterCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (Exporters.isExporterThread(t.getName())) {
                long c = mx.getThreadCpuTime(t.getId());
                if (c > 0) {
                    sum += c;
                }
            }
        }
        return sum;
    }

    static ExportStatus.Target target(Exporters x) {
        return x.status().targets().get(0);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long arg(String[] args, String name, long def) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return Long.parseLong(a.substring(name.length() + 3));
            }
        }
        return def;
    }

    static boolean flag(String[] args, String name) {
        for (String a : args) {
            if (a.equals("--" + name)) {
                return true;
            }
        }
        return false;
    }
}
