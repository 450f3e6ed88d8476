package net.iotgw.protocols.esp;

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
import net.iotgw.protocols.crypto.AesCbcHmac;
import net.iotgw.protocols.crypto.AesCcm;
import net.iotgw.protocols.crypto.AesGcm;
import net.iotgw.protocols.crypto.ChaCha20Poly1305Cipher;
import net.iotgw.protocols.crypto.PacketCipher;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;

/**
 * A negotiated ESP protection suite (the ENCR and INTEG transforms of a CHILD_SA, RFC 7296
 * §3.3.2), with what it needs from KEYMAT and the factory that turns KEYMAT into a {@link
 * PacketCipher}. Supported: AES-GCM (RFC 4106) and AES-CCM (RFC 4309) with 8, 12 or 16-byte ICVs,
 * ChaCha20-Poly1305 (RFC 7634), all with integrity {@code NONE}; AES-CBC (RFC 3602) with
 * HMAC-SHA2-256/384/512 (RFC 4868). AES keys are 128, 192 or 256 bits; ChaCha20 is 256 bits and
 * its proposals carry no Key Length attribute (RFC 7634 §4).
 *
 * @param encryption the ENCR transform
 * @param keyBits the Key Length attribute (256 for ChaCha20-Poly1305)
 * @param integrity the INTEG transform, {@link IntegrityAlgorithm#NONE} for the AEAD ciphers
 */
public record EspTransform(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {

  public static final EspTransform AES_GCM_16_128 = new EspTransform(ENCR_AES_GCM_16, 128, NONE);
  public static final EspTransform AES_GCM_16_256 = new EspTransform(ENCR_AES_GCM_16, 256, NONE);
  /** The constrained device's natural choice: its radio already has AES-CCM in hardware. */
  public static final EspTransform AES_CCM_8_128 = new EspTransform(ENCR_AES_CCM_8, 128, NONE);
  public static final EspTransform CHACHA20_POLY1305 =
      new EspTransform(ENCR_CHACHA20_POLY1305, 256, NONE);
  public static final EspTransform AES_CBC_128_HMAC_SHA2_256 =
      new EspTransform(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128);
  public static final EspTransform AES_CBC_256_HMAC_SHA2_384 =
      new EspTransform(ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_384_192);
  public static final EspTransform AES_CBC_256_HMAC_SHA2_512 =
      new EspTransform(ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_512_256);

  /** @throws IllegalArgumentException for a combination that {@link #of} would refuse */
  public EspTransform {
    if (!supported(encryption, keyBits, integrity)) {
      throw new IllegalArgumentException(
          "unsupported ESP transform " + encryption + "/" + keyBits + "/" + integrity);
    }
  }

  /** The transform for a negotiated combination, or empty if this implementation lacks it. */
  public static Optional<EspTransform> of(
      EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {
    return supported(encryption, keyBits, integrity)
        ? Optional.of(new EspTransform(encryption, keyBits, integrity))
        : Optional.empty();
  }

  private static boolean supported(
      EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {
    if (encryption == null || integrity == null) {
      return false;
    }
    boolean aesKey = keyBits == 128 || keyBits == 192 || keyBits == 256;
    return switch (encryption) {
      case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16,
          ENCR_AES_CCM_8, ENCR_AES_CCM_12, ENCR_AES_CCM_16 -> aesKey && integrity == NONE;
      case ENCR_CHACHA20_POLY1305 -> keyBits == 256 && integrity == NONE;
      // RFC 7296 §3.3: a non-combined cipher needs an integrity transform.
      case ENCR_AES_CBC -> aesKey && hmac(integrity) != null;
      default -> false;
    };
  }

  private static AesCbcHmac.Integrity hmac(IntegrityAlgorithm integrity) {
    return switch (integrity) {
      case AUTH_HMAC_SHA2_256_128 -> AesCbcHmac.Integrity.HMAC_SHA2_256_128;
      case AUTH_HMAC_SHA2_384_192 -> AesCbcHmac.Integrity.HMAC_SHA2_384_192;
      case AUTH_HMAC_SHA2_512_256 -> AesCbcHmac.Integrity.HMAC_SHA2_512_256;
      default -> null;
    };
  }

  /** True for the combined-mode ciphers (one key, the ICV comes from the cipher itself). */
  public boolean isAead() {
    return encryption != ENCR_AES_CBC;
  }

  /**
   * Bytes of the salt that ends the encryption keying material: 4 for GCM (RFC 4106 §8.1) and
   * ChaCha20-Poly1305 (RFC 7634 §4), 3 for CCM (RFC 4309 §7.1), none for CBC.
   */
  public int saltLength() {
    return switch (encryption) {
      case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16, ENCR_CHACHA20_POLY1305 -> 4;
      case ENCR_AES_CCM_8, ENCR_AES_CCM_12, ENCR_AES_CCM_16 -> 3;
      default -> 0;
    };
  }

  /** Bytes of KEYMAT taken for the encryption key, salt included. */
  public int encryptionKeyLength() {
    return keyBits / 8 + saltLength();
  }

  /** Bytes of KEYMAT taken for the integrity key (0 for AEAD). */
  public int integrityKeyLength() {
    return isAead() ? 0 : hmac(integrity).keyLength;
  }

  /**
   * Bytes of KEYMAT one direction of the CHILD_SA consumes. RFC 7296 §2.17 takes the encryption
   * key first, then the integrity key, for initiator-to-responder, then the same again for
   * responder-to-initiator; this is the length of one of those halves.
   */
  public int keyingMaterialLength() {
    return encryptionKeyLength() + integrityKeyLength();
  }

  public int ivLength() {
    return isAead() ? 8 : 16;
  }

  public int icvLength() {
    return switch (encryption) {
      case ENCR_AES_GCM_8, ENCR_AES_CCM_8 -> 8;
      case ENCR_AES_GCM_12, ENCR_AES_CCM_12 -> 12;
      case ENCR_AES_GCM_16, ENCR_AES_CCM_16, ENCR_CHACHA20_POLY1305 -> 16;
      default -> hmac(integrity).icvLength;
    };
  }

  /**
   * What the encrypted part (payload, padding, Pad Length, Next Header) is padded to: the
   * cipher's block size, and at least 4 so that the ICV is 32-bit aligned (RFC 4303 §2.4).
   */
  public int paddingAlignment() {
    return isAead() ? 4 : 16;
  }

  /** Total ESP packet length for {@code payloadLength} bytes of payload, with minimal padding. */
  public int packetLength(int payloadLength) {
    int align = paddingAlignment();
    int encrypted = (payloadLength + 2 + align - 1) / align * align;
    return 8 + ivLength() + encrypted + icvLength();
  }

  /**
   * The cipher for one direction, from that direction's {@link #keyingMaterialLength()} bytes of
   * KEYMAT (encryption key and salt, then integrity key). The cipher keeps its own copies; the
   * caller should zero {@code keyingMaterial} when done.
   *
   * @throws IllegalArgumentException if the length is not {@link #keyingMaterialLength()}
   */
  public PacketCipher newCipher(byte[] keyingMaterial) {
    if (keyingMaterial.length != keyingMaterialLength()) {
      throw new IllegalArgumentException(
          this + " needs " + keyingMaterialLength() + " bytes of KEYMAT, got "
              + keyingMaterial.length);
    }
    if (!isAead()) {
      byte[] encKey = Arrays.copyOf(keyingMaterial, encryptionKeyLength());
      byte[] macKey = Arrays.copyOfRange(keyingMaterial, encryptionKeyLength(), keyingMaterial.length);
      try {
        return new AesCbcHmac(encKey, macKey, hmac(integrity));
      } finally {
        Arrays.fill(encKey, (byte) 0);
        Arrays.fill(macKey, (byte) 0);
      }
    }
    return switch (encryption) {
      case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16 ->
          new AesGcm(keyingMaterial, icvLength());
      case ENCR_AES_CCM_8, ENCR_AES_CCM_12, ENCR_AES_CCM_16 ->
          new AesCcm(keyingMaterial, icvLength());
      default -> new ChaCha20Poly1305Cipher(keyingMaterial);
    };
  }

  @Override
  public String toString() {
    return isAead()
        ? encryption + "/" + keyBits
        : encryption + "/" + keyBits + "+" + integrity;
  }
}
