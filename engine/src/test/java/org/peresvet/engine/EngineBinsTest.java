package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.history.Bin;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/** The decimated history query through the engine: stored and unwritten samples, without a flush. */
class EngineBinsTest {
    private static final long T0 = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private Engine open(int flushMillis) {
        Engine e = Engine.open(dir, EngineOptions.quiet());
        e.project().updateSettings(Actor.SYSTEM, new ProjectSettings("bins", 3650, flushMillis));
        return e.start();
    }

    private static TagDef level(Engine e) {
        ObjectDef tank = ObjectDef.create(null, "Tank");
        TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).build();
        e.edit(new ModelEdit.PutObject(tank), new ModelEdit.PutTag(level));
        return level;
    }

    private static void write(Engine e, UUID id, int from, int to) {
        List<TagSample> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(new TagSample(id, Sample.of(T0 + i * 1_000L, (double) (i % 100))));
        }
        e.write(batch);
    }

    /** The engine loop has applied everything written: the last sample is the current value. */
    private static void awaitApplied(Engine e, UUID id, int last) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!Sample.of(T0 + last * 1_000L, (double) (last % 100)).equals(e.current(id)) && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        assertThat(e.current(id)).isEqualTo(Sample.of(T0 + last * 1_000L, (double) (last % 100)));
    }

    @Test
    void unwrittenSamplesAreAnsweredWithoutForcingAFlush() throws Exception {
        try (Engine e = open(60_000)) {
            UUID id = level(e).id();
            write(e, id, 0, 1000);
            awaitApplied(e, id, 999);
            BinnedHistory h = e.history().bins(new BinQuery(id, T0, T0 + 999_999, 10));
            assertThat(e.status().historyWritten()).as("no flush").isZero();
            assertThat(h.raw()).isFalse();
            assertThat(h.bins()).hasSize(10).allSatisfy(b -> assertThat(b.count()).isEqualTo(100));
            Bin b = h.bins().get(3);
            assertThat(b.first()).isEqualTo(Sample.of(T0 + 300_000, 0.0));
            assertThat(b.last()).isEqualTo(Sample.of(T0 + 399_000, 99.0));
            assertThat(b.maxX()).isEqualTo(T0 + 399_000);

            // Half written, half waiting: the same answer, nothing twice.
            e.flush();
            write(e, id, 1000, 2000);
            awaitApplied(e, id, 1999);
            BinnedHistory both = e.history().bins(new BinQuery(id, T0, T0 + 1_999_999, 4));
            assertThat(e.status().historyWritten()).isEqualTo(1000);
            assertThat(both.bins()).extracting(Bin::count).containsExactly(500, 500, 500, 500);
            assertThat(both.bins().get(1).first()).isEqualTo(Sample.of(T0 + 500_000, 0.0));
        }
    }

    @Test
    void answersStayExactWhileTheWriterKeepsWriting() throws Exception {
        try (Engine e = open(10)) {
            UUID id = level(e).id();
            for (int i = 0; i < 40; i++) {
                write(e, id, i * 250, (i + 1) * 250);
                long total = e.history().bins(new BinQuery(id, T0, T0 + 10_000_000, 100)).sampleCount();
                assertThat(total).as("never more than was written").isLessThanOrEqualTo((i + 1) * 250L);
            }
            awaitApplied(e, id, 9999);
            for (int i = 0; i < 30; i++) {
                assertThat(e.history().bins(new BinQuery(id, T0, T0 + 10_000_000, 100)).sampleCount()).isEqualTo(10_000);
            }
        }
    }

    @Test
    void unknownTagsAreRefused() {
        try (Engine e = open(1000)) {
            assertThatThrownBy(() -> e.history().bins(new BinQuery(UUID.randomUUID(), T0, T0 + 1, 10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown tag");
        }
    }
}
