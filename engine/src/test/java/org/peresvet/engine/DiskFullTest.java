package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.api.ApiConfig;
import org.peresvet.api.ApiServer;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.HistoryHealth;
import org.peresvet.store.HistoryStore;
import org.peresvet.store.ProjectFolder;
import org.peresvet.store.SmallDisk;

/**
 * The project folder on a real, small disk (a tmpfs) that fills to 100 % while samples are written
 * through {@code POST /v1/data/}, then gets room again, then the engine restarts. Every sample the
 * API acknowledged (200 or 202) is in history after the restart, once; samples beyond the memory
 * bound are refused with 507 and are nowhere. Each case prints acknowledged / lost / refused.
 */
class DiskFullTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REPORT = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;
    private SmallDisk disk;
    private Path project;
    private Engine engine;
    private ApiServer api;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private int keptLimit = 500_000;
    private ObjectDef plant;
    private final Map<String, TagDef> tags = new HashMap<>();

    @BeforeEach
    void mount() throws Exception {
        disk = SmallDisk.mount(tmp, 24L << 20);
        project = disk.root().resolve("plant");
    }

    @AfterEach
    void unmount() throws Exception {
        stop();
        disk.close();
    }

    @AfterAll
    static void report() {
        System.out.println("Disk-full cases (samples or journal rows):");
        REPORT.forEach(l -> System.out.println("  " + l));
    }

    private void start() {
        engine = Engine.open(project, new EngineOptions(false, false, 262_144, keptLimit)).start();
        api = ApiServer.start(engine, ApiConfig.defaults().withPort(0));
    }

    private void stop() {
        if (api != null) {
            api.close();
            api = null;
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    private void restart() {
        stop();
        start();
    }

    private TagDef tag(String name) {
        return tags.computeIfAbsent(name, n -> {
            if (plant == null) {
                plant = ObjectDef.create(null, "Plant");
                engine.edit(new ModelEdit.PutObject(plant));
            }
            TagDef t = TagDef.builder(plant.id(), n, ValueType.DOUBLE).build();
            engine.edit(new ModelEdit.PutTag(t));
            return t;
        });
    }

    private record Answer(int status, JsonNode json, long millis) {
    }

    private Answer post(TagDef t, List<Sample> samples) throws Exception {
        StringBuilder b = new StringBuilder("{\"data\":[{\"tagId\":\"").append(t.id()).append("\",\"data\":[");
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            b.append(i == 0 ? "" : ",").append('[').append(s.x()).append(',').append(s.y()).append(']');
        }
        b.append("]}]}");
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/v1/data/"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(b.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()), (System.nanoTime() - t0) / 1_000_000);
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/v1/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<Sample> samples(int from, int n) {
        List<Sample> out = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            out.add(Sample.of(T0 + i * 1000L, Math.sin(i) * 100 + i * 1e-6));
        }
        return out;
    }

    private static void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    /** What is in the history file for the tag, read after the engine closed. */
    private List<Sample> stored(UUID tagId) {
        try (HistoryStore h = HistoryStore.open(new ProjectFolder(project)); HistoryStore.Reader r = h.reader(tagId, false)) {
            return r.range(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 0);
        }
    }

    /** Compares what was acknowledged with what is stored; records and checks lost 0, duplicated 0. */
    private void account(String name, List<Sample> acknowledged, List<Sample> refused, List<Sample> stored) {
        Set<Long> ackX = new HashSet<>();
        acknowledged.forEach(s -> ackX.add(s.x()));
        Set<Long> storedX = new HashSet<>();
        int duplicated = 0;
        for (Sample s : stored) {
            if (!storedX.add(s.x())) {
                duplicated++;
            }
        }
        long lost = ackX.stream().filter(x -> !storedX.contains(x)).count();
        long refusedButStored = refused.stream().filter(s -> storedX.contains(s.x())).count();
        REPORT.add(String.format("%-46s acknowledged %6d   lost %d   refused %5d   duplicated %d", name,
                acknowledged.size(), lost, refused.size(), duplicated));
        assertThat(lost).as(name + ": acknowledged samples lost").isZero();
        assertThat(duplicated).as(name + ": samples stored twice").isZero();
        assertThat(refusedButStored).as(name + ": refused samples must not be stored").isZero();
        assertThat(stored).as(name + ": stored = acknowledged").containsExactlyElementsOf(acknowledged);
    }

    /** Writes through the API until the writer reports the fault; every answer is prompt and 202 while it fails. */
    private int writeWhileFull(TagDef t, int from, int perPost, List<Sample> acknowledged, List<Sample> refused)
            throws Exception {
        int i = from;
        boolean sawFault = false;
        for (int post = 0; post < 60 && !(sawFault && post >= 10); post++) {
            List<Sample> batch = samples(i, perPost);
            i += perPost;
            Answer a = post(t, batch);
            assertThat(a.millis()).as("answer time while the disk is full (no 10 s stall)").isLessThan(3_000);
            switch (a.status()) {
                case 200, 202 -> acknowledged.addAll(batch);
                case 507 -> {
                    refused.addAll(batch);
                    assertThat(a.json().get("message").asText()).contains("disk full").contains("refused");
                    assertThat(a.json().get("refused").asInt()).isEqualTo(batch.size());
                    assertThat(a.json().get("keptLimit").asInt()).isEqualTo(keptLimit);
                }
                default -> throw new AssertionError("unexpected answer " + a);
            }
            if (a.status() == 202) {
                assertThat(a.json().get("stored").asBoolean()).isFalse();
                assertThat(a.json().get("message").asText()).contains("disk full: cannot write");
            }
            sawFault |= engine.historyHealth().failing();
        }
        assertThat(sawFault).as("history writing failed on the full disk").isTrue();
        return i;
    }

    private void freeAndAwaitRecovery() throws Exception {
        disk.free();
        await("history written again after the disk got room", 60,
                () -> !engine.historyHealth().failing() && engine.historyHealth().kept() == 0);
        assertThat(engine.historyHealth().resumedAt()).isPositive();
        JsonNode h = health();
        assertThat(h.get("history").get("state").asText()).isEqualTo("ok");
        assertThat(h.get("history").has("fault")).isFalse();
        assertThat(h.get("history").get("resumedAt").isNull()).isFalse();
    }

    @Test
    void diskFullDuringATagsFirstWrite() throws Exception {
        start();
        TagDef old = tag("Old");
        TagDef fresh = tag("Fresh");
        List<Sample> oldAck = new ArrayList<>();
        List<Sample> ack = new ArrayList<>();
        List<Sample> refused = new ArrayList<>();
        List<Sample> first = samples(0, 200);
        assertThat(post(old, first).status()).isEqualTo(200);
        oldAck.addAll(first);
        disk.fill();
        int next = writeWhileFull(fresh, 0, 250, ack, refused);

        JsonNode h = health();
        assertThat(h.get("status").asText()).isEqualTo("degraded");
        JsonNode fault = h.get("history").get("fault");
        assertThat(fault.get("kind").asText()).isEqualTo("disk full");
        assertThat(fault.get("path").asText()).isEqualTo(project.resolve("history.mv.db").toString());
        assertThat(fault.get("freeBytes").asLong()).isLessThan(1 << 20);
        assertThat(h.get("historyError").asText()).startsWith("disk full: cannot write " + project.resolve("history.mv.db"));
        assertThat(h.get("history").get("kept").asInt()).isPositive();
        String m = metrics();
        assertThat(m).contains("peresvet_history_fault{kind=\"disk_full\",path=\"" + project.resolve("history.mv.db") + "\"} 1")
                .contains("peresvet_history_write_failing 1").contains("peresvet_history_kept_samples ");

        freeAndAwaitRecovery();
        List<Sample> after = samples(next, 500);
        assertThat(post(fresh, after).status()).isEqualTo(200);
        ack.addAll(after);
        assertThat(metrics()).contains("peresvet_history_write_failing 0").doesNotContain("peresvet_history_fault{");
        restart();
        assertThat(engine.status().historyError()).isNull();
        stop();
        account("disk full during a tag's first write", ack, refused, stored(fresh.id()));
        account("  (the tag that had history before)", oldAck, List.of(), stored(old.id()));
    }

    @Test
    void beyondTheMemoryBoundWritesAreRefusedNeverLost() throws Exception {
        keptLimit = 3_000;
        start();
        TagDef t = tag("Bounded");
        List<Sample> ack = new ArrayList<>();
        List<Sample> refused = new ArrayList<>();
        List<Sample> before = samples(0, 100);
        assertThat(post(t, before).status()).isEqualTo(200);
        ack.addAll(before);
        disk.fill();
        int next = writeWhileFull(t, 100, 500, ack, refused);
        assertThat(refused).as("some writes refused once memory held " + keptLimit + " samples").isNotEmpty();
        assertThat(engine.historyHealth().kept()).isLessThanOrEqualTo(keptLimit);
        assertThat(metrics()).contains("peresvet_api_samples_refused_total " + refused.size());
        freeAndAwaitRecovery();
        List<Sample> after = samples(next, 100);
        assertThat(post(t, after).status()).isEqualTo(200);
        ack.addAll(after);
        restart();
        stop();
        account("memory bound reached: beyond it refused (507)", ack, refused, stored(t.id()));
    }

    @Test
    void diskFullDuringABlockMove() throws Exception {
        start();
        List<TagDef> sparse = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            sparse.add(tag("Sparse" + k));
        }
        Map<UUID, List<Sample>> ack = new HashMap<>();
        // A few samples per tag per flush: the writer puts them in the tail (one row), in the file at once.
        int n = 0;
        for (int round = 0; round < 3; round++) {
            for (TagDef t : sparse) {
                Sample s = samples(round, 1).get(0);
                engine.write(t.id(), s);
                ack.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(s);
                n++;
            }
        }
        int written = n;
        await("sparse samples in the tail", 20, () -> engine.status().historyWritten() >= written);
        disk.fill();
        // A write through the API flushes: the tail moves into blocks, on a full disk.
        TagDef first = sparse.get(0);
        List<Sample> more = samples(3, 2000);
        Answer a = post(first, more);
        assertThat(a.status()).isEqualTo(202);
        assertThat(a.millis()).isLessThan(3_000);
        ack.get(first.id()).addAll(more);
        await("the block move failed", 10, () -> engine.historyHealth().failing());
        freeAndAwaitRecovery();
        restart();
        stop();
        List<Sample> allAck = new ArrayList<>();
        List<Sample> allStored = new ArrayList<>();
        for (TagDef t : sparse) {
            List<Sample> s = stored(t.id());
            assertThat(s).as(t.name()).containsExactlyElementsOf(ack.get(t.id()));
            allAck.addAll(ack.get(t.id()));
            allStored.addAll(s);
        }
        REPORT.add(String.format("%-46s acknowledged %6d   lost %d   refused %5d   duplicated %d",
                "disk full during a block move (tail)", allAck.size(), Math.max(0, allAck.size() - allStored.size()), 0,
                Math.max(0, allStored.size() - allAck.size())));
    }

    @Test
    void diskFullDuringAJournalWrite() throws Exception {
        start();
        TagDef level = tag("Level");
        AlarmDef hi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(50.0).build();
        engine.edit(new ModelEdit.PutAlarm(hi));
        List<AlarmEvent> published = new CopyOnWriteArrayList<>();
        engine.events().subscribe(AlarmEvent.class, published::add);
        engine.write(level.id(), 10.0);
        engine.write(level.id(), 60.0);
        engine.flush();
        await("first alarm event", 10, () -> published.size() >= 1);
        disk.fill();
        for (int i = 0; i < 10; i++) { // each crossing is a journal row
            engine.write(level.id(), i % 2 == 0 ? 10.0 : 60.0);
            Thread.sleep(50);
        }
        await("the journal write failed", 15, () -> engine.journalError() != null);
        assertThat(engine.journalError()).startsWith("disk full: cannot write " + project.resolve("history.mv.db"));
        assertThat(health().get("journalError").asText()).startsWith("disk full");
        await("ten more events", 10, () -> published.size() >= 11);
        disk.free();
        await("journal written again", 60, () -> engine.journalError() == null && !engine.historyHealth().failing());
        engine.flush();
        int events = published.size();
        restart();
        List<AlarmJournalEntry> journal = engine.alarms().journal(AlarmJournalQuery.all());
        stop();
        Set<String> ackKeys = new HashSet<>();
        for (AlarmEvent e : published) {
            AlarmJournalEntry j = e.toJournalEntry();
            ackKeys.add(j.time() + " " + j.transition());
        }
        Set<String> stored = new HashSet<>();
        int duplicated = 0;
        for (AlarmJournalEntry j : journal) {
            if (!stored.add(j.time() + " " + j.transition())) {
                duplicated++;
            }
        }
        long lost = ackKeys.stream().filter(k -> !stored.contains(k)).count();
        REPORT.add(String.format("%-46s acknowledged %6d   lost %d   refused %5d   duplicated %d",
                "disk full during a journal write (rows)", events, lost, 0, duplicated));
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(journal).hasSize(events);
    }
}
