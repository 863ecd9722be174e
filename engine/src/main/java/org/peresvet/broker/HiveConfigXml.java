package org.peresvet.broker;

/** The broker's {@code config.xml}, written before every start from {@link BrokerConfig}. */
final class HiveConfigXml {
    private HiveConfigXml() {
    }

    static String of(BrokerConfig c, String keyStore, String keyPassword) {
        StringBuilder x = new StringBuilder(1024);
        x.append("<?xml version=\"1.0\"?>\n<hivemq>\n  <listeners>\n");
        x.append("    <tcp-listener>\n      <port>").append(c.port()).append("</port>\n      <bind-address>")
                .append(esc(c.bindAddress())).append("</bind-address>\n      <name>mqtt</name>\n    </tcp-listener>\n");
        if (keyStore != null) {
            // client-authentication-mode NONE: no client certificates, which HiveMQ reads with
            // BouncyCastle, not shipped (engine/pom.xml)
            x.append("    <tls-tcp-listener>\n      <port>").append(c.tlsPort()).append("</port>\n      <bind-address>")
                    .append(esc(c.bindAddress())).append("</bind-address>\n      <name>mqtts</name>\n      <tls>\n")
                    .append("        <keystore>\n          <path>").append(esc(keyStore)).append("</path>\n")
                    .append("          <password>").append(esc(keyPassword)).append("</password>\n")
                    .append("          <private-key-password>").append(esc(keyPassword)).append("</private-key-password>\n")
                    .append("        </keystore>\n        <client-authentication-mode>NONE</client-authentication-mode>\n")
                    .append("      </tls>\n    </tls-tcp-listener>\n");
        }
        x.append("  </listeners>\n");
        // the workstation never reports to anyone: no network use beyond the listeners
        x.append("  <anonymous-usage-statistics>\n    <enabled>false</enabled>\n  </anonymous-usage-statistics>\n");
        x.append("  <persistence>\n    <mode>file</mode>\n  </persistence>\n");
        x.append("</hivemq>\n");
        return x.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
