package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/**
 * Hash algorithms listed in a SIGNATURE_HASH_ALGORITHMS notify (RFC 7427 §4, RFC 8420, IANA "IKEv2
 * Hash Algorithms").
 */
public enum HashAlgorithm {
  SHA1(1),
  SHA2_256(2),
  SHA2_384(3),
  SHA2_512(4),
  /** RFC 8420: the signature is over the data itself (Ed25519, Ed448). */
  IDENTITY(5);

  private final int id;

  HashAlgorithm(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<HashAlgorithm> of(int id) {
    for (HashAlgorithm v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
