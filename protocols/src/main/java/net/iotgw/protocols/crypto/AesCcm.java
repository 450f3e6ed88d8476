package net.iotgw.protocols.crypto;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;

/**
 * AES-CCM with an 8-byte explicit IV and a 3-byte salt (RFC 4309, and RFC 5282 for IKEv2). The
 * 11-byte nonce leaves a 4-byte length field (L = 4, RFC 4309 §4). The keying material is the AES
 * key followed by the salt (RFC 4309 §7.1).
 */
public final class AesCcm implements PacketCipher {
  private static final int SALT = 3;
  private final byte[] key;
  private final byte[] salt;
  private final int icvLength;
  private volatile boolean destroyed;

  /**
   * @param keyingMaterial 16, 24 or 32 bytes of AES key followed by 3 bytes of salt
   * @param icvLength 8, 12 or 16 (ENCR_AES_CCM_8/12/16)
   */
  public AesCcm(byte[] keyingMaterial, int icvLength) {
    int keyLength = keyingMaterial.length - SALT;
    if (keyLength != 16 && keyLength != 24 && keyLength != 32) {
      throw new IllegalArgumentException("AES-CCM keying material must be 19, 27 or 35 bytes");
    }
    if (icvLength != 8 && icvLength != 12 && icvLength != 16) {
      throw new IllegalArgumentException("AES-CCM ICV must be 8, 12 or 16 bytes");
    }
    this.key = Arrays.copyOf(keyingMaterial, keyLength);
    this.salt = Arrays.copyOfRange(keyingMaterial, keyLength, keyingMaterial.length);
    this.icvLength = icvLength;
  }

  @Override
  public int ivLength() {
    return 8;
  }

  @Override
  public int icvLength() {
    return icvLength;
  }

  @Override
  public int blockSize() {
    return 1;
  }

  @Override
  public byte[] seal(byte[] iv, byte[] aad, byte[] plaintext) {
    requireLive();
    SaltedNonce.requireIv(iv, 8);
    return AeadRunner.seal(
        CCMBlockCipher.newInstance(AESEngine.newInstance()),
        key, icvLength * 8, SaltedNonce.of(salt, iv), aad, plaintext);
  }

  @Override
  public Optional<byte[]> open(byte[] iv, byte[] aad, byte[] ciphertextAndIcv) {
    if (destroyed || iv.length != 8) {
      return Optional.empty();
    }
    return AeadRunner.open(
        CCMBlockCipher.newInstance(AESEngine.newInstance()),
        key, icvLength * 8, SaltedNonce.of(salt, iv), aad, ciphertextAndIcv);
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(key, (byte) 0);
    Arrays.fill(salt, (byte) 0);
  }

  /** A destroyed cipher would otherwise encrypt under an all-zero key. */
  private void requireLive() {
    if (destroyed) {
      throw new IllegalStateException("cipher destroyed");
    }
  }

  @Override
  public String toString() {
    return "AesCcm[" + key.length * 8 + " bits, ICV " + icvLength + "]";
  }
}
