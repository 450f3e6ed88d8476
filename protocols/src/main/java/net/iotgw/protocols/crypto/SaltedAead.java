package net.iotgw.protocols.crypto;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The salted AEAD constructions of IPsec (RFC 4106 §4, RFC 4309 §4, RFC 7634 §2; the same for
 * IKEv2 in RFC 5282 and RFC 7634 §3): the keying material is the key followed by a salt, and each
 * packet's nonce is that salt followed by the packet's 8-byte explicit IV. Subclasses only name
 * the BouncyCastle cipher and the sizes.
 */
public abstract sealed class SaltedAead implements PacketCipher
    permits AesGcm, AesCcm, ChaCha20Poly1305Cipher {
  private static final int IV_LENGTH = 8;
  private final byte[] key;
  private final byte[] salt;
  private final int icvLength;
  private volatile boolean destroyed;

  SaltedAead(String name, byte[] keyingMaterial, int saltLength, int[] keyLengths, int icvLength) {
    int keyLength = keyingMaterial.length - saltLength;
    if (Arrays.stream(keyLengths).noneMatch(k -> k == keyLength)) {
      throw new IllegalArgumentException(
          name + " keying material must be one of " + Arrays.toString(keyLengths)
              + " key bytes plus " + saltLength + " of salt");
    }
    if (icvLength != 8 && icvLength != 12 && icvLength != 16) {
      throw new IllegalArgumentException(name + " ICV must be 8, 12 or 16 bytes");
    }
    this.key = Arrays.copyOf(keyingMaterial, keyLength);
    this.salt = Arrays.copyOfRange(keyingMaterial, keyLength, keyingMaterial.length);
    this.icvLength = icvLength;
  }

  /** A fresh BouncyCastle cipher: one per call keeps instances thread-safe. */
  abstract AEADCipher newCipher();

  final int keyBits() {
    return key.length * 8;
  }

  @Override
  public final int ivLength() {
    return IV_LENGTH;
  }

  @Override
  public final int icvLength() {
    return icvLength;
  }

  @Override
  public final int blockSize() {
    return 1;
  }

  @Override
  public final byte[] seal(byte[] iv, byte[] aad, byte[] plaintext) {
    if (destroyed) {
      throw new IllegalStateException("cipher was destroyed; its key is zeros");
    }
    if (iv.length != IV_LENGTH) {
      throw new IllegalArgumentException("IV must be 8 bytes, got " + iv.length);
    }
    AEADCipher cipher = init(true, iv, aad);
    byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
    int n = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      cipher.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("encryption cannot fail", e);
    }
    return out;
  }

  @Override
  public final Optional<byte[]> open(byte[] iv, byte[] aad, byte[] ciphertextAndIcv) {
    if (destroyed || iv.length != IV_LENGTH || ciphertextAndIcv.length < icvLength) {
      return Optional.empty();
    }
    AEADCipher cipher = init(false, iv, aad);
    byte[] out = new byte[cipher.getOutputSize(ciphertextAndIcv.length)];
    try {
      int n = cipher.processBytes(ciphertextAndIcv, 0, ciphertextAndIcv.length, out, 0);
      cipher.doFinal(out, n);
      return Optional.of(out);
    } catch (InvalidCipherTextException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  private AEADCipher init(boolean encrypt, byte[] iv, byte[] aad) {
    byte[] nonce = Arrays.copyOf(salt, salt.length + IV_LENGTH);
    System.arraycopy(iv, 0, nonce, salt.length, IV_LENGTH);
    AEADCipher cipher = newCipher();
    cipher.init(encrypt, new AEADParameters(new KeyParameter(key), icvLength * 8, nonce, aad));
    return cipher;
  }

  @Override
  public final void destroy() {
    destroyed = true;
    Arrays.fill(key, (byte) 0);
    Arrays.fill(salt, (byte) 0);
  }
}
