package net.iotgw.protocols.esp;

import java.security.SecureRandom;

/**
 * Where the explicit per-packet IV comes from (RFC 4303 §2.3). The AEAD ciphers need an IV that
 * never repeats under one key (RFC 4106 §3.1, RFC 4309 §3.1, RFC 7634 §2), for which the 64-bit
 * sequence number is the natural counter; AES-CBC needs an unpredictable one (RFC 3602 §2.1).
 * Randomness is a parameter, never created here.
 */
@FunctionalInterface
public interface IvSource {

  /** Fills {@code iv} (the cipher's IV length) for the packet with {@code sequenceNumber}. */
  void fill(long sequenceNumber, byte[] iv);

  /**
   * The big-endian 64-bit sequence number as the IV: unique per packet because the sender never
   * reuses a sequence number on an SA (§3.3.3), and each SA direction has its own key. AEAD
   * ciphers only ({@link EspPacket#seal} refuses it for CBC, whose IV must be unpredictable).
   */
  static IvSource sequenceNumber() {
    return SequenceNumberIv.INSTANCE;
  }

  /** Fresh random bytes for each packet; suitable for every cipher. */
  static IvSource random(SecureRandom random) {
    return (sequenceNumber, iv) -> random.nextBytes(iv);
  }

  /** The counter IV; a named type so that {@link EspPacket#seal} can refuse it for CBC. */
  enum SequenceNumberIv implements IvSource {
    INSTANCE;

    @Override
    public void fill(long sequenceNumber, byte[] iv) {
      if (iv.length != 8) {
        throw new IllegalArgumentException("a sequence-number IV is 8 bytes");
      }
      for (int i = 0; i < 8; i++) {
        iv[i] = (byte) (sequenceNumber >>> (56 - 8 * i));
      }
    }
  }
}
