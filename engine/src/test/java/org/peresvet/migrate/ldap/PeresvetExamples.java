package org.peresvet.migrate.ldap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The reference's example export (a pump station) and variants of it for the tests. */
public final class PeresvetExamples {
    private PeresvetExamples() {
    }

    public static byte[] pumpStation() {
        try (InputStream in = PeresvetExamples.class.getResourceAsStream("pump-station.ldif")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pumpStationText() {
        return new String(pumpStation(), StandardCharsets.UTF_8);
    }

    /** The example as an export without operational attributes: no entryUUID lines. */
    public static byte[] withoutEntryUuid() {
        return pumpStationText().replaceAll("(?m)^entryUUID: .*\\R", "").getBytes(StandardCharsets.UTF_8);
    }
}
