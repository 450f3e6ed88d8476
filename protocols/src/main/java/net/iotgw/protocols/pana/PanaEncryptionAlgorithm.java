package net.iotgw.protocols.pana;

import java.util.Optional;

/**
 * Encryption-Algorithm AVP values (RFC 6786 §4, §8.2; IANA "Encryption-Algorithm (AVP Code 13)
 * AVP Values"). Other numbers are unassigned and kept as raw values by the codec.
 */
public enum PanaEncryptionAlgorithm {
  /** AES-128 in counter mode, RFC 6786 §4.1; mandatory to implement. */
  AES128_CTR(1, 16);

  private final long id;
  private final int keyLength;

  PanaEncryptionAlgorithm(long id, int keyLength) {
    this.id = id;
    this.keyLength = keyLength;
  }

  /** The number on the wire. */
  public long id() {
    return id;
  }

  /** Octets of PANA_PAC_ENCR_KEY and PANA_PAA_ENCR_KEY (RFC 6786 §3: set by the algorithm). */
  public int keyLength() {
    return keyLength;
  }

  public static Optional<PanaEncryptionAlgorithm> of(long id) {
    for (PanaEncryptionAlgorithm a : values()) {
      if (a.id == id) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
