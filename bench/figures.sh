#!/usr/bin/env bash
# Every figure the issues name, one run each, one after another, into one report:
#   bench/figures.sh            → bench/reports/figures-latest.txt
# Run it on a quiet machine: every figure is wall-clock on 2 cores. The Foundation figures
# (pipeline, history, current, start) have their own driver, bench/run.sh.
set -uo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REPORT=bench/reports/figures-latest.txt
mkdir -p bench/reports bench/target
echo "Building engine, app and bench…"
./mvnw -q -B -DskipTests package -pl engine,app,bench -am >bench/target/figures-build.log 2>&1 \
    || { cat bench/target/figures-build.log >&2; exit 1; }
CP="bench/target/classes:bench/target/lib/*"
run() {
    local name="$1"; shift
    echo "== $name  ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
    # Project keys (audit seal, sealed secrets) of the benches' temporary projects stay out of ~/.peresvet/keys.
    timeout 600 java -XX:+ExitOnOutOfMemoryError -Dperesvet.log.level=WARN -Dperesvet.keys=bench/target/keys \
        -Dlogback.configurationFile=peresvet-logback.xml -cp "$CP" "$@" 2>&1 | tail -n 25
    echo
}
{
    echo "# Peresvet figures, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -n 1)"
    run "API: POST /v1/data/ (issue 3, >= 200,000 samples/s)" -Xmx1g org.peresvet.bench.api.ApiWriteBench
    run "API: GET current p99, 50 clients (issue 3, < 5 ms)" -Xmx1g org.peresvet.bench.api.ApiLatencyBench
    run "API: health under abuse, 50 slow clients + 4 maximal queries (issue 25, p99 < 20 ms)" -Xmx1g org.peresvet.bench.api.ApiHealthUnderAbuseBench
    run "API: 2,000-point history answer (issue 25, p99 <= 15 ms and <= 2x p50)" -Xmx1g org.peresvet.bench.api.ApiHistoryAnswerBench
    run "Alarms: 10,000 definitions in the pipeline (issue 5, >= 70 %)" -Xmx1g org.peresvet.bench.alarm.AlarmPipelineBenchmark
    run "Alarms: sample -> alarm event at 100,000 samples/s (issue 5, p99 < 10 ms)" -Xmx1g org.peresvet.bench.alarm.AlarmLatencyBenchmark
    run "MQTT ingest, 10,000 topics (issue 9, >= 50,000 msg/s)" -Xmx1g org.peresvet.bench.connector.MqttIngestBench
    run "MQTT ingest through the built-in broker, Mosquitto side by side (issue 19, >= 30,000 msg/s)" -Xmx1g org.peresvet.bench.connector.MqttIngestBench --broker=both --target=30000
    run "Wizard: 50 boards x 10 entities listed, Finish with 500 tags + 100 alarms (issue 19, < 2 s, < 1 s)" -Xmx1g org.peresvet.bench.ui.WizardBench
    run "MQTT write round trip (issue 9, p99 < 50 ms)" -Xmx1g org.peresvet.bench.connector.MqttWriteRoundTripBench
    run "MQTT broken receiver reported (issue 26, < 2 s, reconnects)" -Xmx1g org.peresvet.bench.connector.MqttBrokenReceiverBench
    run "UI: bridge, 10,000 updates/s, 500 cells (issue 7, < 5 ms per pulse)" org.peresvet.bench.ui.BridgeBench
    run "UI: tree of 10,000 tags (issue 7, < 1 s)" org.peresvet.bench.ui.TreeOpenBench
    run "Trends: decimated query, 1,000,000 samples into 2,000 bins from H2 (issue 16, p99 < 50 ms)" -Xmx2g org.peresvet.bench.TrendBinsBench
    run "Trends: 8 pens x 1,000,000 samples first draw and pan/zoom; live 8 pens x 100/s (issue 16, < 500 ms, p95 < 100 ms, < 3 ms per pulse)" -Xmx2g org.peresvet.bench.ui.TrendDrawBench
    run "Screens: 1,000 bound widgets open, update at 10 Hz; 100 expressions (issue 17, < 500 ms, < 5 ms per pulse, < 5 % of a core)" -Xmx1g org.peresvet.bench.ui.ScreenBench
    run "UI: screen editor, 1,000 widgets, drag 100 (issue 18, < 16 ms per frame)" org.peresvet.bench.ui.ScreenEditorBench
    run "LDAP import: 10,000-tag directory from LDIF and over LDAP (issue 22, < 5 s each)" -Xmx1g org.peresvet.bench.migrate.LdapImportBench
    run "Tag CSV import, 100,000 rows (issue 27, no slower than before: <= 10.2 s, within 1 GB)" -Xmx1g org.peresvet.bench.CsvImportBench
    run "Security: logins, permission checks with 1,000 users, audit CPU, verify 1M (issue 20)" -Xmx1g org.peresvet.bench.security.SecurityBench
    run "Disk full: POST answer p99 and recovery (issue 28, < 100 ms, < 10 s; needs root)" -Xmx1g org.peresvet.bench.api.DiskFullAnswerBench
    if [ -x target/installer/peresvet/bin/peresvet ]; then
        run "Installed image: size, .deb size, headless /v1/health and window shown (issue 21, <= 110 MB, <= 60 MB, < 2 s, < 3 s)" org.peresvet.bench.InstalledStartBench
    else
        echo "== Installed image (issue 21): not measured; build it first with installer/build-installer.sh --deb"
    fi
} 2>&1 | tee "$REPORT"
