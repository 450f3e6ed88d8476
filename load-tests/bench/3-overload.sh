#!/bin/sh
# Benchmark 3: overload, self-calibrating. Two phases in one run, same CDs, options and heap:
#  1. capacity: closed loop at moderate concurrency (CAL_CONCURRENCY, 48 by default: enough to
#     keep both the generator and the gateway busy, far from overload), whose SAs/s is this
#     machine's capacity at this moment (the machine is shared: a figure from another run is not
#     a comparison);
#  2. overload: far more initiators in flight than the gateway turns around per second (closed
#     loop, 10,000 by default, against 100 CDs: 100 per CD, the CDs' cookie threshold 8).
# It prints the overload phase's goodput as a percentage of phase 1's. Expected: goodput near
# capacity, COOKIE challenges, heap peak below -Xmx, no crash, and retransmitting initiators that
# succeed in the drain time (failures by reason and "unfinished at end" say which did not).
#
#   load-tests/bench/3-overload.sh [CONCURRENCY] [DURATION] [DRAIN] [WARMUP]
#
# Environment: JAR, HEAP (the JVM's -Xmx, default 1g), CDS (default 100), OUT,
# CAL_CONCURRENCY (default 48), CAL_DURATION (default 20s), CAL_WARMUP (default 30s: with 10 s the JIT
# still takes a third of the CPU),
# EXTRA (more `ike` options for both phases, e.g. "--max-sas-per-cd 32").
set -eu
here=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$here/../target/load-tests.jar}
HEAP=${HEAP:-1g}
CDS=${CDS:-100}
OUT=${OUT:-/tmp/iotgw-bench3}
CAL_CONCURRENCY=${CAL_CONCURRENCY:-48}
CAL_DURATION=${CAL_DURATION:-20s}
CAL_WARMUP=${CAL_WARMUP:-30s}
EXTRA=${EXTRA:-}
concurrency=${1:-10000}
duration=${2:-30s}
drain=${3:-150s}
warmup=${4:-5s}
mkdir -p "$OUT"
. "$here/conditions.sh"
echo "heap: -Xmx$HEAP"

# phase NAME CONCURRENCY DURATION WARMUP DRAIN: one generator run, its report in $OUT/NAME.txt.
phase() {
  echo "== $1: $2 in flight, $3 measured after $4 warm-up, $5 drain"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  {
    set +e
    # shellcheck disable=SC2086
    java -Xmx"$HEAP" -jar "$JAR" ike --target gateway --cds "$CDS" --cookie-threshold 8 \
      --concurrency "$2" --duration "$3" --warmup "$4" --drain "$5" \
      --suite gcm-x25519 --delete --report "$OUT/$1.html" $EXTRA 2>"$OUT/$1.stderr"
    echo $? > "$OUT/$1.status"
  } > "$OUT/$1.txt"
  echo "exit status: $(cat "$OUT/$1.status") (non-zero: the JVM failed, see $OUT/$1.stderr)"
  grep -E '^(established SAs/s|cookie challenges|retransmissions|failures|  |unfinished at end|target memory peak MiB|target CPU|latency|target counters)' "$OUT/$1.txt" || true
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

rate() {
  sed -n 's/^established SAs\/s *: *//p' "$OUT/$1.txt" | head -1
}

phase capacity "$CAL_CONCURRENCY" "$CAL_DURATION" "$CAL_WARMUP" 10s
phase overload "$concurrency" "$duration" "$warmup" "$drain"
echo "== result"
capacity=$(rate capacity)
overload=$(rate overload)
echo "capacity (${CAL_CONCURRENCY} in flight): ${capacity:-?} SAs/s"
echo "overload (${concurrency} in flight): ${overload:-?} SAs/s"
if [ -n "$capacity" ] && [ -n "$overload" ]; then
  awk -v c="$capacity" -v o="$overload" \
    'BEGIN { if (c > 0) printf "goodput under overload: %.0f %% of capacity\n", 100 * o / c }'
fi
[ "$(cat "$OUT/capacity.status")" = 0 ] && [ "$(cat "$OUT/overload.status")" = 0 ]
