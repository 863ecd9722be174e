package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Actor;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRule;
import org.peresvet.security.UserAccount;

/**
 * "Reason required" over the API: a change without a reason is refused with 422 naming the rule
 * and changes nothing; the reason comes in the {@code X-Peresvet-Reason} header (percent-encoded
 * UTF-8) or a body's {@code reason} field, and lands in the audit record.
 */
class ApiReasonTest extends ApiTestBase {

    @BeforeAll
    static void fastHashes() {
        System.setProperty("peresvet.security.iterations", "1000");
    }

    private HttpRequest.Builder req(String method, String path, String body, String reason) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-secret"
                        .getBytes(StandardCharsets.UTF_8)));
        if (reason != null) {
            b.header("X-Peresvet-Reason", URLEncoder.encode(reason, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b;
    }

    private AuditEntry lastRecord() {
        return engine.security().audit(AuditQuery.last(1)).get(0).entry();
    }

    @Test
    void aChangeWithoutReasonIsRefusedWith422NamingTheRuleAndTheReasonIsAudited() {
        engine.security().putUser(Actor.cli("root"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
        Actor admin = Actor.workstation("admin");
        engine.security().setReasonRules(admin, List.of(new ReasonRule(Permission.WRITE_VALUES, tank.id()),
                new ReasonRule(Permission.EDIT_MODEL, null)));

        String sample = "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[3.0]]}]}";
        Resp refused = send(req("POST", "/v1/data/", sample, null));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("reasonRequired").asBoolean()).isTrue();
        assertThat(refused.json().get("rule").get("permission").asText()).isEqualTo("WRITE_VALUES");
        assertThat(refused.json().get("rule").get("object").asText()).isEqualTo(tank.id().toString());
        assertThat(refused.json().get("message").asText()).contains("/Station/Tank");
        engine.flush();
        assertThat(engine.current(level.id())).isNull();
        assertThat(lastRecord().result()).isEqualTo("refused: reason required");

        assertThat(send(req("POST", "/v1/data/", sample, "калибровка датчика")).status()).isEqualTo(200);
        assertThat(engine.current(level.id()).y()).isEqualTo(3.0);
        assertThat(lastRecord().reason()).isEqualTo("калибровка датчика");

        // A model edit: refused without, done with the header.
        String patch = "{\"description\":\"d\"}";
        assertThat(send(req("PATCH", "/v1/objects/" + pump.id(), patch, null)).status()).isEqualTo(422);
        assertThat(engine.model().object(pump.id()).description()).isNotEqualTo("d");
        assertThat(send(req("PATCH", "/v1/objects/" + pump.id(), patch, "rename per P&ID rev 3")).status()).isEqualTo(200);
        assertThat(engine.model().object(pump.id()).description()).isEqualTo("d");
        assertThat(lastRecord().reason()).isEqualTo("rename per P&ID rev 3");

        // The device write takes its reason from the body.
        String write = "/v1/tags/" + mode.id() + "/write";
        Resp noReason = send(req("POST", write, "{\"value\":\"auto\"}", null));
        assertThat(noReason.status()).isEqualTo(422);
        Resp withReason = send(req("POST", write, "{\"value\":\"auto\",\"reason\":\"manual test\"}", null));
        assertThat(withReason.status()).isNotEqualTo(422); // the tag has no connector: refused for that, not for the reason
        assertThat(lastRecord().action()).isEqualTo("device.write");
        assertThat(lastRecord().reason()).isEqualTo("manual test");
        assertThat(send(req("POST", write, "{\"value\":\"auto\",\"reason\":5}", null)).status()).isEqualTo(400);
    }

    @Test
    void theRulesAreReadAndReplacedOverTheApiByAUserManagerOnlyAndAudited() {
        engine.security().putUser(Actor.cli("root"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
        engine.security().putUser(Actor.workstation("admin"), UserAccount.local("vera", "viewer"), "viewer-secret".toCharArray());
        String set = "{\"rules\":[{\"permission\":\"WRITE_VALUES\",\"object\":\"/Station/Tank\"},{\"permission\":\"edit_model\"}]}";

        Resp stored = send(req("PUT", "/v1/security/reasons", set, null));
        assertThat(stored.status()).as(stored.text()).isEqualTo(200);
        assertThat(engine.security().reasonRules()).containsExactlyInAnyOrder(new ReasonRule(Permission.WRITE_VALUES, tank.id()),
                new ReasonRule(Permission.EDIT_MODEL, null));
        AuditEntry audit = lastRecord();
        assertThat(audit.action()).isEqualTo("reasons.set");
        assertThat(audit.actor()).isEqualTo("admin");
        Resp read = send(req("GET", "/v1/security/reasons", "", null).GET());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("rules").toString()).contains("\"path\":\"/Station/Tank\"", "\"object\":\"" + tank.id() + "\"",
                "\"permission\":\"EDIT_MODEL\",\"object\":null");

        // A viewer may neither read nor change them; bad rules are 400 / 404 and change nothing.
        HttpRequest.Builder asVera = HttpRequest.newBuilder(URI.create(url("/v1/security/reasons"))).header("Content-Type",
                "application/json").header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "vera:viewer-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(send(asVera.copy().GET()).status()).isEqualTo(403);
        Resp veraPut = send(asVera.copy().PUT(HttpRequest.BodyPublishers.ofString("{\"rules\":[]}")));
        assertThat(veraPut.status()).isEqualTo(403);
        assertThat(veraPut.json().get("permission").asText()).isEqualTo("MANAGE_USERS");
        assertThat(send(req("PUT", "/v1/security/reasons", "{\"rules\":[{\"permission\":\"FLY\"}]}", null)).status()).isEqualTo(400);
        assertThat(send(req("PUT", "/v1/security/reasons", "{\"rules\":[{\"permission\":\"READ\",\"object\":\"/Nowhere\"}]}",
                null)).status()).isEqualTo(404);
        assertThat(engine.security().reasonRules()).hasSize(2);

        assertThat(send(req("PUT", "/v1/security/reasons", "{\"rules\":[]}", null)).status()).isEqualTo(200);
        assertThat(engine.security().reasonRules()).isEmpty();
    }
}
