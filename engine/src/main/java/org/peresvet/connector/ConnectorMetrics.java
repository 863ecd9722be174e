package org.peresvet.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.peresvet.runtime.MetricsSource;

/**
 * The connectors' states as {@code /metrics} gauges, so VictoriaMetrics can alert on a board that
 * went away: up (1 connected, 0 otherwise), the state as a labelled 1, messages in, errors, bound tags.
 */
public final class ConnectorMetrics implements MetricsSource {
    private final Supplier<List<NamedStatus>> statuses;

    public ConnectorMetrics(Supplier<List<NamedStatus>> statuses) {
        this.statuses = statuses;
    }

    @Override
    public List<Gauge> gauges() {
        List<Gauge> out = new ArrayList<>();
        for (NamedStatus c : statuses.get()) {
            Map<String, String> id = Map.of("connector", c.name(), "kind", c.kind());
            ConnectorStatus s = c.status();
            out.add(new Gauge("peresvet_connector_up", "1 while the connector is connected to its devices",
                    id, s.state() == ConnectorState.CONNECTED ? 1 : 0));
            out.add(new Gauge("peresvet_connector_enabled", "1 when the connector is enabled in the project",
                    id, c.enabled() ? 1 : 0));
            out.add(new Gauge("peresvet_connector_messages_in", "Messages received from devices since the connector started",
                    id, s.messagesIn()));
            out.add(new Gauge("peresvet_connector_errors", "Rejected messages and failed sends since the connector started",
                    id, s.errors()));
            out.add(new Gauge("peresvet_connector_bound_tags", "Tags bound to the connector", id, c.boundTags()));
        }
        return out;
    }
}
