package net.iotgw.protocols.crypto;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;

/**
 * ChaCha20-Poly1305 with an 8-byte explicit IV and a 4-byte salt (RFC 7634 §2 for ESP, §3 for
 * IKEv2). Keying material: 32-byte key followed by the salt.
 */
public final class ChaCha20Poly1305Cipher implements PacketCipher {
  private final byte[] key;
  private final byte[] salt;
  private volatile boolean destroyed;

  /** @param keyingMaterial 36 bytes: the ChaCha20 key, then the 4-byte salt */
  public ChaCha20Poly1305Cipher(byte[] keyingMaterial) {
    if (keyingMaterial.length != 36) {
      throw new IllegalArgumentException("ChaCha20-Poly1305 keying material must be 36 bytes");
    }
    this.key = Arrays.copyOf(keyingMaterial, 32);
    this.salt = Arrays.copyOfRange(keyingMaterial, 32, 36);
  }

  @Override
  public int ivLength() {
    return 8;
  }

  @Override
  public int icvLength() {
    return 16;
  }

  @Override
  public int blockSize() {
    return 1;
  }

  @Override
  public byte[] seal(byte[] iv, byte[] aad, byte[] plaintext) {
    requireLive();
    SaltedNonce.requireIv(iv, 8);
    return AeadRunner.seal(new ChaCha20Poly1305(), key, 128, SaltedNonce.of(salt, iv), aad, plaintext);
  }

  @Override
  public Optional<byte[]> open(byte[] iv, byte[] aad, byte[] ciphertextAndIcv) {
    if (destroyed || iv.length != 8) {
      return Optional.empty();
    }
    return AeadRunner.open(
        new ChaCha20Poly1305(), key, 128, SaltedNonce.of(salt, iv), aad, ciphertextAndIcv);
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
    return "ChaCha20Poly1305Cipher";
  }
}
