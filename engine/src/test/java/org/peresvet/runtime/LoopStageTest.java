package org.peresvet.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/** Stages see accepted samples in order and their derived samples go through the same pipeline. */
class LoopStageTest {
    private final UUID obj = UUID.randomUUID();
    private final TagDef input = TagDef.builder(obj, "In", ValueType.DOUBLE).build();
    private final TagDef doubled = TagDef.builder(obj, "Twice", ValueType.DOUBLE).deadband(1).build();

    @Test
    void derivedSamplesPassDeadbandAndReachLaterStagesAndSinks() throws Exception {
        EngineLoop loop = new EngineLoop(16);
        loop.load(input, null);
        loop.load(doubled, null);
        List<TagSample> seenByLater = new CopyOnWriteArrayList<>();
        List<TagSample> sunk = new CopyOnWriteArrayList<>();
        loop.addStage(accepted -> {
            List<TagSample> out = new ArrayList<>();
            for (TagSample ts : accepted) {
                if (ts.tagId().equals(input.id())) {
                    out.add(new TagSample(doubled.id(), Sample.of(ts.sample().x(), 2 * (Double) ts.sample().y())));
                }
            }
            return out;
        });
        loop.addStage(accepted -> {
            seenByLater.addAll(accepted);
            return List.of();
        });
        loop.addSink(sunk::addAll);
        loop.start();
        loop.submit(List.of(new TagSample(input.id(), Sample.of(1, 1.0)), new TagSample(input.id(), Sample.of(2, 1.2)),
                new TagSample(input.id(), Sample.of(3, 2.0))));
        loop.execute(() -> { }).join();
        loop.stop();
        // 2.0, 2.4 (inside deadband 1: dropped), 4.0
        assertThat(loop.state(doubled.id()).current()).isEqualTo(Sample.of(3, 4.0));
        assertThat(sunk).filteredOn(ts -> ts.tagId().equals(doubled.id())).extracting(ts -> ts.sample().y()).containsExactly(2.0, 4.0);
        assertThat(seenByLater).hasSize(5);
    }

    @Test
    void timersTickWithoutSamplesAndAFailingStageDoesNotStopTheLoop() throws Exception {
        EngineLoop loop = new EngineLoop(16);
        loop.load(input, null);
        List<Long> ticks = new CopyOnWriteArrayList<>();
        loop.addStage(new LoopStage() {
            @Override
            public List<TagSample> process(List<TagSample> accepted) {
                throw new IllegalStateException("broken stage");
            }

            @Override
            public List<TagSample> tick(long now) {
                ticks.add(now);
                return ticks.size() == 1 ? List.of(new TagSample(input.id(), Sample.of(now, 9.0))) : List.of();
            }
        });
        loop.start();
        Thread.sleep(350);
        loop.submit(List.of(new TagSample(input.id(), Sample.of(10, 1.0))));
        loop.execute(() -> { }).join();
        loop.stop();
        assertThat(ticks.size()).isGreaterThanOrEqualTo(2);
        assertThat(loop.state(input.id()).lastAccepted().y()).isEqualTo(1.0);
    }
}
