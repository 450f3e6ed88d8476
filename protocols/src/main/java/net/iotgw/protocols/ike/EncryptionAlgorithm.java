package net.iotgw.protocols.ike;

import java.util.Optional;

/** Transform type 1 IDs we implement (IANA "Transform Type 1 - Encryption Algorithm Transform IDs"). */
public enum EncryptionAlgorithm {
  ENCR_NULL(11),
  ENCR_AES_CBC(12),
  ENCR_AES_CCM_8(14),
  ENCR_AES_CCM_12(15),
  ENCR_AES_CCM_16(16),
  ENCR_AES_GCM_8(18),
  ENCR_AES_GCM_12(19),
  ENCR_AES_GCM_16(20),
  ENCR_CHACHA20_POLY1305(28);

  private final int id;

  EncryptionAlgorithm(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for numbers we do not implement (kept as raw ints). */
  public static Optional<EncryptionAlgorithm> of(int id) {
    for (EncryptionAlgorithm v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
