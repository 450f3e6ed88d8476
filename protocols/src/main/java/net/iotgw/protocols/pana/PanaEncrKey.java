package net.iotgw.protocols.pana;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;

/**
 * The two encryption keys of a PANA session (RFC 6786 §3): PANA_PAC_ENCR_KEY protects the
 * Encryption-Encap AVPs the PaC sends, PANA_PAA_ENCR_KEY those the PAA sends. Each is
 * prf+(MSK, label | I_PAR | I_PAN | PaC_nonce | PAA_nonce | Key_ID) with the labels "IETF PANA PaC
 * Encr" and "IETF PANA PAA Encr", the PRF negotiated for the session, the same inputs as
 * PANA_AUTH_KEY (RFC 5191 §5.3), sized to the negotiated encryption algorithm. A new MSK (a
 * re-authentication) gives new keys.
 *
 * <p>The Key_ID is kept with the keys because AES128_CTR's nonce carries it (RFC 6786 §4.1).
 * Holds key material: {@link #toString} is redacted and {@link #destroy} zeroes it.
 */
public final class PanaEncrKey implements AutoCloseable {

  /** Who sends the Encryption-Encap AVP, which picks the key (RFC 6786 §3). */
  public enum Sender {
    PAC("IETF PANA PaC Encr"),
    PAA("IETF PANA PAA Encr");

    private final byte[] label;

    Sender(String label) {
      this.label = label.getBytes(StandardCharsets.US_ASCII);
    }

    byte[] label() {
      return label.clone();
    }
  }

  private final PanaEncryptionAlgorithm algorithm;
  private final long keyId;
  private final byte[] pacKey;
  private final byte[] paaKey;
  private boolean destroyed;

  private PanaEncrKey(PanaEncryptionAlgorithm algorithm, long keyId, byte[] pacKey, byte[] paaKey) {
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.pacKey = pacKey;
    this.paaKey = paaKey;
  }

  /** Derives both keys (RFC 6786 §3). */
  public static PanaEncrKey derive(
      PrfAlgorithm prf,
      PanaEncryptionAlgorithm algorithm,
      byte[] msk,
      byte[] initialPar,
      byte[] initialPan,
      byte[] pacNonce,
      byte[] paaNonce,
      long keyId) {
    if ((keyId & ~0xffffffffL) != 0) {
      throw new IllegalArgumentException("Key-Id is an unsigned 32-bit value");
    }
    byte[][] keys = new byte[2][];
    for (Sender s : Sender.values()) {
      byte[] seed = PanaAuthKey.seed(s.label(), initialPar, initialPan, pacNonce, paaNonce, keyId);
      try {
        keys[s.ordinal()] = Prf.of(prf).prfPlus(msk, seed, algorithm.keyLength());
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    }
    return new PanaEncrKey(
        algorithm, keyId, keys[Sender.PAC.ordinal()], keys[Sender.PAA.ordinal()]);
  }

  /** Keys obtained elsewhere (tests, a persisted session); the arrays are copied. */
  public static PanaEncrKey of(
      PanaEncryptionAlgorithm algorithm, long keyId, byte[] pacKey, byte[] paaKey) {
    if (pacKey.length != algorithm.keyLength() || paaKey.length != algorithm.keyLength()) {
      throw new IllegalArgumentException(
          algorithm + " needs " + algorithm.keyLength() + "-octet keys");
    }
    if ((keyId & ~0xffffffffL) != 0) {
      throw new IllegalArgumentException("Key-Id is an unsigned 32-bit value");
    }
    return new PanaEncrKey(algorithm, keyId, pacKey.clone(), paaKey.clone());
  }

  public PanaEncryptionAlgorithm algorithm() {
    return algorithm;
  }

  /** The Key-Id of the MSK these keys come from. */
  public long keyId() {
    return keyId;
  }

  /** A copy of one key. */
  public byte[] bytes(Sender sender) {
    return keyRef(sender).clone();
  }

  byte[] keyRef(Sender sender) {
    if (destroyed) {
      throw new IllegalStateException("PanaEncrKey used after destroy()");
    }
    return sender == Sender.PAC ? pacKey : paaKey;
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  /** Zeroes both keys; any later use throws. */
  public void destroy() {
    Arrays.fill(pacKey, (byte) 0);
    Arrays.fill(paaKey, (byte) 0);
    destroyed = true;
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "PanaEncrKey[" + algorithm + ", Key-Id " + keyId + ", redacted]";
  }
}
