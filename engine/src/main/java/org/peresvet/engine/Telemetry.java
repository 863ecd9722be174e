package org.peresvet.engine;

import java.util.List;
import java.util.Optional;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.Exporters;
import org.peresvet.runtime.MetricsSource;

/** What leaves the engine for monitoring: the VictoriaMetrics export and the gauges of {@code /metrics}. */
public interface Telemetry {

    /** Starts the VictoriaMetrics export configured in the project's {@code export.json}. */
    Exporters attachExporters();

    /**
     * Starts exporters and wires them in: they receive every accepted sample, answer history older
     * than local history (a target with {@code readHistory}), and close after the engine's last
     * sample. {@link Engine#start()} does this by itself when export.json has an enabled target;
     * call it before start to use another configuration.
     */
    Exporters attachExporters(ExportConfig config);

    /** The running exporters (status for the app and the API), if any. */
    Optional<Exporters> exporters();

    /** Adds gauges to {@code /metrics} (connector states and the like); {@link #removeMetricsSource} takes them off. */
    void addMetricsSource(MetricsSource source);

    void removeMetricsSource(MetricsSource source);

    /** The registered metrics sources, in the order added. */
    List<MetricsSource> metricsSources();
}
