package org.peresvet.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.Exporters;
import org.peresvet.runtime.MetricsSource;

/** The engine's {@link Telemetry}: exporters and metrics sources kept by the pipeline. */
final class EngineTelemetry implements Telemetry {
    private final Pipeline pipeline;
    private final Stores stores;
    private final Runnable ensureOpen;
    private final BooleanSupplier closed;

    EngineTelemetry(Pipeline pipeline, Stores stores, Runnable ensureOpen, BooleanSupplier closed) {
        this.pipeline = pipeline;
        this.stores = stores;
        this.ensureOpen = ensureOpen;
        this.closed = closed;
    }

    @Override
    public Exporters attachExporters() {
        return attachExporters(ExportConfig.load(stores.folder.dir()));
    }

    @Override
    public Exporters attachExporters(ExportConfig config) {
        ensureOpen.run();
        return pipeline.attachExporters(config);
    }

    @Override
    public Optional<Exporters> exporters() {
        return closed.getAsBoolean() ? Optional.empty() : Optional.ofNullable(pipeline.exporters());
    }

    @Override
    public void addMetricsSource(MetricsSource source) {
        pipeline.metricsSources.add(Objects.requireNonNull(source, "source"));
    }

    @Override
    public void removeMetricsSource(MetricsSource source) {
        pipeline.metricsSources.remove(source);
    }

    @Override
    public List<MetricsSource> metricsSources() {
        return List.copyOf(pipeline.metricsSources);
    }
}
