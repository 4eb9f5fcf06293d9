#!/usr/bin/env bash
# jtrader benchmark suite: every program in its own processes on 127.0.0.1, each repeat interleaving jtrader with
# its baseline (raw JeroMQ, the Python stack vn.py is built on), medians of >= 5 repeats with min-max, CSVs and
# PNG plots. Usage:  bench/run.sh [--quick] [--repeats N] [--java PATH] [--out DIR]
#   --quick     tiny counts (a smoke run, seconds)      --java  the java binary (default: java on PATH)
#   --repeats   repeats per benchmark (default 5)       --out   results folder (default bench/results/<date>)
# Plots go to docs/images/bench-*.png; the log with every RESULT line to <out>/run.log.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=java; REPEATS=5; QUICK=0; OUT="bench/results/$(date +%Y%m%d-%H%M%S)"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --repeats) REPEATS="$2"; shift ;;
    --java) JAVA="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
JAR=jtrader-bench/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  mvn -B -q -pl jtrader-bench -am package -DskipTests
fi
mkdir -p "$OUT"
LOG="$OUT/run.log"
# Child JVM flags of the latency runs: a fixed, pre-touched heap (no page faults on first use of new heap regions).
LATENCY_FLAGS="-Xms256m -Xmx256m -XX:+AlwaysPreTouch"
if [ "$QUICK" = 1 ]; then
  CALLS=2000; WARM=1000; EVENTS=20000; SECONDS_=1; JMH="-f 1 -wi 1 -i 1 -w 1 -r 1"
else
  CALLS=20000; WARM=10000; EVENTS=200000; SECONDS_=5; JMH="-f 1 -wi 3 -i 5 -w 1 -r 1"
fi
run() { echo "\$ $*" | tee -a "$LOG"; "$@" 2>&1 | tee -a "$LOG" | grep -E "^(RESULT|SKIPPED|#|Benchmark|Vnpy)" || true; }
{
  echo "# jtrader bench $(date -Is) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "# $("$JAVA" -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$LOG"
run "$JAVA" -jar "$JAR" "VnpyCodecBenchmark" $JMH -prof gc -jvmArgs "-Xms1g -Xmx1g -XX:+AlwaysPreTouch"
# Round trip: a longer warm-up, so the JIT has finished compiling both sides before the first repeat is measured
run "$JAVA" -cp "$JAR" io.jtrader.bench.rpc.RoundTripBenchmark --calls "$CALLS" --warmup "$((WARM * 3))" --repeats "$REPEATS"
run "$JAVA" -cp "$JAR" io.jtrader.bench.rpc.PipelineBenchmark --calls $((CALLS * 10)) --window 1000 --repeats "$REPEATS"
run "$JAVA" -cp "$JAR" io.jtrader.bench.rpc.ConcurrencyBenchmark --seconds "$SECONDS_" --repeats "$REPEATS" \
    --connections 1,4,16 --slow-ms 200
for subs in 1 4; do
  run "$JAVA" -cp "$JAR" io.jtrader.bench.rpc.PublishBenchmark --events "$EVENTS" --warmup "$EVENTS" --repeats "$REPEATS" \
      --subscribers "$subs" --out "$OUT"
done
run "$JAVA" -cp "$JAR" io.jtrader.bench.rpc.TickLatencyBenchmark --rate 10000 --seconds "$SECONDS_" --repeats "$REPEATS" \
    --label default --out "$OUT"
run "$JAVA" "-Djtrader.bench.childJvmOptions=$LATENCY_FLAGS" -cp "$JAR" io.jtrader.bench.rpc.TickLatencyBenchmark \
    --rate 10000 --seconds "$SECONDS_" --repeats "$REPEATS" --label pretouch --out "$OUT"
run "$JAVA" -cp "$JAR" io.jtrader.bench.rpc.FanOutMemoryBenchmark --rate 10000 --clients 16 --seconds "$((SECONDS_ * 2))" \
    --repeats "$REPEATS"
run "$JAVA" -cp "$JAR" io.jtrader.bench.rpc.PythonStackBenchmark --calls "$CALLS" --warmup "$WARM" --events "$EVENTS" \
    --repeats "$REPEATS" --out "$OUT"
run "$JAVA" -Djava.awt.headless=true -cp "$JAR" io.jtrader.bench.rpc.ReportPlots --in "$OUT" --out docs/images
echo "results: $OUT (run.log, *.csv); plots: docs/images/bench-*.png"
