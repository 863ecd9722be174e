package org.peresvet.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.ExportStatus;

/**
 * The sender's delivery protocol, one state change at a time, against a scripted server and a
 * hand-moved clock: no thread, no sleep, no network.
 */
class SenderTest {
    private static final long CONFIRM_MS = 1_000;
    private static final long SETTLE_MS = 500;
    private static final Map<String, String> LEVEL = Map.of("__name__", "level", "tag", "/Tank/Level");

    @TempDir
    Path dir;

    private final long[] now = {1_000_000};
    private final FakeServer server = new FakeServer();
    private DiskQueue queue;
    private Sender sender;

    @BeforeEach
    void open() {
        queue = DiskQueue.open(dir.resolve("queue"), 64L * 1024 * 1024, false);
        sender = newSender();
    }

    private Sender newSender() {
        ExportConfig.Target target = new ExportConfig.Target("vm", "http://127.0.0.1:8428", true, null, null, null, Map.of(),
                ExportConfig.Target.DEFAULT_QUEUE_MAX_BYTES, 80, 1_000, CONFIRM_MS, false);
        Sender s = new Sender(target, queue, server, SETTLE_MS, () -> now[0]);
        s.load();
        return s;
    }

    @AfterEach
    void close() {
        queue.close();
    }

    /** Queues one batch of the level series with these timestamps (ms). */
    private void append(long... ts) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            values.add(Integer.toString(i));
        }
        byte[] body = new BatchEncoder(Map.of()).encodeRaw(List.of(new SeriesData(LEVEL, values, ts)));
        queue.append(body, ts.length, ts.length, ts[0], ts[ts.length - 1]);
    }

    private ExportStatus.Target status() {
        return sender.status();
    }

    private void advance(long ms) {
        now[0] += ms;
    }

    @Test
    void acceptedThenConfirmedWhenTheSameServerIsStillRunningAfterTheDelay() {
        append(1000, 2000);
        assertThat(sender.step()).isTrue();
        assertThat(server.imports).isEqualTo(1);
        assertThat(status().sentSamples()).isEqualTo(2);
        assertThat(status().unsentSamples()).as("accepted: no longer unsent").isZero();
        assertThat(status().confirmedSamples()).as("but kept until confirmed").isZero();
        assertThat(queue.samples()).isEqualTo(2);

        advance(CONFIRM_MS - 1);
        sender.step();
        assertThat(status().confirmedSamples()).as("not before the delay").isZero();
        advance(1);
        sender.step();
        assertThat(status().confirmedSamples()).isEqualTo(2);
        assertThat(queue.samples()).as("confirmed batches leave the queue").isZero();
        assertThat(status().connected()).isTrue();
        assertThat(sender.drained()).isTrue();
    }

    @Test
    void refusedIsKeptAndSentAgainAfterTheBackoff() {
        append(1000);
        server.results.add(new VmClient.Result(VmClient.Outcome.REFUSED, 429, "HTTP 429 too many requests"));
        sender.step();
        assertThat(status().connected()).isFalse();
        assertThat(status().lastError()).isEqualTo("HTTP 429 too many requests");
        assertThat(status().unsentSamples()).isEqualTo(1);
        assertThat(server.stored()).isEmpty();

        advance(199);
        assertThat(sender.step()).as("waits out the backoff").isFalse();
        assertThat(server.imports).isEqualTo(1);
        advance(1);
        sender.step();
        assertThat(server.imports).isEqualTo(2);
        assertThat(status().connected()).isTrue();
        assertThat(status().lastError()).isNull();
        assertThat(server.stored()).containsExactly(1000L);
    }

    @Test
    void unknownFateIsReadBackAndOnlyTheMissingPointsAreSentAgain() {
        append(1000, 2000, 3000);
        // The server stored the first point, then the connection broke: the sender cannot know.
        server.storeOnly = 1;
        server.results.add(new VmClient.Result(VmClient.Outcome.UNKNOWN, 0, "I/O error: connection reset"));
        sender.step();
        assertThat(status().suspectBatches()).isEqualTo(1);
        assertThat(status().lastError()).contains("checked against the server");

        advance(200); // past the backoff, not yet settled
        sender.step();
        assertThat(server.exports).as("a suspect is read back only once it settled").isZero();
        advance(SETTLE_MS);
        sender.step();
        assertThat(server.exports).isEqualTo(1);
        assertThat(server.stored()).containsExactly(1000L, 2000L, 3000L);
        assertThat(status().resentPoints()).as("only what the server did not have").isEqualTo(2);
        assertThat(status().suspectBatches()).isZero();
        assertThat(status().connected()).isTrue();
    }

    @Test
    void unknownFateButTheServerHasEverythingSendsNothingAgain() {
        append(1000, 2000);
        server.results.add(new VmClient.Result(VmClient.Outcome.UNKNOWN, 503, "HTTP 503"));
        sender.step();
        advance(SETTLE_MS);
        sender.step();
        assertThat(server.imports).isEqualTo(1);
        assertThat(status().resentPoints()).isZero();
        assertThat(status().suspectBatches()).isZero();
        advance(CONFIRM_MS);
        sender.step();
        assertThat(status().confirmedSamples()).as("confirmed from the read-back").isEqualTo(2);
    }

    @Test
    void aServerRestartBeforeConfirmationMakesTheBatchSuspectAndRefillsWhatItLost() {
        append(1000, 2000);
        sender.step();
        assertThat(status().sentSamples()).isEqualTo(2);
        server.restart(); // killed before its in-memory rows reached the disk
        advance(CONFIRM_MS);
        sender.step(); // another process: the batch became suspect, was read back and refilled
        assertThat(server.exports).isEqualTo(1);
        assertThat(server.stored()).containsExactly(1000L, 2000L);
        assertThat(status().resentPoints()).isEqualTo(2);
        assertThat(status().confirmedSamples()).as("accepted again just now: not confirmed yet").isZero();
        assertThat(status().suspectBatches()).isZero();
        advance(CONFIRM_MS);
        sender.step();
        assertThat(status().confirmedSamples()).isEqualTo(2);
        assertThat(queue.samples()).isZero();
    }

    @Test
    void anAuthFailureIsReportedAndNothingIsLost() {
        append(1000);
        server.results.add(new VmClient.Result(VmClient.Outcome.REFUSED, 401, "HTTP 401 from http://127.0.0.1:8428/api/v1/import"));
        sender.step();
        assertThat(status().lastError()).contains("401");
        assertThat(status().connected()).isFalse();
        assertThat(status().unsentSamples()).isEqualTo(1);
        assertThat(queue.samples()).isEqualTo(1);
    }

    @Test
    void aServerWhoseStartTimeCannotBeReadIsConfirmedByTheDelayAlone() {
        server.startError = new VmClient.HttpError(401, "HTTP 401 from http://127.0.0.1:8428/metrics");
        append(1000);
        sender.step();
        assertThat(server.imports).as("sends without knowing the server's identity").isEqualTo(1);
        advance(CONFIRM_MS);
        sender.step();
        assertThat(status().confirmedSamples()).isEqualTo(1);
    }

    @Test
    void aSilentServerMakesAcceptedBatchesSuspectUntilItAnswersAgain() {
        append(1000, 2000);
        sender.step();
        assertThat(status().sentSamples()).isEqualTo(2);
        server.startError = new SocketTimeoutException("Read timed out");
        advance(CONFIRM_MS);
        sender.step();
        assertThat(status().connected()).isFalse();
        assertThat(status().lastError()).startsWith("no answer from");
        assertThat(status().suspectBatches()).as("it may have lost what it accepted").isEqualTo(1);
        assertThat(status().confirmedSamples()).isZero();

        server.startError = null; // answers again, same process, data still there
        advance(SETTLE_MS);
        sender.step();
        assertThat(status().suspectBatches()).isZero();
        assertThat(status().resentPoints()).isZero();
        assertThat(status().connected()).isTrue();
        advance(CONFIRM_MS);
        sender.step();
        assertThat(status().confirmedSamples()).isEqualTo(2);
    }

    @Test
    void anUnreachableServerIsRetriedWithAGrowingBackoff() {
        append(1000);
        server.startError = new ConnectException("Connection refused");
        sender.step();
        assertThat(status().lastError()).startsWith("cannot connect");
        advance(200);
        sender.step();
        advance(399);
        assertThat(sender.step()).as("the second wait is longer").isFalse();
        server.startError = null;
        advance(1);
        sender.step();
        assertThat(server.imports).isEqualTo(1);
        assertThat(status().connected()).isTrue();
    }

    @Test
    void batchesSentBeforeARestartOfTheEngineAreCheckedFirst() {
        append(1000);
        append(2000);
        queue.markSent(queue.endSeq()); // the last run sent both, then stopped before it knew their fate
        server.has(1000L);
        sender = newSender();
        assertThat(status().suspectBatches()).isEqualTo(2);
        advance(SETTLE_MS);
        sender.step();
        sender.step();
        assertThat(server.stored()).containsExactly(1000L, 2000L);
        assertThat(status().resentPoints()).isEqualTo(1);
    }

    /** A VictoriaMetrics server as the sender sees it: a start time, stored points, scripted answers. */
    private static final class FakeServer implements VmServer {
        final Queue<VmClient.Result> results = new ArrayDeque<>();
        final TreeMap<Long, String> points = new TreeMap<>();
        long start = 100;
        IOException startError;
        /** For the next import: store only the first n points (a broken connection), -1 all. */
        int storeOnly = -1;
        int imports;
        int exports;

        List<Long> stored() {
            return new ArrayList<>(points.keySet());
        }

        void has(long... ts) {
            for (long t : ts) {
                points.put(t, "0");
            }
        }

        void restart() {
            start++;
            points.clear();
        }

        @Override
        public VmClient.Result importGzip(byte[] body) {
            imports++;
            VmClient.Result r = results.poll();
            boolean store = r == null || r.outcome() == VmClient.Outcome.ACCEPTED || r.outcome() == VmClient.Outcome.UNKNOWN;
            if (store) {
                try {
                    int n = 0;
                    for (SeriesData sd : JsonLines.decodeGzip(body)) {
                        for (int i = 0; i < sd.size() && (storeOnly < 0 || n < storeOnly); i++, n++) {
                            points.put(sd.timestamps()[i], sd.values().get(i));
                        }
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                storeOnly = -1;
            }
            return r != null ? r : new VmClient.Result(VmClient.Outcome.ACCEPTED, 204, null);
        }

        @Override
        public Long startTime() throws IOException {
            if (startError != null) {
                throw startError;
            }
            return start;
        }

        @Override
        public void forceFlush() {
        }

        @Override
        public void export(Collection<String> selectors, long startMs, long endMs, Consumer<SeriesData> sink) {
            exports++;
            assertThat(selectors).hasSize(1);
            Map<Long, String> in = new HashMap<>(points.subMap(startMs, true, endMs, true));
            if (in.isEmpty()) {
                return;
            }
            long[] ts = in.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            List<String> values = new ArrayList<>();
            for (long t : ts) {
                values.add(in.get(t));
            }
            sink.accept(new SeriesData(LEVEL, values, ts));
        }

        @Override
        public void cancelAll() {
        }

        @Override
        public void close() {
        }
    }
}
