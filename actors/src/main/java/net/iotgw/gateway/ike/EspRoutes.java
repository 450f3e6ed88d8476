package net.iotgw.gateway.ike;

import net.iotgw.protocols.ike.engine.ChildSa;

/**
 * The ESP forwarder's table as the control plane sees it (ARCHITECTURE, "Per-packet forwarding
 * never goes through an actor: actors publish the forwarding table"): an IKE SA actor installs a
 * CHILD_SA's route once the CD holds its keys, and removes it when the CHILD_SA dies. Never
 * blocks.
 */
public interface EspRoutes {
  /** From now on ESP for {@code child} passes between the CD at {@code cdAddress} and its peer. */
  void install(byte[] cdAddress, ChildSa child);

  /** ESP with the CD's inbound SPI {@code cdInboundSpi} (and its reverse) no longer passes. */
  void remove(int cdInboundSpi);
}
