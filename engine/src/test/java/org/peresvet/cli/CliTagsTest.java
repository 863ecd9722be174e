package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.cli.CliSupport.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.TagDef;
import org.peresvet.model.io.TagCsv;

class CliTagsTest {
    /** The header of files written before calculated tags: 14 columns, rows of 14 cells. */
    private static final String V1 = "path,type,units,min,max,deadband,step,update,default,enabled,source,sourceConfig,description,id";

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void demo() throws Exception {
        dir = CliSupport.demoProject(tmp);
    }

    @Test
    void listPrintsAnAlignedTableSortedByPath() throws Exception {
        CliSupport.Run r = run("tags", "list", "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        int tags = CliSupport.demoTagCount();
        assertThat(lines).hasSize(tags + 1);
        assertThat(lines.get(0)).matches("PATH +TYPE +UNITS +SOURCE");
        assertThat(lines.get(1)).matches("/PumpStation/Inlet/Flow +double +m3/h +manual");
        assertThat(lines).anyMatch(l -> l.matches("/PumpStation/Tank1/LevelSetpoint +double +m +manual"))
                .anyMatch(l -> l.matches("/PumpStation/Inlet/Pressure +double +bar +simulated"))
                .anyMatch(l -> l.matches("/PumpStation/PumpBoard2/Pump +bool +connector"));
        int typeColumn = lines.get(0).indexOf("TYPE");
        int sourceColumn = lines.get(0).indexOf("SOURCE");
        for (String l : lines.subList(1, lines.size())) {
            assertThat(l.charAt(typeColumn - 1)).as(l).isEqualTo(' ');
            assertThat(l.charAt(typeColumn)).as(l).isNotEqualTo(' ');
            assertThat(l.substring(sourceColumn)).as(l).matches("simulated|manual|connector");
        }
        assertThat(lines).anyMatch(l -> l.startsWith("/PumpStation/Tank1/Temperature"));
    }

    @Test
    void listOfASubtree() {
        CliSupport.Run r = run("tags", "list", "--project", dir.toString(), "--subtree", "/PumpStation/Pump2");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines().skip(1).map(l -> l.split(" +")[0]))
                .allMatch(p -> p.startsWith("/PumpStation/Pump2/"))
                .containsSubsequence("/PumpStation/Pump2/Auto", "/PumpStation/Pump2/Command", "/PumpStation/Pump2/Current",
                        "/PumpStation/Pump2/RunHours", "/PumpStation/Pump2/Running", "/PumpStation/Pump2/Speed");
    }

    @Test
    void exportCsvPrintsEveryTag() throws Exception {
        CliSupport.Run r = run("tags", "export-csv", "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith(TagCsv.HEADER + "\r\n");
        assertThat(r.out().split("\r\n")).hasSize(CliSupport.demoTagCount() + 1);
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            assertThat(r.out()).isEqualTo(TagCsv.write(engine.model(), null));
        }
    }

    @Test
    void csvRoundTripChangesOnlyTheEditedCell() throws Exception {
        Path file = tmp.resolve("tags.csv");
        CliSupport.Run r = run("tags", "export-csv", "--project", dir.toString(), "-o", file.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Exported " + CliSupport.demoTagCount() + " tags to " + file + "\n");

        String csv = Files.readString(file);
        String edited = csv.replace("/PumpStation/Tank1/Level,double,m,0,5,", "/PumpStation/Tank1/Level,double,m,0,6,");
        assertThat(edited).isNotEqualTo(csv);
        Files.writeString(file, edited);
        r = run("tags", "import-csv", file.toString(), "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Imported " + file + ": 0 tags created, 1 updated, " + (CliSupport.demoTagCount() - 1)
                + " unchanged; 0 objects created\n");

        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            assertThat(engine.model().findTag("/PumpStation/Tank1/Level").orElseThrow().max()).isEqualTo(6.0);
            assertThat(TagCsv.write(engine.model(), null)).isEqualTo(edited);
        }
    }

    @Test
    void csvRowsCreateTagsAndObjectsWithQuotedCommasAndLineBreaks() throws Exception {
        Path file = tmp.resolve("new.csv");
        Files.writeString(file, V1 + "\r\n"
                + "/PumpStation/Pump3/Running,bool,,,,,true,,false,,,,\"Pump 3, standby \"\"B\"\"\nstarts on demand\",\r\n"
                + "/PumpStation/Pump3/Speed,double,%,0,100,0.1,,,,,simulated,\"{\"\"function\"\":\"\"sine\"\",\"\"period\"\":60}\",,\r\n");
        CliSupport.Run r = run("tags", "import-csv", file.toString(), "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).endsWith(": 2 tags created, 0 updated, 0 unchanged; 1 objects created\n");
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            TagDef running = engine.model().findTag("/PumpStation/Pump3/Running").orElseThrow();
            assertThat(running.description()).isEqualTo("Pump 3, standby \"B\"\nstarts on demand");
            assertThat(running.defaultValue()).isEqualTo(false);
            assertThat(engine.model().findTag("/PumpStation/Pump3/Speed").orElseThrow().sourceConfig())
                    .isEqualTo("{\"function\":\"sine\",\"period\":60}");
        }
    }

    @Test
    void csvErrorsNameLineAndColumnAndChangeNothing() throws Exception {
        String before = run("tags", "export-csv", "--project", dir.toString()).out();
        String good = "/PumpStation/Tank1/Extra,double,,,,,,,,,,,,\r\n";
        assertCsvError(V1 + "\r\n" + good + "/PumpStation/Tank1/X,decimal,,,,,,,,,,,,\r\n", "line 3, column type: ");
        assertCsvError(V1 + "\r\n" + good + "/PumpStation/Tank1/X,double,,,ten,,,,,,,,,\r\n",
                "line 3, column max: 'ten' is not a number");
        assertCsvError(V1 + "\r\n" + good + good, "line 3, column path: duplicate path /PumpStation/Tank1/Extra, also on line 2");
        assertCsvError(V1 + "\r\n" + good + "/PumpStation/Tank1/X,double,,5,1,,,,,,,,,\r\n",
                "line 3, column min: min 5.0 is greater than max 1.0 (/PumpStation/Tank1/X)");
        assertThat(run("tags", "export-csv", "--project", dir.toString()).out()).isEqualTo(before);
    }

    private void assertCsvError(String csv, String expected) throws Exception {
        Path file = tmp.resolve("bad.csv");
        Files.writeString(file, csv);
        CliSupport.Run r = run("tags", "import-csv", file.toString(), "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: " + file + " " + expected).hasLineCount(1);
    }
}
