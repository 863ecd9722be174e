package org.peresvet.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.peresvet.model.SecretFields;

/**
 * Seals and opens a project's reversible secrets (connector and export passwords, tokens, the
 * LDAP bind password) with AES-256-GCM under the project's key ({@link ProjectKeys}, outside the
 * project folder): {@code enc:v1:<key id>:} + Base64(12-byte nonce, cipher text, tag). A text without the
 * prefix is an old clear-text value: opened as it is and sealed on the next save.
 */
public final class SecretBox {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final ProjectKeys keys;

    public SecretBox(ProjectKeys keys) {
        this.keys = keys;
    }

    /** The box of the project in {@code projectDir}. */
    public static SecretBox of(Path projectDir) {
        return new SecretBox(ProjectKeys.forProject(projectDir));
    }

    /** Sealed text for a secret (null, empty and already sealed texts are returned as they are). */
    public String seal(String clear) {
        if (clear == null || clear.isEmpty() || SecretFields.sealed(clear)) {
            return clear;
        }
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce);
            byte[] ct = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return SecretFields.SEALED_PREFIX + keys.keyId() + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this Java runtime", e);
        }
    }

    /**
     * The clear text of a stored secret (a clear-text one as it is).
     *
     * @throws SecretUnavailableException when the key is missing on this machine or does not open it
     */
    public String open(String stored) {
        if (!SecretFields.sealed(stored)) {
            return stored;
        }
        String body = stored.substring(SecretFields.SEALED_PREFIX.length());
        int colon = body.indexOf(':');
        String keyId = colon < 0 ? "?" : body.substring(0, colon);
        if (!keys.present() || !keyId.equals(keys.keyId())) {
            throw new SecretUnavailableException("secret cannot be decrypted: key missing (it was sealed with the project's key "
                    + keyId + ", which is not " + keys.file() + " on this machine; copy that key file from the machine the"
                    + " project came from, or enter the password again)");
        }
        try {
            byte[] all = Base64.getDecoder().decode(body.substring(colon + 1));
            if (all.length <= NONCE) {
                throw new SecretUnavailableException("secret cannot be decrypted: it is damaged");
            }
            Cipher c = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(all, NONCE));
            return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new SecretUnavailableException("secret cannot be decrypted: it is damaged (enter the password again)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this Java runtime", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(keys.subKey("secrets"), "AES"), new GCMParameterSpec(128, nonce));
        return c;
    }

    /**
     * A JSON config with its secrets sealed. A secret whose clear text equals the one {@code before}
     * held keeps its sealed text, so saving an unchanged config changes nothing.
     */
    public String sealJson(String json, String before) {
        JsonNode n = parse(json);
        if (n == null) {
            return json;
        }
        Map<String, String> kept = new HashMap<>();
        JsonNode old = before == null ? null : parse(before);
        if (old != null) {
            SecretFields.map(old, v -> {
                if (SecretFields.sealed(v)) {
                    try {
                        kept.putIfAbsent(open(v), v);
                    } catch (SecretUnavailableException e) {
                        kept.putIfAbsent(v, v);
                    }
                }
                return v;
            });
        }
        int n0 = SecretFields.map(n, v -> kept.containsKey(v) ? kept.get(v) : seal(v));
        return n0 == 0 ? json : write(n);
    }

    /**
     * A JSON config with its secrets opened, to hand to the connector.
     *
     * @throws SecretUnavailableException when one cannot be opened
     */
    public String openJson(String json) {
        JsonNode n = parse(json);
        if (n == null) {
            return json;
        }
        return SecretFields.map(n, this::open) == 0 ? json : write(n);
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? null : MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return null; // not JSON: nothing to seal (the config is refused elsewhere)
        }
    }

    private static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
