#!/bin/sh
# Benchmark 3: overload. Far more initiators in flight than the gateway turns around per second
# (closed loop, 10,000 by default, against 100 CDs: 100 per CD, the CDs' cookie threshold 8), in
# a heap of bounded size. Expected: goodput near capacity (compare benchmark 1), COOKIE challenges,
# heap peak below -Xmx, no crash, and retransmitting initiators that succeed in the drain time
# (failures by reason and "unfinished at end" say which did not).
#
#   load-tests/bench/3-overload.sh [CONCURRENCY] [DURATION] [DRAIN] [WARMUP]
#
# Environment: JAR, HEAP (the JVM's -Xmx, default 1g), CDS (default 100), OUT.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$here/../target/load-tests.jar}
HEAP=${HEAP:-1g}
CDS=${CDS:-100}
OUT=${OUT:-/tmp/iotgw-bench3}
concurrency=${1:-10000}
duration=${2:-30s}
drain=${3:-150s}
warmup=${4:-5s}
mkdir -p "$OUT"
. "$here/conditions.sh"
echo "heap: -Xmx$HEAP"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
{
  set +e
  java -Xmx"$HEAP" -jar "$JAR" ike --target gateway --cds "$CDS" --cookie-threshold 8 \
    --concurrency "$concurrency" --duration "$duration" --warmup "$warmup" --drain "$drain" \
    --suite gcm-x25519 --delete --report "$OUT/overload.html" 2>"$OUT/overload.stderr"
  echo $? > "$OUT/status"
} | tee "$OUT/overload.txt"
status=$(cat "$OUT/status")
echo "== result"
echo "exit status: $status (non-zero: the JVM failed, see $OUT/overload.stderr)"
grep -E '^(established SAs/s|cookie challenges|retransmissions|failures|unfinished at end|target memory peak MiB|latency)' "$OUT/overload.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
