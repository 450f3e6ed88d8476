package net.iotgw.protocols.ike.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.TrafficSelector;

/**
 * Traffic selector narrowing (RFC 7296 §2.9) for host-to-host CHILD_SAs: each side of the SA is
 * one address, the CD's and the peer's, with whatever protocol and ports the proposing side asked
 * for on that selector. The gateway never widens a CD's SA beyond the CD.
 */
final class TrafficSelectors {
  private TrafficSelectors() {}

  /** One address, any protocol, any port. */
  static TrafficSelector host(byte[] address) {
    return TrafficSelector.AddressRange.of(address, address);
  }

  /**
   * The first proposed selector whose address range contains {@code address}, narrowed to that
   * address; empty if none does (then TS_UNACCEPTABLE). Selectors of other types, empty port
   * ranges (including OPAQUE) and the other address family are passed over.
   */
  static Optional<TrafficSelector> narrowTo(List<TrafficSelector> proposed, byte[] address) {
    for (TrafficSelector ts : proposed) {
      if (ts instanceof TrafficSelector.AddressRange r
          && r.startPort() <= r.endPort()
          && contains(r, address)) {
        return Optional.of(
            new TrafficSelector.AddressRange(
                r.ipProtocol(), r.startPort(), r.endPort(), address, address));
      }
    }
    return Optional.empty();
  }

  /** Whether every selector of a responder's answer lies within one we proposed (§2.9). */
  static boolean within(List<TrafficSelector> answer, List<TrafficSelector> proposed) {
    if (answer.isEmpty()) {
      return false;
    }
    for (TrafficSelector a : answer) {
      boolean inside =
          a instanceof TrafficSelector.AddressRange ar
              && proposed.stream()
                  .anyMatch(p -> p instanceof TrafficSelector.AddressRange pr && inside(ar, pr));
      if (!inside) {
        return false;
      }
    }
    return true;
  }

  private static boolean inside(TrafficSelector.AddressRange a, TrafficSelector.AddressRange p) {
    return (p.ipProtocol() == 0 || p.ipProtocol() == a.ipProtocol())
        && a.startPort() <= a.endPort()
        && p.startPort() <= a.startPort()
        && a.endPort() <= p.endPort()
        && contains(p, a.startAddress())
        && contains(p, a.endAddress());
  }

  private static boolean contains(TrafficSelector.AddressRange r, byte[] address) {
    byte[] start = r.startAddress();
    return start.length == address.length
        && Arrays.compareUnsigned(start, address) <= 0
        && Arrays.compareUnsigned(address, r.endAddress()) <= 0;
  }
}
