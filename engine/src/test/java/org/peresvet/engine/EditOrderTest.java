package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.FakeDevice;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * Two edits at once (the workstation and the API): the running engine — loop, connectors,
 * schedules — ends on the model stored last, never on an older one.
 */
class EditOrderTest {
    @TempDir
    Path dir;

    @Test
    void concurrentEditsReachTheRunningEngineInTheOrderTheyWereStored() throws Exception {
        FakeDevice.Factory devices = new FakeDevice.Factory();
        ObjectDef pump = ObjectDef.create(null, "Pump");
        ConnectorDef board = ConnectorDef.create("Board", "fake", "{\"echo\":\"same\"}");
        TagDef plain = TagDef.builder(pump.id(), "Speed", ValueType.DOUBLE).units("B").build();
        TagDef bound = plain.toBuilder().units("A").source(SourceKind.CONNECTOR)
                .sourceConfig("{\"connector\":\"" + board.id() + "\",\"address\":\"speed\"}").build();
        ScheduleDef hourly = ScheduleDef.interval("Hourly", 1, ScheduleDef.Unit.HOURS);
        ScheduleDef off = new ScheduleDef(hourly.id(), hourly.name(), "", false, hourly.kind(), null, null, 1, ScheduleDef.Unit.HOURS,
                null, null, hourly.missed());

        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            e.addConnectorFactory(devices);
            e.edit(Actor.SYSTEM, new ModelEdit.PutObject(pump), new ModelEdit.PutConnector(board), new ModelEdit.PutTag(plain),
                    new ModelEdit.PutSchedule(off));
            e.start();

            // The first edit, once stored, waits for the second to finish (at most a second):
            // with the apply outside the lock the second is stored and applied meanwhile, and the
            // first then overwrites the running engine with its older model.
            CountDownLatch secondDone = new CountDownLatch(1);
            CountDownLatch firstStored = new CountDownLatch(1);
            e.afterStore(change -> {
                if (change.snapshot().tag(plain.id()).units().equals("A")) {
                    firstStored.countDown();
                    try {
                        secondDone.await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            CompletableFuture<Void> first = CompletableFuture.runAsync(() ->
                    e.edit(Actor.workstation("ivanov"), new ModelEdit.PutTag(bound), new ModelEdit.PutSchedule(hourly)));
            assertThat(firstStored.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                e.edit(new Actor("grafana", "api 127.0.0.1", null, Actor.Kind.SERVICE),
                        new ModelEdit.PutTag(plain), new ModelEdit.PutSchedule(off));
                secondDone.countDown();
            });
            first.get(20, TimeUnit.SECONDS);
            second.get(20, TimeUnit.SECONDS);

            assertThat(e.model().tag(plain.id()).units()).as("stored last").isEqualTo("B");
            assertThat(e.runningTag(plain.id())).as("the loop runs the stored definition").isEqualTo(e.model().tag(plain.id()));
            assertThat(e.nextScheduleTick(hourly.id())).as("the disabled schedule does not run").isNull();
            FakeDevice d = devices.devices.get("Board");
            await("the connector runs the stored bindings", () -> d.bindings().isEmpty());
            Thread.sleep(200); // a late, older model would arrive on the connectors' own thread
            assertThat(d.bindings()).as("no binding from the older model").isEmpty();
        }
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
