#!/bin/sh
# Benchmark 2: the crypto bound and how close the gateway comes to it. JMH measures the
# responder's cryptographic work per PSK handshake on one thread (ResponderHandshakeCrypto.
# handshakePsk: X25519 key pair and agreement, key schedule, AUTH check and computation, SK
# payloads), i.e. handshakes/s per core; then the generator loads the in-process gateway with the
# same suite and reports its rate and the CPU its threads used. Printed: the bound, the rate, the
# rate per core of gateway CPU, and both as fractions of the bound.
#
#   load-tests/bench/2-crypto-bound.sh [CONCURRENCY] [DURATION] [WARMUP]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$here/../target/load-tests.jar}
OUT=${OUT:-/tmp/iotgw-bench2}
concurrency=${1:-32}
duration=${2:-20s}
warmup=${3:-60s}
mkdir -p "$OUT"
. "$here/conditions.sh"

echo "== JMH: ResponderHandshakeCrypto.handshakePsk, 1 thread"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$JAR" jmh 'ResponderHandshakeCrypto.handshakePsk' -f 1 -t 1 -wi 3 -w 2s -i 5 -r 2s \
  -rf csv -rff "$OUT/jmh.csv" > "$OUT/jmh.txt" 2>&1
tail -3 "$OUT/jmh.txt"
bound=$(awk -F, 'NR == 2 { gsub(/"/, "", $5); print $5 }' "$OUT/jmh.csv")

echo "== gateway (in-process, gcm-x25519, PSK, no delete: handshakes only)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# No --delete: the gateway keeps every SA (about 500/s x 80 s = 40,000), far beyond the default
# iotgw.ike.max-sas-per-cd (16 x 100 CDs = 1600), which would stall the run at 1600 SAs and
# measure retransmission timers instead of crypto: the bound is raised to its maximum.
java -jar "$JAR" ike --target gateway --cds 100 --cookie-threshold 1000000 \
  --max-sas-per-cd 65536 \
  --concurrency "$concurrency" --duration "$duration" --warmup "$warmup" --drain 20s \
  --suite gcm-x25519 --report "$OUT/gateway.html" 2>/dev/null | tee "$OUT/gateway.txt"
rate=$(sed -n 's/^established SAs\/s: //p' "$OUT/gateway.txt")
cpu=$(sed -n 's/^target CPU (100% = one core): \([0-9.]*\)%/\1/p' "$OUT/gateway.txt")

[ -n "$bound" ] && [ -n "$rate" ] || { echo "a run gave no figure" >&2; exit 1; }
echo "== result"
echo "crypto bound (handshakes/s on one core): $bound"
echo "gateway established SAs/s: $rate (gateway threads' CPU: $cpu% of one core)"
awk -v b="$bound" -v r="$rate" -v c="$cpu" 'BEGIN {
  printf "rate / bound (one core): %.3f\n", r / b
  if (c > 0) {
    per = r / (c / 100)
    printf "SAs/s per core of gateway CPU: %.1f, i.e. %.3f of the bound\n", per, per / b
    printf "gateway CPU per SA: %.2f ms; crypto per SA: %.2f ms\n", 1000 / per, 1000 / b
  }
}'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
