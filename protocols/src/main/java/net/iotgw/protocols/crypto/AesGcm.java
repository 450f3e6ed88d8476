package net.iotgw.protocols.crypto;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;

/**
 * AES-GCM with an 8-byte explicit IV and a 4-byte salt (RFC 4106 for ESP, RFC 5282 for IKEv2).
 * The keying material is the AES key followed by the salt (RFC 4106 §8.1).
 */
public final class AesGcm extends SaltedAead {

  /**
   * @param keyingMaterial 16, 24 or 32 bytes of AES key followed by 4 bytes of salt
   * @param icvLength 8, 12 or 16 (ENCR_AES_GCM_8/12/16)
   */
  public AesGcm(byte[] keyingMaterial, int icvLength) {
    super("AES-GCM", keyingMaterial, 4, new int[] {16, 24, 32}, icvLength);
  }

  /**
   * BC's default multiplier precomputes a 4 KB table per key, which costs more than the whole
   * GHASH of a packet of a few hundred bytes (it showed as 11% of a handshake in the JMH stack
   * profile); the basic multiplier needs no table and is constant-time.
   */
  @Override
  AEADCipher newCipher() {
    return GCMBlockCipher.newInstance(AESEngine.newInstance(), new BasicGCMMultiplier());
  }

  @Override
  public String toString() {
    return "AesGcm[" + keyBits() + " bits, ICV " + icvLength() + "]";
  }
}
