package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.api.ApiConfig;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;

/** The HTTP API inside the workstation: real engine, real HTTP on loopback, a port really taken. */
class WorkstationApiTest {
    private Engine engine;

    @BeforeEach
    void open(@TempDir Path dir) throws Exception {
        engine = Engine.open(UiSupport.demoProject(dir, "pump-station"), EngineOptions.defaults()).start();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void servesTheEnginesApiAndSaysWhere() throws Exception {
        try (WorkstationApi api = WorkstationApi.start(engine, ApiConfig.defaults().withPort(0))) {
            assertThat(api.server()).isNotNull();
            assertThat(api.status().abnormal()).isFalse();
            assertThat(api.status().text()).isEqualTo("API " + api.server().url());
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(api.server().url() + "/v1/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"openapi\"");
        }
    }

    @Test
    void aTakenPortIsAClearNonFatalMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             WorkstationApi api = WorkstationApi.start(engine, ApiConfig.defaults().withPort(taken.getLocalPort()))) {
            assertThat(api.server()).isNull();
            assertThat(api.status().abnormal()).isTrue();
            assertThat(api.status().text()).isEqualTo("API off: 127.0.0.1:" + taken.getLocalPort()
                    + " is in use by another program (start with --api-port N to choose another port)");
            assertThat(engine.isRunning()).as("the engine runs on without the API").isTrue();
        }
    }

    @Test
    void configFromTheCommandLine() {
        assertThat(WorkstationApi.config(List.of("--no-api"))).isNull();
        assertThat(WorkstationApi.config(List.of("--api-port", "9000")).port()).isEqualTo(9000);
        assertThat(WorkstationApi.config(List.of("--api-port", "9000")).bindAddress()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> WorkstationApi.config(List.of("--api-port", "x")))
                .hasMessage("the API port must be a number, got 'x'");
        assertThatThrownBy(() -> WorkstationApi.config(List.of("--api-port", "70000")))
                .hasMessageContaining("between 0 and 65535");
        try (WorkstationApi off = WorkstationApi.start(engine, null)) {
            assertThat(off.status().text()).isEqualTo("API: off");
        }
    }

    @Test
    void theEmbeddedApiHasTheSameGateAndReadsItsSettings() throws Exception {
        System.setProperty("peresvet.api.allowedOrigins", "https://grafana.plant:3000");
        ApiConfig config;
        try {
            config = WorkstationApi.config(List.of("--api-port", "0"));
        } finally {
            System.clearProperty("peresvet.api.allowedOrigins");
        }
        assertThat(config.allowedOrigins()).containsExactly("https://grafana.plant:3000");
        try (WorkstationApi api = WorkstationApi.start(engine, config)) {
            HttpClient http = HttpClient.newHttpClient();
            int before = engine.model().objectCount();
            HttpResponse<String> evil = http.send(HttpRequest.newBuilder(URI.create(api.server().url() + "/v1/objects/"))
                    .header("Origin", "http://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Evil\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(evil.statusCode()).isEqualTo(403);
            assertThat(evil.body()).contains("\"field\":\"Origin\"");
            HttpResponse<String> grafana = http.send(HttpRequest.newBuilder(URI.create(api.server().url() + "/v1/objects/"))
                    .header("Origin", "https://grafana.plant:3000").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(grafana.statusCode()).isEqualTo(200);
            assertThat(grafana.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://grafana.plant:3000");
            assertThat(engine.model().objectCount()).isEqualTo(before);
        }
    }
}
