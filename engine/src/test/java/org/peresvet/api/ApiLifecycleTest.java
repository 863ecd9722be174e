package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Starting and stopping the server, and its config. */
class ApiLifecycleTest extends ApiTestBase {

    @Test
    void aPortInUseIsReportedClearly() {
        ApiConfig same = ApiConfig.defaults().withPort(api.port());
        assertThatThrownBy(() -> ApiServer.start(engine, same))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + api.port());
        assertThat(get("/v1/health").status()).isEqualTo(200); // the first server is untouched
    }

    @Test
    void configDefaultsAndChecks() {
        ApiConfig d = ApiConfig.defaults();
        assertThat(d.port()).isEqualTo(8321);
        assertThat(d.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(d.maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(d.token()).isNull();
        assertThat(d.isLoopback()).isTrue();
        assertThat(d.withBindAddress("localhost").isLoopback()).isTrue();
        assertThat(d.withBindAddress("::1").isLoopback()).isTrue();
        assertThat(d.withBindAddress("0.0.0.0").isLoopback()).isFalse();
        assertThat(d.withToken("  ").token()).isNull();
        assertThat(new ApiConfig(9000, null, 2048, null).bindAddress()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> d.withPort(70000)).hasMessageContaining("port");
        assertThatThrownBy(() -> d.withMaxBodyBytes(10)).hasMessageContaining("body limit");
        assertThatThrownBy(() -> d.withBindAddress("no-such-host.invalid").isLoopback())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void endpointsAndUrl() {
        assertThat(api.url()).isEqualTo("http://127.0.0.1:" + api.port());
        assertThat(api.endpoints()).contains("GET /v1/data/", "POST /v1/data/", "GET /v1/stream", "GET /metrics",
                "POST /v1/objects/{id}/copy", "DELETE /v1/tags/{id}");
    }

    @Test
    void closeIsIdempotentAndFreesThePort() {
        int port = api.port();
        api.close();
        api.close();
        api = ApiServer.start(engine, ApiConfig.defaults().withPort(port));
        assertThat(get("/v1/health").status()).isEqualTo(200);
    }
}
