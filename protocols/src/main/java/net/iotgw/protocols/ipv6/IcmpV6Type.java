package net.iotgw.protocols.ipv6;

import java.util.Optional;

/**
 * ICMPv6 message types used here (RFC 4443 §2.1, and RFC 4861 for Neighbor Discovery, which a
 * 6LoWPAN border router will need). Types below 128 are errors; unknown types stay plain ints in
 * {@link IcmpV6Message}.
 */
public enum IcmpV6Type {
  DESTINATION_UNREACHABLE(1),
  PACKET_TOO_BIG(2),
  TIME_EXCEEDED(3),
  PARAMETER_PROBLEM(4),
  ECHO_REQUEST(128),
  ECHO_REPLY(129),
  ROUTER_SOLICITATION(133),
  ROUTER_ADVERTISEMENT(134),
  NEIGHBOR_SOLICITATION(135),
  NEIGHBOR_ADVERTISEMENT(136),
  REDIRECT(137);

  private final int id;

  IcmpV6Type(int id) {
    this.id = id;
  }

  /** The Type octet on the wire. */
  public int id() {
    return id;
  }

  /** RFC 4443 §2.1: error messages have the high-order bit of the type clear. */
  public static boolean isError(int type) {
    return type < 128;
  }

  public static Optional<IcmpV6Type> of(int id) {
    for (IcmpV6Type t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
