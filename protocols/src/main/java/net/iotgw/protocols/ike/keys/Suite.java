package net.iotgw.protocols.ike.keys;

import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;

/**
 * The transforms negotiated for an IKE SA (RFC 7296 §3.3): how SK payloads are protected, the PRF
 * and the Diffie-Hellman group. Determines the length of every key of §2.14.
 */
public record Suite(PacketProtection protection, PrfAlgorithm prf, DhGroup dhGroup) {

  public Suite {
    if (protection == null || prf == null || dhGroup == null) {
      throw new IllegalArgumentException("protection, prf and dhGroup are required");
    }
    if (dhGroup == DhGroup.NONE) {
      throw new IllegalArgumentException("an IKE SA needs a Diffie-Hellman group");
    }
  }

  /**
   * The suite of an IKE SA proposal, e.g. {@code Suite.of(ENCR_AES_GCM_16, 128, NONE,
   * PRF_HMAC_SHA2_256, CURVE25519)} for strongSwan's {@code aes128gcm16-prfsha256-x25519}.
   *
   * @throws IllegalArgumentException for a combination {@link PacketProtection} does not support
   */
  public static Suite of(
      EncryptionAlgorithm encryption,
      int keyBits,
      IntegrityAlgorithm integrity,
      PrfAlgorithm prf,
      DhGroup dhGroup) {
    return new Suite(new PacketProtection(encryption, keyBits, integrity), prf, dhGroup);
  }

  /** Length of SK_d, SK_pi and SK_pr: the PRF's preferred key length (RFC 7296 §2.14). */
  public int prfKeyLength() {
    return Prf.of(prf).keyLength();
  }

  /** Length of SK_ei and SK_er, salt included. */
  public int encryptionKeyLength() {
    return protection.encryptionKeyLength();
  }

  /** Length of SK_ai and SK_ar; 0 for AEADs. */
  public int integrityKeyLength() {
    return protection.integrityKeyLength();
  }

  /** Total prf+ output taken for {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr}. */
  public int keyMaterialLength() {
    return 3 * prfKeyLength() + 2 * integrityKeyLength() + 2 * encryptionKeyLength();
  }
}
