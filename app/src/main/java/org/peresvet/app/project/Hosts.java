package org.peresvet.app.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This PC's name, for the origin of what the workstation records, found without a network lookup. */
public final class Hosts {
    private static final String NAME = find();

    private Hosts() {
    }

    /** The host name, or "localhost" when none is known. */
    public static String local() {
        return NAME;
    }

    /** The origin of a person's changes made at this workstation: "workstation HOST". */
    public static String workstationOrigin() {
        return "workstation " + NAME;
    }

    private static String find() {
        for (String env : new String[] {"COMPUTERNAME", "HOSTNAME"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String v = Files.readString(etc).strip();
                if (!v.isEmpty()) {
                    return v;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no name: the fallback below
        }
        return "localhost";
    }
}
