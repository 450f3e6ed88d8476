package net.iotgw.protocols.ike.crypto;

import java.util.Optional;
import net.iotgw.protocols.crypto.AesCbcHmac;
import net.iotgw.protocols.crypto.AesCcm;
import net.iotgw.protocols.crypto.AesGcm;
import net.iotgw.protocols.crypto.ChaCha20Poly1305Cipher;
import net.iotgw.protocols.crypto.PacketCipher;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;

/**
 * A negotiated encryption transform (with its Key Length attribute) and integrity transform: what
 * protects IKE SK payloads and ESP packets alike, and how many key bytes each direction takes.
 *
 * <p>Supported: ENCR_AES_CBC (128/192/256) with AUTH_HMAC_SHA2_256_128/384_192/512_256; the
 * combined modes ENCR_AES_GCM_8/12/16 and ENCR_AES_CCM_8/12/16 (128/192/256) and
 * ENCR_CHACHA20_POLY1305 with integrity NONE (RFC 5282 §8, RFC 7634 §4: an AEAD proposal carries
 * no integrity transform).
 *
 * @param keyBits the Key Length attribute in bits; ChaCha20-Poly1305 has none (RFC 7634 §4), pass
 *     256 or 0 for it
 */
public record PacketProtection(
    EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {

  public PacketProtection {
    if (encryption == EncryptionAlgorithm.ENCR_CHACHA20_POLY1305 && keyBits == 0) {
      keyBits = 256;
    }
    String problem = problem(encryption, keyBits, integrity);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** The combination if this implementation supports it; for filtering a peer's proposals. */
  public static Optional<PacketProtection> of(
      EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {
    int bits =
        encryption == EncryptionAlgorithm.ENCR_CHACHA20_POLY1305 && keyBits == 0 ? 256 : keyBits;
    return problem(encryption, bits, integrity) == null
        ? Optional.of(new PacketProtection(encryption, bits, integrity))
        : Optional.empty();
  }

  /** A combined-mode (AEAD) cipher: no separate integrity key. */
  public boolean isAead() {
    return encryption != EncryptionAlgorithm.ENCR_AES_CBC;
  }

  /**
   * Bytes of keying material the encryption transform takes per direction: the key plus the salt
   * of the salted AEADs (RFC 5282 §7.1: 4 bytes for GCM, 3 for CCM; RFC 7634 §3: 32 + 4 for
   * ChaCha20-Poly1305).
   */
  public int encryptionKeyLength() {
    return keyBits / 8 + saltLength(encryption);
  }

  /** Integrity key bytes per direction: the HMAC's output length (RFC 4868 §2.1.1), 0 for AEAD. */
  public int integrityKeyLength() {
    return integrity == IntegrityAlgorithm.NONE ? 0 : macIntegrity(integrity).keyLength;
  }

  /** Length of the ICV appended to each protected packet. */
  public int icvLength() {
    return switch (encryption) {
      case ENCR_AES_GCM_8, ENCR_AES_CCM_8 -> 8;
      case ENCR_AES_GCM_12, ENCR_AES_CCM_12 -> 12;
      case ENCR_AES_GCM_16, ENCR_AES_CCM_16, ENCR_CHACHA20_POLY1305 -> 16;
      default -> macIntegrity(integrity).icvLength;
    };
  }

  /**
   * The cipher for one direction.
   *
   * @param encryptionKey {@link #encryptionKeyLength()} bytes (key, then salt for AEADs)
   * @param integrityKey {@link #integrityKeyLength()} bytes; empty for AEADs
   * @throws IllegalArgumentException if a key has the wrong length
   */
  public PacketCipher cipher(byte[] encryptionKey, byte[] integrityKey) {
    if (encryptionKey.length != encryptionKeyLength()
        || integrityKey.length != integrityKeyLength()) {
      throw new IllegalArgumentException(
          this + " needs keys of " + encryptionKeyLength() + " and " + integrityKeyLength() + " bytes");
    }
    return switch (encryption) {
      case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16 -> new AesGcm(encryptionKey, icvLength());
      case ENCR_AES_CCM_8, ENCR_AES_CCM_12, ENCR_AES_CCM_16 -> new AesCcm(encryptionKey, icvLength());
      case ENCR_CHACHA20_POLY1305 -> new ChaCha20Poly1305Cipher(encryptionKey);
      case ENCR_AES_CBC -> new AesCbcHmac(encryptionKey, integrityKey, macIntegrity(integrity));
      case ENCR_NULL -> throw new IllegalStateException("unreachable: ENCR_NULL is refused");
    };
  }

  private static int saltLength(EncryptionAlgorithm encryption) {
    return switch (encryption) {
      case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16, ENCR_CHACHA20_POLY1305 -> 4;
      case ENCR_AES_CCM_8, ENCR_AES_CCM_12, ENCR_AES_CCM_16 -> 3;
      case ENCR_AES_CBC, ENCR_NULL -> 0;
    };
  }

  private static AesCbcHmac.Integrity macIntegrity(IntegrityAlgorithm integrity) {
    return switch (integrity) {
      case AUTH_HMAC_SHA2_256_128 -> AesCbcHmac.Integrity.HMAC_SHA2_256_128;
      case AUTH_HMAC_SHA2_384_192 -> AesCbcHmac.Integrity.HMAC_SHA2_384_192;
      case AUTH_HMAC_SHA2_512_256 -> AesCbcHmac.Integrity.HMAC_SHA2_512_256;
      case NONE, AUTH_HMAC_SHA1_96 ->
          throw new IllegalStateException("unreachable: " + integrity + " has no HMAC-SHA2 cipher");
    };
  }

  /** Why a combination is unsupported, or null. */
  private static String problem(
      EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {
    if (encryption == null || integrity == null) {
      return "encryption and integrity transforms are required (integrity may be NONE)";
    }
    switch (encryption) {
      case ENCR_NULL:
        return "ENCR_NULL is not supported";
      case ENCR_CHACHA20_POLY1305:
        if (keyBits != 256) {
          return "ChaCha20-Poly1305 has a 256-bit key, not " + keyBits;
        }
        break;
      default:
        if (keyBits != 128 && keyBits != 192 && keyBits != 256) {
          return encryption + " key length must be 128, 192 or 256 bits, not " + keyBits;
        }
    }
    boolean aead = encryption != EncryptionAlgorithm.ENCR_AES_CBC;
    if (aead && integrity != IntegrityAlgorithm.NONE) {
      return encryption + " is a combined mode and takes no integrity transform, not " + integrity;
    }
    if (!aead
        && (integrity == IntegrityAlgorithm.NONE || integrity == IntegrityAlgorithm.AUTH_HMAC_SHA1_96)) {
      return "ENCR_AES_CBC needs an HMAC-SHA2 integrity transform, not " + integrity;
    }
    return null;
  }
}
