package net.iotgw.protocols.eap.psk;

import java.util.Arrays;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.EAXBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The EAP-PSK protected channel (RFC 4764 §3.3, §5.3, §5.4) as carried on the wire: a 4-octet
 * Nonce N, the 16-octet EAX tag, then the encrypted content (the R and E flags, and extensions
 * this implementation does not send). Note the order: the tag comes before the ciphertext,
 * unlike the ciphertext || tag that EAX implementations produce.
 *
 * <p>EAX over AES-128 keyed with TEK; the EAX nonce is N as a 128-bit big-endian integer (96 zero
 * bits then N), and the EAX header is the first 22 octets of the EAP packet that carries the
 * channel: Code, Identifier, Length, Type, Flags and RAND_S (§5.3).
 */
public record PChannel(long nonce, byte[] tag, byte[] encrypted) {

  public static final int TAG_LENGTH = 16;
  /** Code(1) Identifier(1) Length(2) Type(1) Flags(1) RAND_S(16). */
  public static final int HEADER_LENGTH = 22;

  /** E: an EXT field follows (§5.3); we never set it and refuse it on receipt. */
  private static final int E_FLAG = 0x20;

  public PChannel {
    if (nonce < 0 || nonce > 0xffffffffL) {
      throw new IllegalArgumentException("PCHANNEL nonce is 32 bits");
    }
    if (tag.length != TAG_LENGTH || encrypted.length < 1) {
      throw new IllegalArgumentException("PCHANNEL tag is 16 octets, content at least 1");
    }
    tag = tag.clone();
    encrypted = encrypted.clone();
  }

  @Override
  public byte[] tag() {
    return tag.clone();
  }

  @Override
  public byte[] encrypted() {
    return encrypted.clone();
  }

  /** Protects result {@code r} under TEK with nonce {@code n}, binding the packet's header. */
  public static PChannel seal(byte[] tek, long n, byte[] header, PskResult r) {
    EAXBlockCipher eax = eax(true, tek, n, header);
    byte[] plain = {(byte) (r.id() << 6)};
    byte[] out = new byte[eax.getOutputSize(1)];
    int len = eax.processBytes(plain, 0, 1, out, 0);
    try {
      eax.doFinal(out, len);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("EAX encryption cannot fail", e);
    }
    return new PChannel(
        n, Arrays.copyOfRange(out, 1, 1 + TAG_LENGTH), Arrays.copyOfRange(out, 0, 1));
  }

  /**
   * Checks the tag and returns the R flag. A wrong tag is AUTHENTICATION_FAILED; a content with
   * R = 0 or with the E flag set (an extension) is refused.
   */
  public Decoded<PskResult> open(byte[] tek, byte[] header) {
    EAXBlockCipher eax = eax(false, tek, nonce, header);
    byte[] in = new byte[encrypted.length + TAG_LENGTH];
    System.arraycopy(encrypted, 0, in, 0, encrypted.length);
    System.arraycopy(tag, 0, in, encrypted.length, TAG_LENGTH);
    byte[] plain = new byte[eax.getOutputSize(in.length)];
    try {
      int len = eax.processBytes(in, 0, in.length, plain, 0);
      eax.doFinal(plain, len);
    } catch (InvalidCipherTextException e) {
      return Decoded.failed(
          new DecodeError(DecodeError.Kind.AUTHENTICATION_FAILED, 4, "PCHANNEL tag mismatch"));
    }
    int flags = plain[0] & 0xff;
    if ((flags & E_FLAG) != 0 || plain.length != 1) {
      return Decoded.failed(
          new DecodeError(DecodeError.Kind.UNSUPPORTED, 20, "PCHANNEL extension (E flag)"));
    }
    return PskResult.of(flags >>> 6)
        .<Decoded<PskResult>>map(Decoded::ok)
        .orElseGet(
            () ->
                Decoded.failed(
                    new DecodeError(DecodeError.Kind.INVALID_SYNTAX, 20, "PCHANNEL R flag 0")));
  }

  private static EAXBlockCipher eax(boolean encrypt, byte[] tek, long n, byte[] header) {
    if (header.length != HEADER_LENGTH) {
      throw new IllegalArgumentException("PCHANNEL header is the first 22 octets of the packet");
    }
    byte[] eaxNonce = new byte[16];
    eaxNonce[12] = (byte) (n >>> 24);
    eaxNonce[13] = (byte) (n >>> 16);
    eaxNonce[14] = (byte) (n >>> 8);
    eaxNonce[15] = (byte) n;
    EAXBlockCipher eax = new EAXBlockCipher(AESEngine.newInstance());
    eax.init(encrypt, new AEADParameters(new KeyParameter(tek), TAG_LENGTH * 8, eaxNonce, header));
    return eax;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PChannel p
        && p.nonce == nonce
        && Arrays.equals(p.tag, tag)
        && Arrays.equals(p.encrypted, encrypted);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(nonce) * 31 + Arrays.hashCode(tag);
  }

  @Override
  public String toString() {
    return "PChannel[N " + nonce + ", " + encrypted.length + " octets]";
  }
}
