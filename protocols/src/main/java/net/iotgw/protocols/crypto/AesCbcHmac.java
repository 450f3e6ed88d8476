package net.iotgw.protocols.crypto;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * AES-CBC encryption with a truncated HMAC-SHA2 integrity check, encrypt-then-MAC (RFC 3602, RFC
 * 4868). The ICV covers {@code aad | iv | ciphertext} (ESP: SPI, sequence number, IV, ciphertext,
 * RFC 4303 §3.3.2; IKE: the whole message up to the ICV, RFC 7296 §3.14), plus an optional
 * trailer that is authenticated but never sent (ESP's high-order ESN bits, RFC 4303 §3.3.2.1).
 */
public final class AesCbcHmac implements PacketCipher {

  /** The RFC 4868 integrity transforms: HMAC key length = hash length, ICV = half of it. */
  public enum Integrity {
    HMAC_SHA2_256_128(32, 16),
    HMAC_SHA2_384_192(48, 24),
    HMAC_SHA2_512_256(64, 32);

    public final int keyLength;
    public final int icvLength;

    Integrity(int keyLength, int icvLength) {
      this.keyLength = keyLength;
      this.icvLength = icvLength;
    }

    Digest digest() {
      return switch (this) {
        case HMAC_SHA2_256_128 -> new SHA256Digest();
        case HMAC_SHA2_384_192 -> new SHA384Digest();
        case HMAC_SHA2_512_256 -> new SHA512Digest();
      };
    }
  }

  private final byte[] encKey;
  private final byte[] macKey;
  private final Integrity integrity;
  private volatile boolean destroyed;

  public AesCbcHmac(byte[] encryptionKey, byte[] integrityKey, Integrity integrity) {
    if (encryptionKey.length != 16 && encryptionKey.length != 24 && encryptionKey.length != 32) {
      throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes");
    }
    if (integrityKey.length != integrity.keyLength) {
      throw new IllegalArgumentException(integrity + " key must be " + integrity.keyLength + " bytes");
    }
    this.encKey = encryptionKey.clone();
    this.macKey = integrityKey.clone();
    this.integrity = integrity;
  }

  @Override
  public int ivLength() {
    return 16;
  }

  @Override
  public int icvLength() {
    return integrity.icvLength;
  }

  @Override
  public int blockSize() {
    return 16;
  }

  @Override
  public byte[] seal(byte[] iv, byte[] aad, byte[] plaintext) {
    return seal(iv, aad, plaintext, new byte[0]);
  }

  /** As {@link #seal(byte[], byte[], byte[])}, with {@code trailer} authenticated after the ciphertext. */
  public byte[] seal(byte[] iv, byte[] aad, byte[] plaintext, byte[] trailer) {
    if (destroyed) {
      throw new IllegalStateException("cipher was destroyed; its key is zeros");
    }
    if (iv.length != 16) {
      throw new IllegalArgumentException("IV must be 16 bytes, got " + iv.length);
    }
    if (plaintext.length % 16 != 0) {
      throw new IllegalArgumentException("CBC plaintext must be padded to 16 bytes");
    }
    byte[] out = new byte[plaintext.length + integrity.icvLength];
    CBCBlockCipher cbc = cbc(true, iv);
    for (int i = 0; i < plaintext.length; i += 16) {
      cbc.processBlock(plaintext, i, out, i);
    }
    byte[] icv = icv(aad, iv, out, plaintext.length, trailer);
    System.arraycopy(icv, 0, out, plaintext.length, icv.length);
    return out;
  }

  @Override
  public Optional<byte[]> open(byte[] iv, byte[] aad, byte[] ciphertextAndIcv) {
    return open(iv, aad, ciphertextAndIcv, new byte[0]);
  }

  /** As {@link #open(byte[], byte[], byte[])}, with {@code trailer} authenticated after the ciphertext. */
  public Optional<byte[]> open(byte[] iv, byte[] aad, byte[] ciphertextAndIcv, byte[] trailer) {
    int ctLength = ciphertextAndIcv.length - integrity.icvLength;
    if (destroyed || iv.length != 16 || ctLength < 0 || ctLength % 16 != 0) {
      return Optional.empty();
    }
    byte[] expected = icv(aad, iv, ciphertextAndIcv, ctLength, trailer);
    byte[] received = Arrays.copyOfRange(ciphertextAndIcv, ctLength, ciphertextAndIcv.length);
    if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(expected, received)) {
      return Optional.empty();
    }
    byte[] plaintext = new byte[ctLength];
    CBCBlockCipher cbc = cbc(false, iv);
    for (int i = 0; i < ctLength; i += 16) {
      cbc.processBlock(ciphertextAndIcv, i, plaintext, i);
    }
    return Optional.of(plaintext);
  }

  private CBCBlockCipher cbc(boolean encrypt, byte[] iv) {
    CBCBlockCipher cbc = (CBCBlockCipher) CBCBlockCipher.newInstance(AESEngine.newInstance());
    cbc.init(encrypt, new ParametersWithIV(new KeyParameter(encKey), iv));
    return cbc;
  }

  private byte[] icv(byte[] aad, byte[] iv, byte[] ciphertext, int ctLength, byte[] trailer) {
    HMac mac = new HMac(integrity.digest());
    mac.init(new KeyParameter(macKey));
    mac.update(aad, 0, aad.length);
    mac.update(iv, 0, iv.length);
    mac.update(ciphertext, 0, ctLength);
    mac.update(trailer, 0, trailer.length);
    byte[] full = new byte[mac.getMacSize()];
    mac.doFinal(full, 0);
    byte[] icv = Arrays.copyOf(full, integrity.icvLength);
    Arrays.fill(full, (byte) 0);
    return icv;
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(encKey, (byte) 0);
    Arrays.fill(macKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "AesCbcHmac[" + encKey.length * 8 + " bits, " + integrity + "]";
  }
}
