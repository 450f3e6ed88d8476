package net.iotgw.streams.ucn;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * The unconstrained-network side of the gateway, the way Californium's {@code Connector} is the
 * transport of its CoAP stack: a {@link TunPort} in production, an {@link InMemoryPort} in tests
 * and the demo. The data plane sees only this interface.
 *
 * <p>The port is a {@link Flow}, as a TCP connection is in Pekko: what goes in is sent out to the
 * UCN, what comes out was received from it. The data plane closes the top of its BidiFlow stack
 * with it ({@code port.flow().join(adaptation).join(radio)}). Both directions live and die
 * together: when either side completes, fails or is cancelled, the other is terminated too.
 *
 * <p>Elements are whole IPv6 packets as {@code byte[]}, each an array no stage writes to after
 * emitting it. Both directions obey the link's rule: IPv6 (version 6, at least a 40-octet
 * header), at most {@link #mtu()} octets; other packets are dropped and counted in {@link
 * #counters()}.
 *
 * <p>Overload: the port reads from the UCN only when downstream demands (one packet per demand,
 * plus the bounded buffer at the stream's asynchronous boundary). While the gateway is busy,
 * packets wait in the kernel's bounded per-interface queue (a TUN's {@code txqueuelen}, 500 by
 * default), which drops the excess and counts it ({@code ip -s link}, TX dropped), exactly as a
 * router's receive ring does when its CPU falls behind. The port adds no buffer of its own and
 * does not read packets only to drop them: under overload that work is the first to go (receive
 * livelock). Deciding which traffic to shed (e.g. keep IKE, drop bulk data) is for the classifier
 * downstream, which knows the classes; in the other direction, writes to the UCN never wait.
 */
public interface UcnPort extends AutoCloseable {
  /** The interface's name, for logs and configuration. */
  String name();

  /** The link MTU: the largest packet carried either way, at least 1280 (RFC 8200 §5). */
  int mtu();

  /**
   * The port as a stream stage; materialize it once (a second materialization fails at once
   * with {@link IllegalStateException} and does not disturb the first).
   *
   * <p>The materialized value completes when both directions have stopped and the port has
   * released its device, or completes exceptionally with the I/O error that stopped it.
   */
  Flow<byte[], byte[], CompletionStage<Done>> flow();

  /** A snapshot of the packets carried and dropped so far. */
  UcnCounters counters();

  /**
   * Stops the port from outside the stream: packets from the UCN end, which completes the whole
   * flow, and the device is released. Releases it as well if the flow was never materialized.
   * Idempotent.
   */
  @Override
  void close();
}
