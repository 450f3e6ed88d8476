package net.iotgw.streams.dataplane;

import net.iotgw.streams.lowpan.PanaPackets;

/**
 * Where an IPv6 packet goes in the data plane (ARCHITECTURE, "The streams": classify), as far as
 * the {@link ControlPort} is concerned: it tells the control plane's packets, PANA, from the data
 * traffic. IKE and ESP are told apart above it, by {@link net.iotgw.streams.esp.EspForwarder} in
 * the {@link IpsecJunction}. Decided from the packet's octets alone, without decoding: total on
 * any input.
 *
 * <p>PANA is recognised as the enforcement point recognises it ({@link PanaPackets}): so what a
 * CD may send in clear, before admission, reaches the control plane only, never the UCN; and a
 * packet from the UCN that the adaptation would send in clear as PANA is dropped, so that only
 * the control plane speaks PANA to the CDs.
 */
public final class PacketClassifier {
  private PacketClassifier() {}

  /** The destinations of a packet. */
  public enum Route {
    /** The gateway's own control plane: PANA from a CD. */
    CONTROL_PLANE,
    /** The unconstrained network, through the UCN port. */
    UCN,
    /** The CDs, through the 6LoWPAN adaptation and the radio. */
    RADIO,
    /** Nowhere: counted and dropped. */
    DROP
  }

  /** A packet the adaptation handed up from the radio: {@code CONTROL_PLANE} or {@code UCN}. */
  public static Route fromRadio(byte[] packet) {
    return PanaPackets.carriesPana(packet) ? Route.CONTROL_PLANE : Route.UCN;
  }

  /** A packet read from the UCN port: {@code RADIO}, or {@code DROP} for PANA. */
  public static Route fromUcn(byte[] packet) {
    return PanaPackets.carriesPana(packet) ? Route.DROP : Route.RADIO;
  }
}
