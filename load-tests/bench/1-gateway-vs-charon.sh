#!/bin/sh
# Benchmark 1: the gateway answering for CDs (in-process, their key deliveries acknowledged in
# memory: the gateway's own work) versus strongSwan's charon as a responder (charon-responder.sh:
# 16 threads, ikesa_table_size 4096, no COOKIEs, PSK), one after the other in one run, on the same
# machine, with the same generator, suite and load. Prints both reports and the ratio.
#
#   load-tests/bench/1-gateway-vs-charon.sh [CONCURRENCY] [DURATION] [WARMUP]
#
# Environment: JAR (default load-tests/target/load-tests.jar), SUITE (default gcm-x25519),
# CDS (gateway target, default 100), OUT (directory for the HTML reports, default /tmp/iotgw-bench1).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$here/../target/load-tests.jar}
SUITE=${SUITE:-gcm-x25519}
CDS=${CDS:-100}
OUT=${OUT:-/tmp/iotgw-bench1}
concurrency=${1:-32}
duration=${2:-20s}
warmup=${3:-60s}
mkdir -p "$OUT"
. "$here/conditions.sh"
case "$SUITE" in
  gcm-x25519) ike=aes128gcm16-prfsha256-x25519; esp=aes128gcm16 ;;
  cbc-ecp256) ike=aes256-sha256-prfsha256-ecp256; esp=aes256-sha256 ;;
  chacha-x25519) ike=chacha20poly1305-prfsha256-x25519; esp=chacha20poly1305 ;;
  *) echo "unknown suite $SUITE" >&2; exit 2 ;;
esac
common="--concurrency $concurrency --duration $duration --warmup $warmup --drain 20s --suite $SUITE --delete"

echo "== gateway (in-process, $CDS CDs admitted in memory)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Cookie threshold above the concurrency: no COOKIE round trips, as charon below.
java -jar "$JAR" ike --target gateway --cds "$CDS" --cookie-threshold 1000000 $common \
  --report "$OUT/gateway.html" 2>/dev/null | tee "$OUT/gateway.txt"

echo "== charon (strongSwan responder in a namespace)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dir=$(mktemp -d /tmp/iotgw-bench1-charon.XXXXXX)
trap 'sh "$here/charon-responder.sh" stop "$dir" >/dev/null 2>&1; rm -rf "$dir"' EXIT
sh "$here/charon-responder.sh" start "$dir" "$ike" "$esp" > "$dir/started"
cat "$dir/started"
pid=$(sed -n 's/^pid=//p' "$dir/started")
local_addr=$(sed -n 's/^local=//p' "$dir/started")
charon_addr=$(sed -n 's/^charon=//p' "$dir/started")
java -jar "$JAR" ike --target "udp:[$charon_addr]:500" --bind "$local_addr" --target-pid "$pid" \
  $common --report "$OUT/charon.html" 2>/dev/null | tee "$OUT/charon.txt"

gw=$(sed -n 's/^established SAs\/s: //p' "$OUT/gateway.txt")
ch=$(sed -n 's/^established SAs\/s: //p' "$OUT/charon.txt")
[ -n "$gw" ] || { echo "the gateway run gave no figure" >&2; exit 1; }
[ -n "$ch" ] || { echo "the charon run gave no figure" >&2; exit 1; }
echo "== result"
echo "gateway established SAs/s: $gw"
echo "charon established SAs/s: $ch"
awk -v g="$gw" -v c="$ch" 'BEGIN { if (c > 0) printf "ratio gateway/charon: %.2f\n", g / c }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "reports: $OUT/gateway.html $OUT/charon.html"
