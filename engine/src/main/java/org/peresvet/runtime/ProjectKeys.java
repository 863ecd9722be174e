package org.peresvet.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key of one project, kept outside the project folder so that a copy of the folder
 * (a backup, a USB stick, a support upload) carries no key: {@code <keys>/<project-id>.key},
 * readable by the owner only, made on first need. The folder is the system property
 * {@value #PROPERTY}, else {@code keys/} in {@code peresvet.home}, else {@code ~/.peresvet/keys}.
 * Each use derives its own sub-key (audit seal, secrets), so one never serves two purposes.
 */
public final class ProjectKeys {
    public static final String PROPERTY = "peresvet.keys";
    /** The file in the project folder that names the project (and so its key). */
    public static final String ID_FILE = "project.id";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Object lock = new Object();
    private volatile byte[] key;
    private volatile boolean made;

    private ProjectKeys(Path file) {
        this.file = file;
    }

    /** The keys of a project id (a UUID kept in the project); nothing is read or made yet. */
    public static ProjectKeys of(String projectId) {
        if (projectId == null || !ID.matcher(projectId).matches()) {
            throw new IllegalArgumentException("not a project id: " + projectId);
        }
        return new ProjectKeys(folder().resolve(projectId + ".key"));
    }

    /**
     * The keys of the project in {@code projectDir}, named by the id in its {@code project.id}
     * (made on first need; a copy of the folder keeps the id, so the same key opens it).
     *
     * @throws IllegalStateException when the id cannot be read or written
     */
    public static ProjectKeys forProject(Path projectDir) {
        Path f = projectDir.resolve(ID_FILE);
        try {
            if (Files.isRegularFile(f)) {
                return of(Files.readString(f, StandardCharsets.US_ASCII).strip());
            }
            Files.createDirectories(projectDir);
            String id = UUID.randomUUID().toString();
            Path tmp = Files.createTempFile(projectDir, "project.id", ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, f);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
                return of(Files.readString(f, StandardCharsets.US_ASCII).strip());
            }
            return of(id);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read or make the project id " + f + ": " + e.getMessage(), e);
        }
    }

    /** The key folder this process uses. */
    public static Path folder() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p.strip());
        }
        String home = System.getProperty("peresvet.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home.strip(), "keys");
        }
        return Path.of(System.getProperty("user.home"), ".peresvet", "keys");
    }

    public Path file() {
        return file;
    }

    /** Whether the key is on this machine (it is not made by asking). */
    public boolean present() {
        return key != null || Files.isRegularFile(file);
    }

    /** Whether this process made the key (it was not there before). */
    public boolean madeHere() {
        return made;
    }

    /**
     * The key, read or made on first need.
     *
     * @throws IllegalStateException when the key folder cannot be written or the key file is damaged
     */
    public byte[] key() {
        byte[] k = key;
        if (k != null) {
            return k;
        }
        synchronized (lock) {
            if (key == null) {
                key = Files.isRegularFile(file) ? read() : make();
            }
            return key;
        }
    }

    /** The key when it is on this machine, else null (never made). */
    public byte[] keyIfPresent() {
        return present() ? key() : null;
    }

    private byte[] read() {
        try {
            byte[] k = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (k.length != 32) {
                throw new IllegalStateException("the key file " + file + " is damaged (" + k.length + " bytes, not 32)");
            }
            return k;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the key file " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] make() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            Path tmp = Files.createTempFile(dir, "key", ".tmp");
            ownerOnly(tmp, "rw-------");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(k) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file); // never over a key another process made meanwhile
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
                return read();
            }
            made = true;
            return k;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the project key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void ownerOnly(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile folder is already private to the user
        }
    }

    /** A 32-byte sub-key for one purpose ("audit", "secrets"), HMAC-SHA256 of the purpose under the key. */
    public byte[] subKey(String purpose) {
        return hmac(key(), ("peresvet/" + purpose).getBytes(StandardCharsets.UTF_8));
    }

    /** A short public name of the key (not the key): which key sealed a record, for a later check. */
    public String keyId() {
        return HexFormat.of().formatHex(subKey("key-id"), 0, 8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
