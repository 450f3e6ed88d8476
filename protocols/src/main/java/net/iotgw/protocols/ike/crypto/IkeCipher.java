package net.iotgw.protocols.ike.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketCipher;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/**
 * The protection of the Encrypted (SK) payload in one direction (RFC 7296 §3.14, RFC 5282 §3 and
 * §5.1): built from SK_ei/SK_ai for messages the IKE SA initiator sends, SK_er/SK_ar for those of
 * the responder.
 *
 * <p>The SK payload body is {@code IV | ciphertext | ICV}; the plaintext under the ciphertext is
 * {@code inner payloads | padding | pad length}. {@code aadPrefix} is every byte of the IKE message
 * before the IV: the IKE header through the SK generic payload header, so its length fields must
 * already count {@link #bodyLength}. For AEADs it is the associated data (RFC 5282 §5.1); for
 * AES-CBC the ICV covers {@code aadPrefix | IV | ciphertext} (RFC 7296 §3.14).
 *
 * <p>Immutable; {@link #destroy()} zeroes the keys of the underlying {@link PacketCipher}.
 */
public final class IkeCipher {
  private final PacketProtection protection;
  private final PacketCipher cipher;

  private IkeCipher(PacketProtection protection, PacketCipher cipher) {
    this.protection = protection;
    this.cipher = cipher;
  }

  /**
   * @param encryptionKey SK_ei or SK_er ({@link PacketProtection#encryptionKeyLength()} bytes)
   * @param integrityKey SK_ai or SK_ar (empty for AEADs)
   */
  public static IkeCipher create(
      PacketProtection protection, byte[] encryptionKey, byte[] integrityKey) {
    return new IkeCipher(protection, protection.cipher(encryptionKey, integrityKey));
  }

  public PacketProtection protection() {
    return protection;
  }

  /** 8 for the AEADs (RFC 5282 §3.1, RFC 7634 §3), 16 for AES-CBC (RFC 3602 §3). */
  public int ivLength() {
    return cipher.ivLength();
  }

  public int icvLength() {
    return cipher.icvLength();
  }

  /** What the padded plaintext is aligned to: 16 for AES-CBC, 1 for the AEADs. */
  public int blockSize() {
    return cipher.blockSize();
  }

  /**
   * Length of the SK payload body that {@link #seal} makes from {@code innerPlaintextLength}
   * bytes of inner payloads: IV, padded plaintext including the pad length byte, ICV.
   */
  public int bodyLength(int innerPlaintextLength) {
    return cipher.ivLength() + paddedLength(innerPlaintextLength) + cipher.icvLength();
  }

  /**
   * Encrypts with a fresh IV from {@code random}: random, as RFC 7296 §3.14 requires for CBC; for
   * the AEADs a random 64-bit IV, which does not repeat under one key within the few messages an
   * IKE SA carries (RFC 5282 §3.1 asks only for uniqueness).
   */
  public byte[] seal(byte[] aadPrefix, byte[] innerPlaintext, SecureRandom random) {
    byte[] iv = new byte[cipher.ivLength()];
    random.nextBytes(iv);
    return seal(aadPrefix, innerPlaintext, iv);
  }

  /**
   * Encrypts with the given IV, which must never repeat under this key (and be unpredictable for
   * CBC). Returns the SK payload body {@code IV | ciphertext | ICV}.
   */
  public byte[] seal(byte[] aadPrefix, byte[] innerPlaintext, byte[] iv) {
    if (iv.length != cipher.ivLength()) {
      throw new IllegalArgumentException("IV must be " + cipher.ivLength() + " bytes");
    }
    // RFC 7296 §3.14: the least padding that aligns payloads | padding | pad length; zero bytes
    // of padding for the AEADs, whose block size is 1 (RFC 5282 §3).
    int padded = paddedLength(innerPlaintext.length);
    byte[] plaintext = Arrays.copyOf(innerPlaintext, padded);
    plaintext[padded - 1] = (byte) (padded - innerPlaintext.length - 1);
    byte[] sealed = cipher.seal(iv, aadPrefix, plaintext);
    Arrays.fill(plaintext, (byte) 0);
    byte[] body = new byte[iv.length + sealed.length];
    System.arraycopy(iv, 0, body, 0, iv.length);
    System.arraycopy(sealed, 0, body, iv.length, sealed.length);
    return body;
  }

  /**
   * Verifies and decrypts an SK payload body, returning the inner payloads with padding and pad
   * length removed. {@code TRUNCATED} or {@code BAD_LENGTH} for a body that cannot hold IV,
   * aligned ciphertext and ICV; {@code AUTHENTICATION_FAILED} when the ICV does not verify;
   * {@code INVALID_SYNTAX} when the authenticated pad length exceeds the plaintext.
   */
  public Decoded<byte[]> open(byte[] aadPrefix, byte[] body) {
    int ivLength = cipher.ivLength();
    int icvLength = cipher.icvLength();
    int ctLength = body.length - ivLength - icvLength;
    if (ctLength < 1) {
      return failed(
          DecodeError.Kind.TRUNCATED,
          0,
          "SK body of " + body.length + " bytes cannot hold IV, pad length and ICV");
    }
    if (ctLength % cipher.blockSize() != 0) {
      return failed(
          DecodeError.Kind.BAD_LENGTH,
          ivLength,
          "ciphertext of " + ctLength + " bytes is not a multiple of " + cipher.blockSize());
    }
    byte[] iv = Arrays.copyOf(body, ivLength);
    byte[] ctAndIcv = Arrays.copyOfRange(body, ivLength, body.length);
    Optional<byte[]> opened = cipher.open(iv, aadPrefix, ctAndIcv);
    if (opened.isEmpty()) {
      return failed(DecodeError.Kind.AUTHENTICATION_FAILED, ivLength + ctLength, "SK payload ICV mismatch");
    }
    byte[] plaintext = opened.get();
    int padLength = plaintext[plaintext.length - 1] & 0xff;
    if (padLength + 1 > plaintext.length) {
      Arrays.fill(plaintext, (byte) 0);
      return failed(
          DecodeError.Kind.INVALID_SYNTAX,
          ivLength + ctLength - 1,
          "pad length " + padLength + " exceeds the " + plaintext.length + "-byte plaintext");
    }
    byte[] inner = Arrays.copyOf(plaintext, plaintext.length - padLength - 1);
    Arrays.fill(plaintext, (byte) 0);
    return Decoded.ok(inner);
  }

  /** Zeroes the keys; later {@link #seal} calls throw and {@link #open} calls fail. */
  public void destroy() {
    cipher.destroy();
  }

  private int paddedLength(int innerLength) {
    int block = cipher.blockSize();
    return (innerLength + 1 + block - 1) / block * block;
  }

  private static Decoded<byte[]> failed(DecodeError.Kind kind, int offset, String detail) {
    return Decoded.failed(new DecodeError(kind, offset, detail));
  }

  @Override
  public String toString() {
    return "IkeCipher[" + protection + ", keys redacted]";
  }
}
