package net.iotgw.gateway.aaa;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import net.iotgw.protocols.radius.IdentifierPool;
import net.iotgw.protocols.radius.PendingRequests;
import net.iotgw.protocols.radius.RadiusAuth;

/**
 * The client's state for one server. RADIUS Identifiers are unique per source and destination (RFC
 * 2865 §3, RFC 5080 §2.2.2), so each server has its own pool over the shared sockets and its own
 * table of pending requests, which also holds that server's secret.
 */
final class RadiusServer implements AutoCloseable {

  final int index;
  final String address;
  final java.net.InetSocketAddress socketAddress;
  final byte[] secret;
  final IdentifierPool pool;
  final PendingRequests<RadiusJob> pending;

  /** The same jobs as {@link #pending}, for the retransmission timer, which needs them back. */
  final Map<IdentifierPool.Slot, RadiusJob> inFlight = new HashMap<>();

  /** Jobs for this server while all its slots are in flight; at most max-sessions. */
  final ArrayDeque<RadiusJob> waiting = new ArrayDeque<>();

  /** Refusals already logged at WARN: each kind once per server. */
  final EnumSet<RadiusAuth.Refusal> warned = EnumSet.noneOf(RadiusAuth.Refusal.class);

  /** Failed a request recently: tried after the others until the dead-time passes. */
  boolean dead;

  RadiusServer(int index, AaaConfig.Server config, int sockets) {
    this.index = index;
    this.address = config.address();
    this.socketAddress = config.socketAddress();
    this.secret = config.secret();
    this.pool = new IdentifierPool(sockets);
    this.pending = new PendingRequests<>(pool, secret);
  }

  boolean hasFreeSlot() {
    return pool.inFlight() < pool.capacity();
  }

  /** Zeroes the secrets. */
  @Override
  public void close() {
    pending.close();
    Arrays.fill(secret, (byte) 0);
  }
}
