package org.peresvet.migrate.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;

/**
 * A real LDAP server in process (UnboundID's InMemoryDirectoryServer) with the platform's schema,
 * suffix {@code cn=prs} and the admin {@code cn=admin,cn=prs}, on a free loopback port.
 */
public final class PeresvetLdapServer implements AutoCloseable {
    public static final String ADMIN = "cn=admin,cn=prs";
    public static final String PASSWORD = "s3cret-Пароль";

    private final InMemoryDirectoryServer server;

    public PeresvetLdapServer() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("cn=prs");
        config.addAdditionalBindCredentials(ADMIN, PASSWORD);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("loopback", InetAddress.getLoopbackAddress(), 0, null));
        config.setSchema(schema());
        config.setEnforceSingleStructuralObjectClass(false);
        server = new InMemoryDirectoryServer(config);
        server.startListening();
    }

    /** The standard schema plus the platform's classes and attributes. */
    public static Schema schema() throws Exception {
        try (InputStream in = PeresvetLdapServer.class.getResourceAsStream("peresvet-schema.ldif")) {
            return Schema.mergeSchemas(Schema.getDefaultStandardSchema(), Schema.getSchema(in));
        }
    }

    /** Loads LDIF as slapadd would: entryUUIDs from the file are kept. */
    public PeresvetLdapServer load(byte[] ldif) throws Exception {
        try (LDIFReader r = new LDIFReader(new ByteArrayInputStream(ldif))) {
            server.importFromLDIF(true, r);
        }
        return this;
    }

    public String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    public InMemoryDirectoryServer server() {
        return server;
    }

    @Override
    public void close() throws LDAPException {
        server.shutDown(true);
    }
}
