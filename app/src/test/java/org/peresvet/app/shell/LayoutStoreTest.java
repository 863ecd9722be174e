package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.EngineStatus;

/** The remembered window layout and the status bar texts; no toolkit. */
class LayoutStoreTest {
    @TempDir
    Path dir;

    @Test
    void theLayoutIsRememberedAndADamagedFileGivesTheDefaults() throws Exception {
        LayoutStore store = new LayoutStore(dir.resolve("workstation.json"));
        assertThat(store.load()).isEqualTo(WindowLayout.defaults());
        WindowLayout l = WindowLayout.defaults().withBounds(10, 20, 1000, 700, false).withDividers(List.of(0.3, 0.7))
                .withTheme(Theme.DARK).withMode(UserMode.OPERATOR).withLastProject("/data/plant");
        store.save(l);
        assertThat(store.load()).isEqualTo(l);
        assertThat(Theme.parse(store.load().theme())).isEqualTo(Theme.DARK);
        assertThat(UserMode.parse(store.load().mode())).isEqualTo(UserMode.OPERATOR);
        Files.writeString(store.file(), "{ not json");
        assertThat(store.load()).isEqualTo(WindowLayout.defaults());
        assertThat(new WindowLayout(null, null, 5, 5, false, List.of(0.5), null, null, null, null).width())
                .as("nonsense sizes fall back").isEqualTo(WindowLayout.DEFAULT_WIDTH);
    }

    @Test
    void statusTexts() {
        assertThat(StatusLine.engine(null)).isEqualTo("No project open");
        EngineStatus ok = new EngineStatus(true, 7, 18, 16, 100, 90, 0, 80, 10, null);
        assertThat(StatusLine.engine(ok)).isEqualTo("Engine running · 18 tags (16 simulated) · 90 samples · 80 in history");
        assertThat(StatusLine.history(ok)).isEqualTo("History OK");
        EngineStatus bad = new EngineStatus(true, 7, 18, 16, 100, 90, 0, 80, 10, "disk full");
        assertThat(StatusLine.historyFails(bad)).isTrue();
        assertThat(StatusLine.history(bad)).isEqualTo("History writing fails: disk full");
    }

    @Test
    void theHistorySlotExplainsAStorageFaultAndWhenWritingResumed() {
        EngineStatus s = new EngineStatus(true, 7, 18, 16, 100, 90, 0, 80, 10, "x");
        java.nio.file.Path file = java.nio.file.Path.of("/plant/history.mv.db");
        var fault = new org.peresvet.runtime.StorageFault(org.peresvet.runtime.StorageFault.Kind.DISK_FULL, file, 12 * 1024,
                8L << 30, "No space left on device");
        var failing = new org.peresvet.runtime.HistoryHealth(fault, 1_000, 3, 0, 1200, 500000, file, 12 * 1024);
        assertThat(StatusLine.history(s, failing, 2_000)).isEqualTo("History writing fails: disk full: cannot write "
                + "/plant/history.mv.db (12 KB free of 8.0 GB on /plant) · 1,200 samples kept in memory (limit 500,000)");
        long resumed = 1_800_000_000_000L;
        var ok = new org.peresvet.runtime.HistoryHealth(null, 0, 0, resumed, 0, 500000, file, 1L << 30);
        assertThat(StatusLine.history(s, ok, resumed + 60_000)).startsWith("History OK · writing resumed at ");
        assertThat(StatusLine.history(new EngineStatus(true, 7, 18, 16, 100, 90, 0, 80, 10, null), ok,
                resumed + StatusLine.RESUMED_SHOWN_MILLIS + 1)).isEqualTo("History OK");
    }
}
