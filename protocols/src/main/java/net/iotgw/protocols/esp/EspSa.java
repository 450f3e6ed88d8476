package net.iotgw.protocols.esp;

import net.iotgw.protocols.crypto.PacketCipher;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.EsnMode;

/**
 * One direction of an ESP security association: what {@link EspPacket} needs to seal or open
 * its packets. Immutable and safe to share between threads (the cipher creates its engines per
 * call); the per-direction state lives elsewhere, with one owner each: the sender's {@link
 * SequenceCounter}, the receiver's {@link ReplayWindow}.
 *
 * <p>Two ways to key it, one split of KEYMAT behind both: from the IKE key schedule, {@code new
 * EspSa(spi, keys.protection(), keys.initiatorToResponder(), esn)} with the cipher of one
 * direction of {@code ike.keys.ChildSaKeys}; from one direction's contiguous slice of KEYMAT
 * (manual keying, test vectors), {@link #create}, through {@link PacketProtection#cipher(byte[])}.
 *
 * @param spi the Security Parameters Index (unsigned 32-bit), never 0 (RFC 4303 §2.1; on UDP
 *     port 4500 a zero would read as the non-ESP marker, RFC 3948 §2.2)
 * @param protection the negotiated ENCR and INTEG transforms
 * @param cipher keyed for this direction, by {@link PacketProtection#cipher}
 * @param extendedSequenceNumbers whether ESN was negotiated (RFC 4303 §2.2.1, RFC 7296 §3.3.2)
 */
public record EspSa(
    int spi, PacketProtection protection, PacketCipher cipher, boolean extendedSequenceNumbers) {

  public EspSa {
    if (spi == 0) {
      throw new IllegalArgumentException("SPI 0 is reserved and never sent (RFC 4303 §2.1)");
    }
    if (cipher.ivLength() != protection.ivLength()
        || cipher.icvLength() != protection.icvLength()) {
      throw new IllegalArgumentException("cipher " + cipher + " does not match " + protection);
    }
  }

  /**
   * An SA keyed from this direction's {@link PacketProtection#keyingMaterialLength()} bytes of
   * KEYMAT (see {@link PacketProtection#cipher(byte[])}).
   */
  public static EspSa create(
      int spi, PacketProtection protection, byte[] keyingMaterial, EsnMode esn) {
    return new EspSa(spi, protection, protection.cipher(keyingMaterial), esn == EsnMode.ESN);
  }

  /** Zeroes the keys; the SA cannot seal afterwards and opens nothing. */
  public void destroy() {
    cipher.destroy();
  }

  @Override
  public String toString() {
    return "EspSa[spi=" + String.format("%08x", spi) + ", " + protection
        + (extendedSequenceNumbers ? ", ESN]" : "]");
  }
}
