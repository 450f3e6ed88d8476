package net.iotgw.protocols.crypto;

import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;

/**
 * ChaCha20-Poly1305 with an 8-byte explicit IV and a 4-byte salt (RFC 7634 §2 for ESP, §3 for
 * IKEv2). Keying material: 32-byte key followed by the salt.
 */
public final class ChaCha20Poly1305Cipher extends SaltedAead {

  /** @param keyingMaterial 36 bytes: the ChaCha20 key, then the 4-byte salt */
  public ChaCha20Poly1305Cipher(byte[] keyingMaterial) {
    super("ChaCha20-Poly1305", keyingMaterial, 4, new int[] {32}, 16);
  }

  @Override
  AEADCipher newCipher() {
    return new ChaCha20Poly1305();
  }

  @Override
  public String toString() {
    return "ChaCha20Poly1305Cipher";
  }
}
