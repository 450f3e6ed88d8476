#!/usr/bin/env bash
# Captures one real strongSwan IKEv2 exchange between two charon daemons, with
# the secrets charon logs at `ike = 4`, as test fixtures.
#
#   strongswan-capture.sh OUTDIR SUITE     capture SUITE into OUTDIR
#   strongswan-capture.sh --list           print the suite names
#
# Two network namespaces (iotgw-ssA: initiator 2001:db8:1::a, iotgw-ssB:
# responder 2001:db8:1::b) joined by a veth pair; one charon per namespace with
# a private /run (unshare -m + tmpfs) and userspace ESP (kernel-libipsec: tunnel
# mode only, ESP always in UDP/4500). dumpcap records UDP 500/4500 while the
# initiator runs IKE_SA_INIT + IKE_AUTH, pings twice through the CHILD_SA and
# deletes the IKE SA (INFORMATIONAL). OUTDIR then holds (README.md beside the
# committed fixtures explains them):
#   messages.txt  esp.txt  plaintexts.txt  secrets.properties
#   charon-initiator.log  charon-responder.log  capture.pcapng
#
# Needs root, strongSwan 5.9 (strongswan-charon strongswan-swanctl
# libstrongswan-standard-plugins libstrongswan-extra-plugins
# libcharon-extra-plugins), tshark, iproute2,
# util-linux, iputils-ping. Runs are serialised by a lock. A run first removes
# what an interrupted run left behind, and on exit (also on failure) stops its
# daemons and deletes its namespaces; KEEP_WORK=1 keeps the work directory.
set -euo pipefail

readonly SUITES="aesgcm-x25519-psk chacha-x25519-psk cbc-ecp256-psk aesgcm256-ecp384-psk modp2048-cbc-psk ecdsa-x25519-cert ecdsa-x25519-cert-frag"
readonly NS_I=iotgw-ssA NS_R=iotgw-ssB
readonly ADDR_I=2001:db8:1::a ADDR_R=2001:db8:1::b
readonly ID_I=ud@example.org ID_R=cd1@example.org
readonly PSK=0123456789abcdef0123456789abcdef
readonly CONN=ss CHILD=c
readonly TIMEOUT=${CAPTURE_TIMEOUT:-15}
readonly CHARON=/usr/lib/ipsec/charon

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE=$here
readonly CERTS="$here/../../protocols/src/test/resources/fixtures/strongswan/certs"

die() { echo "strongswan-capture: $*" >&2; exit 1; }
log() { echo "strongswan-capture: $*" >&2; }

if [ "${1:-}" = --list ]; then tr ' ' '\n' <<< "$SUITES"; exit 0; fi
[ $# -eq 2 ] || die "usage: $0 OUTDIR SUITE | --list   (suites: $SUITES)"
outdir=$1 suite=$2
[ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces)"
for tool in ip unshare dumpcap tshark swanctl flock ping awk "$CHARON"; do
  command -v "$tool" > /dev/null || die "missing $tool"
done

# ---- suites: IKE proposal, ESP proposal, authentication, IKE fragment size
frag_size=1280
case "$suite" in
  aesgcm-x25519-psk)      ike=aes128gcm16-prfsha256-x25519;      esp=aes128gcm16;      auth=psk ;;
  chacha-x25519-psk)      ike=chacha20poly1305-prfsha256-x25519; esp=chacha20poly1305; auth=psk ;;
  cbc-ecp256-psk)         ike=aes256-sha256-prfsha256-ecp256;    esp=aes256-sha256;    auth=psk ;;
  aesgcm256-ecp384-psk)   ike=aes256gcm16-prfsha384-ecp384;      esp=aes256gcm16;      auth=psk ;;
  modp2048-cbc-psk)       ike=aes128-sha256-prfsha256-modp2048;  esp=aes128-sha256;    auth=psk ;;
  ecdsa-x25519-cert)      ike=aes128gcm16-prfsha256-x25519;      esp=aes128gcm16;      auth=cert ;;
  # the same with IKE fragmentation (RFC 7383) forced by a small fragment size
  ecdsa-x25519-cert-frag) ike=aes128gcm16-prfsha256-x25519;      esp=aes128gcm16;      auth=cert; frag_size=512 ;;
  *) die "unknown suite '$suite' (suites: $SUITES)" ;;
esac

# ---- one run at a time: the namespace names are fixed so that leftovers can be found
# (daemons are started with fd 9 closed, so the lock dies with this shell)
mkdir -p /run/lock
exec 9> /run/lock/iotgw-strongswan-capture.lock
flock -w 300 9 || die "another capture holds /run/lock/iotgw-strongswan-capture.lock"

work=""
pids=()

alive() { # a zombie (exited, parent gone, not yet reaped) does not count
  kill -0 "$1" 2> /dev/null && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2> /dev/null
}

stop_pid() { # TERM, up to 5 s grace, then KILL
  local pid=$1 i
  alive "$pid" || return 0
  kill -TERM "$pid" 2> /dev/null || true
  for i in $(seq 250); do alive "$pid" || return 0; sleep 0.02; done
  kill -KILL "$pid" 2> /dev/null || true
}

# Processes in our namespaces can only be ours (left by an interrupted run).
teardown_netns() {
  local ns pid
  for ns in "$NS_I" "$NS_R"; do
    [ -e "/run/netns/$ns" ] || continue
    for pid in $(ip netns pids "$ns" 2> /dev/null); do stop_pid "$pid"; done
    ip netns delete "$ns" 2> /dev/null || true
  done
}

cleanup() {
  local rc=$? pid
  set +e
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  teardown_netns
  if [ -n "$work" ] && [ -d "$work" ]; then
    if [ $rc -ne 0 ]; then
      for f in "$work"/i/charon.log "$work"/r/charon.log; do
        [ -f "$f" ] || continue
        log "last lines of $f:"
        grep -v '\[ENC\]\|^[^ ]* [0-9]*\[[A-Z]*\] \(<[^>]*> \)\? *[0-9]*: ' "$f" | tail -n 25 >&2
      done
    fi
    if [ "${KEEP_WORK:-0}" = 1 ]; then log "work dir kept: $work"; else rm -rf "$work"; fi
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

teardown_netns
started=$(date +%s%N)
work="$(mktemp -d /tmp/iotgw-ss.XXXXXX)"

# ---- network: both veth ends are created inside the namespaces, none in the root namespace
for ns in "$NS_I" "$NS_R"; do
  ip netns add "$ns"
  # no DAD: addresses are usable at once, and no address event after charon
  # starts makes the initiator send a MOBIKE address update (a nondeterministic
  # extra INFORMATIONAL exchange)
  ip netns exec "$ns" sh -c 'for c in all default; do echo 0 > /proc/sys/net/ipv6/conf/$c/accept_dad; done'
done
ip -n "$NS_I" link add veth0 type veth peer name veth0 netns "$NS_R"
for side in "$NS_I=$ADDR_I" "$NS_R=$ADDR_R"; do
  ns=${side%%=*} addr=${side#*=}
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "$addr/64" dev veth0 nodad
  ip -n "$ns" link set veth0 up
done
for i in $(seq 100); do
  [ -z "$(ip -n "$NS_I" -6 addr show tentative; ip -n "$NS_R" -6 addr show tentative)" ] \
    && ip -n "$NS_I" -6 addr show dev veth0 scope link | grep -q inet6 \
    && ip -n "$NS_R" -6 addr show dev veth0 scope link | grep -q inet6 && break
  sleep 0.05
done

# ---- charon and swanctl configuration, one directory per side
write_strongswan_conf() { # dir
  cat > "$1/strongswan.conf" <<EOF
charon {
  # kdf: 5.9.8 derives keys only through it. openssl: ECP/MODP/X25519, AES-CBC/GCM,
  # ChaCha20-Poly1305, HMAC, ECDSA; x509 pem pkcs1 pkcs8 pubkey: credentials.
  load = kdf random nonce openssl gmp x509 pem pkcs1 pkcs8 pubkey curve25519 aes sha1 sha2 hmac gcm chapoly kernel-libipsec kernel-netlink socket-default vici
  fragment_size = $frag_size
  # give up after 2 + 3.6 + 6.5 s instead of minutes when the peer is silent
  retransmit_timeout = 2
  retransmit_tries = 2
  plugins {
    vici {
      socket = unix://$1/charon.vici
    }
    kernel-libipsec {
      allow_peer_ts = yes
    }
    kernel-netlink {
      fwmark = !0x42
    }
    socket-default {
      fwmark = 0x42
    }
  }
  filelog {
    full {
      path = $1/charon.log
      time_format = %H:%M:%S
      ike_name = yes
      flush_line = yes
      default = 1
      ike = 4
      enc = 4
      chd = 4
      cfg = 2
    }
  }
}
EOF
}

write_swanctl_conf() { # dir local_addr remote_addr local_id remote_id cert_name
  local dir=$1 lauth=psk rauth=psk lcert="" rca=""
  if [ "$auth" = cert ]; then
    lauth=pubkey rauth=pubkey lcert="certs = $6.pem" rca="cacerts = ca.pem"
  fi
  cat > "$dir/swanctl.conf" <<EOF
connections {
  $CONN {
    version = 2
    local_addrs = $2
    remote_addrs = $3
    proposals = $ike
    local {
      auth = $lauth
      id = $4
      $lcert
    }
    remote {
      auth = $rauth
      id = $5
      $rca
    }
    children {
      $CHILD {
        mode = tunnel
        esp_proposals = $esp
      }
    }
  }
}
secrets {
EOF
  if [ "$auth" = psk ]; then
    printf '  ike-1 {\n    id-1 = %s\n    id-2 = %s\n    secret = "%s"\n  }\n' "$ID_I" "$ID_R" "$PSK" >> "$dir/swanctl.conf"
  fi
  echo "}" >> "$dir/swanctl.conf"
  # swanctl takes private keys only from private/ beside swanctl.conf, and
  # resolves certificate names in x509/ and x509ca/ there.
  mkdir -p "$dir"/{x509,x509ca,x509ocsp,x509aa,x509ac,x509crl,pubkey,private,rsa,ecdsa,bliss,pkcs8,pkcs12}
  if [ "$auth" = cert ]; then
    cp "$CERTS/$6.pem" "$dir/x509/"
    cp "$CERTS/ca.pem" "$dir/x509ca/"
    cp "$CERTS/$6.key" "$dir/private/"
  fi
}

start_charon() { # ns dir
  local ns=$1 dir=$2 i
  # ip netns exec and unshare both exec, so $! is charon's pid
  STRONGSWAN_CONF="$dir/strongswan.conf" ip netns exec "$ns" \
    unshare -m sh -c "mount -t tmpfs none /run && exec $CHARON" > "$dir/charon.stderr" 2>&1 9>&- &
  pids+=($!)
  for i in $(seq 100); do
    [ -S "$dir/charon.vici" ] && return 0
    kill -0 "${pids[-1]}" 2> /dev/null || { cat "$dir/charon.stderr" >&2; die "charon in $ns died"; }
    sleep 0.05
  done
  die "charon in $ns did not open its vici socket"
}

swan() { # dir swanctl-args...
  local dir=$1
  shift
  STRONGSWAN_CONF="$dir/strongswan.conf" swanctl "$@" --uri "unix://$dir/charon.vici"
}

i="$work/i" r="$work/r"
mkdir -p "$i" "$r"
write_strongswan_conf "$i"
write_strongswan_conf "$r"
write_swanctl_conf "$i" "$ADDR_I" "$ADDR_R" "$ID_I" "$ID_R" ud
write_swanctl_conf "$r" "$ADDR_R" "$ADDR_I" "$ID_R" "$ID_I" cd1
start_charon "$NS_I" "$i"
start_charon "$NS_R" "$r"
for d in "$i" "$r"; do
  swan "$d" --load-all --noprompt --file "$d/swanctl.conf" > "$d/load.out" 2>&1 \
    || { cat "$d/load.out" >&2; die "swanctl --load-all failed"; }
done

# ---- capture
pcap="$work/capture.pcapng"
ip netns exec "$NS_I" dumpcap -i veth0 -f "udp port 500 or udp port 4500" -w "$pcap" > "$work/dumpcap.out" 2>&1 9>&- &
dumpcap_pid=$!
pids+=($dumpcap_pid)
for n in $(seq 100); do
  grep -q "^Capturing on" "$work/dumpcap.out" 2> /dev/null && break
  kill -0 "$dumpcap_pid" 2> /dev/null || { cat "$work/dumpcap.out" >&2; die "dumpcap died"; }
  sleep 0.05
done

# ---- the exchange: IKE_SA_INIT, IKE_AUTH (CHILD_SA), ESP, INFORMATIONAL delete
swan "$i" --initiate --ike "$CONN" --child "$CHILD" --timeout "$TIMEOUT" > "$i/initiate.out" 2>&1 \
  || { cat "$i/initiate.out" >&2; die "initiate failed"; }
for n in $(seq 100); do
  swan "$i" --list-sas 2> /dev/null | grep -q INSTALLED && swan "$r" --list-sas 2> /dev/null | grep -q INSTALLED && break
  [ "$n" -lt 100 ] || die "CHILD_SA not INSTALLED on both sides"
  sleep 0.05
done
ip netns exec "$NS_I" ping -6 -n -c 2 -i 0.2 -W 2 -I "$ADDR_I" "$ADDR_R" > "$work/ping.out" 2>&1 \
  || { cat "$work/ping.out" >&2; die "ping through the CHILD_SA failed"; }
swan "$i" --terminate --ike "$CONN" --timeout "$TIMEOUT" > "$i/terminate.out" 2>&1 \
  || { cat "$i/terminate.out" >&2; die "terminate failed"; }

# dumpcap hands packets to its file in blocks: wait until every IKE packet either
# charon sent, and the 4 ESP packets of the pings, are in it
sent=$(cat "$i/charon.log" "$r/charon.log" | grep -c '\[NET\] .*sending packet: ')
frames="$work/frames.txt"
for n in $(seq 100); do
  tshark -r "$pcap" -T fields -e ipv6.src -e udp.dstport -e udp.payload > "$frames" 2> /dev/null || true
  read -r ike_frames esp_frames < <(awk '$2 == 500 || substr($3, 1, 8) == "00000000" { ike++; next }
    $3 != "ff" { esp++ } END { print ike + 0, esp + 0 }' "$frames")
  [ "$ike_frames" -ge "$sent" ] && [ "$esp_frames" -ge 4 ] && break
  [ "$n" -lt 100 ] || die "capture has $ike_frames IKE packets (charon sent $sent) and $esp_frames ESP packets (want 4)"
  sleep 0.05
done
stop_pid "$dumpcap_pid"
for pid in "${pids[@]}"; do stop_pid "$pid"; done

# ---- fixtures
out="$work/out"
mkdir -p "$out"
cp "$pcap" "$out/capture.pcapng"
# IKE messages and ESP packets; on 4500, 4 zero bytes (non-ESP marker, RFC 3948
# 2.2) precede an IKE message, a single 0xff is a NAT-keepalive
awk -v a="$ADDR_I" -v ike="$out/messages.txt" -v esp="$out/esp.txt" '{
      dir = $1 == a ? "i2r" : "r2i"
      if ($2 == 500) print dir, $2, $3 > ike
      else if (substr($3, 1, 8) == "00000000") print dir, $2, substr($3, 9) > ike
      else if ($3 != "ff") print dir, $2, $3 > esp
    }' "$frames"
for s in i r; do
  awk -v side=$s -v idi="$ID_I" -v idr="$ID_R" -f "$HERE/strongswan-log-extract.awk" "$work/$s/charon.log" > "$work/$s.kv"
done
version="$("$CHARON" --version 2>&1 | head -1 | sed 's/^Linux //') (package strongswan-charon $(dpkg-query -W -f='${Version}' strongswan-charon 2> /dev/null || echo '?'))"
header="# strongSwan IKEv2 fixture '$suite', captured $(date -u +%Y-%m-%dT%H:%M:%SZ) with $version
# by load-tests/scripts/strongswan-capture.sh. TEST-ONLY KEYS, never use them elsewhere.
# Values are lowercase hex (text where noted); an empty value is zero bytes.
# Before each key: where it comes from (i = charon-initiator.log, r = charon-responder.log,
# i+r = both logs, checked equal; wire = messages.txt; config = the capture's swanctl.conf)
# and the log label or payload field."
awk -v suite="$suite" -v idi="$ID_I" -v idr="$ID_R" -v plaintexts="$out/plaintexts.txt" -v header="$header" \
  -f "$HERE/strongswan-fixture-merge.awk" "$work/i.kv" "$work/r.kv" "$out/messages.txt" > "$out/secrets.properties"

# Human-readable logs: IKE/CHD/NET/ESP lines, the message summaries and the
# encrypted payloads' IV/plain/padding; no encoder rule traces, no config echo.
trim_log() {
  awk '{
    t = $2; sub(/\[.*/, "", t)
    grp = $2; sub(/^[0-9]+\[/, "", grp); sub(/\].*/, "", grp)
    text = $0; sub(/^[^ ]+ [^ ]+ /, "", text); sub(/^<[^>]*> /, "", text)
    if (text ~ /^ *[0-9]+: /) { if (keep[t]) print; next }
    k = 0
    if (grp ~ /^(IKE|CHD|NET|ESP|DMN)$/) k = 1
    if (grp == "CFG" && text ~ /^(selected proposal|received proposals|configured proposals|sending supported|received supported)/) k = 1
    if (grp == "ENC" && text ~ /^((generating|parsed) [A-Z_]+ (request|response)|splitting|received fragment|encrypted (fragment )?payload)/) k = 1
    if (grp == "ENC" && text ~ /^(IV|plain|padding|assoc|encrypted|ICV) => /) k = 1
    if (grp == "IKE" && text ~ /^(queueing|activating|  activating|reinitiating|  IKE_|nothing to initiate)/) k = 0
    keep[t] = k
    if (k) print
  }' "$1"
}
trim_log "$i/charon.log" > "$out/charon-initiator.log"
trim_log "$r/charon.log" > "$out/charon-responder.log"

mkdir -p "$outdir"
for f in messages.txt esp.txt plaintexts.txt secrets.properties charon-initiator.log charon-responder.log capture.pcapng; do
  cp "$out/$f" "$outdir/$f"
done
log "$suite: $(wc -l < "$out/messages.txt") IKE messages, $(wc -l < "$out/esp.txt") ESP packets in $(( ($(date +%s%N) - started) / 1000000 )) ms -> $outdir"
