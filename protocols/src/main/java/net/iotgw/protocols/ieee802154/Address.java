package net.iotgw.protocols.ieee802154;

import java.util.HexFormat;

/**
 * A MAC address field: absent, a 16-bit short address or a 64-bit extended address (IEEE
 * 802.15.4-2015 §7.2.4, §7.2.6).
 *
 * <p>Byte order: every MAC field is sent least significant octet first, so an extended address
 * whose EUI-64 is written {@code ac:de:48:00:00:00:00:01} (the usual, most-significant-first
 * notation, as in the CCM* nonce of §9.3 and in RFC 4944 §6) appears on the air as {@code 01 00 00
 * 00 00 48 de ac}. {@link Extended#value()} is the EUI-64 read as a big-endian number ({@code
 * 0xacde480000000001L}); the codec reverses it.
 */
public sealed interface Address {

  /** No address in the header (addressing mode 0). */
  None NONE = new None();

  AddressMode mode();

  /** Addressing mode 0: the field is absent. */
  record None() implements Address {
    @Override
    public AddressMode mode() {
      return AddressMode.NONE;
    }

    @Override
    public String toString() {
      return "none";
    }
  }

  /**
   * A 16-bit short address (addressing mode 2).
   *
   * @param value 0..0xffff; 0xffff is the broadcast address
   */
  record Short(int value) implements Address {
    public static final int BROADCAST_VALUE = 0xffff;
    public static final Short BROADCAST = new Short(BROADCAST_VALUE);

    public Short {
      if (value < 0 || value > 0xffff) {
        throw new IllegalArgumentException("short address must be 0..0xffff, got " + value);
      }
    }

    public boolean isBroadcast() {
      return value == BROADCAST_VALUE;
    }

    @Override
    public AddressMode mode() {
      return AddressMode.SHORT;
    }

    @Override
    public String toString() {
      return String.format("0x%04x", value);
    }
  }

  /**
   * A 64-bit extended address (addressing mode 3).
   *
   * @param value the EUI-64 as a big-endian number: {@code ac:de:48:00:00:00:00:01} is {@code
   *     0xacde480000000001L}
   */
  record Extended(long value) implements Address {

    /** From an EUI-64 in its usual order ({@code eui64[0]} holds the OUI's first octet). */
    public static Extended fromEui64(byte[] eui64) {
      if (eui64.length != 8) {
        throw new IllegalArgumentException("EUI-64 must be 8 bytes, got " + eui64.length);
      }
      long v = 0;
      for (byte b : eui64) {
        v = (v << 8) | (b & 0xff);
      }
      return new Extended(v);
    }

    /** The EUI-64 in its usual order, as RFC 4944 §6 builds an interface identifier from it. */
    public byte[] eui64() {
      byte[] out = new byte[8];
      for (int i = 0; i < 8; i++) {
        out[i] = (byte) (value >>> (56 - 8 * i));
      }
      return out;
    }

    @Override
    public AddressMode mode() {
      return AddressMode.EXTENDED;
    }

    @Override
    public String toString() {
      return HexFormat.ofDelimiter(":").formatHex(eui64());
    }
  }
}
