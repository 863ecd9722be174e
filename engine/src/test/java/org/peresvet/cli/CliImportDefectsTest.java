package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.cli.CliSupport.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.TagDef;
import org.peresvet.model.io.TagCsv;

/**
 * One test per defect of issue 27, each through the CLI against a copy of the demo project, each
 * failing on the code before the fix: the file is refused with one line naming the place, and the
 * project is exactly as before.
 */
class CliImportDefectsTest {
    private static final String V1 = "path,type,units,min,max,deadband,step,update,default,enabled,source,sourceConfig,description,id";
    private static final String CALC_ID = "00000000-0000-4000-8000-0000000000c1";

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void demo() throws Exception {
        dir = CliSupport.demoProject(tmp);
    }

    // ---- CSV rows with the wrong number of cells ----

    @Test
    void aShortCsvRowIsRefusedAndTheCalculatedTagKeepsItsFormulaAndTrigger() throws Exception {
        addCalculatedTag();
        String before = exportJson();
        // 14 cells under the 16-column header: the old code took formula and trigger as empty.
        String csv = TagCsv.HEADER + "\r\n/PumpStation/Tank1/Volume,double,m3,,,,,,,,,,," + CALC_ID + "\r\n";
        refused(csvFile(csv), "tags", "import-csv", "line 2: expected 16 cells, as the header has, found 14");
        assertThat(exportJson()).isEqualTo(before);
        TagDef t = tag("/PumpStation/Tank1/Volume");
        assertThat(t.formula()).isEqualTo("{Level} * 12.5");
        assertThat(t.trigger()).isEqualTo(CalcTrigger.every(5_000));
    }

    @Test
    void longRowsUnderTheOldFourteenColumnHeaderAreRefused() throws Exception {
        String before = exportJson();
        String csv = V1 + "\r\n/PumpStation/Tank1/Extra,double,,,,,,,,,,,,,{Level},every 5s\r\n";
        refused(csvFile(csv), "tags", "import-csv", "line 2: expected 14 cells, as the header has, found 16");
        assertThat(exportJson()).isEqualTo(before);
    }

    @Test
    void aFileWithoutTheFormulaColumnsKeepsTheFormulaOfAnExistingTag() throws Exception {
        addCalculatedTag();
        String csv = V1 + "\r\n/PumpStation/Tank1/Volume,double,litre,,,,,,,,,,," + CALC_ID + "\r\n";
        CliSupport.Run r = run("tags", "import-csv", csvFile(csv).toString(), "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        TagDef t = tag("/PumpStation/Tank1/Volume");
        assertThat(t.units()).isEqualTo("litre");
        assertThat(t.formula()).isEqualTo("{Level} * 12.5");
        assertThat(t.trigger()).isEqualTo(CalcTrigger.every(5_000));
    }

    // ---- trailing content and duplicate keys in a project document ----

    @Test
    void trailingContentAfterTheDocumentIsRefusedWithItsPosition() throws Exception {
        String doc = exportJson();
        String before = doc;
        String[] tails = {"}", "x", "{\"format\":\"peresvet-project\"}", "\u0000", "// comment", "/* c */", "[]", "1", "null"};
        for (String tail : tails) {
            Path f = tmp.resolve("trail.json");
            Files.writeString(f, doc + tail, StandardCharsets.UTF_8);
            CliSupport.Run r = refused(f, "project", "import", "not valid JSON at line ");
            assertThat(r.err()).as(tail).contains("column");
        }
        assertThat(exportJson()).isEqualTo(before);
    }

    @Test
    void duplicateKeysAreRefusedNotLastOneWins() throws Exception {
        String before = exportJson();
        Path f = tmp.resolve("dup.json");
        Files.writeString(f, "{\"format\":\"evil\",\"format\":\"peresvet-project\",\"objects\":[]}");
        refused(f, "project", "import", "Duplicate field 'format'");
        Files.writeString(f, "{\"objects\":[{\"name\":\"A\"}],\"objects\":[{\"name\":\"B\"}]}");
        refused(f, "project", "import", "Duplicate field 'objects'");
        assertThat(exportJson()).isEqualTo(before);
    }

    // ---- non-finite tag defaults ----

    @Test
    void nonFiniteDefaultsAreRefusedInJson() throws Exception {
        String before = exportJson();
        for (String dflt : new String[] {"1e309", "-1e309", "\"NaN\"", "\"-Infinity\"", "\"Infinity\"", "\"1e400\""}) {
            Path f = tmp.resolve("nan.json");
            Files.writeString(f, "{\"objects\":[{\"name\":\"Extra\",\"tags\":[{\"name\":\"T\",\"type\":\"double\",\"default\":"
                    + dflt + "}]}]}");
            refused(f, "project", "import", "$.objects[0].tags[0].default: ");
        }
        assertThat(exportJson()).isEqualTo(before);
    }

    @Test
    void nonFiniteDefaultsAreRefusedInCsv() throws Exception {
        String before = exportJson();
        for (String dflt : new String[] {"NaN", "1e309", "-Infinity", "0x1p3"}) {
            String csv = TagCsv.HEADER + "\r\n/PumpStation/Tank1/Extra,double,,,,,,," + dflt + ",,,,,,,\r\n";
            refused(csvFile(csv), "tags", "import-csv", "line 2, column default: ");
        }
        assertThat(exportJson()).isEqualTo(before);
    }

    // ---- trigger periods ----

    @Test
    void aTriggerPeriodThatOverflowsIsRefusedNotWrapped() throws Exception {
        String before = exportJson();
        Path f = tmp.resolve("period.json");
        Files.writeString(f, "{\"objects\":[{\"name\":\"Extra\",\"tags\":[{\"name\":\"T\",\"type\":\"double\","
                + "\"formula\":\"1 + 2\",\"trigger\":\"every 5124095576031h\"}]}]}");
        refused(f, "project", "import", "$.objects[0].tags[0].trigger: the period of 'every 5124095576031h' is too long");
        String csv = TagCsv.HEADER + "\r\n/PumpStation/Tank1/Extra,double,,,,,,,,,,,,,1 + 2,every 99999999999999999999h\r\n";
        refused(csvFile(csv), "tags", "import-csv", "line 2, column trigger: the period of ");
        assertThat(exportJson()).isEqualTo(before);
    }

    // ---- names ----

    @Test
    void aLoneSurrogateInANameIsRefusedSoExportKeepsWorking() throws Exception {
        String before = exportJson();
        Path f = tmp.resolve("surrogate.json");
        Files.writeString(f, "{\"objects\":[{\"name\":\"Bad\\ud800Name\"}]}");
        refused(f, "project", "import", "lone surrogate");
        assertThat(exportJson()).isEqualTo(before);
        Path out = tmp.resolve("export.json");
        CliSupport.Run r = run("project", "export", "--project", dir.toString(), "-o", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void c1ControlCharactersAndHiddenFormatCharactersAreRefusedInNames() throws Exception {
        String before = exportJson();
        for (String bad : new String[] {"\\u0085", "\\u009b", "\\u202e", "\\u200b", "\\u2028", "\\ufeff", "\\u007f"}) {
            Path f = tmp.resolve("c1.json");
            Files.writeString(f, "{\"objects\":[{\"name\":\"Tank" + bad + "2\"}]}");
            refused(f, "project", "import", "$.objects[0]");
        }
        // ...and in CSV paths (raw characters, as a spreadsheet writes them).
        for (String bad : new String[] {"\u0085", "\u009b", "\u202e"}) {
            refused(csvFile(TagCsv.HEADER + "\r\n/PumpStation/Tank" + bad + "2/X,double,,,,,,,,,,,,,,\r\n"),
                    "tags", "import-csv", "line 2, column path: name ");
        }
        assertThat(exportJson()).isEqualTo(before);
    }

    // ---- refusals quote safely ----

    @Test
    void refusalsEscapeControlCharactersAndCutLongValues() throws Exception {
        // A newline, a CR and an escape sequence in a bad name: one line, nothing raw reaches the terminal.
        String csv = TagCsv.HEADER + "\r\n\"/PumpStation/Ta\nnk/X\",double,,,,,,,,,,,,,,\r\n"
                + "\"/PumpStation/T\r\u001b[2J\u001b]0;owned\u0007/X\",double,,,,,,,,,,,,,,\r\n";
        CliSupport.Run r = refused(csvFile(csv), "tags", "import-csv", "line 2, column path: name 'Ta\\nnk' must not contain a control character");
        csv = TagCsv.HEADER + "\r\n\"/PumpStation/T\r\u001b[2J\u001b]0;owned\u0007/X\",double,,,,,,,,,,,,,,\r\n";
        r = refused(csvFile(csv), "tags", "import-csv", "line 2, column path: name 'T\\r\\u001B[2J\\u001B]0;owned\\u0007'");
        assertThat(r.err()).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u0007");
        // A 5 MB path is cut, with its length given, not repeated whole.
        String huge = "/PumpStation/" + "A".repeat(5_000_000) + "/X";
        r = refused(csvFile(TagCsv.HEADER + "\r\n" + huge + ",double,,,,,,,,,,,,,,\r\n"), "tags", "import-csv",
                "line 2, column path: name 'AAAA");
        assertThat(r.err()).contains("(5000000 characters)").hasSizeLessThan(1_000);
    }

    // ---- helpers ----

    private void addCalculatedTag() throws Exception {
        String csv = TagCsv.HEADER + "\r\n/PumpStation/Tank1/Volume,double,m3,,,,,,,,,,," + CALC_ID + ",{Level} * 12.5,every 5s\r\n";
        CliSupport.Run r = run("tags", "import-csv", csvFile(csv).toString(), "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(tag("/PumpStation/Tank1/Volume").formula()).isEqualTo("{Level} * 12.5");
    }

    private TagDef tag(String path) {
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            return e.model().findTag(path).orElseThrow();
        }
    }

    private Path csvFile(String csv) throws Exception {
        Path f = tmp.resolve("tags.csv");
        Files.writeString(f, csv, StandardCharsets.UTF_8);
        return f;
    }

    private String exportJson() {
        CliSupport.Run r = run("project", "export", "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.out();
    }

    /** Runs the import, which must be refused with exit 3 and exactly one line on stderr containing {@code expected}. */
    private CliSupport.Run refused(Path file, String command, String sub, String expected) {
        CliSupport.Run r = run(command, sub, file.toString(), "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(PeresvetCli.EXIT_INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: ").contains(expected).endsWith("\n");
        assertThat(r.err().strip()).as("one line").doesNotContain("\n").doesNotContain("\r");
        return r;
    }
}
