package org.peresvet.migrate.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ModelSnapshot;

/** The example export loaded into a real LDAP server with the platform's schema, read back over LDAP. */
class LdapServerImportTest {

    @Test
    void overLdapAndFromTheFileTheEntriesAndTheImportAreTheSame() throws Exception {
        PeresvetDirectory file = LdifDirectoryReader.read(PeresvetExamples.pumpStation(), "pump-station.ldif", "cn=prs");
        try (PeresvetLdapServer server = new PeresvetLdapServer().load(PeresvetExamples.pumpStation())) {
            PeresvetDirectory live = LdapDirectoryReader.read(new LdapDirectoryReader.Source(server.url(), "cn=prs",
                    PeresvetLdapServer.ADMIN, PeresvetLdapServer.PASSWORD.toCharArray()));
            assertThat(live.size()).isEqualTo(file.size()).isEqualTo(52);
            for (DirEntry f : file.entries()) {
                DirEntry l = live.get(f.dn());
                assertThat(l).as(f.dn().toString()).isNotNull();
                assertThat(userAttributes(l)).as(f.dn().toString()).isEqualTo(userAttributes(f));
                assertThat(l.entryUuid()).as(f.dn().toString()).isEqualTo(f.entryUuid());
                assertThat(l.kind()).isEqualTo(f.kind());
            }
            ImportPlan fromFile = LdapImport.plan(ModelSnapshot.empty(), file, ImportOptions.defaults());
            ImportPlan overLdap = LdapImport.plan(ModelSnapshot.empty(), live, ImportOptions.defaults());
            assertThat(overLdap.edits()).containsExactlyInAnyOrderElementsOf(fromFile.edits());
            assertThat(overLdap.report().summary()).isEqualTo(fromFile.report().summary());
            assertThat(overLdap.preview().tagCount()).isEqualTo(6);
        }
    }

    @Test
    void aServerThatRefusesTheBindIsAClearErrorAndNothingIsRead() throws Exception {
        try (PeresvetLdapServer server = new PeresvetLdapServer().load(PeresvetExamples.pumpStation())) {
            char[] wrong = "wrong".toCharArray();
            assertThatThrownBy(() -> LdapDirectoryReader.read(new LdapDirectoryReader.Source(server.url(), "cn=prs",
                    PeresvetLdapServer.ADMIN, wrong)))
                    .isInstanceOf(DirectoryReadException.class)
                    .hasMessage(server.url() + " refused the bind as cn=admin,cn=prs: invalid credentials (result code 49)");
            assertThat(new String(wrong)).isEqualTo("\0\0\0\0\0"); // the password is not kept
        }
    }

    @Test
    void aMissingBaseAndANonServerAreNamed() throws Exception {
        try (PeresvetLdapServer server = new PeresvetLdapServer().load(PeresvetExamples.pumpStation())) {
            assertThatThrownBy(() -> LdapDirectoryReader.read(new LdapDirectoryReader.Source(server.url(), "cn=nothere,cn=prs",
                    PeresvetLdapServer.ADMIN, PeresvetLdapServer.PASSWORD.toCharArray())))
                    .isInstanceOf(DirectoryReadException.class).hasMessageContaining("has no entry cn=nothere,cn=prs");
        }
        assertThatThrownBy(() -> LdapDirectoryReader.read(new LdapDirectoryReader.Source("ldap://", null, null, null)))
                .isInstanceOf(DirectoryReadException.class);
    }

    /** User attributes by lower-case name, values as UTF-8 text: what both sources must agree on. */
    private static Map<String, Set<String>> userAttributes(DirEntry e) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Attribute a : e.entry().getAttributes()) {
            String n = a.getBaseName().toLowerCase(Locale.ROOT);
            if (Set.of("entryuuid", "entrydn", "creatorsname", "createtimestamp", "modifiersname", "modifytimestamp",
                    "subschemasubentry", "entrycsn", "structuralobjectclass", "hassubordinates", "numsubordinates").contains(n)) {
                continue;
            }
            Set<String> values = new TreeSet<>();
            for (byte[] v : a.getValueByteArrays()) {
                values.add(new String(v, StandardCharsets.UTF_8));
            }
            if (n.equals("objectclass")) {
                values.remove("top"); // the server adds the superclasses
                if (values.size() > 1) {
                    values.remove("prsModelNode");
                }
            }
            out.put(n, values);
        }
        return out;
    }
}
