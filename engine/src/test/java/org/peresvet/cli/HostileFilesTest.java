package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.cli.CliSupport.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.io.FileImport;
import org.peresvet.model.io.ProjectGen;
import org.peresvet.model.io.TagCsv;

/**
 * A generated, seeded suite of hostile files in many families (truncated and trailing documents,
 * duplicate keys, wrong types, deep nesting, huge strings, bad UTF-8 and UTF-16, bad names,
 * non-finite numbers, overflowing periods and integers, bad references, short and long CSV rows,
 * broken quoting...), each tried through the CLI against a copy of the demo project and through
 * the workstation's import path ({@link FileImport}). Each must be refused with one clear line,
 * and leave the project byte-for-byte as it was: its file untouched when the refusal comes before
 * the project is opened, else (H2 rewrites its file on every open) its JSON and CSV exports
 * byte-for-byte the same. Files that are valid are imported, and must round-trip through export.
 */
class HostileFilesTest {
    private static final long SEED = 27;
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;
    Path dir;
    String demoJson;
    String demoCsv;

    @BeforeEach
    void demo() throws Exception {
        dir = CliSupport.demoProject(tmp);
        demoJson = run("project", "export", "--project", dir.toString()).out();
        demoCsv = run("tags", "export-csv", "--project", dir.toString()).out();
    }

    record Hostile(String family, String name, byte[] bytes) {
    }

    @Test
    void hostileFilesAreRefusedWithOneLineAndChangeNothing() throws Exception {
        List<Hostile> files = generate(new Random(SEED));
        assertThat(files.stream().map(Hostile::family).distinct().count()).isGreaterThanOrEqualTo(19);
        ModelSnapshot demoModel;
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            demoModel = e.model();
        }
        String dbBefore = digest(dir.resolve("model.mv.db"));
        for (Hostile h : files) {
            String what = h.family() + " / " + h.name();
            Path f = tmp.resolve(h.name());
            Files.write(f, h.bytes());
            boolean csv = FileImport.isCsv(h.name());
            CliSupport.Run r = csv ? run("tags", "import-csv", f.toString(), "--project", dir.toString())
                    : run("project", "import", f.toString(), "--project", dir.toString());
            assertThat(r.exit()).as(what + "\n" + r).isEqualTo(PeresvetCli.EXIT_INVALID_INPUT);
            assertThat(r.out()).as(what).isEmpty();
            oneClearLine(r.err(), what);
            String db = digest(dir.resolve("model.mv.db"));
            if (!db.equals(dbBefore)) {
                // Refused after the project was opened: H2 rewrites its file on every open (an export
                // does too), so the project's content is compared, byte for byte, in both formats.
                assertThat(run("project", "export", "--project", dir.toString()).out()).as(what).isEqualTo(demoJson);
                assertThat(run("tags", "export-csv", "--project", dir.toString()).out()).as(what).isEqualTo(demoCsv);
                dbBefore = digest(dir.resolve("model.mv.db"));
            }

            // The workstation's import path: refused the same way, before anything is applied.
            ModelException e = org.assertj.core.api.Assertions.catchThrowableOfType(ModelException.class,
                    () -> FileImport.edits(demoModel, h.name(), h.bytes(), null));
            assertThat(e).as(what + ": refused by the workstation's import").isNotNull();
            oneClearLine("error: " + e.getMessage() + "\n", what);
        }
        assertThat(run("project", "export", "--project", dir.toString()).out()).isEqualTo(demoJson);
        assertThat(run("tags", "export-csv", "--project", dir.toString()).out()).isEqualTo(demoCsv);
    }

    @Test
    void acceptedFilesRoundTripThroughExport() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            ObjectNode doc = new ProjectGen(SEED * 100 + seed).project();
            Path file = tmp.resolve("gen" + seed + ".json");
            Files.writeString(file, doc.toPrettyString(), StandardCharsets.UTF_8);
            Path first = tmp.resolve("first" + seed);
            CliSupport.Run r = run("project", "import", file.toString(), "--project", first.toString(), "--replace");
            assertThat(r.exit()).as(r.toString()).isZero();
            Path exported = tmp.resolve("exported" + seed + ".json");
            assertThat(run("project", "export", "--project", first.toString(), "-o", exported.toString()).exit()).isZero();
            Path second = tmp.resolve("second" + seed);
            r = run("project", "import", exported.toString(), "--project", second.toString(), "--replace");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(run("project", "export", "--project", second.toString()).out()).isEqualTo(Files.readString(exported));

            // The tag CSV of the same project, through the CLI: imported again, nothing changes.
            Path csv = tmp.resolve("tags" + seed + ".csv");
            assertThat(run("tags", "export-csv", "--project", second.toString(), "-o", csv.toString()).exit()).isZero();
            r = run("tags", "import-csv", csv.toString(), "--project", second.toString());
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains(" 0 tags created, 0 updated, ");
            assertThat(run("project", "export", "--project", second.toString()).out()).isEqualTo(Files.readString(exported));
        }
    }

    private static void oneClearLine(String err, String what) {
        assertThat(err).as(what).startsWith("error: ").endsWith("\n");
        String line = err.substring(0, err.length() - 1);
        assertThat(line).as(what + ": one line").doesNotContain("\n").doesNotContain("\r");
        assertThat(line.codePoints().filter(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.FORMAT).count()).as(what + ": no raw control or format characters: " + line).isZero();
        assertThat(line.length()).as(what + ": short").isLessThan(2_200);
        assertThat(line).as(what + ": says what").hasSizeGreaterThan(20);
    }

    // ---- the families ----

    private List<Hostile> generate(Random r) {
        List<Hostile> out = new ArrayList<>();
        byte[] doc = demoJson.getBytes(StandardCharsets.UTF_8);
        String[] names = {"Tank\u0085", "Tank\u009b2", "Tank\u202e", "Zero\u200bWidth", "Line\u2028Sep", "Tab\tName", "New\nLine",
            "CR\rName", "Esc\u001b[2J", "Slash/Name", "{Brace}", "", " ", " Lead", "Trail ", "..", "Bom\ufeff", "Non\uffff",
            "Soft\u00adHyphen", "Del\u007f", "x".repeat(129)};

        for (int i = 0; i < 4; i++) {
            int cut = 1 + r.nextInt(doc.length - 2);
            out.add(new Hostile("truncated", "trunc" + i + ".json", java.util.Arrays.copyOf(doc, cut)));
        }
        String[] tails = {"}", "x", "{}", "\u0000", "// c", "/* c */", "]", "\"s\"", "1", "null", "\u001b[2J", "{\"format\":\"peresvet-project\"}"};
        for (int i = 0; i < 4; i++) {
            out.add(new Hostile("trailing content", "trail" + i + ".json", (demoJson + tails[r.nextInt(tails.length)]).getBytes(StandardCharsets.UTF_8)));
        }
        out.add(new Hostile("duplicate keys", "dup-format.json", "{\"format\":\"evil\",\"format\":\"peresvet-project\"}".getBytes(StandardCharsets.UTF_8)));
        out.add(new Hostile("duplicate keys", "dup-objects.json", "{\"objects\":[],\"objects\":[{\"name\":\"X\"}]}".getBytes(StandardCharsets.UTF_8)));
        out.add(new Hostile("duplicate keys", "dup-tagkey.json", json("{\"name\":\"T\",\"type\":\"double\",\"type\":\"int\"}")));
        String[][] wrongTypes = {{"type", "5"}, {"min", "\"low\""}, {"step", "\"yes\""}, {"name", "[]"}, {"deadband", "{}"}, {"alarms", "1"}};
        for (String[] w : wrongTypes) {
            out.add(new Hostile("wrong types", "type-" + w[0] + ".json", json("{\"name\":\"T\",\"type\":\"double\",\"" + w[0] + "\":" + w[1] + "}")));
        }
        out.add(new Hostile("deep nesting", "deep.json", ("{\"objects\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}").getBytes(StandardCharsets.UTF_8)));
        out.add(new Hostile("huge string", "huge-name.json", ("{\"objects\":[{\"name\":\"" + "N".repeat(3_000_000) + "\"}]}").getBytes(StandardCharsets.UTF_8)));
        byte[][] badUtf8 = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        for (int i = 0; i < badUtf8.length; i++) {
            out.add(new Hostile("invalid UTF-8", "utf8-" + i + ".json", insert(doc, 10 + r.nextInt(doc.length - 20), badUtf8[i])));
        }
        out.add(new Hostile("UTF-16", "utf16.json", demoJson.getBytes(StandardCharsets.UTF_16)));
        for (int i = 0; i < 6; i++) {
            String bad = names[r.nextInt(names.length)];
            out.add(new Hostile("bad names", "name" + i + ".json", ("{\"objects\":[{\"name\":" + quote(bad) + "}]}").getBytes(StandardCharsets.UTF_8)));
        }
        out.add(new Hostile("bad names", "surrogate.json", "{\"objects\":[{\"name\":\"A\\udc00B\"}]}".getBytes(StandardCharsets.UTF_8)));
        out.add(new Hostile("bad names", "tag-c1.json", json("{\"name\":\"Level\\u0085\",\"type\":\"double\"}")));
        out.add(new Hostile("bad names", "schedule-bidi.json", "{\"schedules\":[{\"name\":\"S\\u202e\",\"every\":5}]}".getBytes(StandardCharsets.UTF_8)));
        out.add(new Hostile("bad names", "connector-nl.json", "{\"connectors\":[{\"name\":\"C\\nD\",\"kind\":\"mqtt\"}]}".getBytes(StandardCharsets.UTF_8)));
        String[][] nonFinite = {{"min", "1e309"}, {"max", "-1e400"}, {"deadband", "1e999"}, {"default", "1e309"}, {"default", "\"NaN\""},
            {"default", "\"-Infinity\""}, {"default", "\"0x1p3\""}};
        for (String[] n : nonFinite) {
            out.add(new Hostile("non-finite numbers", "nonfinite-" + n[0] + n[1].hashCode() + ".json",
                    json("{\"name\":\"T\",\"type\":\"double\",\"" + n[0] + "\":" + n[1] + "}")));
        }
        out.add(new Hostile("non-finite numbers", "nan-token.json", json("{\"name\":\"T\",\"type\":\"double\",\"default\":NaN}")));
        out.add(new Hostile("non-finite numbers", "json-default.json", json("{\"name\":\"T\",\"type\":\"json\",\"default\":{\"a\":1e309}}")));
        out.add(new Hostile("non-finite numbers", "alarm-limit.json",
                json("{\"name\":\"T\",\"type\":\"double\",\"alarms\":[{\"kind\":\"hi\",\"limit\":1e309}]}")));
        for (String p : new String[] {"every 5124095576031h", "every 99999999999999999999999s", "every 367d", "every 9000h", "every 50ms"}) {
            out.add(new Hostile("periods", "period-" + p.hashCode() + ".json",
                    json("{\"name\":\"T\",\"type\":\"double\",\"formula\":\"1\",\"trigger\":\"" + p + "\"}")));
        }
        out.add(new Hostile("periods", "schedule-every.json", "{\"schedules\":[{\"name\":\"S\",\"every\":9223372036854775807,\"unit\":\"days\"}]}".getBytes(StandardCharsets.UTF_8)));
        out.add(new Hostile("overflowing integers", "retention.json", "{\"settings\":{\"historyRetentionDays\":10000000000}}".getBytes(StandardCharsets.UTF_8)));
        out.add(new Hostile("overflowing integers", "limit.json", ("{\"methods\":[{\"name\":\"m\",\"initiators\":[{\"event\":\"AlarmEvent\"}],"
                + "\"kind\":\"write\",\"formula\":\"1\",\"target\":\"/PumpStation/Tank1/LevelSetpoint\",\"limit\":4294967297}]}").getBytes(StandardCharsets.UTF_8)));
        out.add(new Hostile("overflowing integers", "delay.json",
                json("{\"name\":\"T\",\"type\":\"double\",\"alarms\":[{\"kind\":\"hi\",\"limit\":1,\"onDelayMs\":18446744073709551617}]}")));
        out.add(new Hostile("overflowing integers", "start.json", "{\"schedules\":[{\"name\":\"S\",\"every\":5,\"start\":\"+999999999-12-31T23:59:59Z\"}]}".getBytes(StandardCharsets.UTF_8)));
        out.add(new Hostile("unknown types", "type.json", json("{\"name\":\"T\",\"type\":\"float64\"}")));
        out.add(new Hostile("unknown types", "key.json", json("{\"name\":\"T\",\"type\":\"double\",\"colour\\u001b[31m\":1}")));
        out.add(new Hostile("formulas", "self.json", json("{\"name\":\"T\",\"type\":\"double\",\"formula\":\"{T} + 1\"}")));
        out.add(new Hostile("formulas", "missing.json", json("{\"name\":\"T\",\"type\":\"double\",\"formula\":\"{/No/Such} + 1\"}")));
        out.add(new Hostile("duplicate ids", "ids.json", ("{\"objects\":[{\"id\":\"00000000-0000-4000-8000-000000000001\",\"name\":\"A\"},"
                + "{\"id\":\"00000000-0000-4000-8000-000000000001\",\"name\":\"B\"}]}").getBytes(StandardCharsets.UTF_8)));
        out.add(new Hostile("bad configs", "config-dup.json",
                json("{\"name\":\"T\",\"type\":\"double\",\"source\":\"simulated\",\"sourceConfig\":\"{\\\"function\\\":\\\"sine\\\",\\\"function\\\":\\\"square\\\"}\"}")));
        out.add(new Hostile("bad configs", "config-surrogate.json",
                json("{\"name\":\"T\",\"type\":\"double\",\"source\":\"manual\",\"sourceConfig\":{\"a\":\"\\ud800\"}}")));

        // ---- CSV ----
        String header = TagCsv.HEADER + "\r\n";
        String good = "/PumpStation/Tank1/Extra,double,m,0,10,0.1,false,false,1.5,true,manual,,Extra tank,,,\r\n";
        out.add(csv("CSV cell counts", "short.csv", header + "/PumpStation/Tank1/Level,double,m,,,,,,,,,,,\r\n"));
        out.add(csv("CSV cell counts", "long.csv", header + good.replace("\r\n", ",x\r\n")));
        out.add(csv("CSV cell counts", "old-header-long.csv", "path,type,units,min,max,deadband,step,update,default,enabled,source,sourceConfig,description,id\r\n" + good));
        out.add(csv("CSV cell counts", "commas.csv", header + good + ",,,\r\n"));
        out.add(csv("CSV quoting", "unclosed.csv", header + "\"/PumpStation/Tank1/Extra,double,,,,,,,,,,,,,,\r\n"));
        out.add(csv("CSV quoting", "after-quote.csv", header + "\"/PumpStation/Tank1/Extra\"x,double,,,,,,,,,,,,,,\r\n"));
        for (String n : new String[] {"NaN", "1e309", "-Infinity", "1,5", "0x10", "1e-400", "12abc"}) {
            out.add(csv("CSV numbers", "num-" + n.hashCode() + ".csv", header + good.replace(",0,10,", "," + quoteCsv(n) + ",10,")));
            out.add(csv("CSV numbers", "default-" + n.hashCode() + ".csv", header + good.replace(",1.5,", "," + quoteCsv(n) + ",")));
        }
        for (int i = 0; i < 6; i++) {
            String bad = names[r.nextInt(names.length)];
            out.add(csv("CSV names", "csvname" + i + ".csv", header + quoteCsv("/PumpStation/" + bad + "/X") + ",double,,,,,,,,,,,,,,\r\n"));
        }
        out.add(csv("CSV names", "huge-path.csv", header + "/PumpStation/" + "P".repeat(2_000_000) + "/X,double,,,,,,,,,,,,,,\r\n"));
        out.add(csv("CSV header", "header.csv", "path;type;units\r\n" + good));
        out.add(csv("CSV header", "header-esc.csv", "path,type\u001b[2J,units\r\n" + good));
        out.add(csv("CSV periods", "csv-period.csv", header + good.replace(",,\r\n", ",1 + 2,every 5124095576031h\r\n")));
        out.add(csv("CSV configs", "csv-config.csv", header + good.replace(",manual,,", ",simulated,\"{\"\"function\"\":\"\"sine\"\"} trailing\",")));
        out.add(new Hostile("CSV invalid UTF-8", "bad-utf8.csv", insert((header + good).getBytes(StandardCharsets.UTF_8), header.length() + 20,
                new byte[] {(byte) 0xC0, (byte) 0x80})));
        out.add(new Hostile("CSV invalid UTF-8", "utf16.csv", (header + good).getBytes(StandardCharsets.UTF_16LE)));
        return out;
    }

    private static Hostile csv(String family, String name, String text) {
        return new Hostile(family, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A document with one new object holding one tag given as JSON text. */
    private static byte[] json(String tag) {
        return ("{\"format\":\"peresvet-project\",\"objects\":[{\"name\":\"Extra\",\"tags\":[" + tag + "]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        try {
            return M.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoteCsv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static byte[] insert(byte[] into, int at, byte[] what) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(into, 0, at);
        b.writeBytes(what);
        b.write(into, at, into.length - at);
        return b.toByteArray();
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
