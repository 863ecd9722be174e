package org.peresvet.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The broker's self-signed certificate, made once with the JDK's {@code keytool} and kept in the
 * project folder: {@code broker.p12} (key and certificate), {@code broker.pem} (the certificate
 * that boards and tools are given to trust) and the key store's random password.
 *
 * @param certificate the PEM file to hand to clients as their CA
 */
public record BrokerCertificate(Path keyStore, Path certificate, String password) {
    private static final int VALIDITY_DAYS = 3650;

    /** The existing certificate in {@code dir}, or a new one for this host's names and addresses. */
    public static BrokerCertificate ensure(Path dir, String bindAddress) throws IOException {
        Files.createDirectories(dir);
        Path store = dir.resolve("broker.p12");
        Path pem = dir.resolve("broker.pem");
        Path pwFile = dir.resolve("password");
        if (Files.exists(store) && Files.exists(pem) && Files.exists(pwFile)) {
            return new BrokerCertificate(store, pem, Files.readString(pwFile, StandardCharsets.UTF_8).strip());
        }
        Files.deleteIfExists(store);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String pw = HexFormat.of().formatHex(random);
        Files.writeString(pwFile, pw, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(pwFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Windows: the folder's own permissions apply
        }
        String host = "localhost";
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            // keep localhost
        }
        Set<String> san = new LinkedHashSet<>(List.of("dns:localhost", "ip:127.0.0.1"));
        if (host.matches("[A-Za-z0-9.-]+")) {
            san.add("dns:" + host);
        }
        if (bindAddress.matches("[0-9.]+") && !bindAddress.equals("0.0.0.0")) {
            san.add("ip:" + bindAddress);
        }
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + (host.matches("[A-Za-z0-9.-]+") ? host : "peresvet-broker") + ", O=Peresvet", "-ext", "san=" + String.join(",", san),
                "-validity", String.valueOf(VALIDITY_DAYS), "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", pw, "-keypass", pw);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", store.toString(), "-storepass", pw, "-file", pem.toString());
        return new BrokerCertificate(store, pem, pw);
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool could not make the broker's certificate: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the broker's certificate", e);
        }
    }
}
