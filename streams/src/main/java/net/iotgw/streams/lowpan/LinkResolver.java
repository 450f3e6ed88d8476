package net.iotgw.streams.lowpan;

import java.util.Objects;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;

/**
 * Which 802.15.4 address a packet for an IPv6 destination is sent to: the one decision the outbound
 * side needs a neighbour for. Replaceable (a neighbour table, RFC 6775 registrations, a mesh next
 * hop), so it is a function.
 *
 * <p>{@link #fromInterfaceIdentifiers} needs no table: on a 6LoWPAN link a node's addresses end in
 * the interface identifier made from its link address (RFC 4944 §6, RFC 6282 §3.2.2), so that
 * address can be read back from the IPv6 address.
 */
@FunctionalInterface
public interface LinkResolver {
  /** RFC 4944 §6 / RFC 2464 §4: the Universal/Local bit, inverted between EUI-64 and IID. */
  long UNIVERSAL_LOCAL_BIT = 0x0200_0000_0000_0000L;

  /** RFC 6282 §3.2.2: {@code 0000:00ff:fe00:XXXX} is the IID of short address XXXX. */
  long SHORT_FORM_IID = 0x0000_00ff_fe00_0000L;

  /** The link address of the next hop towards {@code destination}; empty if there is none. */
  Optional<Address> resolve(Ipv6Address destination);

  /** This resolver, or {@code next} where this one has no answer. */
  default LinkResolver orElse(LinkResolver next) {
    Objects.requireNonNull(next, "next");
    return destination -> {
      Optional<Address> a = resolve(destination);
      return a.isPresent() ? a : next.resolve(destination);
    };
  }

  /**
   * Link addresses read from interface identifiers: multicast goes to the broadcast short address
   * 0xffff; an address in {@code prefix} or in fe80::/64 goes to the link address its IID was made
   * from (a short address for the {@code 0000:00ff:fe00:XXXX} form, else the EUI-64 with the U/L
   * bit flipped back); anything else has no link address here.
   */
  static LinkResolver fromInterfaceIdentifiers(Ipv6Prefix prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return destination -> {
      if (destination.isMulticast()) {
        return Optional.of(Address.Short.BROADCAST);
      }
      if (prefix.contains(destination) || isLinkLocal64(destination)) {
        return Optional.of(linkAddressOf(destination.interfaceIdentifier()));
      }
      return Optional.empty();
    };
  }

  /** Everything to one link address: how a single-hop node reaches its border router. */
  static LinkResolver always(Address router) {
    Objects.requireNonNull(router, "router");
    Optional<Address> answer = Optional.of(router);
    return destination -> answer;
  }

  /** The link address an interface identifier was derived from (RFC 4944 §6, RFC 6282 §3.2.2). */
  static Address linkAddressOf(long interfaceIdentifier) {
    if ((interfaceIdentifier & ~0xffffL) == SHORT_FORM_IID) {
      return new Address.Short((int) (interfaceIdentifier & 0xffff));
    }
    return new Address.Extended(interfaceIdentifier ^ UNIVERSAL_LOCAL_BIT);
  }

  /** The interface identifier of an EUI-64 (RFC 4944 §6): its U/L bit inverted. */
  static long interfaceIdentifierOf(long eui64) {
    return eui64 ^ UNIVERSAL_LOCAL_BIT;
  }

  private static boolean isLinkLocal64(Ipv6Address a) {
    // fe80::/64: RFC 4291 §2.5.6 fixes the 54 bits after fe80::/10 at zero.
    return a.high() == 0xfe80_0000_0000_0000L;
  }
}
