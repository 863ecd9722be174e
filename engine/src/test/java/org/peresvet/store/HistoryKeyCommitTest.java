package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.Sample;
import org.peresvet.runtime.StorageFault;

/**
 * A new tag's history key is used only once the row that names it is committed: when the first
 * write of a tag fails (here: the disk is full), the retry after the disk is freed must not write
 * blocks under a key no row names, or the tag's history is gone at the next open.
 */
class HistoryKeyCommitTest {
    private static final long T0 = 1_700_000_000L * 1_000_000L / HistoryStore.BUCKET * HistoryStore.BUCKET;

    @TempDir
    Path tmp;

    @Test
    void aTagWhoseFirstBlockWriteFailsKeepsEverySampleAfterARestart() throws Exception {
        firstWriteFailsThenRestart((store, batch) -> store.write(batch));
    }

    @Test
    void aTagWhoseFirstTailWriteFailsKeepsEverySampleAfterARestart() throws Exception {
        firstWriteFailsThenRestart((store, batch) -> store.appendTail(batch));
    }

    private interface Write {
        void to(HistoryStore store, Map<UUID, List<Sample>> batch);
    }

    private void firstWriteFailsThenRestart(Write write) throws Exception {
        UUID old = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        try (SmallDisk disk = SmallDisk.mount(tmp, 8L << 20)) {
            ProjectFolder folder = new ProjectFolder(disk.root().resolve("plant"));
            List<Sample> acknowledged = new ArrayList<>();
            HistoryStore store = HistoryStore.open(folder);
            try {
                store.write(Map.of(old, samples(0, 100)));
                disk.fill();
                List<Sample> first = samples(0, 30_000);
                assertThatThrownBy(() -> write.to(store, Map.of(fresh, first)))
                        .as("the first write of a new tag on a full disk").isInstanceOf(StoreException.class)
                        .as("the first error is kept; the rollback that failed after it is only attached")
                        .hasMessageNotContaining("The database has been closed")
                        .satisfies(e -> assertThat(StorageFault.of(e, store.file()).describe())
                                .startsWith("disk full: cannot write " + store.file()));
                disk.free();
                // The history writer retries the same samples until they are in, then goes on.
                retry(() -> write.to(store, Map.of(fresh, first)));
                acknowledged.addAll(first);
                List<Sample> more = samples(30_000, 1_000);
                write.to(store, Map.of(fresh, more));
                acknowledged.addAll(more);
            } finally {
                store.close();
            }
            try (HistoryStore reopened = HistoryStore.open(folder);
                 HistoryStore.Reader r = reopened.reader(fresh, false)) {
                List<Sample> stored = r.range(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 0);
                System.out.printf("first write of a new tag failed (disk full): acknowledged %d, lost %d, duplicated %d%n",
                        acknowledged.size(), Math.max(0, acknowledged.size() - stored.size()),
                        Math.max(0, stored.size() - acknowledged.size()));
                assertThat(stored).as("every acknowledged sample of the new tag, once").containsExactlyElementsOf(acknowledged);
            }
        }
    }

    @Test
    void openingOnAFullDiskSaysSoAndTheTailWaitsForTheNextOpen() throws Exception {
        UUID tag = UUID.randomUUID();
        try (SmallDisk disk = SmallDisk.mount(tmp, 8L << 20)) {
            ProjectFolder folder = new ProjectFolder(disk.root().resolve("plant"));
            List<Sample> tail = samples(0, 20);
            try (HistoryStore store = HistoryStore.open(folder)) {
                store.appendTail(Map.of(tag, tail)); // in the file, to be moved into blocks at the next open
            }
            disk.fill();
            try {
                HistoryStore.open(folder).close();
                // H2 found room inside its file: fine, nothing to check about the message
            } catch (StoreException e) {
                assertThat(e.getMessage()).contains("disk full: cannot write " + folder.historyBase() + ".mv.db");
            }
            disk.free();
            try (HistoryStore store = HistoryStore.open(folder); HistoryStore.Reader r = store.reader(tag, false)) {
                assertThat(r.range(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 0)).containsExactlyElementsOf(tail);
            }
        }
    }

    static void retry(Runnable write) throws InterruptedException {
        for (int i = 0; ; i++) {
            try {
                write.run();
                return;
            } catch (StoreException e) {
                if (i == 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    static List<Sample> samples(int from, int n) {
        List<Sample> out = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            out.add(Sample.of(T0 + i * 1000L, Math.sin(i) * 1000 + i * 1e-7)); // incompressible enough to need room
        }
        return out;
    }
}
