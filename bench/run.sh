#!/usr/bin/env bash
# Foundation benchmarks of Peresvet.
#
#   bench/run.sh                  every figure, BENCH_RUNS times each (default 2)
#   bench/run.sh pipeline start   only these figures
#
# Figures: pipeline (figure 1), pipeline-paced (diagnostic for figure 1), history (figure 2),
# current (figure 3, JMH), start (figure 4). Builds the engine and bench jars first, prints the
# summary line of each run, and writes the whole output to bench/reports/foundation-latest.txt
# (a run of only some figures goes to bench/reports/foundation-partial.txt instead, so the full
# report is not replaced by a partial one). The machine's load is recorded: on a shared host
# wall-clock figures vary from run to run.
set -euo pipefail

ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ALL=(pipeline pipeline-paced history current start)
RUNS="${BENCH_RUNS:-2}"
if [ $# -gt 0 ]; then
    FIGURES=("$@")
    REPORT="bench/reports/foundation-partial.txt"
else
    FIGURES=("${ALL[@]}")
    REPORT="bench/reports/foundation-latest.txt"
fi
for f in "${FIGURES[@]}"; do
    [[ " ${ALL[*]} " == *" $f "* ]] || { echo "run.sh: unknown figure '$f' (known: ${ALL[*]})" >&2; exit 2; }
done

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

echo "Building engine and bench jars…"
mkdir -p bench/target
if ! ./mvnw -q -B -DskipTests package -pl bench -am >bench/target/build.log 2>&1; then
    cat bench/target/build.log >&2
    echo "run.sh: the build failed (log above, also in bench/target/build.log)" >&2
    exit 1
fi
CP="$(ls bench/target/peresvet-bench-*.jar | head -n 1):bench/target/lib/*"

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
# The drivers' temp projects go here, so whatever a failed run leaves behind is removed at the end.
mkdir -p "$OUT/tmp"

# Every load driver runs in the 512 MB heap of the goal. A JVM that runs out of heap stops at once
# (instead of thrashing in GC for minutes) and the figure is reported as failed.
HEAP=-Xmx512m
JVM=("$HEAP" -XX:+ExitOnOutOfMemoryError -Dperesvet.log.level=WARN -Dlogback.configurationFile=peresvet-logback.xml "-Djava.io.tmpdir=$OUT/tmp")
JMH_ITERATIONS=(-wi 2 -i 3 -f 1 -w 1s -r 1s)
JMH_OPTS=("${JMH_ITERATIONS[@]}" -jvmArgs "$HEAP -Dperesvet.log.level=WARN -Dlogback.configurationFile=peresvet-logback.xml -Djava.io.tmpdir=$OUT/tmp")

command_for() {
    case "$1" in
        pipeline) echo org.peresvet.bench.PipelineThroughput ;;
        pipeline-paced) echo "-Dbench.maxQueuedBatches=100 org.peresvet.bench.PipelineThroughput" ;;
        history) echo org.peresvet.bench.HistoryRead ;;
        start) echo org.peresvet.bench.HeadlessStart ;;
    esac
}

SUMMARY="$OUT/summary"
: >"$SUMMARY"
{
    echo "Peresvet Foundation benchmarks"
    echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "host:    $(uname -srm), nproc $(nproc), $(free -m | awk '/^Mem:/ {print $2 " MB RAM"}')"
    echo "java:    $("$JAVA" -version 2>&1 | head -n 1)"
    echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
    echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) when the run began; the host is shared"
    echo "jvm:     $HEAP -XX:+ExitOnOutOfMemoryError; JMH ${JMH_ITERATIONS[*]}, forked JVM $HEAP"
    echo "runs:    $RUNS of each figure"
} >"$OUT/header"
cat "$OUT/header"

# Runs one figure once; details and the summary line go to the console and the report body.
run_once() {
    local figure="$1" run="$2" rc=0 load
    load="$(cut -d' ' -f1 /proc/loadavg)"
    echo
    echo "== $figure, run $run of $RUNS (load $load)" | tee -a "$OUT/body"
    if [ "$figure" = current ]; then
        # JMH's own progress goes to a log; the driver prints the summary line.
        "$JAVA" -cp "$CP" org.peresvet.bench.CurrentValueBenchmark "${JMH_OPTS[@]}" \
            -o "bench/target/jmh-current-$run.log" >"$OUT/stdout" 2>"$OUT/stderr" || rc=$?
    else
        # shellcheck disable=SC2046 # the command is a class name with optional -D flags
        "$JAVA" "${JVM[@]}" -cp "$CP" $(command_for "$figure") >"$OUT/stdout" 2>"$OUT/stderr" || rc=$?
    fi
    cat "$OUT/stdout" | tee -a "$OUT/body"
    if ! grep -q "^$figure: " "$OUT/stdout"; then
        local why
        # The JVM reports "Terminating due to java.lang.OutOfMemoryError" on stdout, other deaths on stderr.
        why="$( (grep -h -m 1 'OutOfMemoryError' "$OUT/stdout" "$OUT/stderr" || grep -v '^\s*$' "$OUT/stderr" | tail -n 1) || true)"
        echo "$figure: FAIL — no result (exit code $rc)${why:+: $why}" | tee -a "$OUT/body"
        echo "$figure: FAIL — no result (exit code $rc)${why:+: $why}" >>"$OUT/stdout"
    fi
    if [ -s "$OUT/stderr" ]; then
        echo "  (stderr of this run:)"
        sed 's/^/  | /' "$OUT/stderr" | tail -n 20
    fi
    grep -E '^[a-z-]+: ' "$OUT/stdout" | sed "s/^/[run $run, load $load] /" >>"$SUMMARY" || true
}

for figure in "${FIGURES[@]}"; do
    for run in $(seq 1 "$RUNS"); do
        run_once "$figure" "$run"
    done
done

mkdir -p "$(dirname "$REPORT")"
{
    cat "$OUT/header"
    echo
    echo "Summary"
    echo "-------"
    cat "$SUMMARY"
    echo
    echo "Details"
    echo "-------"
    cat "$OUT/body"
} >"$REPORT"
echo
echo "Summary"
cat "$SUMMARY"
echo
echo "Report written to $REPORT"
