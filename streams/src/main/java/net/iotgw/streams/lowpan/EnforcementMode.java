package net.iotgw.streams.lowpan;

/**
 * Whether the adaptation is the network-entry enforcement point (ARCHITECTURE, "Network entry";
 * /work/notes/contract-netentry.md) or lets everything through.
 */
public enum EnforcementMode {
  /**
   * The default. PANA (UDP port 716) travels in clear both ways; every other datagram travels
   * in frames secured with the CD's installed key, and is dropped when it cannot; sources must
   * carry the IID of their link address.
   */
  ENFORCE,

  /**
   * No link security at all, the behaviour before network entry existed: every frame in clear,
   * every datagram accepted, secured frames dropped. Only for tests and simulators whose CDs do
   * not secure, and for {@code gateway run} with {@code iotgw.network-entry.enforce = off}; the
   * adaptation logs a warning when it is built in this mode.
   */
  OPEN
}
