package net.iotgw.protocols.crypto;

import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CBC;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CCM_8;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_GCM_16;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_CHACHA20_POLY1305;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.NONE;

import java.util.Arrays;
import java.util.Optional;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;

/**
 * A negotiated encryption transform with its Key Length attribute, and integrity transform (RFC
 * 7296 §3.3.2): what protects IKE SK payloads (§3.14) and ESP packets (RFC 4303) alike, how many
 * key bytes each direction takes, and the factory for the {@link PacketCipher} of one direction.
 *
 * <p>Supported: AES-GCM (RFC 4106, RFC 5282) and AES-CCM (RFC 4309, RFC 5282) with 8, 12 or
 * 16-byte ICVs and ChaCha20-Poly1305 (RFC 7634), all with integrity {@code NONE} (an AEAD proposal
 * carries no integrity transform, RFC 5282 §8); AES-CBC (RFC 3602) with HMAC-SHA2-256/384/512 (RFC
 * 4868). AES keys are 128, 192 or 256 bits; ChaCha20 is 256 bits and its proposals carry no Key
 * Length attribute (RFC 7634 §4), so 0 is taken as 256.
 *
 * <p>One direction's keying material is the encryption key, ending with the salt of the salted
 * AEADs, followed by the integrity key: the order in which RFC 7296 §2.17 takes them from KEYMAT.
 * {@link #cipher(byte[])} takes such a contiguous slice; {@link #cipher(byte[], byte[])} takes the
 * two keys apart, as IKE's SK_e and SK_a (§2.14), which are not adjacent in the IKE key material.
 *
 * @param encryption the ENCR transform
 * @param keyBits the Key Length attribute in bits (256 for ChaCha20-Poly1305)
 * @param integrity the INTEG transform, {@link IntegrityAlgorithm#NONE} for the AEADs
 */
public record PacketProtection(
    EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {

  public static final PacketProtection AES_GCM_16_128 =
      new PacketProtection(ENCR_AES_GCM_16, 128, NONE);
  public static final PacketProtection AES_GCM_16_256 =
      new PacketProtection(ENCR_AES_GCM_16, 256, NONE);
  /** The constrained device's natural choice: its radio already has AES-CCM in hardware. */
  public static final PacketProtection AES_CCM_8_128 =
      new PacketProtection(ENCR_AES_CCM_8, 128, NONE);
  public static final PacketProtection CHACHA20_POLY1305 =
      new PacketProtection(ENCR_CHACHA20_POLY1305, 256, NONE);
  public static final PacketProtection AES_CBC_128_HMAC_SHA2_256 =
      new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128);
  public static final PacketProtection AES_CBC_256_HMAC_SHA2_384 =
      new PacketProtection(ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_384_192);
  public static final PacketProtection AES_CBC_256_HMAC_SHA2_512 =
      new PacketProtection(ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_512_256);

  /** @throws IllegalArgumentException for a combination that {@link #of} would refuse */
  public PacketProtection {
    keyBits = withDefaultKeyBits(encryption, keyBits);
    String problem = problem(encryption, keyBits, integrity);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** The combination if this implementation supports it, else empty; for filtering proposals. */
  public static Optional<PacketProtection> of(
      EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {
    return problem(encryption, withDefaultKeyBits(encryption, keyBits), integrity) == null
        ? Optional.of(new PacketProtection(encryption, keyBits, integrity))
        : Optional.empty();
  }

  /** True for the combined-mode ciphers: one key, the ICV comes from the cipher itself. */
  public boolean isAead() {
    return encryption != ENCR_AES_CBC;
  }

  /**
   * Bytes of salt that end the encryption key: 4 for GCM (RFC 4106 §8.1, RFC 5282 §7.1) and
   * ChaCha20-Poly1305 (RFC 7634 §4), 3 for CCM (RFC 4309 §7.1), none for CBC.
   */
  public int saltLength() {
    return switch (encryption) {
      case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16, ENCR_CHACHA20_POLY1305 -> 4;
      case ENCR_AES_CCM_8, ENCR_AES_CCM_12, ENCR_AES_CCM_16 -> 3;
      case ENCR_AES_CBC, ENCR_NULL -> 0;
    };
  }

  /** Bytes of the encryption key per direction, salt included. */
  public int encryptionKeyLength() {
    return keyBits / 8 + saltLength();
  }

  /** Bytes of the integrity key per direction: the HMAC's hash length (RFC 4868 §2.1.1), 0 for AEADs. */
  public int integrityKeyLength() {
    return isAead() ? 0 : hmac(integrity).keyLength;
  }

  /** Bytes of keying material one direction takes: encryption key, then integrity key. */
  public int keyingMaterialLength() {
    return encryptionKeyLength() + integrityKeyLength();
  }

  /** The explicit IV: 8 bytes for the AEADs (RFC 4106 §3.1, RFC 7634 §2), 16 for CBC (RFC 3602 §3). */
  public int ivLength() {
    return isAead() ? 8 : 16;
  }

  /** Length of the ICV appended to each protected packet. */
  public int icvLength() {
    return switch (encryption) {
      case ENCR_AES_GCM_8, ENCR_AES_CCM_8 -> 8;
      case ENCR_AES_GCM_12, ENCR_AES_CCM_12 -> 12;
      case ENCR_AES_GCM_16, ENCR_AES_CCM_16, ENCR_CHACHA20_POLY1305 -> 16;
      case ENCR_AES_CBC, ENCR_NULL -> hmac(integrity).icvLength;
    };
  }

  /** A copy of the encryption key (salt included) at the start of one direction's keying material. */
  public byte[] encryptionKey(byte[] keyingMaterial) {
    requireKeyingMaterial(keyingMaterial);
    return Arrays.copyOf(keyingMaterial, encryptionKeyLength());
  }

  /** A copy of the integrity key that follows the encryption key; empty for AEADs. */
  public byte[] integrityKey(byte[] keyingMaterial) {
    requireKeyingMaterial(keyingMaterial);
    return Arrays.copyOfRange(keyingMaterial, encryptionKeyLength(), keyingMaterial.length);
  }

  /**
   * The cipher for one direction, from that direction's {@link #keyingMaterialLength()} bytes
   * (e.g. its half of a CHILD_SA's KEYMAT). The cipher keeps its own copies; the caller should
   * zero {@code keyingMaterial} when done.
   *
   * @throws IllegalArgumentException if the length is not {@link #keyingMaterialLength()}
   */
  public PacketCipher cipher(byte[] keyingMaterial) {
    byte[] encryptionKey = encryptionKey(keyingMaterial);
    byte[] integrityKey = integrityKey(keyingMaterial);
    try {
      return cipher(encryptionKey, integrityKey);
    } finally {
      Arrays.fill(encryptionKey, (byte) 0);
      Arrays.fill(integrityKey, (byte) 0);
    }
  }

  /**
   * The cipher for one direction from its two keys, e.g. SK_ei and SK_ai. The cipher keeps its own
   * copies.
   *
   * @param encryptionKey {@link #encryptionKeyLength()} bytes (key, then salt for AEADs)
   * @param integrityKey {@link #integrityKeyLength()} bytes; empty for AEADs
   * @throws IllegalArgumentException if a key has the wrong length
   */
  public PacketCipher cipher(byte[] encryptionKey, byte[] integrityKey) {
    if (encryptionKey.length != encryptionKeyLength()
        || integrityKey.length != integrityKeyLength()) {
      throw new IllegalArgumentException(
          this + " needs keys of " + encryptionKeyLength() + " and " + integrityKeyLength()
              + " bytes, got " + encryptionKey.length + " and " + integrityKey.length);
    }
    return switch (encryption) {
      case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16 -> new AesGcm(encryptionKey, icvLength());
      case ENCR_AES_CCM_8, ENCR_AES_CCM_12, ENCR_AES_CCM_16 -> new AesCcm(encryptionKey, icvLength());
      case ENCR_CHACHA20_POLY1305 -> new ChaCha20Poly1305Cipher(encryptionKey);
      case ENCR_AES_CBC -> new AesCbcHmac(encryptionKey, integrityKey, hmac(integrity));
      case ENCR_NULL -> throw new IllegalStateException("unreachable: ENCR_NULL is refused");
    };
  }

  private void requireKeyingMaterial(byte[] keyingMaterial) {
    if (keyingMaterial.length != keyingMaterialLength()) {
      throw new IllegalArgumentException(
          this + " needs " + keyingMaterialLength() + " bytes of keying material, got "
              + keyingMaterial.length);
    }
  }

  /** RFC 7634 §4: a ChaCha20-Poly1305 proposal has no Key Length attribute. */
  private static int withDefaultKeyBits(EncryptionAlgorithm encryption, int keyBits) {
    return encryption == ENCR_CHACHA20_POLY1305 && keyBits == 0 ? 256 : keyBits;
  }

  private static AesCbcHmac.Integrity hmac(IntegrityAlgorithm integrity) {
    return switch (integrity) {
      case AUTH_HMAC_SHA2_256_128 -> AesCbcHmac.Integrity.HMAC_SHA2_256_128;
      case AUTH_HMAC_SHA2_384_192 -> AesCbcHmac.Integrity.HMAC_SHA2_384_192;
      case AUTH_HMAC_SHA2_512_256 -> AesCbcHmac.Integrity.HMAC_SHA2_512_256;
      case NONE, AUTH_HMAC_SHA1_96 ->
          throw new IllegalStateException("unreachable: " + integrity + " has no HMAC-SHA2 cipher");
    };
  }

  /** Why a combination is unsupported, or null: the one validation of every constructor path. */
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
    boolean aead = encryption != ENCR_AES_CBC;
    if (aead && integrity != NONE) {
      return encryption + " is a combined mode and takes no integrity transform, not " + integrity;
    }
    // RFC 7296 §3.3: a non-combined cipher needs an integrity transform.
    if (!aead && (integrity == NONE || integrity == IntegrityAlgorithm.AUTH_HMAC_SHA1_96)) {
      return "ENCR_AES_CBC needs an HMAC-SHA2 integrity transform, not " + integrity;
    }
    return null;
  }

  @Override
  public String toString() {
    return isAead() ? encryption + "/" + keyBits : encryption + "/" + keyBits + "+" + integrity;
  }
}
