package org.peresvet.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The engine's own broker password: random, made once, readable only by the owner of the project folder. */
final class EnginePassword {
    private EnginePassword() {
    }

    static String ensure(Path file) throws IOException {
        if (Files.exists(file)) {
            String pw = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (pw.length() >= 16) {
                return pw;
            }
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String pw = HexFormat.of().formatHex(random);
        Files.writeString(file, pw, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Windows: the folder's own permissions apply
        }
        return pw;
    }
}
