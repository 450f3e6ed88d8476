package net.iotgw.radio.rcp;

import net.iotgw.radio.serial.LinkEvent;

/**
 * What the driver reports besides received frames, to a {@code Consumer<RcpEvent>} given when the
 * flow is built (an actor's {@code tell}, a metrics counter). The consumer is called on the
 * stream's thread: it must be thread-safe and must not block.
 */
public sealed interface RcpEvent {

  /** The RCP finished bring-up: frames flow from now on. Sent after every (re)initialization. */
  record Ready(RcpInfo info) implements RcpEvent {}

  /**
   * The RCP reset on its own while it was serving (a crash, a watchdog, a power glitch); the driver
   * runs bring-up again. {@code reason} is the Spinel reset status.
   */
  record UnexpectedReset(int reason) implements RcpEvent {}

  /**
   * A transmit completed: {@code status} is the Spinel status of its LAST_STATUS (0 OK, 17 NO_ACK,
   * 18 CCA_FAILURE, ...).
   */
  record Transmitted(int tid, int psduLength, int status) implements RcpEvent {}

  /** A transmit without completion: it timed out, or the RCP reset while it was in flight. */
  record TransmitLost(int tid, int psduLength, String why) implements RcpEvent {}

  /** A received frame was dropped because downstream was too slow; {@code total} so far. */
  record ReceiveDropped(long total) implements RcpEvent {}

  /** The link under the driver went up or down (only from a {@link RadioLink}). */
  record Link(LinkEvent event) implements RcpEvent {}
}
