package net.iotgw.protocols.esp;

import net.iotgw.protocols.crypto.PacketCipher;
import net.iotgw.protocols.ike.EsnMode;

/**
 * One direction of an ESP security association: what {@link EspPacket} needs to seal or open
 * its packets. Immutable and safe to share between threads (the cipher creates its engines per
 * call); the per-direction state lives elsewhere, with one owner each: the sender's {@link
 * SequenceCounter}, the receiver's {@link ReplayWindow}.
 *
 * @param spi the Security Parameters Index (unsigned 32-bit), never 0 (RFC 4303 §2.1; on UDP
 *     port 4500 a zero would read as the non-ESP marker, RFC 3948 §2.2)
 * @param transform the negotiated suite
 * @param cipher keyed for this direction, by {@link EspTransform#newCipher}
 * @param extendedSequenceNumbers whether ESN was negotiated (RFC 4303 §2.2.1, RFC 7296 §3.3.2)
 */
public record EspSa(
    int spi, EspTransform transform, PacketCipher cipher, boolean extendedSequenceNumbers) {

  public EspSa {
    if (spi == 0) {
      throw new IllegalArgumentException("SPI 0 is reserved and never sent (RFC 4303 §2.1)");
    }
    if (cipher.ivLength() != transform.ivLength() || cipher.icvLength() != transform.icvLength()) {
      throw new IllegalArgumentException("cipher " + cipher + " does not match " + transform);
    }
  }

  /** An SA keyed from this direction's share of KEYMAT (see {@link EspTransform#newCipher}). */
  public static EspSa create(int spi, EspTransform transform, byte[] keyingMaterial, EsnMode esn) {
    return new EspSa(spi, transform, transform.newCipher(keyingMaterial), esn == EsnMode.ESN);
  }

  /** Zeroes the keys; the SA cannot seal afterwards and opens nothing. */
  public void destroy() {
    cipher.destroy();
  }

  @Override
  public String toString() {
    return "EspSa[spi=" + String.format("%08x", spi) + ", " + transform
        + (extendedSequenceNumbers ? ", ESN]" : "]");
  }
}
