package org.peresvet.broker;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A user of the built-in broker: the name and a salted PBKDF2 hash of the password (never the
 * password itself, so {@code broker.json} can be read without giving boards' credentials away).
 *
 * @param salt base64
 * @param hash base64 PBKDF2-HMAC-SHA256, {@link #ITERATIONS} rounds
 */
public record BrokerUser(String name, String salt, String hash) {
    static final int ITERATIONS = 60_000;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public BrokerUser {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name + "' must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(hash, "hash");
        try {
            Base64.getDecoder().decode(salt);
            Base64.getDecoder().decode(hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("user '" + name + "': salt and hash must be base64");
        }
    }

    /** A user with a new random salt. */
    public static BrokerUser create(String name, char[] password) {
        if (password == null || password.length < 4) {
            throw new IllegalArgumentException("the password of '" + name + "' must have at least 4 characters");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new BrokerUser(name, Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(derive(password, salt)));
    }

    /** Whether this password (UTF-8, as MQTT sends it) is the user's. */
    public boolean matches(byte[] password) {
        char[] chars;
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(password));
            chars = new char[cb.remaining()];
            cb.get(chars);
        } catch (CharacterCodingException e) {
            return false;
        }
        byte[] got = derive(chars, Base64.getDecoder().decode(salt));
        Arrays.fill(chars, '\0');
        return MessageDigest.isEqual(got, Base64.getDecoder().decode(hash));
    }

    private static byte[] derive(char[] password, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "BrokerUser[" + name + "]";
    }
}
