#!/usr/bin/env bash
# The border-router test topology (ARCHITECTURE, "Real peers used by the tests"):
#
#   ud  veth-ud 2001:db8:1::a  <──veth──>  2001:db8:1::b veth-gw  gw  iotgw0 (TUN) ──► the gateway
#
# ud routes the CD prefix to gw; gw forwards and routes the CD prefix into the persistent TUN that
# `gateway run` attaches to. Idempotent: `up` twice is `up`; `down` removes everything `up` made.
#
#   topology.sh up|down
#
# Environment (defaults in brackets): IOTGW_NS_UD [ud], IOTGW_NS_GW [gw], IOTGW_TUN [iotgw0],
# IOTGW_CD_PREFIX [2001:db8:cd::/64], IOTGW_UD_ADDRESS [2001:db8:1::a],
# IOTGW_GW_ADDRESS [2001:db8:1::b]. Tests pick unique namespace names so that concurrent builds
# on one host do not collide; the devices live inside the namespaces, so their names need not be
# unique.
set -euo pipefail

UD=${IOTGW_NS_UD:-ud}
GW=${IOTGW_NS_GW:-gw}
TUN=${IOTGW_TUN:-iotgw0}
CD_PREFIX=${IOTGW_CD_PREFIX:-2001:db8:cd::/64}
UD_ADDRESS=${IOTGW_UD_ADDRESS:-2001:db8:1::a}
GW_ADDRESS=${IOTGW_GW_ADDRESS:-2001:db8:1::b}

has_netns() { ip netns list | awk '{print $1}' | grep -qx "$1"; }

up() {
  for ns in "$UD" "$GW"; do
    has_netns "$ns" || ip netns add "$ns"
    ip -n "$ns" link set dev lo up
  done
  # Created straight inside the namespaces: nothing appears in the caller's namespace.
  if ! ip -n "$UD" link show dev veth-ud >/dev/null 2>&1; then
    ip link add name veth-ud netns "$UD" type veth peer name veth-gw netns "$GW"
  fi
  ip -n "$UD" link set dev veth-ud up
  ip -n "$GW" link set dev veth-gw up
  ip -n "$UD" -6 addr replace "$UD_ADDRESS/64" dev veth-ud nodad
  ip -n "$GW" -6 addr replace "$GW_ADDRESS/64" dev veth-gw nodad
  ip netns exec "$GW" sysctl -q -w net.ipv6.conf.all.forwarding=1
  # Persistent (survives the gateway's restarts), IFF_NO_PI by default, owned by root.
  if ! ip -n "$GW" link show dev "$TUN" >/dev/null 2>&1; then
    ip netns exec "$GW" ip tuntap add dev "$TUN" mode tun
  fi
  # The gateway reads the TUN only as fast as the radio drains (UcnPort), so the kernel's queue in
  # front of it is the border router's queue towards the CDs. Linux's default of 500 packets is
  # 20 s of full-size packets at 802.15.4's 250 kbit/s; 32 bounds the delay to ~1.5 s and drops
  # the rest of a burst, which is what a host's transport expects from a slow link.
  ip -n "$GW" link set dev "$TUN" mtu 1280 txqueuelen 32 up
  ip -n "$GW" -6 route replace "$CD_PREFIX" dev "$TUN"
  ip -n "$UD" -6 route replace "$CD_PREFIX" via "$GW_ADDRESS" dev veth-ud
}

down() {
  # Deleting a namespace deletes its devices: the veth pair and the TUN go with them.
  for ns in "$UD" "$GW"; do
    if has_netns "$ns"; then ip netns delete "$ns"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 64 ;;
esac
