package org.peresvet.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Connectors in a running engine: lifecycle with the model, quality codes, statuses, logs. */
class ConnectorEngineTest {
    @TempDir
    Path dir;

    private final FakeDevice.Factory factory = new FakeDevice.Factory();
    private final ObjectDef pump = ObjectDef.create(null, "Pump");
    private final ConnectorDef board = ConnectorDef.create("Board", "fake", "{}");
    private final TagDef level = bound("Level", board, "{\"address\":\"level\"}", ValueType.DOUBLE, 0.0, 100.0);
    private final TagDef temp = bound("Temp", board, "{\"address\":\"sensor\",\"json\":\"$.DS18B20.Temperature\"}", ValueType.DOUBLE, null, null);

    static TagDef bound(String name, ConnectorDef c, String binding, ValueType type, Double min, Double max) {
        String json = binding.replaceFirst("\\{", "{\"connector\":\"" + c.id() + "\",");
        return TagDef.builder(null, name, type).source(SourceKind.CONNECTOR).sourceConfig(json).min(min).max(max).build();
    }

    private TagDef on(ObjectDef o, TagDef t) {
        return t.toBuilder().objectId(o.id()).build();
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private Engine open() {
        return open(EngineOptions.quiet());
    }

    private Engine open(EngineOptions options) {
        Engine e = Engine.open(dir, options);
        e.addConnectorFactory(factory);
        return e;
    }

    private static NamedStatus status(Engine e, String name) {
        return e.connectors().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean is(Engine e, TagDef t, Object y, Integer q) {
        Sample s = e.current(t.id());
        return s != null && Objects.equals(s.y(), y) && Quality.same(s.q(), q);
    }

    @Test
    void valuesFlowAndConnectionChangesSetTheQualityOfEveryBoundTag() throws Exception {
        TagDef lv = on(pump, level);
        TagDef tp = on(pump, temp);
        try (Engine e = open()) {
            e.edit(new ModelEdit.PutObject(pump), new ModelEdit.PutConnector(board), new ModelEdit.PutTag(lv), new ModelEdit.PutTag(tp));
            e.start();
            await("connected", () -> status(e, "Board").status().state() == ConnectorState.CONNECTED);
            FakeDevice d = factory.devices.get("Board");
            assertThat(d.bindings()).extracting(Binding::address).containsExactlyInAnyOrder("level", "sensor");
            assertThat(status(e, "Board").boundTags()).isEqualTo(2);

            d.push(lv.id(), "42.5");
            d.push(tp.id(), "{\"DS18B20\":{\"Temperature\":21.5}}");
            await("values", () -> is(e, lv, 42.5, null) && is(e, tp, 21.5, null));

            d.drop("broker went away");
            await("q=100", () -> is(e, lv, null, Quality.CONNECTION_LOST) && is(e, tp, null, Quality.CONNECTION_LOST));
            d.restore();
            await("q=101", () -> is(e, lv, null, Quality.CONNECTION_RESTORED) && is(e, tp, null, Quality.CONNECTION_RESTORED));

            d.sourceLost(tp.id());
            await("q=102", () -> is(e, tp, null, Quality.SOURCE_LOST));
            assertThat(is(e, lv, null, Quality.CONNECTION_RESTORED)).isTrue();

            d.push(lv.id(), "150");
            await("q=103", () -> is(e, lv, null, Quality.BAD_DATA));
            d.push(tp.id(), new byte[]{(byte) 0xff, 0x00});
            await("q=103", () -> is(e, tp, null, Quality.BAD_DATA));
            assertThat(e.connectorLog(board.id())).extracting(ConnectorLogLine::text)
                    .anyMatch(l -> l.contains("/Pump/Level: 150 is above the tag's max 100 (quality 103)"))
                    .anyMatch(l -> l.contains("/Pump/Temp: payload is not UTF-8 text"))
                    .anyMatch(l -> l.contains("broker went away"));
            NamedStatus st = status(e, "Board");
            assertThat(st.status().messagesIn()).isEqualTo(4);
            assertThat(st.status().errors()).isGreaterThanOrEqualTo(2);
        }
        assertThat(factory.devices.get("Board").closed).isTrue();
        await("connector threads gone", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("peresvet-connector")));
    }

    @Test
    void aBatchOfPayloadsFollowsTheRulesOfSingleOnesInOrder() throws Exception {
        TagDef lv = on(pump, level);
        TagDef tp = on(pump, temp);
        try (Engine e = open()) {
            e.edit(new ModelEdit.PutObject(pump), new ModelEdit.PutConnector(board), new ModelEdit.PutTag(lv), new ModelEdit.PutTag(tp));
            e.start();
            await("connected", () -> status(e, "Board").status().state() == ConnectorState.CONNECTED);
            FakeDevice d = factory.devices.get("Board");
            PayloadBatch batch = new PayloadBatch(2); // grows past its first capacity
            batch.add(lv.id(), "150".getBytes(java.nio.charset.StandardCharsets.UTF_8));          // out of range: 103
            batch.add(java.util.UUID.randomUUID(), "1".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // not bound: ignored
            batch.add(tp.id(), new byte[]{(byte) 0xff, 0x00});                                   // not text: 103
            batch.add(lv.id(), "12.5".getBytes(java.nio.charset.StandardCharsets.UTF_8));         // the last word for Level
            d.context().deliver(batch);
            await("values", () -> is(e, lv, 12.5, null) && is(e, tp, null, Quality.BAD_DATA));
            assertThat(e.connectorLog(board.id())).extracting(ConnectorLogLine::text)
                    .anyMatch(l -> l.contains("/Pump/Level: 150 is above the tag's max 100 (quality 103)"))
                    .anyMatch(l -> l.contains("/Pump/Temp: payload is not UTF-8 text"));
            NamedStatus st = status(e, "Board");
            assertThat(st.status().messagesIn()).isEqualTo(3);
            assertThat(st.status().errors()).isEqualTo(2);

            // a burst for one tag: every value kept, in order, none sharing a timestamp
            PayloadBatch burst = new PayloadBatch();
            for (int i = 1; i <= 50; i++) {
                burst.add(lv.id(), Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            long from = e.current(lv.id()).x() + 1;
            d.context().deliver(burst);
            await("the burst", () -> is(e, lv, 50.0, null));
            java.util.List<Sample> stored = e.history(org.peresvet.history.HistoryQuery.range(lv.id(), from,
                    org.peresvet.model.Micros.now()).withActual(true)).data();
            assertThat(stored).extracting(Sample::y).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, 50).mapToObj(i -> (Object) (double) i).toList());
            assertThat(stored).extracting(Sample::x).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void connectorsAndBindingsChangeWhileRunning() throws Exception {
        try (Engine e = open().start()) {
            e.edit(new ModelEdit.PutObject(pump), new ModelEdit.PutConnector(board));
            await("connected", () -> status(e, "Board").status().state() == ConnectorState.CONNECTED);
            FakeDevice first = factory.devices.get("Board");
            assertThat(first.bindings()).isEmpty();

            // A binding added live reaches the running connector, which delivers at once.
            TagDef lv = on(pump, level);
            e.edit(new ModelEdit.PutTag(lv));
            await("bound", () -> first.bindings().size() == 1);
            first.push(lv.id(), "10");
            await("value", () -> is(e, lv, 10.0, null));

            // A changed config re-creates the connector; the old one is closed and can no longer write.
            e.edit(new ModelEdit.PutConnector(board.withConfig("{\"echoDelayMs\":5}")));
            await("re-created", () -> factory.all.size() == 2 && factory.all.get(1) != first
                    && status(e, "Board").status().state() == ConnectorState.CONNECTED);
            assertThat(first.closed).isTrue();
            first.push(lv.id(), "11");
            FakeDevice second = factory.devices.get("Board");
            assertThat(second.bindings()).hasSize(1);
            second.push(lv.id(), "12");
            await("value from the new one", () -> is(e, lv, 12.0, null));

            // Disabled: stopped, tags marked lost.
            e.edit(new ModelEdit.PutConnector(board.withConfig("{\"echoDelayMs\":5}").withEnabled(false)));
            await("stopped", () -> status(e, "Board").status().state() == ConnectorState.STOPPED);
            assertThat(second.closed).isTrue();
            await("q=100", () -> is(e, lv, null, Quality.CONNECTION_LOST));

            // Deleted with force: gone from the statuses, tag manual.
            e.edit(new ModelEdit.DeleteConnector(board.id(), true));
            await("removed", () -> e.connectors().isEmpty());
            assertThat(e.model().tag(lv.id()).source()).isEqualTo(SourceKind.MANUAL);
        }
    }

    @Test
    void aBadConfigOrAnUnknownKindIsAnErrorThatDisturbsNothingElse() throws Exception {
        ConnectorDef bad = ConnectorDef.create("Bad", "fake", "{\"fail\":\"port must be a number\"}");
        ConnectorDef unknown = ConnectorDef.create("Modbus", "modbus", "{}");
        TagDef lv = on(pump, level);
        TagDef onBad = on(pump, bound("X", bad, "{\"address\":\"x\"}", ValueType.DOUBLE, null, null));
        try (Engine e = open()) {
            e.edit(new ModelEdit.PutObject(pump), new ModelEdit.PutConnector(board), new ModelEdit.PutConnector(bad),
                    new ModelEdit.PutConnector(unknown), new ModelEdit.PutTag(lv), new ModelEdit.PutTag(onBad));
            e.start();
            await("statuses", () -> status(e, "Bad").status().state() == ConnectorState.ERROR
                    && status(e, "Modbus").status().state() == ConnectorState.ERROR
                    && status(e, "Board").status().state() == ConnectorState.CONNECTED);
            assertThat(status(e, "Bad").status().reason()).isEqualTo("bad config: port must be a number");
            assertThat(status(e, "Modbus").status().reason()).contains("no connector of kind 'modbus' is installed").contains("fake");
            await("q=100 on the bad one's tag", () -> is(e, onBad, null, Quality.CONNECTION_LOST));
            factory.devices.get("Board").push(lv.id(), "5");
            await("value", () -> is(e, lv, 5.0, null));
            assertThat(e.connectors()).extracting(NamedStatus::name).containsExactly("Bad", "Board", "Modbus");

            // Fixing the config starts it, and its tag is told the connection is back.
            e.edit(new ModelEdit.PutConnector(bad.withConfig("{}")));
            await("fixed", () -> status(e, "Bad").status().state() == ConnectorState.CONNECTED);
            await("q=101", () -> is(e, onBad, null, Quality.CONNECTION_RESTORED));
        }
    }

    @Test
    void aConnectorThatNeverConnectsMarksItsTagsLostAfterTheGracePeriod() throws Exception {
        ConnectorDef dead = ConnectorDef.create("Dead", "fake", "{\"connect\":false}");
        TagDef t = on(pump, bound("T", dead, "{\"address\":\"t\"}", ValueType.DOUBLE, null, null));
        try (Engine e = open(EngineOptions.quiet().withConnectGraceMillis(100))) {
            e.edit(new ModelEdit.PutObject(pump), new ModelEdit.PutConnector(dead), new ModelEdit.PutTag(t));
        }
        // Reopened: the connector starts with the engine.
        try (Engine e = open(EngineOptions.quiet().withConnectGraceMillis(100))) {
            e.start();
            await("q=100", () -> is(e, t, null, Quality.CONNECTION_LOST));
            assertThat(status(e, "Dead").status().state()).isEqualTo(ConnectorState.CONNECTING);
            assertThat(e.connectorLog(dead.id())).extracting(ConnectorLogLine::text).anyMatch(l -> l.contains("not connected 100 ms after start"));
        }
    }
}
