package net.iotgw.protocols.pana;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.wire.WireWriter;

/**
 * PANA_AUTH_KEY (RFC 5191 §5.3): prf+(MSK, "IETF PANA" | I_PAR | I_PAN | PaC_nonce | PAA_nonce |
 * Key_ID), with IKEv2's prf+ (RFC 7296 §2.13) over the negotiated PRF-Algorithm, sized to the key
 * of the negotiated Integrity-Algorithm. I_PAR and I_PAN are the initial PAR and PAN (S flag) as
 * sent, the nonces are the Nonce AVP values, Key_ID the Key-Id AVP value (4 octets).
 *
 * <p>Holds key material: {@link #toString} is redacted and {@link #close} zeroes it.
 */
public final class PanaAuthKey implements AutoCloseable {
  private static final byte[] LABEL = "IETF PANA".getBytes(StandardCharsets.US_ASCII);

  private final IntegrityAlgorithm integrity;
  private final byte[] key;

  private PanaAuthKey(IntegrityAlgorithm integrity, byte[] key) {
    this.integrity = integrity;
    this.key = key;
  }

  /**
   * Derives the key.
   *
   * @throws IllegalArgumentException if {@code integrity} is NONE
   */
  public static PanaAuthKey derive(
      PrfAlgorithm prf,
      IntegrityAlgorithm integrity,
      byte[] msk,
      byte[] initialPar,
      byte[] initialPan,
      byte[] pacNonce,
      byte[] paaNonce,
      long keyId) {
    int length = PanaAuth.keyLength(integrity);
    byte[] seed = seed(initialPar, initialPan, pacNonce, paaNonce, keyId);
    try {
      return new PanaAuthKey(integrity, Prf.of(prf).prfPlus(msk, seed, length));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** A key obtained elsewhere (tests, a persisted session); the array is copied. */
  public static PanaAuthKey of(IntegrityAlgorithm integrity, byte[] key) {
    if (key.length != PanaAuth.keyLength(integrity)) {
      throw new IllegalArgumentException(
          integrity + " needs a " + PanaAuth.keyLength(integrity) + "-octet key, not " + key.length);
    }
    return new PanaAuthKey(integrity, key.clone());
  }

  /** "IETF PANA" | I_PAR | I_PAN | PaC_nonce | PAA_nonce | Key_ID. */
  static byte[] seed(byte[] iPar, byte[] iPan, byte[] pacNonce, byte[] paaNonce, long keyId) {
    return seed(LABEL, iPar, iPan, pacNonce, paaNonce, keyId);
  }

  /**
   * label | I_PAR | I_PAN | PaC_nonce | PAA_nonce | Key_ID: the seed shape RFC 5191 §5.3 and RFC
   * 6786 §3 share, each with its own label.
   */
  static byte[] seed(
      byte[] label, byte[] iPar, byte[] iPan, byte[] pacNonce, byte[] paaNonce, long keyId) {
    return new WireWriter(
            label.length + iPar.length + iPan.length + pacNonce.length + paaNonce.length + 4)
        .bytes(label)
        .bytes(iPar)
        .bytes(iPan)
        .bytes(pacNonce)
        .bytes(paaNonce)
        .u32(keyId)
        .toByteArray();
  }

  public IntegrityAlgorithm integrity() {
    return integrity;
  }

  /** A copy of the key bytes. */
  public byte[] bytes() {
    return key.clone();
  }

  byte[] keyRef() {
    return key;
  }

  /** Zeroes the key. */
  @Override
  public void close() {
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public String toString() {
    return "PanaAuthKey[" + integrity + ", redacted]";
  }
}
