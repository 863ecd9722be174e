package org.peresvet.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.NamedStatus;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.WriteResult;

/** The HTTP connector against a real HTTP server on loopback that behaves like ESPHome and Tasmota. */
class HttpConnectorTest {
    @TempDir
    Path dir;

    private final ObjectDef board = ObjectDef.create(null, "Board");
    private FakeHttpDevice device;
    private Engine engine;

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
        if (device != null) {
            device.close();
        }
    }

    private TagDef tag(String name, ValueType type, ConnectorDef c, String binding) {
        return TagDef.builder(board.id(), name, type).source(SourceKind.CONNECTOR)
                .sourceConfig(binding.replaceFirst("\\{", "{\"connector\":\"" + c.id() + "\",")).build();
    }

    private Engine run(ConnectorDef c, TagDef... tags) {
        engine = Engine.open(dir, EngineOptions.quiet().withConnectGraceMillis(300));
        java.util.List<ModelEdit> edits = new java.util.ArrayList<>(java.util.List.of(new ModelEdit.PutObject(board), new ModelEdit.PutConnector(c)));
        for (TagDef t : tags) {
            edits.add(new ModelEdit.PutTag(t));
        }
        engine.edit(edits);
        return engine.start();
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private boolean is(TagDef t, Object y, Integer q) {
        Sample s = engine.current(t.id());
        return s != null && Objects.equals(s.y(), y) && Quality.same(s.q(), q);
    }

    private NamedStatus status() {
        return engine.connectors().get(0);
    }

    private boolean logged(ConnectorDef c, String text) {
        return engine.connectorLog(c.id()).stream().map(ConnectorLogLine::text).anyMatch(l -> l.contains(text));
    }

    @Test
    void esphomeSensorsArePolledAndASwitchWriteIsConfirmedByReadBack() throws Exception {
        device = new FakeHttpDevice(FakeHttpDevice.freePort()).start();
        ConnectorDef c = ConnectorDef.create("esp", "http", "{\"baseUrl\":\"" + device.url() + "\",\"period\":200,\"timeout\":2000}");
        TagDef temp = tag("Temperature", ValueType.DOUBLE, c, "{\"address\":\"/sensor/temperature\",\"json\":\"$.value\"}");
        TagDef relay = tag("Relay", ValueType.BOOL, c, "{\"address\":\"/switch/relay\",\"json\":\"$.value\","
                + "\"command\":\"POST /switch/relay/turn_{on_off_lower}\",\"echoTimeoutMs\":3000}");
        run(c, temp, relay);
        await("values", () -> is(temp, 21.5, null) && is(relay, false, null));
        assertThat(status().status().state()).isEqualTo(ConnectorState.CONNECTED);
        device.temperature = 23.0;
        await("new value", () -> is(temp, 23.0, null));

        WriteResult r = engine.writeToDevice(relay.id(), true, Actor.workstation("op")).get(10, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.reason()).isEqualTo(WriteResult.Status.CONFIRMED);
        assertThat(device.requests).contains("POST /switch/relay/turn_on");
        assertThat(device.relay).isTrue();
    }

    @Test
    void theEsphomeEventStreamPushesStatesAndConfirmsWrites() throws Exception {
        device = new FakeHttpDevice(FakeHttpDevice.freePort()).start();
        ConnectorDef c = ConnectorDef.create("esp", "http", "{\"baseUrl\":\"" + device.url() + "\",\"period\":0,\"events\":true}");
        TagDef temp = tag("Temperature", ValueType.DOUBLE, c, "{\"address\":\"/sensor/temperature\",\"json\":\"$.value\"}");
        TagDef relay = tag("Relay", ValueType.BOOL, c, "{\"address\":\"/switch/relay\",\"json\":\"$.state\","
                + "\"command\":\"POST /switch/relay/turn_{on_off_lower}\"}");
        run(c, temp, relay);
        await("initial states", () -> is(temp, 21.5, null) && is(relay, false, null));
        device.setTemperature(30.25);
        await("pushed", () -> is(temp, 30.25, null));
        WriteResult r = engine.writeToDevice(relay.id(), "ON", Actor.workstation("op")).get(10, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.reason()).isEqualTo(WriteResult.Status.CONFIRMED);
        assertThat(device.requests).noneMatch(q -> q.startsWith("GET /sensor"));

        // The device restarts: the stream breaks, the tags are marked lost, and it reconnects.
        int port = device.port;
        device.close();
        await("q=100", () -> is(temp, null, Quality.CONNECTION_LOST));
        device = new FakeHttpDevice(port).start();
        await("back", () -> device.eventClients.get() == 1 && is(temp, 21.5, null));
        assertThat(status().status().state()).isEqualTo(ConnectorState.CONNECTED);
    }

    @Test
    void tasmotaStatusAndPowerCommands() throws Exception {
        device = new FakeHttpDevice(FakeHttpDevice.freePort()).start();
        ConnectorDef c = ConnectorDef.create("tasmota", "http", "{\"baseUrl\":\"" + device.url() + "\",\"period\":5000}");
        TagDef temp = tag("Temperature", ValueType.DOUBLE, c, "{\"address\":\"/cm?cmnd=Status%208\",\"json\":\"$.StatusSNS.DS18B20.Temperature\"}");
        TagDef power = tag("Power", ValueType.BOOL, c, "{\"address\":\"/cm?cmnd=Power\",\"json\":\"$.POWER\","
                + "\"command\":\"/cm?cmnd=Power%20{on_off}\"}");
        run(c, temp, power);
        await("values", () -> is(temp, 21.5, null) && is(power, false, null));
        long t0 = System.nanoTime();
        WriteResult r = engine.writeToDevice(power.id(), true, Actor.workstation("op")).get(10, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.reason()).isEqualTo(WriteResult.Status.CONFIRMED);
        // Confirmed by the command's own answer, long before the next 5 s poll.
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(4000);
        assertThat(device.requests).contains("GET /cm?cmnd=Power%20ON");
    }

    @Test
    void valuesInARequestLineArePercentEncodedButTheTemplateIsKept() throws Exception {
        device = new FakeHttpDevice(FakeHttpDevice.freePort()).start();
        ConnectorDef c = ConnectorDef.create("esp", "http", "{\"baseUrl\":\"" + device.url() + "\",\"period\":500}");
        TagDef label = tag("Label", ValueType.STRING, c, "{\"address\":\"/sensor/temperature\",\"json\":\"$.value\","
                + "\"command\":\"POST /text/label/set?value={value}&source=a%20b\",\"echoTimeoutMs\":200}");
        run(c, label);
        await("connected", () -> status().status().state() == ConnectorState.CONNECTED);
        engine.writeToDevice(label.id(), "a b&c/d=%é", Actor.workstation("op")).get(10, TimeUnit.SECONDS);
        // one parameter whatever the text holds; the template's own %20 is not encoded twice
        assertThat(device.requests).contains("POST /text/label/set?value=a%20b%26c%2Fd%3D%25%C3%A9&source=a%20b");
        assertThat(HttpConnector.urlEncode("-12.5")).isEqualTo("-12.5");
        assertThat(HttpConnector.urlEncode("ON")).isEqualTo("ON");
    }

    @Test
    void errorsMalformedAnswersAndTimeoutsGiveTheRightQuality() throws Exception {
        device = new FakeHttpDevice(FakeHttpDevice.freePort()).start();
        ConnectorDef c = ConnectorDef.create("esp", "http", "{\"baseUrl\":\"" + device.url() + "\",\"period\":200,\"timeout\":1000}");
        TagDef good = tag("Good", ValueType.DOUBLE, c, "{\"address\":\"/sensor/temperature\",\"json\":\"$.value\"}");
        TagDef broken = tag("Broken", ValueType.DOUBLE, c, "{\"address\":\"/broken\",\"json\":\"$.value\"}");
        TagDef garbage = tag("Garbage", ValueType.DOUBLE, c, "{\"address\":\"/garbage\",\"json\":\"$.value\"}");
        TagDef slow = tag("Slow", ValueType.DOUBLE, c, "{\"address\":\"/slow\",\"json\":\"$.value\"}");
        TagDef missing = tag("Missing", ValueType.DOUBLE, c, "{\"address\":\"/sensor/temperature\",\"json\":\"$.nope\"}");
        TagDef huge = tag("Huge", ValueType.DOUBLE, c, "{\"address\":\"/huge\",\"json\":\"$.value\"}");
        run(c, good, broken, garbage, slow, missing, huge);
        await("qualities", () -> is(good, 21.5, null) && is(broken, null, Quality.BAD_DATA) && is(garbage, null, Quality.BAD_DATA)
                && is(slow, null, Quality.SOURCE_LOST) && is(missing, null, Quality.BAD_DATA) && is(huge, null, Quality.BAD_DATA));
        assertThat(logged(c, "/Board/Huge: payload of 1048577 bytes is larger than the limit")).isTrue();
        assertThat(status().status().state()).isEqualTo(ConnectorState.CONNECTED);
        assertThat(logged(c, "GET /broken: HTTP 500")).isTrue();
        assertThat(logged(c, "/Board/Garbage: malformed JSON")).isTrue();
        assertThat(logged(c, "GET /slow: timed out after 1000 ms")).isTrue();
        assertThat(logged(c, "/Board/Missing: JSON path $.nope not found")).isTrue();
    }

    @Test
    void aDeviceDownAtStartIsRetriedAndComesBack() throws Exception {
        int port = FakeHttpDevice.freePort();
        ConnectorDef c = ConnectorDef.create("esp", "http", "{\"baseUrl\":\"http://127.0.0.1:" + port + "\",\"period\":100,\"timeout\":300}");
        TagDef temp = tag("Temperature", ValueType.DOUBLE, c, "{\"address\":\"/sensor/temperature\",\"json\":\"$.value\"}");
        run(c, temp);
        await("q=100", () -> is(temp, null, Quality.CONNECTION_LOST));
        assertThat(status().status().state()).isEqualTo(ConnectorState.CONNECTING);
        assertThat(status().status().reason()).contains("GET /sensor/temperature").contains("retrying in");
        device = new FakeHttpDevice(port).start();
        await("connected and a value", () -> is(temp, 21.5, null));
        assertThat(status().status().state()).isEqualTo(ConnectorState.CONNECTED);
    }

    @Test
    void basicAuthIsSent() throws Exception {
        device = new FakeHttpDevice(FakeHttpDevice.freePort()).start();
        device.requiredAuth = "admin:s3cret";
        ConnectorDef c = ConnectorDef.create("esp", "http", "{\"baseUrl\":\"" + device.url() + "\",\"period\":200,"
                + "\"auth\":{\"username\":\"admin\",\"password\":\"wrong\"}}");
        TagDef temp = tag("Temperature", ValueType.DOUBLE, c, "{\"address\":\"/sensor/temperature\",\"json\":\"$.value\"}");
        run(c, temp);
        await("refused", () -> is(temp, null, Quality.BAD_DATA) && logged(c, "HTTP 401"));
        engine.edit(new ModelEdit.PutConnector(c.withConfig("{\"baseUrl\":\"" + device.url() + "\",\"period\":200,"
                + "\"auth\":{\"username\":\"admin\",\"password\":\"s3cret\"}}")));
        await("value", () -> is(temp, 21.5, null));
    }

    @Test
    void aBadConfigIsAnErrorWithTheReasonAndClosingLeavesNoThreads() throws Exception {
        ConnectorDef c = ConnectorDef.create("esp", "http", "{\"period\":200}");
        run(c);
        await("error", () -> status().status().state() == ConnectorState.ERROR);
        assertThat(status().status().reason()).isEqualTo("bad config: 'baseUrl' is required, e.g. \"http://192.168.1.50\"");
        engine.edit(new ModelEdit.PutConnector(c.withConfig("{\"baseUrl\":\"ftp://x\"}")));
        await("error", () -> status().status().reason().contains("is not an http:// or https:// URL"));
        engine.edit(new ModelEdit.PutConnector(c.withConfig("{\"baseUrl\":\"http://127.0.0.1:1\",\"perod\":1}")));
        await("error", () -> status().status().reason().contains("unknown key 'perod'"));
        engine.edit(new ModelEdit.PutConnector(c.withConfig("{\"baseUrl\":\"http://127.0.0.1:1\",\"period\":100,\"events\":true}")));
        await("running", () -> status().status().state() == ConnectorState.CONNECTING);
        engine.close();
        engine = null;
        // OkHttp's shared "TaskRunner" threads idle out by themselves; the connector's own threads must be gone.
        try {
            await("threads gone", () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && (t.getName().startsWith("peresvet-http") || t.getName().startsWith("OkHttp Dispatcher")
                            || t.getName().startsWith("OkHttp http"))));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
        }
    }
}
