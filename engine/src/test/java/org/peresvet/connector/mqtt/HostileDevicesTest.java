package org.peresvet.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.connector.mqtt.MqttTestSupport.await;
import static org.peresvet.connector.mqtt.MqttTestSupport.client;
import static org.peresvet.connector.mqtt.MqttTestSupport.is;
import static org.peresvet.connector.mqtt.MqttTestSupport.mqtt;
import static org.peresvet.connector.mqtt.MqttTestSupport.publish;
import static org.peresvet.connector.mqtt.MqttTestSupport.status;
import static org.peresvet.connector.mqtt.MqttTestSupport.tag;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.ConnectorState;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.slf4j.LoggerFactory;

/**
 * A generated hostile-device suite (seeded: a failure names its seed and repeats with it) against
 * a real Mosquitto and an engine running Home Assistant, ESPHome, Peresvet-protocol and plain
 * connectors. Family by family — payloads, discovery abuse, templates, odd topics (characters
 * outside the BMP included), storms — a rogue device attacks the targeted tags; after each family
 * the engine must still be responsive: every connector connected, fresh legitimate updates in
 * within 2 s, untargeted tags still holding their values. At the end: no stack trace in the log
 * or on stderr, and the heap bounded.
 */
class HostileDevicesTest {
    private static final long SEED = Long.getLong("hostile.seed", 20261206L);
    private static final Duration FRESH = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    MosquittoBroker broker;
    final ObjectDef o = ObjectDef.create(null, "Plant");
    final Random rnd = new Random(SEED);
    ListAppender<ILoggingEvent> logged;
    PrintStream stderr;
    ByteArrayOutputStream errBytes;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
        stderr = System.err;
        errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(stderr, errBytes), true));
    }

    @AfterEach
    void stop() {
        System.setErr(stderr);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        broker.close();
    }

    /** One connector with a sentinel tag (updated after every family), an untargeted tag and a target. */
    record Side(ConnectorDef c, TagDef sentinel, TagDef untargeted, TagDef target, String sentinelTopic, String untargetedTopic,
                String targetTopic) {
    }

    @Test
    void theEngineOutlastsAHostileDevice() throws Exception {
        ConnectorDef ha = mqtt("ha", broker.url(), "\"profile\":\"homeassistant\",\"discoveryMaxConfigs\":300");
        ConnectorDef esp = mqtt("esp", broker.url(), "\"profile\":\"esphome\",\"device\":\"esp\"");
        ConnectorDef prs = mqtt("prs", broker.url(), "\"profile\":\"peresvet\"");
        ConnectorDef plain = mqtt("plain", broker.url(), "");
        List<Side> sides = List.of(
                new Side(ha, tag(o, "HaS", ValueType.DOUBLE, ha, "{\"address\":\"sensor/good/s\"}"),
                        tag(o, "HaU", ValueType.DOUBLE, ha, "{\"address\":\"uid-good-u\"}"),
                        tag(o, "HaT", ValueType.DOUBLE, ha, "{\"address\":\"sensor/good/t\"}"), "good/s", "good/u", "good/t"),
                new Side(esp, tag(o, "EspS", ValueType.DOUBLE, esp, "{\"address\":\"sensor/s\"}"),
                        tag(o, "EspU", ValueType.DOUBLE, esp, "{\"address\":\"sensor/u\"}"),
                        tag(o, "EspT", ValueType.DOUBLE, esp, "{\"address\":\"sensor/t\"}"),
                        "esp/sensor/s/state", "esp/sensor/u/state", "esp/sensor/t/state"),
                new Side(prs, tag(o, "PrsS", ValueType.DOUBLE, prs, "{\"address\":\"s\"}"),
                        tag(o, "PrsU", ValueType.DOUBLE, prs, "{\"address\":\"u\"}"),
                        tag(o, "PrsT", ValueType.DOUBLE, prs, "{\"address\":\"t\"}"), null, null, null),
                new Side(plain, tag(o, "PlS", ValueType.DOUBLE, plain, "{\"address\":\"plain/s\"}"),
                        tag(o, "PlU", ValueType.DOUBLE, plain, "{\"address\":\"plain/u\"}"),
                        tag(o, "PlT", ValueType.DOUBLE, plain, "{\"address\":\"plain/+/t\"}"), "plain/s", "plain/u", "plain/x/t"));
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        try (Engine e = Engine.open(dir.resolve("project"), EngineOptions.quiet());
             MqttLink good = client("good-board", broker.url(), new RecordingListener());
             MqttLink rogue = client("rogue-board", broker.url(), new RecordingListener())) {
            e.connectorManager().connectGraceMillis(2000);
            e.edit(new ModelEdit.PutObject(o));
            for (Side s : sides) {
                e.edit(new ModelEdit.PutConnector(s.c()), new ModelEdit.PutTag(s.sentinel()), new ModelEdit.PutTag(s.untargeted()),
                        new ModelEdit.PutTag(s.target()));
            }
            e.start();
            for (Side s : sides) {
                await(s.c().name() + " connected", () -> status(e, s.c().name()).status().state() == ConnectorState.CONNECTED);
            }
            for (String k : new String[] {"s", "u", "t"}) {
                publish(good, "homeassistant/sensor/good/" + k + "/config",
                        "{\"stat_t\":\"good/" + k + "\",\"uniq_id\":\"uid-good-" + k + "\",\"dev\":{\"ids\":\"good\"}}", true);
            }
            await("HA entities bound", () -> ((MqttConnector) e.connectorManager().instance(ha.id())).link().subscriptions()
                    .containsAll(List.of("good/s", "good/u", "good/t")));
            Thread.sleep(300);
            // untargeted tags get their value once, at the start
            for (Side s : sides) {
                send(good, s, s.untargeted(), s.untargetedTopic(), 1000 + sides.indexOf(s));
            }
            for (Side s : sides) {
                await("untargeted " + s.c().name(), () -> is(e, s.untargeted(), 1000.0 + sides.indexOf(s), null));
            }
            int[] round = {0};
            Runnable check = () -> {
                round[0]++;
                for (Side s : sides) {
                    assertThat(status(e, s.c().name()).status().state()).as("seed %d: %s after family %d", SEED, s.c().name(), round[0])
                            .isEqualTo(ConnectorState.CONNECTED);
                    double v = round[0] + 0.25;
                    send(good, s, s.sentinel(), s.sentinelTopic(), v);
                    await("seed " + SEED + ": fresh update on " + s.c().name() + " after family " + round[0], FRESH,
                            () -> is(e, s.sentinel(), v, null));
                    assertThat(is(e, s.untargeted(), 1000.0 + sides.indexOf(s), null))
                            .as("seed %d: untargeted %s keeps its value after family %d: %s", SEED, s.c().name(), round[0],
                                    e.current(s.untargeted().id())).isTrue();
                }
            };
            check.run();

            // 1. payload families on the targeted topics
            for (int i = 0; i < 400; i++) {
                byte[] p = hostilePayload();
                for (Side s : sides) {
                    if (s.targetTopic() != null) {
                        rogue.publish(s.targetTopic(), p, 0, false);
                    } else {
                        rogue.publish("prsTag/app_api_client/data_set/x", prsData(s.target(), new String(p, StandardCharsets.ISO_8859_1)), 0, false);
                    }
                }
            }
            settle(rogue);
            check.run();

            // 2. discovery abuse: wildcards, empty and malformed topics, conflicts on bound ids, bad JSON, a burst past the cap
            for (int i = 0; i < 600; i++) {
                String key = "sensor/rogue" + rnd.nextInt(50) + "/e" + i;
                rogue.publish("homeassistant/" + key + "/config", b(hostileConfig(i)), 0, i % 3 == 0);
            }
            settle(rogue);
            check.run();

            // 3. templates on the targeted HA entity, republished again and again
            String[] templates = {"{{ value | float | round(3000000) }}", "{{ value_json.a.b.c | float }}", "{{ value | int | round(2) }}",
                    "{% for x in range(99999999) %}x{% endfor %}", "{{ value_json['" + "k".repeat(500) + "'] }}",
                    "{{ value | default('" + "d".repeat(900) + "') }}", "{{ value | float | round(15, 'floor') }}", "{{ value_json[99999] }}"};
            for (int i = 0; i < 40; i++) {
                String tpl = templates[rnd.nextInt(templates.length)].replace("\"", "\\\"");
                publish(rogue, "homeassistant/sensor/good/t/config", "{\"stat_t\":\"good/t\",\"uniq_id\":\"uid-good-t\",\"val_tpl\":\""
                        + tpl + "\"}", true);
                for (int k = 0; k < 10; k++) {
                    rogue.publish("good/t", hostilePayload(), 0, false);
                }
            }
            settle(rogue);
            check.run();

            // 4. odd topics: characters outside the BMP, long levels, spaces, on subscribed wildcards
            String[] odd = {"\uD83D\uDE00", "\uD83D\uDE80", "\uD800\uDC00", "a b", "\u00e9\u4e2d", "x".repeat(2000), "\uDBFF\uDFFD"};
            for (int i = 0; i < 200; i++) {
                String w = odd[rnd.nextInt(odd.length)];
                rogue.publish("plain/" + w + "/t", b(String.valueOf(rnd.nextInt(100))), 0, false);
                rogue.publish("homeassistant/sensor/" + w + "/" + w + "/config", b("{\"stat_t\":\"" + w + "/s\"}"), 0, false);
                rogue.publish("prsTag/app_api_client/data_set/" + w, b("{\"data\":[]}"), 0, false);
                rogue.publish("esp/sensor/" + w + "/state", b("1"), 0, false);
            }
            settle(rogue);
            check.run();

            // 5. a storm on the targeted topics (the last word on each must win)
            for (int i = 0; i < 10_000; i++) {
                Side s = sides.get(rnd.nextInt(sides.size()));
                if (s.targetTopic() != null) {
                    rogue.publish(s.targetTopic(), b(Integer.toString(i)), 0, false);
                }
            }
            settle(rogue);
            check.run();
            for (Side s : sides) {
                if (s.targetTopic() != null && s != sides.get(0)) {
                    publish(rogue, s.targetTopic(), "77", false);
                    await("the storm's last word on " + s.c().name(), FRESH, () -> is(e, s.target(), 77.0, null));
                }
            }

            for (Side s : sides) {
                assertThat(e.connectorLog(s.c().id())).extracting(ConnectorLogLine::text).as("seed %d", SEED)
                        .noneMatch(l -> l.contains("\tat ") || l.contains("Exception in thread"));
            }
        }
        assertThat(logged.list).as("seed %d: log events with a stack trace", SEED).filteredOn(ev -> ev.getThrowableProxy() != null)
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(err).as("stderr").doesNotContain("Exception in thread").doesNotContain("\tat org.eclipse.paho");
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(256L * 1024 * 1024);
    }

    private void send(MqttLink l, Side s, TagDef t, String topic, double v) {
        if (topic != null) {
            publish(l, topic, Double.toString(v), false);
        } else {
            publish(l, "prsTag/app_api_client/data_set/good", prsData(t, Double.toString(v)), false);
        }
    }

    private static byte[] prsData(TagDef t, String y) {
        String v = y.matches("-?\\d+(\\.\\d+)?") ? y : "\"" + y.replaceAll("[^a-zA-Z0-9.]", "") + "\"";
        return b("{\"data\":[{\"tagId\":\"" + t.id() + "\",\"data\":[[" + v + "]]}]}");
    }

    /** Waits until the rogue's messages are through the broker and our queues (a QoS 1 publish after them). */
    private static void settle(MqttLink rogue) throws InterruptedException {
        publish(rogue, "settle/now", "x", false);
        Thread.sleep(500);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] hostilePayload() {
        return switch (rnd.nextInt(12)) {
            case 0 -> new byte[300 * 1024];                                   // over the payload limit
            case 1 -> { byte[] x = new byte[1 + rnd.nextInt(200)]; rnd.nextBytes(x); yield x; }  // binary
            case 2 -> b("[".repeat(5000) + "]".repeat(5000));                  // deep nesting
            case 3 -> b(pick("nan", "NaN", "inf", "-Infinity", "Infinity"));
            case 4 -> b(pick("0x1p3", "1e309", "-1e309", "1e-400", "1_000", "1,5", "1d"));
            case 5 -> b("{\"v\":" + pick("1e309", "NaN", "\"x\"", "[1]", "{}", "null", "true") + "}");
            case 6 -> new byte[0];
            case 7 -> b("9".repeat(1000));
            case 8 -> b("{\"a\":1,\"a\":2}");
            case 9 -> new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};  // overlong, surrogate
            case 10 -> b("\uD83D\uDE00");
            default -> b(Integer.toString(rnd.nextInt()));
        };
    }

    private String hostileConfig(int i) {
        return switch (rnd.nextInt(10)) {
            case 0 -> "{\"stat_t\":\"x/" + i + "\",\"avty_t\":\"#\"}";
            case 1 -> "{\"stat_t\":\"x/" + i + "\",\"avty\":[{\"t\":\"+/+\"}]}";
            case 2 -> "{\"stat_t\":\"\",\"avty_t\":\"a/#/b\"}";
            case 3 -> "{\"stat_t\":\"rogue/" + i + "\",\"uniq_id\":\"uid-good-" + pick("s", "u", "t") + "\"}";
            case 4 -> "{\"stat_t\":\"x/" + i + "\",\"val_tpl\":\"{{ value | round(" + rnd.nextInt(10_000_000) + ") }}\"}";
            case 5 -> "not json {";
            case 6 -> "{\"stat_t\":\"x/" + i + "\",\"name\":\"" + "n".repeat(50_000) + "\"}";
            case 7 -> "{\"stat_t\":\"x/" + i + "\",\"min\":1e309,\"max\":\"NaN\"}";
            case 8 -> "[1,2,3]";
            default -> "{\"stat_t\":\"x/" + i + "\",\"uniq_id\":\"r" + i + "\"}";
        };
    }

    private String pick(String... s) {
        return s[rnd.nextInt(s.length)];
    }

    /** Writes to the real stream and keeps a copy. */
    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream out;
        private final ByteArrayOutputStream copy;

        TeeStream(PrintStream out, ByteArrayOutputStream copy) {
            this.out = out;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) {
            out.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            out.write(b, off, len);
            copy.write(b, off, len);
        }
    }

    @SuppressWarnings("unused")
    private static <T> T unused(Supplier<T> s) {
        return s.get();
    }
}
