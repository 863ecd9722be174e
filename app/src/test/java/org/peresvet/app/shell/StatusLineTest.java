package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.export.ExportStatus;

/** The status bar's slots in words; abnormal parts say so with a sign, not only colour. */
class StatusLineTest {

    @Test
    void namedStatesReadAsOneLine() {
        assertThat(StatusLine.states("status.connectors", List.of())).isEqualTo(new StatusLine.Slot("Connectors: none", false));
        StatusLine.Slot s = StatusLine.states("status.connectors", List.of(
                new StatusLine.NamedState("plc", "connected", true),
                new StatusLine.NamedState("mqtt", "lost", false)));
        assertThat(s.text()).isEqualTo("Connectors: plc connected · mqtt \u26A0 lost");
        assertThat(s.abnormal()).isTrue();
    }

    @Test
    void exporterShowsQueueDepthAndConnection() {
        assertThat(StatusLine.exporter(null).text()).isEqualTo("Export: off");
        ExportStatus.Target up = target("vm", true, 12, null);
        ExportStatus.Target down = target("backup", false, 3400, "connection refused");
        StatusLine.Slot ok = StatusLine.exporter(new ExportStatus(List.of(up), 0, null));
        assertThat(ok).isEqualTo(new StatusLine.Slot("Export: vm connected, 12 queued", false));
        StatusLine.Slot bad = StatusLine.exporter(new ExportStatus(List.of(up, down), 0, null));
        assertThat(bad.text()).isEqualTo("Export: vm connected, 12 queued · backup \u26A0 not connected, 3,400 queued");
        assertThat(bad.abnormal()).isTrue();
        assertThat(StatusLine.exporter(new ExportStatus(List.of(up), 0, "disk full")).text()).endsWith(" · disk full");
    }

    private static ExportStatus.Target target(String name, boolean connected, long unsent, String error) {
        return new ExportStatus.Target(name, "http://127.0.0.1:8428", true, connected, unsent, unsent, 1, 100, 1000, 10,
                false, null, error, 0, 0, 0, 0, 0);
    }
}
