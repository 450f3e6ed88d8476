package net.iotgw.protocols.ike.engine;

import java.net.InetSocketAddress;
import java.util.List;
import net.iotgw.protocols.crypto.PacketCipher;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.keys.ChildSaKeys;

/**
 * One agreed CHILD_SA pair (RFC 7296 §2.17), seen from the constrained device: "inbound" carries
 * traffic to the CD, "outbound" from it. The gateway forwards the ESP packets without opening
 * them; it holds the keys only because it derived them (and for debugging or a later translating
 * mode). {@link #destroy()} zeroes them.
 *
 * @param esp the ESP transforms (no ESN)
 * @param mode tunnel, or transport when USE_TRANSPORT_MODE was agreed (RFC 7296 §1.3.1)
 * @param inboundSpi the SPI of the SA to the CD, chosen on its side
 * @param outboundSpi the SPI of the SA from the CD, chosen by the peer
 * @param cdSelectors traffic selectors on the CD's side (narrowed to its address)
 * @param peerSelectors traffic selectors on the peer's side
 * @param peer the peer's address and port (its NAT-T port when encapsulating)
 * @param udpEncapsulation whether ESP travels in UDP on the NAT-T port (RFC 3948)
 * @param cdRole the CD's role in the exchange that created the SA, which orders KEYMAT
 * @param lifetimeMillis the SA's hard lifetime
 * @param keys the ESP keys, in RFC 7296 §2.17's order (initiator of the exchange first)
 */
public record ChildSa(
    PacketProtection esp,
    Mode mode,
    int inboundSpi,
    int outboundSpi,
    List<TrafficSelector> cdSelectors,
    List<TrafficSelector> peerSelectors,
    InetSocketAddress peer,
    boolean udpEncapsulation,
    Role cdRole,
    long lifetimeMillis,
    ChildSaKeys keys) {

  /** IPsec modes (RFC 4303 §3.1). */
  public enum Mode {
    TUNNEL,
    TRANSPORT
  }

  public ChildSa {
    cdSelectors = List.copyOf(cdSelectors);
    peerSelectors = List.copyOf(peerSelectors);
  }

  /** The cipher of the SA carrying traffic to the CD (a copy of its keys). */
  public PacketCipher inboundCipher() {
    return cdRole == Role.INITIATOR ? keys.responderToInitiator() : keys.initiatorToResponder();
  }

  /** The cipher of the SA carrying traffic from the CD. */
  public PacketCipher outboundCipher() {
    return cdRole == Role.INITIATOR ? keys.initiatorToResponder() : keys.responderToInitiator();
  }

  public void destroy() {
    keys.destroy();
  }

  @Override
  public String toString() {
    return "ChildSa["
        + esp
        + ", "
        + mode
        + ", in "
        + String.format("%08x", inboundSpi)
        + ", out "
        + String.format("%08x", outboundSpi)
        + ", cd "
        + cdSelectors
        + ", peer "
        + peerSelectors
        + " at "
        + peer
        + (udpEncapsulation ? " (UDP)" : "")
        + ", keys redacted]";
  }
}
