package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Tokens, the authorizer hook, body limits. */
class ApiSecurityTest extends ApiTestBase {
    private static final String TOKEN = "s3cret-token";

    private void restart(ApiConfig cfg, ApiHooks hooks) {
        api.close();
        api = ApiServer.start(engine, cfg, hooks);
    }

    private Resp postWith(String path, String body, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return send(b);
    }

    @Test
    void beyondLoopbackWithoutATokenIsRefused() {
        assertThatThrownBy(() -> ApiServer.start(engine, ApiConfig.defaults().withPort(0).withBindAddress("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token")
                .hasMessageContaining("0.0.0.0");
        assertThat(ApiConfig.defaults().withToken("hidden").toString()).doesNotContain("hidden").contains("token=***");
    }

    @Test
    void beyondLoopbackWritesNeedTheTokenReadsDoNot() {
        restart(ApiConfig.defaults().withPort(0).withBindAddress("0.0.0.0").withToken(TOKEN), ApiHooks.defaults());
        String body = "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[1.0]]}]}";

        Resp none = postWith("/v1/data/", body, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.json().get("field").asText()).isEqualTo("Authorization");
        assertThat(postWith("/v1/data/", body, "Bearer wrong").status()).isEqualTo(401);
        assertThat(postWith("/v1/data/", body, "Basic " + TOKEN).status()).isEqualTo(401);
        assertThat(engine.status().samplesReceived()).isZero();

        assertThat(postWith("/v1/data/", body, "Bearer " + TOKEN).status()).isEqualTo(200);
        assertThat(postWith("/v1/data/", body, "bearer " + TOKEN).status()).isEqualTo(200);
        assertThat(get("/v1/data/?tagId=" + level.id()).status()).isEqualTo(200);
        assertThat(get("/v1/tags/").status()).isEqualTo(200);
        assertThat(get("/metrics").status()).isEqualTo(200);

        // Model changes and deletes need it too.
        assertThat(postWith("/v1/objects/", "{\"name\":\"X\"}", null).status()).isEqualTo(401);
        assertThat(delete("/v1/tags/" + mode.id()).status()).isEqualTo(401);
        assertThat(patch("/v1/tags/" + mode.id(), "{\"units\":\"x\"}").status()).isEqualTo(401);
        assertThat(put("/v1/tags/" + mode.id(), "{}").status()).isEqualTo(401);
        assertThat(postWith("/v1/alarms/a/acknowledge", "{}", null).status()).isEqualTo(401);
        for (String op : new String[] {"acknowledge", "shelve", "unshelve", "reset", "out-of-service", "return-to-service"}) {
            assertThat(postWith("/v1/alarms/" + level.id() + "/" + op, "{}", null).status()).as(op).isEqualTo(401);
        }
        assertThat(postWith("/v1/alarms/acknowledge", "{}", null).status()).isEqualTo(401);
        assertThat(get("/v1/alarms/").status()).isEqualTo(200);
        assertThat(get("/v1/alarms/history").status()).isEqualTo(200);
        assertThat(get("/v1/alarms/health").status()).isEqualTo(200);
        assertThat(postWith("/v1/alarms/acknowledge", "{}", "Bearer " + TOKEN).json().get("acknowledged").asInt()).isZero();
        assertThat(engine.model().tag(mode.id())).isEqualTo(mode);
        assertThat(postWith("/v1/objects/", "{\"name\":\"X\"}", "Bearer " + TOKEN).status()).isEqualTo(201);
    }

    @Test
    void aTokenOnLoopbackIsCheckedToo() {
        restart(ApiConfig.defaults().withPort(0).withToken(TOKEN), ApiHooks.defaults());
        assertThat(postWith("/v1/objects/", "{\"name\":\"X\"}", null).status()).isEqualTo(401);
        assertThat(postWith("/v1/objects/", "{\"name\":\"X\"}", "Bearer " + TOKEN).status()).isEqualTo(201);
    }

    @Test
    void aCustomAuthorizerDecidesPerAccess() {
        List<ApiAuthorizer.Request> seen = new CopyOnWriteArrayList<>();
        ApiAuthorizer operatorOnly = r -> {
            seen.add(r);
            return r.access() == ApiAccess.EDIT_MODEL ? ApiAuthorizer.Decision.forbidden("operators cannot change the model")
                    : ApiAuthorizer.Decision.allow("operator");
        };
        restart(ApiConfig.defaults().withPort(0).withBindAddress("0.0.0.0"), ApiHooks.defaults().withAuthorizer(operatorOnly));
        Resp refused = postWith("/v1/objects/", "{\"name\":\"X\"}", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).isEqualTo("operators cannot change the model");
        assertThat(write(level.id(), "[[1.0]]").status()).isEqualTo(200);
        assertThat(seen).extracting(ApiAuthorizer.Request::access).containsExactly(ApiAccess.EDIT_MODEL, ApiAccess.WRITE_DATA);
        assertThat(seen.get(1).route()).isEqualTo("/v1/data/");
        assertThat(seen.get(1).header("content-type")).isEqualTo("application/json");
    }

    @Test
    void bodiesOverTheLimitAre413AndChangeNothing() {
        restart(ApiConfig.defaults().withPort(0).withMaxBodyBytes(2048), ApiHooks.defaults());
        StringBuilder samples = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            samples.append(i == 0 ? "" : ",").append("[").append(T0 + i).append(",").append(i).append("]");
        }
        String body = "{\"data\":[{\"tagId\":\"" + count.id() + "\",\"data\":" + samples + "]}]}";
        assertThat(body.length()).isGreaterThan(2048);

        Resp declared = post("/v1/data/", body);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("message").asText()).contains("2048");

        // Without Content-Length (chunked), the limit holds while reading.
        Resp chunked = send(HttpRequest.newBuilder(URI.create(url("/v1/data/"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes()))));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(engine.status().samplesReceived()).isZero();

        assertThat(write(count.id(), "[[1]]").status()).isEqualTo(200); // the server is fine
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Resp r = send(HttpRequest.newBuilder(URI.create(url("/v1/objects/"))).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=X")));
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.json().get("field").asText()).isEqualTo("Content-Type");
    }
}
