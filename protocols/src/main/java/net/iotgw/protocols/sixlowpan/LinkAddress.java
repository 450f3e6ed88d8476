package net.iotgw.protocols.sixlowpan;

import net.iotgw.protocols.ieee802154.Address;

/**
 * An IEEE 802.15.4 link-layer address as 6LoWPAN uses it: the source or destination of the frame
 * that carries a datagram, from which IPHC derives elided interface identifiers (RFC 6282
 * §3.2.2) and by which fragments are told apart (RFC 4944 §5.3).
 *
 * <p>Values are in canonical (big-endian, as printed) order; the 802.15.4 frame carries them
 * little-endian, which is the frame codec's business.
 */
public sealed interface LinkAddress {

  /** The 64-bit interface identifier IPHC derives from this address (RFC 6282 §3.2.2). */
  byte[] interfaceIdentifier();

  /** An extended (EUI-64) address. */
  record Extended(long eui64) implements LinkAddress {

    /** RFC 4944 §6 / RFC 2464 §4: the EUI-64 with its Universal/Local bit inverted. */
    @Override
    public byte[] interfaceIdentifier() {
      byte[] iid = toBytes();
      iid[0] ^= 0x02;
      return iid;
    }

    /** The EUI-64's 8 bytes in canonical order, as the MAC layer's address spells them. */
    public byte[] toBytes() {
      return mac().eui64();
    }

    @Override
    public String toString() {
      return mac().toString();
    }

    private Address.Extended mac() {
      return new Address.Extended(eui64);
    }
  }

  /**
   * A 16-bit short address within a PAN. The PAN ID tells fragments of different PANs apart; it
   * does not enter the interface identifier: RFC 6282 §3.2.2 fixes that as {@code
   * 0000:00ff:fe00:XXXX}, as Contiki-NG, RIOT and Linux build it (RFC 4944 §6 had put the PAN ID in
   * its first 16 bits, which would make SAM=10 and SAM=11 disagree).
   */
  record Short(int panId, int address) implements LinkAddress {
    public Short {
      if (panId < 0 || panId > 0xffff || address < 0 || address > 0xffff) {
        throw new IllegalArgumentException("PAN ID and short address are 16 bits");
      }
    }

    @Override
    public byte[] interfaceIdentifier() {
      return shortFormIid(address);
    }

    @Override
    public String toString() {
      return String.format("%04x/%04x", panId, address);
    }
  }

  static Extended extended(long eui64) {
    return new Extended(eui64);
  }

  /** An extended address from its 8 bytes in canonical order. */
  static Extended extended(byte[] eui64) {
    return new Extended(Address.Extended.fromEui64(eui64).value());
  }

  static Short shortAddress(int panId, int address) {
    return new Short(panId, address);
  }

  /** RFC 6282 §3.2.2: the interface identifier {@code 0000:00ff:fe00:XXXX} of a 16-bit value. */
  static byte[] shortFormIid(int xxxx) {
    return new byte[] {0, 0, 0, (byte) 0xff, (byte) 0xfe, 0, (byte) (xxxx >>> 8), (byte) xxxx};
  }
}
