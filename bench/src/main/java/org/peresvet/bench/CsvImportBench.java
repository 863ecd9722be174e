package org.peresvet.bench;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.peresvet.cli.PeresvetCli;
import org.peresvet.engine.Engine;

/**
 * Figure (issue 27): importing a tag CSV of 100,000 rows through {@code peresvet tags import-csv}
 * — wall-clock time and peak heap, within a 1 GB heap, no slower than before the strict reading.
 *
 * <p>A copy of the demo project gets a generated file of 100,000 new tags (100 areas × 1,000 tags,
 * every column filled: types, units, ranges, deadbands, defaults, descriptions, a quoted cell with
 * a comma, ids), imported in process through the CLI. Then the same file is imported again (every
 * row unchanged), which is the cost of checking alone. Run with a 1 GB heap:
 * <pre>
 * java -Xmx1g -cp "bench/target/classes:bench/target/lib/*" org.peresvet.bench.CsvImportBench
 * </pre>
 */
public final class CsvImportBench {
    static final int ROWS = 100_000;
    /** The time the issue measured on this machine under load before the change (7.7–10.2 s). */
    static final double GOAL_SECONDS = 10.2;

    private CsvImportBench() {
    }

    public static void main(String[] args) throws Exception {
        Machine.printLoad();
        Path tmp = Files.createTempDirectory("peresvet-csv-bench");
        Path dir = tmp.resolve("project");
        Files.createDirectories(dir);
        try (InputStream in = Engine.exampleSeed("pump-station")) {
            Files.write(dir.resolve("project.json"), in.readAllBytes());
        }
        Path csv = tmp.resolve("tags.csv");
        Files.writeString(csv, rows(ROWS), StandardCharsets.UTF_8);
        Report.detail("file: %,d rows, %,d bytes", ROWS, Files.size(csv));
        // The first open seeds the project; keep it out of the figure.
        run("project", "export", "--project", dir.toString(), "-o", tmp.resolve("before.json").toString());

        System.gc();
        double create;
        double cpuCreate;
        long peakCreate;
        try (HeapPeak heap = new HeapPeak()) {
            long c0 = Machine.processCpuNanos();
            long t0 = System.nanoTime();
            String out = run("tags", "import-csv", csv.toString(), "--project", dir.toString());
            create = (System.nanoTime() - t0) / 1e9;
            cpuCreate = (Machine.processCpuNanos() - c0) / 1e9;
            peakCreate = heap.peakUsedBytes();
            Report.detail("%s", out.strip());
        }
        System.gc();
        double again;
        double cpuAgain;
        long peakAgain;
        try (HeapPeak heap = new HeapPeak()) {
            long c0 = Machine.processCpuNanos();
            long t0 = System.nanoTime();
            String out = run("tags", "import-csv", csv.toString(), "--project", dir.toString());
            again = (System.nanoTime() - t0) / 1e9;
            cpuAgain = (Machine.processCpuNanos() - c0) / 1e9;
            peakAgain = heap.peakUsedBytes();
            Report.detail("%s", out.strip());
        }
        long max = HeapPeak.maxHeapBytes();
        System.out.printf(Locale.ROOT, "import 100,000 new tags: %.2f s (process CPU %.1f s), peak heap %d MB of %d MB%n",
                create, cpuCreate, peakCreate >> 20, max >> 20);
        System.out.printf(Locale.ROOT, "import the same file again (all unchanged): %.2f s (process CPU %.1f s), peak heap %d MB%n",
                again, cpuAgain, peakAgain >> 20);
        System.out.println("load at the end: " + Machine.loadAverage());
        boolean pass = create <= GOAL_SECONDS && peakCreate < max;
        System.out.printf(Locale.ROOT, "%s CSV import, 100,000 rows: %.2f s (goal <= %.1f s, no slower than before), peak heap %d MB (within %d MB)%n",
                pass ? "PASS" : "FAIL", create, GOAL_SECONDS, peakCreate >> 20, max >> 20);
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PeresvetCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("exit " + exit + ": " + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A deterministic file: the same bytes on every run. */
    static String rows(int n) {
        StringBuilder sb = new StringBuilder(n * 160);
        sb.append("path,type,units,min,max,deadband,step,update,default,enabled,source,sourceConfig,description,id,formula,trigger\r\n");
        for (int i = 0; i < n; i++) {
            String type = switch (i % 4) {
                case 0 -> "double";
                case 1 -> "int";
                case 2 -> "bool";
                default -> "string";
            };
            boolean numeric = i % 4 < 2;
            sb.append("/Bench/Area").append(i / 1000).append("/Tag").append(i).append(',')
                    .append(type).append(',')
                    .append(numeric ? "m3/h" : "").append(',')
                    .append(numeric ? "-" + (i % 100) : "").append(',')
                    .append(numeric ? String.valueOf(1000 + i % 7) : "").append(',')
                    .append(i % 4 == 0 ? "0.25" : "0").append(',')
                    .append(i % 3 == 0).append(',')
                    .append(i % 5 == 0).append(',')
                    .append(switch (i % 4) {
                        case 0 -> "1.5";
                        case 1 -> "7";
                        case 2 -> "false";
                        default -> "idle";
                    }).append(',')
                    .append("true,manual,,")
                    .append("\"Flow meter ").append(i).append(", line ").append(i % 10).append("\",")
                    .append(String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", i)).append(",,\r\n");
        }
        return sb.toString();
    }
}
