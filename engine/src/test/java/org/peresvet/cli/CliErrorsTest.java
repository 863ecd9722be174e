package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.cli.CliSupport.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes a script can rely on, each with one "error:" line on stderr. */
class CliErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void usageErrorsExitWith2() {
        assertError(run("tags", "list", "--bogus"), 2, "error: Unknown option: '--bogus'; see 'peresvet tags list --help'");
        assertError(run("tags", "lst"), 2, "error: Unmatched argument at index 1: 'lst' (did you mean 'list'?)");
        assertError(run(), 2, "error: missing command");
        assertError(run("tags"), 2, "error: missing command: list, export-csv or import-csv");
        assertError(run("tags", "import-csv"), 2, "error: Missing required parameter: 'FILE'");
        assertError(run("history", "/A/B", "--time-step", "fast"), 2, "error: Invalid value for option '--time-step'");
        assertError(run("history", "/A/B", "--start", "yesterday"), 2, "error: Invalid value for option '--start'");
        assertError(run("--headless", "tags", "list"), 2, "error: --headless runs the engine; it cannot be combined");
        assertError(run("project", "import", "x.json", "--into", "/A", "--replace"), 2,
                "error: --into and --replace cannot be combined");
    }

    @Test
    void helpAndVersionExitWith0() {
        CliSupport.Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: peresvet").contains("history").contains("Exit codes: 0 ok");
        r = run("history", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--time-step=DURATION").contains("--project=DIR");
        r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Peresvet ");
    }

    @Test
    void anUnknownKeyInAnImportedDocumentNamesItsJsonPath() throws Exception {
        Path dir = CliSupport.demoProject(tmp);
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"format\":\"peresvet-project\",\"objects\":[{\"name\":\"A\",\"colour\":\"red\"}]}");
        String before = run("project", "export", "--project", dir.toString()).out();
        CliSupport.Run r = run("project", "import", file.toString(), "--project", dir.toString());
        assertError(r, 3, "error: " + file + ": $.objects[0].colour: unknown key (known keys: description, id, name, objects, tags)");
        assertThat(run("project", "export", "--project", dir.toString()).out()).isEqualTo(before);
    }

    @Test
    void aDocumentThatBreaksAModelRuleChangesNothing() throws Exception {
        Path dir = CliSupport.demoProject(tmp);
        Path file = tmp.resolve("clash.json");
        // Two tags with one name: refused by the model rules, after the document parsed fine.
        Files.writeString(file, "{\"objects\":[{\"name\":\"Extra\",\"tags\":[{\"name\":\"T\",\"type\":\"int\"},{\"name\":\"T\",\"type\":\"int\"}]}]}");
        String before = run("project", "export", "--project", dir.toString()).out();
        assertError(run("project", "import", file.toString(), "--project", dir.toString()), 3, "error: /Extra/T: name: 'T' already exists here");
        assertThat(run("project", "export", "--project", dir.toString()).out()).isEqualTo(before);

        // Into a new folder: nothing is left behind.
        Path fresh = tmp.resolve("fresh");
        assertError(run("project", "import", file.toString(), "--project", fresh.toString()), 3, "error: /Extra/T");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void badInputExitsWith3() throws Exception {
        Path dir = CliSupport.demoProject(tmp);
        String p = dir.toString();
        assertError(run("history", "/PumpStation/Tank1/Nothing", "--project", p), 3, "error: no tag at /PumpStation/Tank1/Nothing");
        assertError(run("history", "/PumpStation/Tank1/Level", "--project", p, "--start", "2030-01-01", "--finish", "2020-01-01"), 3,
                "error: invalid query: start 1893456000000000 (2030-01-01T00:00:00Z) is after finish 1577836800000000 (2020-01-01T00:00:00Z)");
        assertError(run("history", "/PumpStation/Tank1/Level", "--project", p, "--count", "0"), 3,
                "error: invalid query: count must be at least 1");
        assertError(run("history", "/PumpStation/Pump1/Running", "--project", p, "--value", "perhaps"), 3,
                "error: --value: value 'perhaps' is not a valid bool");
        assertError(run("tags", "list", "--project", p, "--subtree", "/Nowhere"), 3, "error: no object at /Nowhere");
        assertError(run("tags", "import-csv", tmp.resolve("missing.csv").toString(), "--project", p), 3,
                "error: cannot read " + tmp.resolve("missing.csv") + ": no such file");
        Path latin1 = tmp.resolve("latin1.csv");
        Files.write(latin1, new byte[] {'p', (byte) 0xE9, '\n'});
        assertError(run("tags", "import-csv", latin1.toString(), "--project", p), 3,
                "error: cannot read " + latin1 + ": it is not UTF-8 text");
        assertError(run("project", "export", "--project", p, "-o", tmp.resolve("no/such/dir/x.json").toString()), 3,
                "error: cannot write");
    }

    @Test
    void aFolderWithoutAProjectExitsWith4AndStaysUntouched() {
        Path nowhere = tmp.resolve("typo");
        assertError(run("tags", "list", "--project", nowhere.toString()), 4, "error: no project in " + nowhere);
        assertThat(nowhere).doesNotExist();
        assertError(run("--headless", "--project", nowhere.toString()), 4, "error: no project in " + nowhere);
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void debugAddsTheStackTrace() throws Exception {
        Path dir = CliSupport.demoProject(tmp);
        CliSupport.Run r = run("history", "/No/Such", "--project", dir.toString(), "--debug");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: no tag at /No/Such\n").contains("\tat org.peresvet.cli.");
    }

    @Test
    void exceptionsMapToExitCodes() {
        assertThat(PeresvetCli.exitCode(new org.peresvet.store.ProjectLockedException("held", null))).isEqualTo(4);
        assertThat(PeresvetCli.exitCode(new org.peresvet.store.StoreException("damaged"))).isEqualTo(4);
        assertThat(PeresvetCli.exitCode(new org.peresvet.model.ModelException("$.x", null, "bad"))).isEqualTo(3);
        assertThat(PeresvetCli.exitCode(new IllegalArgumentException("bad query"))).isEqualTo(3);
        assertThat(PeresvetCli.exitCode(new IllegalStateException("bug"))).isEqualTo(1);
    }

    private static void assertError(CliSupport.Run r, int exit, String errStart) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err()).as(r.toString()).startsWith(errStart).hasLineCount(1);
    }
}
