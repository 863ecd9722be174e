package org.peresvet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * A real engine on a temporary project with a small plant, and the API over it on a free
 * loopback port; requests go over real HTTP.
 *
 * <pre>
 * /Station            (station)
 * /Station/Tank       (tank)
 * /Station/Tank/Level  double, deadband 0.1, units m, 0..5
 * /Station/Tank/Mode   string
 * /Station/Tank/Count  int
 * /Station/Pump       (pump)
 * /Station/Pump/Running bool
 * </pre>
 */
abstract class ApiTestBase {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long T0 = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    Engine engine;
    ApiServer api;
    HttpClient http;
    ObjectDef station;
    ObjectDef tank;
    ObjectDef pump;
    TagDef level;
    TagDef mode;
    TagDef count;
    TagDef running;

    record Resp(int status, JsonNode json, String text, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    @BeforeEach
    void startApi() {
        engine = Engine.open(dir, EngineOptions.quiet()).start();
        station = ObjectDef.create(null, "Station");
        tank = ObjectDef.create(station.id(), "Tank");
        pump = ObjectDef.create(station.id(), "Pump");
        level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).units("m").min(0.0).max(5.0).deadband(0.1).build();
        mode = TagDef.builder(tank.id(), "Mode", ValueType.STRING).build();
        count = TagDef.builder(tank.id(), "Count", ValueType.INT).build();
        running = TagDef.builder(pump.id(), "Running", ValueType.BOOL).build();
        engine.edit(new ModelEdit.PutObject(station), new ModelEdit.PutObject(tank), new ModelEdit.PutObject(pump),
                new ModelEdit.PutTag(level), new ModelEdit.PutTag(mode), new ModelEdit.PutTag(count),
                new ModelEdit.PutTag(running));
        api = ApiServer.start(engine, config());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    ApiConfig config() {
        return ApiConfig.defaults().withPort(0);
    }

    @AfterEach
    void stopApi() {
        if (api != null) {
            api.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + api.port() + path;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    Resp get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    Resp post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Resp put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Resp patch(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Resp delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).DELETE());
    }

    Resp send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !r.body().isEmpty()) {
                json = JSON.readTree(r.body());
            }
            return new Resp(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes samples through the API: {@code samples} is the JSON list of [x, y, q]. */
    Resp write(UUID tag, String samples) {
        return post("/v1/data/", "{\"data\":[{\"tagId\":\"" + tag + "\",\"data\":" + samples + "}]}");
    }

    static JsonNode points(Resp r, int tagIndex) {
        return r.json().get("data").get(tagIndex).get("data");
    }
}
