package org.peresvet.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes with the JDK's PBKDF2WithHmacSHA256: a random 16-byte salt per password and an
 * iteration count tuned on this machine to about {@link #TARGET_MILLIS} ms, stored with the hash
 * ({@code pbkdf2-sha256$iterations$salt$hash}, Base64), so a later retuning keeps old hashes valid.
 */
public final class PasswordHasher {
    public static final long TARGET_MILLIS = 100;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int MIN_ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
    }

    /**
     * A hasher whose iteration count takes about {@code targetMillis} on this machine (at least 10,000).
     * The probe runs until its time stops improving: in a fresh JVM the first runs are interpreted
     * or C1-compiled and several times slower than the compiled SHA-256 a later login uses, so tuning
     * on them gave a hash that took 13 ms instead of 100 ms once the JIT caught up. It probes for at
     * least a second: a plateau of C1-compiled runs also "stops improving" (a quiet bench run tuned
     * on one and its logins took 20 ms), and the JIT's final code comes within that second.
     */
    public static PasswordHasher tuned(long targetMillis) {
        char[] probe = "calibration".toCharArray();
        byte[] salt = new byte[16];
        int n = 20_000;
        long best = Long.MAX_VALUE;
        int sinceBetter = 0;
        long start = System.nanoTime();
        long least = start + 1_000_000_000L;
        long give = start + 3_000_000_000L;
        for (int run = 0; run < 200 && (sinceBetter < 4 || run < 6 || System.nanoTime() < least) && System.nanoTime() < give; run++) {
            long t0 = System.nanoTime();
            derive(probe, salt, n);
            long t = System.nanoTime() - t0;
            if (t < best * 0.97) {
                sinceBetter = 0;
            } else {
                sinceBetter++;
            }
            best = Math.min(best, t);
        }
        double perIteration = Math.max(1.0, (double) best / n);
        long wanted = (long) (targetMillis * 1_000_000L / perIteration);
        return new PasswordHasher((int) Math.max(MIN_ITERATIONS, Math.min(10_000_000, wanted)));
    }

    public int iterations() {
        return iterations;
    }

    public String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] h = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** Whether {@code password} matches a stored hash (in constant time); false for a malformed one. */
    public static boolean matches(char[] password, String stored) {
        if (stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (n < 1 || n > 50_000_000) {
                return false;
            }
            byte[] got = derive(password, salt, n);
            return MessageDigest.isEqual(expected, got);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The iteration count of a stored hash, or 0 when it is malformed. */
    public static int iterationsOf(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        try {
            return parts.length == 4 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int n) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, n, 256);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Clears a password array after use. */
    public static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
