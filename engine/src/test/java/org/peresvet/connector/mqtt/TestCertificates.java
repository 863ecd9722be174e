package org.peresvet.connector.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A throw-away CA with a server and a client certificate signed by it, made at test time with the
 * JDK's {@code keytool} (no OpenSSL needed). Files: CA certificate, server certificate and key in
 * PEM (for Mosquitto), client certificate and key in PEM and the client as PKCS12.
 */
public record TestCertificates(Path caPem, Path serverCertPem, Path serverKeyPem, Path clientCertPem,
                               Path clientKeyPem, Path clientP12, String password) {

    public static TestCertificates create(Path dir) {
        return make(dir, true);
    }

    /**
     * Only the CA and the server's certificate (the client's fields are null): seven keytool runs
     * instead of twelve, each a JVM start, for tests that need no client certificate.
     */
    public static TestCertificates serverOnly(Path dir) {
        return make(dir, false);
    }

    private static TestCertificates make(Path dir, boolean withClient) {
        try {
            Files.createDirectories(dir);
            String pw = "changeit";
            Path ca = dir.resolve("ca.p12");
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Peresvet Test CA",
                    "-ext", "bc:c", "-validity", "3", "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", pw);
            Path caPem = dir.resolve("ca.pem");
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", pw, "-file", caPem.toString());
            Path server = signed(dir, "server", "CN=127.0.0.1", "san=ip:127.0.0.1,dns:localhost", ca, caPem, pw);
            if (!withClient) {
                return new TestCertificates(caPem, dir.resolve("server.pem"), keyPem(server, "server", pw, dir), null, null, null, pw);
            }
            Path client = signed(dir, "client", "CN=peresvet-test-client", null, ca, caPem, pw);
            return new TestCertificates(caPem, dir.resolve("server.pem"), keyPem(server, "server", pw, dir),
                    dir.resolve("client.pem"), keyPem(client, "client", pw, dir), client, pw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path signed(Path dir, String name, String dname, String san, Path ca, Path caPem, String pw) throws IOException {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname, "-validity", "3",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", pw);
        Path csr = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-storepass", pw, "-file", csr.toString());
        Path crt = dir.resolve(name + ".pem");
        List<String> gen = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
                "-storepass", pw, "-infile", csr.toString(), "-outfile", crt.toString(), "-validity", "3"));
        if (san != null) {
            gen.addAll(List.of("-ext", san));
        }
        keytool(gen.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", store.toString(), "-storepass", pw);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", crt.toString(), "-keystore", store.toString(), "-storepass", pw);
        return store;
    }

    private static Path keyPem(Path store, String alias, String pw, Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw.toCharArray());
            PrivateKey key = (PrivateKey) ks.getKey(alias, pw.toCharArray());
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
            Path out = dir.resolve(alias + "-key.pem");
            Files.writeString(out, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
            return out;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
