package org.peresvet.migrate.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.DN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 2849 as real exports use it: base64 values and DNs, folded lines; a broken file is refused with its line. */
class LdifDirectoryReaderTest {
    @TempDir
    Path tmp;

    @Test
    void base64AndFoldedValuesAreDecoded() throws Exception {
        PeresvetDirectory dir = LdifDirectoryReader.read(PeresvetExamples.pumpStation(), "pump-station.ldif", "cn=prs");
        DirEntry station = dir.get(new DN("cn=PumpStation1,cn=objects,cn=prs"));
        assertThat(station.text("description")).isEqualTo("Насосная станция №1"); // description:: base64
        assertThat(station.line()).isEqualTo(62);
        DirEntry pressure = dir.get(new DN("cn=OutletPressure,cn=PumpStation1,cn=objects,cn=prs"));
        assertThat(pressure.text("prsMaxLineDev")).isEqualTo("0.02"); // prsMaxLineDev:: MC4wMg==
        DirEntry plc = dir.get(new DN("cn=PLC-1,cn=connectors,cn=prs")); // its JSON is folded over three lines
        assertThat(plc.text("prsJsonConfigString")).isEqualTo("{\"source\": {\"host\": \"192.168.10.20\", \"port\": 502}, "
                + "\"log\": {\"level\": \"INFO\", \"fileName\": \"logs/prs_connector.log\", \"maxBytes\": 10485760, \"backupCount\": 10}}");
        // A folded DN.
        assertThat(dir.get(new DN("cn=system,cn=PressureHigh,cn=OutletPressure,cn=PumpStation1,cn=objects,cn=prs"))).isNotNull();
        assertThat(dir.size()).isEqualTo(52);
    }

    @Test
    void cyrillicDnsAndNamesInBase64() throws Exception {
        PeresvetDirectory dir = LdifDirectoryReader.read(LdapImportTest.boilerHouse(), "boiler-house.ldif", "cn=prs");
        DirEntry tag = dir.get(new DN("cn=Температура,cn=Котельная,cn=objects,cn=prs"));
        assertThat(tag.name()).isEqualTo("Температура");
        assertThat(tag.text("prsMeasureUnits")).isEqualTo("°C");
        assertThat(tag.kind()).isEqualTo("prstag"); // objectClass top first
        assertThat(dir.outsideBase()).extracting(e -> e.dn().toString()).containsExactly("cn=admin,dc=example");
    }

    @Test
    void aBrokenFileIsRefusedWithTheLineAtFault() throws Exception {
        String text = PeresvetExamples.pumpStationText();
        // A value line without a colon in the middle of the tag OutletPressure (its entry starts at line 78).
        String broken = text.replace("prsMeasureUnits: bar\n", "prsMeasureUnits bar\n");
        int line = lineOf(text, "prsMeasureUnits: bar");
        Path file = tmp.resolve("broken.ldif");
        Files.writeString(file, broken, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LdifDirectoryReader.read(file, "cn=prs"))
                .isInstanceOf(DirectoryReadException.class)
                .hasMessage(file + ": line " + line + " (in the entry starting at line 78): "
                        + "The record contains a line that does not begin with an attribute name followed by a colon.")
                .satisfies(e -> assertThat(((DirectoryReadException) e).line()).isEqualTo(line));
        // Bad base64.
        String badBase64 = text.replace("prsMaxLineDev:: MC4wMg==", "prsMaxLineDev:: MC4w*g==");
        assertThatThrownBy(() -> LdifDirectoryReader.read(badBase64.getBytes(StandardCharsets.UTF_8), "b.ldif", "cn=prs"))
                .isInstanceOf(DirectoryReadException.class)
                .hasMessageStartingWith("b.ldif: line " + lineOf(text, "prsMaxLineDev:: MC4wMg==") + " (in the entry starting at line 78): ");
        // The same DN twice.
        String twice = text + "\ndn: cn=objects,cn=prs\nobjectClass: prsModelNode\ncn: objects\n";
        assertThatThrownBy(() -> LdifDirectoryReader.read(twice.getBytes(StandardCharsets.UTF_8), "t.ldif", "cn=prs"))
                .hasMessageContaining("entry cn=objects,cn=prs appears twice (first at line 10)");
        assertThatThrownBy(() -> LdifDirectoryReader.read(tmp.resolve("none.ldif"), "cn=prs"))
                .hasMessage("cannot read " + tmp.resolve("none.ldif") + ": no such file");
    }

    @Test
    void recordStartsSkipCommentsVersionAndContinuations() {
        byte[] b = "version: 1\n\n# c\ndn: cn=a\n cn=b\ncn: a\n\n\ndn: cn=c\r\ncn: c\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(LdifDirectoryReader.recordStarts(b)).containsExactly(4, 9);
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
