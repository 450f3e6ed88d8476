#!/bin/sh
# strongSwan's charon as an IKEv2 responder for the ike load generator, in a network namespace of
# its own (and a mount namespace with a private /run), joined to this one by a veth pair.
#
#   charon-responder.sh start DIR IKE_PROPOSAL ESP_PROPOSAL   prints pid=, local=, charon=
#   charon-responder.sh stop DIR
#
# Environment: NS (namespace, default iotgw-ikeload), PREFIX (a /64, default 2001:db8:e6::),
# THREADS (charon's worker threads, default 16, its own default: plugins hold some for good), COOKIE_THRESHOLD (half-open IKE SAs before charon
# asks for COOKIEs, default 100000: off), LOGLEVEL (charon's filelog default level, -1 silent).
# Tuning for load: a larger IKE SA table, no per-peer-IP limit on half-open SAs (every initiator
# comes from one address), no routes per CHILD_SA. ESP in userspace (kernel-libipsec), as in the
# interop tests: the kernel here has no ESP; each CHILD_SA is installed there.
# Identities and key: cd1@example.org (charon), ud@example.org (the generator), PSK
# 0123456789abcdef0123456789abcdef: the generator's defaults. With PKI=DIR (filled by
# `load-tests.jar ike --write-pki DIR`), certificates instead: DIR/peer.pem and peer.key are
# charon's, DIR/ca.pem the CA it trusts for the generator's certificate.
set -eu
cmd=${1:?start|stop}
dir=${2:?DIR}
NS=${NS:-iotgw-ikeload}
PREFIX=${PREFIX:-2001:db8:e6::}
THREADS=${THREADS:-16}
COOKIE_THRESHOLD=${COOKIE_THRESHOLD:-100000}
LOGLEVEL=${LOGLEVEL:--1}
host_side="v${NS#iotgw-}"
host_side=$(printf '%.15s' "$host_side")
local_addr="${PREFIX}a"
charon_addr="${PREFIX}b"

stop() {
  if [ -f "$dir/charon.pid" ]; then
    kill "$(cat "$dir/charon.pid")" 2>/dev/null || true
    sleep 1
    kill -9 "$(cat "$dir/charon.pid")" 2>/dev/null || true
    rm -f "$dir/charon.pid"
  fi
  ip netns delete "$NS" 2>/dev/null || true
  ip link delete "$host_side" 2>/dev/null || true
}

case "$cmd" in
stop)
  stop
  exit 0
  ;;
start)
  ike=${3:?IKE_PROPOSAL}
  esp=${4:?ESP_PROPOSAL}
  ;;
*)
  echo "usage: $0 start DIR IKE ESP | stop DIR" >&2
  exit 2
  ;;
esac

charon=$(command -v charon || echo /usr/lib/ipsec/charon)
[ -x "$charon" ] || { echo "charon not found" >&2; exit 3; }
mkdir -p "$dir"
stop
ip netns add "$NS"
ip netns exec "$NS" sh -c 'for c in all default; do echo 0 > /proc/sys/net/ipv6/conf/$c/accept_dad; done'
ip link add "$host_side" type veth peer name veth0 netns "$NS"
echo 0 > "/proc/sys/net/ipv6/conf/$host_side/accept_dad"
ip addr add "$local_addr/64" dev "$host_side" nodad
ip link set "$host_side" up
ip -n "$NS" link set lo up
ip -n "$NS" addr add "$charon_addr/64" dev veth0 nodad
ip -n "$NS" link set veth0 up

cat > "$dir/strongswan.conf" <<CONF
charon {
  load = kdf random nonce openssl gmp x509 pem pkcs1 pkcs8 pubkey curve25519 aes sha1 sha2 hmac gcm chapoly kernel-libipsec kernel-netlink socket-default vici
  threads = $THREADS
  ikesa_table_size = 4096
  ikesa_table_segments = 16
  cookie_threshold = $COOKIE_THRESHOLD
  cookie_threshold_ip = $COOKIE_THRESHOLD
  block_threshold = 1000000
  install_routes = no
  plugins {
    vici {
      socket = unix://$dir/charon.vici
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
    log {
      path = $dir/charon.log
      default = $LOGLEVEL
      flush_line = yes
    }
  }
  syslog {
    daemon {
      default = -1
    }
  }
}
CONF
if [ -n "${PKI:-}" ]; then
  mkdir -p "$dir/x509" "$dir/x509ca" "$dir/private"
  cp "$PKI/peer.pem" "$dir/x509/"
  cp "$PKI/ca.pem" "$dir/x509ca/"
  cp "$PKI/peer.key" "$dir/private/"
  local_auth="auth = pubkey
      certs = peer.pem"
  remote_auth="auth = pubkey
      cacerts = ca.pem"
else
  local_auth="auth = psk"
  remote_auth="auth = psk"
fi
cat > "$dir/swanctl.conf" <<CONF
connections {
  load {
    version = 2
    local_addrs = $charon_addr
    proposals = $ike
    local {
      $local_auth
      id = cd1@example.org
    }
    remote {
      $remote_auth
      id = ud@example.org
    }
    children {
      c {
        mode = tunnel
        esp_proposals = $esp
      }
    }
  }
}
secrets {
  ike-1 {
    id-1 = cd1@example.org
    id-2 = ud@example.org
    secret = "0123456789abcdef0123456789abcdef"
  }
}
CONF
env STRONGSWAN_CONF="$dir/strongswan.conf" ip netns exec "$NS" unshare -m sh -c \
  "mount -t tmpfs none /run && exec $charon" > "$dir/charon.stderr" 2>&1 &
echo $! > "$dir/charon.pid"
i=0
while [ ! -S "$dir/charon.vici" ]; do
  i=$((i + 1))
  if [ $i -gt 200 ] || ! kill -0 "$(cat "$dir/charon.pid")" 2>/dev/null; then
    echo "charon did not open its vici socket" >&2
    cat "$dir/charon.stderr" >&2
    exit 4
  fi
  sleep 0.05
done
env STRONGSWAN_CONF="$dir/strongswan.conf" swanctl --load-all --noprompt \
  --file "$dir/swanctl.conf" --uri "unix://$dir/charon.vici" > "$dir/swanctl.out" 2>&1 \
  || { cat "$dir/swanctl.out" >&2; exit 5; }
echo "pid=$(cat "$dir/charon.pid")"
echo "local=$local_addr"
echo "charon=$charon_addr"
echo "version=$(dpkg-query -W -f '${Version}' strongswan-charon 2>/dev/null || echo unknown)"
