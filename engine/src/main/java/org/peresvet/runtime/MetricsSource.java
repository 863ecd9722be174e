package org.peresvet.runtime;

import java.util.List;
import java.util.Map;

/**
 * Adds gauges to the engine's {@code /metrics} (Prometheus text). Connectors register their
 * states here through {@code Engine.telemetry().addMetricsSource}, e.g. {@code peresvet_connector_up{connector="boiler"} 1},
 * so the API needs to know nothing about them.
 */
@FunctionalInterface
public interface MetricsSource {

    /**
     * One sample of a gauge. Gauges of one name should come with the same help text.
     *
     * @param name   a Prometheus metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}), e.g. {@code peresvet_connector_up}
     * @param labels label names and values (may be empty)
     */
    record Gauge(String name, String help, Map<String, String> labels, double value) {
        public Gauge {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /** The current values. Called on an API thread at every scrape: quick, never blocking. */
    List<Gauge> gauges();
}
