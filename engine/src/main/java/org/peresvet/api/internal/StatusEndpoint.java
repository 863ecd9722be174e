package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.peresvet.engine.AlarmCommands;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineStatus;
import org.peresvet.alarm.AlarmView;
import org.peresvet.export.ExportStatus;
import org.peresvet.export.Exporters;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmStatus;
import org.peresvet.history.Retention;
import org.peresvet.model.Micros;
import org.peresvet.runtime.HistoryHealth;
import org.peresvet.runtime.MetricsSource;
import org.peresvet.runtime.StorageFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /v1/health}, {@code /metrics} (Prometheus text), {@code /v1/openapi.json}, and the alarm counts. */
public final class StatusEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(StatusEndpoint.class);
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    public static final String OPENAPI_RESOURCE = "/org/peresvet/api/openapi.json";

    private final Engine engine;
    private final ApiMetrics metrics;
    private final StreamEndpoint streams;
    private final long startedNanos = System.nanoTime();

    public StatusEndpoint(Engine engine, ApiMetrics metrics, StreamEndpoint streams) {
        this.engine = engine;
        this.metrics = metrics;
        this.streams = streams;
    }

    /** 200 while the engine runs ("degraded" when history writes fail), 503 when it does not. */
    public void health(Call call) throws IOException {
        call.checkParams(Set.of());
        EngineStatus s = engine.status();
        String status = !s.running() ? "stopped"
                : s.historyError() != null || engine.journalError() != null ? "degraded" : "ok";
        ObjectNode doc = Json.object();
        doc.put("status", status);
        doc.put("running", s.running());
        doc.put("objects", s.objects());
        doc.put("tags", s.tags());
        doc.put("simulatedTags", s.simulatedTags());
        doc.put("samplesReceived", s.samplesReceived());
        doc.put("samplesAccepted", s.samplesAccepted());
        doc.put("queueDepth", s.queueDepth());
        doc.put("historyWritten", s.historyWritten());
        doc.put("historyBuffered", s.historyBuffered());
        doc.put("historyError", s.historyError());
        ObjectNode history = history(engine.historyHealth());
        // How far back local history reaches: older samples are purged, and a write of them is warned.
        Retention retention = Retention.of(engine.settings(), Micros.now());
        history.put("retentionDays", retention.days());
        history.put("retentionStart", Micros.format(retention.start()));
        doc.set("history", history);
        doc.put("journalError", engine.journalError());
        doc.put("streams", streams.active());
        doc.put("uptimeSeconds", (System.nanoTime() - startedNanos) / 1_000_000_000L);
        call.sendJson(s.running() ? 200 : 503, doc);
    }

    /** The history writer's state: the fault explained (kind, file, free space, since when), what waits in memory. */
    private static ObjectNode history(HistoryHealth h) {
        ObjectNode o = Json.object();
        o.put("state", h.failing() ? "failing" : "ok");
        o.put("file", h.file() == null ? null : h.file().toString());
        o.put("freeBytes", h.freeBytes());
        if (h.failing()) {
            StorageFault f = h.fault();
            ObjectNode fault = o.putObject("fault");
            fault.put("kind", f.kind().words());
            fault.put("message", f.describe());
            fault.put("path", f.path().toString());
            fault.put("freeBytes", f.freeBytes());
            fault.put("since", Micros.format(h.failingSince() * 1000));
            fault.put("attempts", h.attempts());
            fault.put("detail", f.detail());
        }
        o.put("resumedAt", h.resumedAt() == 0 ? null : Micros.format(h.resumedAt() * 1000));
        o.put("kept", h.kept());
        o.put("keptLimit", h.keptLimit());
        o.put("keptBytes", h.keptBytes());
        return o;
    }

    public void metrics(Call call) throws IOException {
        call.checkParams(Set.of());
        EngineStatus s = engine.status();
        StringBuilder sb = new StringBuilder(4096);
        gauge(sb, "peresvet_up", "1 while the engine runs.", s.running() ? 1 : 0);
        counter(sb, "peresvet_samples_received_total", "Samples that entered the engine's ingest queue.", s.samplesReceived());
        counter(sb, "peresvet_samples_accepted_total", "Samples that passed the deadband and were applied.", s.samplesAccepted());
        gauge(sb, "peresvet_ingest_queue_depth", "Batches waiting in the engine's ingest queue.", s.queueDepth());
        counter(sb, "peresvet_history_written_total", "Samples written to the local history file.", s.historyWritten());
        gauge(sb, "peresvet_history_buffered", "Accepted samples not yet written to the local history file.", s.historyBuffered());
        gauge(sb, "peresvet_history_write_failing", "1 while writing local history fails.", s.historyError() == null ? 0 : 1);
        historyMetrics(sb, engine.historyHealth());
        gauge(sb, "peresvet_alarm_journal_write_failing", "1 while writing the alarm journal fails.",
                engine.journalError() == null ? 0 : 1);
        gauge(sb, "peresvet_objects", "Objects in the model.", s.objects());
        gauge(sb, "peresvet_tags", "Tags in the model.", s.tags());
        gauge(sb, "peresvet_simulated_tags", "Tags fed by the built-in simulator.", s.simulatedTags());

        header(sb, "peresvet_api_requests_total", "HTTP API requests by method, route and status.", "counter");
        Map<ApiMetrics.RequestKey, LongAdder> sorted = new TreeMap<>(java.util.Comparator
                .comparing(ApiMetrics.RequestKey::route).thenComparing(ApiMetrics.RequestKey::method)
                .thenComparingInt(ApiMetrics.RequestKey::status));
        sorted.putAll(metrics.requests);
        for (Map.Entry<ApiMetrics.RequestKey, LongAdder> e : sorted.entrySet()) {
            ApiMetrics.RequestKey k = e.getKey();
            sb.append("peresvet_api_requests_total{method=\"").append(label(k.method())).append("\",route=\"")
                    .append(label(k.route())).append("\",status=\"").append(k.status()).append("\"} ")
                    .append(e.getValue().sum()).append('\n');
        }
        header(sb, "peresvet_api_request_duration_seconds", "Time from the start of handling a request to its last "
                + "byte written, by method and route (live streams excluded).", "histogram");
        for (Map.Entry<String, ApiMetrics.Histogram> e : new TreeMap<>(metrics.durations).entrySet()) {
            String[] k = e.getKey().split(" ", 2);
            String labels = "method=\"" + label(k[0]) + "\",route=\"" + label(k[1]) + "\"";
            ApiMetrics.Histogram h = e.getValue();
            long cumulative = 0;
            for (int i = 0; i <= ApiMetrics.BUCKETS.length; i++) {
                cumulative += h.counts[i].sum();
                String le = i < ApiMetrics.BUCKETS.length ? Double.toString(ApiMetrics.BUCKETS[i]) : "+Inf";
                sb.append("peresvet_api_request_duration_seconds_bucket{").append(labels).append(",le=\"").append(le)
                        .append("\"} ").append(cumulative).append('\n');
            }
            sb.append("peresvet_api_request_duration_seconds_sum{").append(labels).append("} ")
                    .append(h.sumNanos.sum() / 1e9).append('\n');
            sb.append("peresvet_api_request_duration_seconds_count{").append(labels).append("} ").append(cumulative)
                    .append('\n');
        }
        counter(sb, "peresvet_api_samples_in_total", "Samples written through POST /v1/data/.", metrics.samplesIn.sum());
        counter(sb, "peresvet_api_samples_refused_total", "Samples refused with 507 while history could not be written "
                + "and memory held as many waiting samples as it may.", metrics.samplesRefused.sum());
        counter(sb, "peresvet_api_samples_out_total", "Samples sent in data answers and live streams.", metrics.samplesOut.sum());
        gauge(sb, "peresvet_api_streams", "Live streams connected.", streams.active());
        counter(sb, "peresvet_api_stream_events_total", "Events sent on live streams.", metrics.streamEvents.sum());
        counter(sb, "peresvet_api_streams_dropped_total", "Live streams dropped because the client stopped reading.",
                metrics.streamsDropped.sum());
        counter(sb, "peresvet_api_rejected_total", "Connections closed because every API thread and the queue were busy.",
                metrics.rejected.sum());

        alarmMetrics(sb);
        exportMetrics(sb);
        sourceMetrics(sb);

        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        header(sb, "jvm_memory_used_bytes", "JVM memory in use.", "gauge");
        sb.append("jvm_memory_used_bytes{area=\"heap\"} ").append(heap.getUsed()).append('\n');
        sb.append("jvm_memory_used_bytes{area=\"nonheap\"} ").append(nonHeap.getUsed()).append('\n');
        header(sb, "jvm_memory_committed_bytes", "JVM memory committed by the operating system.", "gauge");
        sb.append("jvm_memory_committed_bytes{area=\"heap\"} ").append(heap.getCommitted()).append('\n');
        sb.append("jvm_memory_committed_bytes{area=\"nonheap\"} ").append(nonHeap.getCommitted()).append('\n');
        if (heap.getMax() >= 0) {
            header(sb, "jvm_memory_max_bytes", "Largest heap the JVM may use.", "gauge");
            sb.append("jvm_memory_max_bytes{area=\"heap\"} ").append(heap.getMax()).append('\n');
        }
        gauge(sb, "jvm_threads_live", "Live JVM threads.", ManagementFactory.getThreadMXBean().getThreadCount());
        header(sb, "jvm_gc_collections_total", "Garbage collections by collector.", "counter");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sb.append("jvm_gc_collections_total{gc=\"").append(label(gc.getName())).append("\"} ")
                    .append(Math.max(0, gc.getCollectionCount())).append('\n');
        }
        header(sb, "jvm_gc_collection_seconds_total", "Time spent in garbage collection by collector.", "counter");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sb.append("jvm_gc_collection_seconds_total{gc=\"").append(label(gc.getName())).append("\"} ")
                    .append(Math.max(0, gc.getCollectionTime()) / 1000.0).append('\n');
        }
        gauge(sb, "process_uptime_seconds", "Seconds since the JVM started.",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        call.send(200, "text/plain; version=0.0.4; charset=utf-8", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Alarm counts by priority: what a Grafana panel or a VictoriaMetrics alert on the engine itself needs. */
    private void alarmMetrics(StringBuilder sb) {
        AlarmCommands alarms = engine.alarms();
        AlarmPriority[] ps = AlarmPriority.values();
        int[] active = new int[ps.length];
        int[] unacked = new int[ps.length];
        int[] shelved = new int[ps.length];
        int[] suppressed = new int[ps.length];
        int[] outOfService = new int[ps.length];
        List<AlarmView> all = alarms.all();
        for (AlarmView v : all) {
            AlarmStatus st = v.status();
            int i = v.priority().ordinal();
            active[i] += st.active() ? 1 : 0;
            unacked[i] += st.acknowledged() ? 0 : 1;
            shelved[i] += st.shelving() != null ? 1 : 0;
            suppressed[i] += st.suppressed() ? 1 : 0;
            outOfService[i] += st.outOfService() != null ? 1 : 0;
        }
        byPriority(sb, "peresvet_alarms_active", "Alarms whose condition holds, by priority (masked ones included).", active);
        byPriority(sb, "peresvet_alarms_unacknowledged", "Alarms waiting for an operator's acknowledgement, by priority.", unacked);
        byPriority(sb, "peresvet_alarms_shelved", "Alarms shelved by an operator, by priority.", shelved);
        byPriority(sb, "peresvet_alarms_suppressed", "Alarms suppressed by design now, by priority.", suppressed);
        byPriority(sb, "peresvet_alarms_out_of_service", "Alarms taken out of service, by priority.", outOfService);
        gauge(sb, "peresvet_alarms_evaluated", "Enabled alarms the engine evaluates.", all.size());
        gauge(sb, "peresvet_alarms_with_problems", "Alarms that cannot be evaluated (broken or failing expression).",
                alarms.problems().size());
        counter(sb, "peresvet_alarm_transitions_total", "Alarm transitions published on the engine's bus.", alarms.published());
    }

    private static void byPriority(StringBuilder sb, String name, String help, int[] counts) {
        header(sb, name, help, "gauge");
        for (AlarmPriority p : AlarmPriority.values()) {
            sb.append(name).append("{priority=\"").append(p.label()).append("\"} ").append(counts[p.ordinal()]).append('\n');
        }
    }

    /** Per export target: connected, queue depth, how far behind the oldest unsent sample is. */
    private void exportMetrics(StringBuilder sb) {
        Optional<Exporters> x = engine.telemetry().exporters();
        if (x.isEmpty()) {
            return;
        }
        ExportStatus st = x.get().status();
        long now = Micros.now();
        gauge(sb, "peresvet_export_buffered_samples", "Accepted samples not yet batched into the export queues.", st.bufferedSamples());
        List<ExportStatus.Target> ts = st.targets();
        perTarget(sb, ts, "peresvet_export_up", "1 while the last request to the export target succeeded.", "gauge",
                t -> t.connected() ? 1 : 0);
        perTarget(sb, ts, "peresvet_export_unsent_samples", "Export queue depth: samples the target has not accepted yet.",
                "gauge", ExportStatus.Target::unsentSamples);
        perTarget(sb, ts, "peresvet_export_queue_batches", "Batches in the export target's disk queue.", "gauge",
                ExportStatus.Target::queuedBatches);
        perTarget(sb, ts, "peresvet_export_queue_bytes", "Bytes in the export target's disk queue.", "gauge",
                ExportStatus.Target::queueBytes);
        perTarget(sb, ts, "peresvet_export_queue_fill_ratio", "Export queue bytes against its bound (0..1).", "gauge",
                t -> t.queueFillPercent() / 100.0);
        perTarget(sb, ts, "peresvet_export_lag_seconds", "Age of the oldest sample the export target has not accepted "
                + "(0 when nothing waits).", "gauge",
                t -> t.oldestUnsentMicros() == null ? 0 : Math.max(0, now - t.oldestUnsentMicros()) / 1e6);
        perTarget(sb, ts, "peresvet_export_sent_samples_total", "Samples the export target accepted since the start.",
                "counter", ExportStatus.Target::sentSamples);
        perTarget(sb, ts, "peresvet_export_dropped_samples_total", "Samples dropped unsent (queue full or damaged).",
                "counter", ExportStatus.Target::droppedSamples);
    }

    private static void perTarget(StringBuilder sb, List<ExportStatus.Target> targets, String name, String help, String type,
                                  java.util.function.ToDoubleFunction<ExportStatus.Target> value) {
        header(sb, name, help, type);
        for (ExportStatus.Target t : targets) {
            sb.append(name).append("{target=\"").append(label(t.name())).append("\"} ")
                    .append(number(value.applyAsDouble(t))).append('\n');
        }
    }

    /** Gauges of the engine's metrics sources (connector states, …); a failing or malformed source is skipped. */
    private void sourceMetrics(StringBuilder sb) {
        Map<String, List<MetricsSource.Gauge>> byName = new TreeMap<>();
        for (MetricsSource src : engine.telemetry().metricsSources()) {
            List<MetricsSource.Gauge> gs;
            try {
                gs = src.gauges();
            } catch (RuntimeException e) {
                LOG.warn("A metrics source failed: {}", e.toString());
                continue;
            }
            for (MetricsSource.Gauge g : gs == null ? List.<MetricsSource.Gauge>of() : gs) {
                if (g == null || g.name() == null || !METRIC_NAME.matcher(g.name()).matches()
                        || !g.labels().keySet().stream().allMatch(k -> LABEL_NAME.matcher(k).matches())) {
                    LOG.debug("Skipped a malformed gauge {}", g);
                    continue;
                }
                byName.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(g);
            }
        }
        for (Map.Entry<String, List<MetricsSource.Gauge>> e : byName.entrySet()) {
            String help = e.getValue().get(0).help();
            header(sb, e.getKey(), help == null || help.isBlank() ? e.getKey() : help.replace('\n', ' '), "gauge");
            for (MetricsSource.Gauge g : e.getValue()) {
                sb.append(g.name());
                if (!g.labels().isEmpty()) {
                    sb.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> l : new TreeMap<>(g.labels()).entrySet()) {
                        sb.append(first ? "" : ",").append(l.getKey()).append("=\"").append(label(String.valueOf(l.getValue())))
                                .append('"');
                        first = false;
                    }
                    sb.append('}');
                }
                sb.append(' ').append(number(g.value())).append('\n');
            }
        }
    }

    private static void historyMetrics(StringBuilder sb, HistoryHealth h) {
        header(sb, "peresvet_history_fault", "1 while writing local history fails, labelled with why "
                + "(disk_full, read_only, gone, write_error) and the file.", "gauge");
        if (h.failing()) {
            sb.append("peresvet_history_fault{kind=\"").append(h.fault().kind().name().toLowerCase(java.util.Locale.ROOT)
                            .replace("other", "write_error")).append("\",path=\"").append(label(h.fault().path().toString()))
                    .append("\"} 1\n");
        }
        gauge(sb, "peresvet_history_write_failed_attempts", "Failed attempts in the current history write fault (0 while writing works).",
                h.attempts());
        gauge(sb, "peresvet_history_failing_since_seconds", "When the current history write fault began (Unix time), 0 while writing works.",
                h.failingSince() / 1000.0);
        gauge(sb, "peresvet_history_resumed_seconds", "When history writing last worked again after a fault (Unix time), 0 if never.",
                h.resumedAt() / 1000.0);
        gauge(sb, "peresvet_history_disk_free_bytes", "Usable bytes on the disk of the local history file (-1 unknown).",
                h.freeBytes());
        gauge(sb, "peresvet_history_kept_samples", "Accepted samples held in memory, not yet in the history file.", h.kept());
        gauge(sb, "peresvet_history_kept_limit_samples", "The bound of kept samples: beyond it writes are refused (507) "
                + "while history cannot be written.", h.keptLimit());
        gauge(sb, "peresvet_history_kept_bytes", "Estimated heap held by kept samples.", h.keptBytes());
    }

    private static void header(StringBuilder sb, String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, double value) {
        header(sb, name, help, "gauge");
        sb.append(name).append(' ').append(number(value)).append('\n');
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        header(sb, name, help, "counter");
        sb.append(name).append(' ').append(value).append('\n');
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String label(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    public void openApi(Call call) throws IOException {
        call.checkParams(Set.of());
        try (InputStream in = StatusEndpoint.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new ApiError(500, null, "the OpenAPI document is missing from this build");
            }
            call.send(200, Call.JSON_TYPE, in.readAllBytes());
        }
    }
}
