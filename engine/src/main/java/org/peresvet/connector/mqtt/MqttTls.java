package org.peresvet.connector.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.peresvet.model.io.JsonFields;

/**
 * TLS for an {@code ssl://} broker. Each of {@code ca}, {@code clientCert}, {@code clientKey} is a
 * file path or the PEM text itself; a client identity may instead come from a PKCS12
 * {@code keyStore}. Private keys in PEM must be PKCS#8 ({@code BEGIN PRIVATE KEY}); the old
 * OpenSSL form ({@code BEGIN RSA PRIVATE KEY}) is refused with the command that converts it.
 *
 * @param ca trusted CA certificate(s); null trusts the JVM's default CAs
 */
public record MqttTls(String ca, String clientCert, String clientKey, String keyStore, String password,
                      boolean verifyHostname) {
    public static final MqttTls SYSTEM_DEFAULT = new MqttTls(null, null, null, null, null, true);

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");

    public static MqttTls fromJson(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("tls: expected an object {ca, clientCert, clientKey, keyStore, password}");
        }
        JsonFields f = MqttSettings.FIELDS;
        String c = MqttSettings.C;
        MqttTls t = new MqttTls(f.scalarText(n, "ca", c, null), f.scalarText(n, "clientCert", c, null),
                f.scalarText(n, "clientKey", c, null), f.scalarText(n, "keyStore", c, null),
                f.scalarText(n, "password", c, null), f.bool(n, "verifyHostname", c, true));
        if ((t.clientCert == null) != (t.clientKey == null)) {
            throw new IllegalArgumentException("tls: clientCert and clientKey go together");
        }
        if (t.clientCert != null && t.keyStore != null) {
            throw new IllegalArgumentException("tls: give either clientCert/clientKey or keyStore, not both");
        }
        return t;
    }

    /** Builds the socket factory; IllegalArgumentException with a clear reason for unreadable material. */
    public SSLSocketFactory socketFactory() {
        try {
            TrustManagerFactory tmf = null;
            if (ca != null) {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                int i = 0;
                for (Certificate c : certificates(ca, "tls.ca")) {
                    trust.setCertificateEntry("ca" + i++, c);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            char[] pw = password == null ? new char[0] : password.toCharArray();
            if (keyStore != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(Path.of(keyStore))) {
                    ks.load(in, pw);
                } catch (IOException e) {
                    throw new IllegalArgumentException("tls.keyStore: cannot read " + keyStore + " (" + e.getMessage() + ")");
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pw);
            } else if (clientCert != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                List<Certificate> chain = certificates(clientCert, "tls.clientCert");
                ks.setKeyEntry("client", privateKey(clientKey), pw, chain.toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pw);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("tls: " + e.getMessage(), e);
        }
    }

    private static String material(String pathOrPem, String field) {
        if (pathOrPem.contains("-----BEGIN")) {
            return pathOrPem;
        }
        try {
            return Files.readString(Path.of(pathOrPem), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(field + ": cannot read '" + pathOrPem + "' (" + e.getMessage() + ")");
        }
    }

    private static List<Certificate> certificates(String pathOrPem, String field) throws GeneralSecurityException {
        String text = material(pathOrPem, field);
        Collection<? extends Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(field + ": not a readable X.509 certificate (" + e.getMessage() + ")");
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(field + ": no certificate found");
        }
        return new ArrayList<>(certs);
    }

    private static PrivateKey privateKey(String pathOrPem) throws GeneralSecurityException {
        String text = material(pathOrPem, "tls.clientKey");
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("RSA PRIVATE KEY") || type.equals("EC PRIVATE KEY")) {
                throw new IllegalArgumentException("tls.clientKey: " + type + " (PKCS#1) is not supported; convert it with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
            }
            if (type.equals("PRIVATE KEY")) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
                for (String alg : List.of("RSA", "EC", "Ed25519")) {
                    try {
                        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (GeneralSecurityException e) {
                        // try the next algorithm
                    }
                }
                throw new IllegalArgumentException("tls.clientKey: unsupported key algorithm");
            }
        }
        throw new IllegalArgumentException("tls.clientKey: no '-----BEGIN PRIVATE KEY-----' block found");
    }

    @Override
    public String toString() {
        return "MqttTls[ca=" + (ca != null) + ", clientCert=" + (clientCert != null) + ", keyStore=" + keyStore + "]";
    }
}
