package org.peresvet.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.PayloadBatch;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/** The MQTT connector's batch towards the engine keeps the order the broker sent. */
class BatchingContextTest {
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final Recorder engine = new Recorder();
    private final BatchingContext ctx = new BatchingContext(engine);

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void payloadsWaitForTheFlushAndArriveAsOneBatchInOrder() {
        ctx.deliver(a, text("1"));
        ctx.deliver(b, text("2"));
        ctx.deliver(a, text("3"));
        assertThat(engine.calls).isEmpty();
        ctx.flush();
        assertThat(engine.calls).containsExactly("batch " + a + "=1 " + b + "=2 " + a + "=3");
        ctx.flush();
        assertThat(engine.calls).hasSize(1); // nothing left, nothing sent twice
    }

    @Test
    void everythingElseTowardsTheEngineFlushesFirst() {
        ctx.deliver(a, text("1"));
        ctx.connectionChanged(ConnectorState.CONNECTING, "lost");
        ctx.deliver(b, text("2"));
        ctx.sourceLost(List.of(b), "board offline");
        ctx.deliver(a, text("3"));
        ctx.deliver(List.of(new TagSample(a, Sample.of(1, 4.0))));
        ctx.deliver(b, text("5"));
        PayloadBatch other = new PayloadBatch();
        other.add(a, text("6"));
        ctx.deliver(other);
        assertThat(engine.calls).containsExactly("batch " + a + "=1", "state CONNECTING lost", "batch " + b + "=2",
                "lost [" + b + "] board offline", "batch " + a + "=3", "samples 1", "batch " + b + "=5", "batch " + a + "=6");
    }

    @Test
    void aLongFanOutIsHandedOverBeforeTheBatchGrowsWithoutBound() {
        for (int i = 0; i < 1100; i++) {
            ctx.deliver(a, text(Integer.toString(i)));
        }
        assertThat(engine.batchSizes).containsExactly(1024);
        ctx.flush();
        assertThat(engine.batchSizes).containsExactly(1024, 76);
    }

    @Test
    void logLinesPassStraightThrough() {
        ctx.deliver(a, text("1"));
        ctx.log("WARN", "odd topic");
        assertThat(engine.calls).containsExactly("log WARN odd topic");
    }

    /** Records what reaches the engine, in order. */
    private static final class Recorder implements ConnectorContext {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

        @Override
        public ConnectorDef definition() {
            return ConnectorDef.create("t", "mqtt", "{}");
        }

        @Override
        public void deliver(List<TagSample> samples) {
            calls.add("samples " + samples.size());
        }

        @Override
        public void deliver(UUID tagId, byte[] payload) {
            calls.add("single " + tagId);
        }

        @Override
        public void deliver(PayloadBatch batch) {
            batchSizes.add(batch.size());
            StringBuilder s = new StringBuilder("batch");
            for (int i = 0; i < batch.size(); i++) {
                s.append(' ').append(batch.tag(i)).append('=').append(new String(batch.payload(i), StandardCharsets.UTF_8));
            }
            calls.add(s.toString());
        }

        @Override
        public void connectionChanged(ConnectorState state, String reason) {
            calls.add("state " + state + " " + reason);
        }

        @Override
        public void sourceLost(Collection<UUID> tagIds, String reason) {
            calls.add("lost " + tagIds + " " + reason);
        }

        @Override
        public void log(String level, String line) {
            calls.add("log " + level + " " + line);
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return null;
        }
    }
}
