package org.peresvet.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash of one audit record over the previous record's hash, its number and its fields, each
 * length-prefixed so no two records hash alike by shifting text. Plain SHA-256 for the records
 * written before the trail was keyed; HMAC-SHA256 under the project's audit key since, so that
 * editing the file and recomputing the hashes needs the key, which is not in the project folder.
 *
 * <p>One instance per thread: it reuses its buffer, digest and MAC, so hashing a million records
 * makes no garbage per record.
 */
final class ChainHasher {
    static final int SIZE = 32;

    private final MessageDigest sha;
    private final Mac mac;
    private byte[] buf = new byte[512];
    private int len;

    private ChainHasher(MessageDigest sha, Mac mac) {
        this.sha = sha;
        this.mac = mac;
    }

    static ChainHasher plain() {
        try {
            return new ChainHasher(MessageDigest.getInstance("SHA-256"), null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ChainHasher keyed(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return new ChainHasher(null, m);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /** Hashes into {@code out} (32 bytes) the record after {@code prev}. */
    void hash(byte[] prev, long seq, long time, String actor, String origin, String action, String target, String oldValue,
              String newValue, String reason, String result, byte[] out) {
        len = 0;
        put(prev, 0, prev.length);
        putLong(seq);
        putLong(time);
        putText(actor);
        putText(origin);
        putText(action);
        putText(target);
        putText(oldValue);
        putText(newValue);
        putText(reason);
        putText(result);
        try {
            if (mac != null) {
                mac.update(buf, 0, len);
                mac.doFinal(out, 0);
            } else {
                sha.update(buf, 0, len);
                sha.digest(out, 0, SIZE);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] hash(byte[] prev, long seq, AuditEntry e) {
        byte[] out = new byte[SIZE];
        hash(prev, seq, e.time(), e.actor(), e.origin(), e.action(), e.target(), e.oldValue(), e.newValue(), e.reason(),
                e.result(), out);
        return out;
    }

    /** HMAC (or SHA-256) of a short text, e.g. the seal of {@code audit.head}. */
    byte[] of(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return mac != null ? mac.doFinal(b) : sha.digest(b);
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private void put(byte[] b, int off, int n) {
        room(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void putLong(long v) {
        room(8);
        for (int i = 56; i >= 0; i -= 8) {
            buf[len++] = (byte) (v >>> i);
        }
    }

    private void putText(String s) {
        if (s == null) {
            putLong(-1);
            return;
        }
        int n = s.length();
        room(8 + n);
        int at = len + 8;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) { // not ASCII: let the JDK encode it
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                putLong(b.length);
                put(b, 0, b.length);
                return;
            }
            buf[at + i] = (byte) c;
        }
        putLong(n);
        len += n;
    }
}
