package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.history.HistoryQuery;
import org.peresvet.model.Sample;

/** kill -9 of a separate JVM that is writing: the project reopens and loses at most the last flush interval. */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void killedProcessLosesAtMostTheLastFlushInterval() throws Exception {
        killAndCheck(1);
    }

    /** 200 tags round robin: about 5 samples per tag per flush, so they were only in the history tail. */
    @Test
    void killedProcessWritingSparselyLosesAtMostTheLastFlushInterval() throws Exception {
        killAndCheck(200);
    }

    private void killAndCheck(int tags) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString(), String.valueOf(tags))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        UUID tag = null;
        long lastReported = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long killAt = Long.MAX_VALUE;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ready ")) {
                    tag = UUID.fromString(line.substring(6));
                    killAt = System.currentTimeMillis() + 3000;
                } else if (line.startsWith("written ")) {
                    lastReported = Long.parseLong(line.substring(8));
                }
                if (System.currentTimeMillis() >= killAt) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(tag).as("child started").isNotNull();
        assertThat(lastReported).as("child wrote for a while").isGreaterThan(1000);

        if (tags > 1) {
            assertThat(tailRows()).as("the sparse samples were in the history tail at the kill").isPositive();
        }
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            List<Sample> stored = e.history(HistoryQuery.range(tag, CrashWriter.BASE, CrashWriter.BASE + 3_600_000_000L)
                    .withActual(true)).data();
            long lastStored = (Long) stored.get(stored.size() - 1).y();
            // Samples are 1 ms apart and history is flushed every 1000 ms: allow that plus scheduling slack.
            assertThat(lastReported - lastStored).as("samples lost").isLessThanOrEqualTo(1500 + tags);
            // What was stored is complete and in order: no holes before the loss.
            assertThat(stored).hasSize((int) (lastStored / tags) + 1);
            for (int k = 0; k < stored.size(); k++) {
                assertThat(stored.get(k).y()).isEqualTo((long) k * tags);
            }
            // The reopened project works: model intact, writes accepted, current value restored.
            assertThat(e.model().findTag("/Crash/Counter")).isPresent();
            assertThat(e.current(tag).y()).isEqualTo(lastStored);
            e.write(tag, Sample.of(CrashWriter.BASE + 10_000_000_000L, 42L));
            e.flush();
            assertThat(e.history(HistoryQuery.current(tag).withFinish(CrashWriter.BASE + 10_000_000_000L)).data().get(0).y()).isEqualTo(42L);
        }
    }

    private long tailRows() throws Exception {
        Path base = new org.peresvet.store.ProjectFolder(dir).historyBase();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + base.toAbsolutePath(), "sa", "");
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM history_tail")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
