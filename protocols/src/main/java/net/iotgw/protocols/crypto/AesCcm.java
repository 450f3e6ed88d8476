package net.iotgw.protocols.crypto;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.CCMBlockCipher;

/**
 * AES-CCM with an 8-byte explicit IV and a 3-byte salt (RFC 4309, and RFC 5282 for IKEv2). The
 * 11-byte nonce leaves a 4-byte length field (L = 4, RFC 4309 §4). The keying material is the AES
 * key followed by the salt (RFC 4309 §7.1).
 */
public final class AesCcm extends SaltedAead {

  /**
   * @param keyingMaterial 16, 24 or 32 bytes of AES key followed by 3 bytes of salt
   * @param icvLength 8, 12 or 16 (ENCR_AES_CCM_8/12/16)
   */
  public AesCcm(byte[] keyingMaterial, int icvLength) {
    super("AES-CCM", keyingMaterial, 3, new int[] {16, 24, 32}, icvLength);
  }

  @Override
  AEADCipher newCipher() {
    return CCMBlockCipher.newInstance(AESEngine.newInstance());
  }

  @Override
  public String toString() {
    return "AesCcm[" + keyBits() + " bits, ICV " + icvLength() + "]";
  }
}
