package net.iotgw.streams.lowpan;

import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.sixlowpan.LinkAddress;

/**
 * The two spellings of a link address: the MAC header's ({@link Address}, PAN ID beside it) and
 * 6LoWPAN's ({@link LinkAddress}, PAN ID inside a short address, since fragments of different PANs
 * must not meet in reassembly). Both keep an EUI-64 as the same big-endian number.
 */
final class LinkAddresses {
  private LinkAddresses() {}

  /**
   * @throws IllegalArgumentException for {@link Address#NONE}, which 6LoWPAN cannot use: IPHC and
   *     reassembly both need the frame's source and destination
   */
  static LinkAddress toLowpan(Address mac, int panId) {
    if (mac instanceof Address.Extended e) {
      return LinkAddress.extended(e.value());
    }
    if (mac instanceof Address.Short s) {
      return LinkAddress.shortAddress(panId, s.value());
    }
    throw new IllegalArgumentException("6LoWPAN needs a link address, not " + mac);
  }

  static Address toMac(LinkAddress link) {
    if (link instanceof LinkAddress.Extended e) {
      return new Address.Extended(e.eui64());
    }
    return new Address.Short(((LinkAddress.Short) link).address());
  }
}
