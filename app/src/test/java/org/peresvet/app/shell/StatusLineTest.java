package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.broker.BrokerStatus;
import org.peresvet.broker.BuiltInBroker;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.ConnectorStatus;
import org.peresvet.connector.NamedStatus;
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
    void connectorsShowEachEnabledOneAndWarnWhenNotConnected() {
        NamedStatus board = connector("pump-board-1", true, ConnectorState.CONNECTED);
        NamedStatus plant = connector("plant-mqtt", true, ConnectorState.CONNECTING);
        NamedStatus spare = connector("spare", false, ConnectorState.STOPPED);
        assertThat(StatusLine.connectors(List.of(board, spare))).isEqualTo(new StatusLine.Slot("Connectors: pump-board-1 connected", false));
        StatusLine.Slot s = StatusLine.connectors(List.of(board, plant, spare));
        assertThat(s.text()).isEqualTo("Connectors: pump-board-1 connected · plant-mqtt \u26A0 connecting");
        assertThat(s.abnormal()).isTrue();
        assertThat(StatusLine.connectors(List.of(spare)).text()).isEqualTo("Connectors: none");
    }

    private static NamedStatus connector(String name, boolean enabled, ConnectorState state) {
        return new NamedStatus(UUID.randomUUID(), name, "mqtt", enabled, 3, new ConnectorStatus(state, "", 0, 0, 0));
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

    @Test
    void theBuiltInBrokerFollowsTheConnectors() {
        StatusLine.Slot c = new StatusLine.Slot("Connectors: ok", false);
        assertThat(StatusLine.withBroker(c, null)).isEqualTo(c);
        StatusLine.Slot up = StatusLine.withBroker(c, new BrokerStatus(BuiltInBroker.State.RUNNING, "0.0.0.0", 1883, 0, 3, 10, null));
        assertThat(up.text()).isEqualTo("Connectors: ok · MQTT broker :1883, 3 client(s)");
        assertThat(up.abnormal()).isFalse();
        StatusLine.Slot down = StatusLine.withBroker(c, new BrokerStatus(BuiltInBroker.State.FAILED, "0.0.0.0", 1883, 0, 0, 0,
                "port 1883 is in use"));
        assertThat(down.text()).endsWith("MQTT broker down: port 1883 is in use");
        assertThat(down.abnormal()).isTrue();
    }
}
