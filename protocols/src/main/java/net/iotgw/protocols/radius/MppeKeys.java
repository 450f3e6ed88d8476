package net.iotgw.protocols.radius;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.crypto.digests.MD5Digest;

/**
 * MS-MPPE-Send-Key (vendor 311, type 16) and MS-MPPE-Recv-Key (type 17) (RFC 2548 §2.4.2,
 * §2.4.3): Salt(2, high bit set) | String, where String hides Key-Length(1) | Key | zero
 * padding to a multiple of 16 with the MD5 chain b(1) = MD5(S | R | Salt), b(i) = MD5(S | c(i-1)), S the
 * shared secret and R the Request Authenticator of the request being answered.
 */
public final class MppeKeys {

  public static final int SEND_KEY = 16;
  public static final int RECV_KEY = 17;

  private MppeKeys() {}

  /**
   * Wraps {@code key} for a sub-attribute value. {@code salt} is the caller's randomness; its high
   * bit is forced on as RFC 2548 requires, so any 16-bit value is acceptable.
   */
  public static byte[] encrypt(byte[] key, int salt, byte[] secret, byte[] requestAuthenticator) {
    if (key.length > 239) {
      throw new IllegalArgumentException("MPPE key of " + key.length + " bytes");
    }
    int plainLength = ((1 + key.length + 15) / 16) * 16;
    byte[] out = new byte[2 + plainLength];
    out[0] = (byte) (0x80 | ((salt >> 8) & 0x7f));
    out[1] = (byte) salt;
    out[2] = (byte) key.length;
    System.arraycopy(key, 0, out, 3, key.length);
    byte[] b = md5(secret, requestAuthenticator, Arrays.copyOfRange(out, 0, 2));
    for (int i = 2; i < out.length; i += 16) {
      for (int j = 0; j < 16; j++) {
        out[i + j] ^= b[j];
      }
      b = md5(secret, Arrays.copyOfRange(out, i, i + 16), new byte[0]);
    }
    return out;
  }

  /** Unwraps a sub-attribute value; refuses a bad size, a clear salt bit, or a bad key length. */
  public static Decoded<byte[]> decrypt(byte[] value, byte[] secret, byte[] requestAuthenticator) {
    if (value.length < 2 + 16 || (value.length - 2) % 16 != 0) {
      return fail(DecodeError.Kind.BAD_LENGTH, "MPPE value of " + value.length + " bytes");
    }
    if ((value[0] & 0x80) == 0) {
      return fail(DecodeError.Kind.INVALID_SYNTAX, "MPPE salt without its high bit");
    }
    byte[] plain = new byte[value.length - 2];
    byte[] b = md5(secret, requestAuthenticator, Arrays.copyOfRange(value, 0, 2));
    for (int i = 0; i < plain.length; i += 16) {
      for (int j = 0; j < 16; j++) {
        plain[i + j] = (byte) (value[2 + i + j] ^ b[j]);
      }
      b = md5(secret, Arrays.copyOfRange(value, 2 + i, 2 + i + 16), new byte[0]);
    }
    int keyLength = plain[0] & 0xff;
    if (keyLength > plain.length - 1) {
      Arrays.fill(plain, (byte) 0);
      return fail(DecodeError.Kind.AUTHENTICATION_FAILED, "MPPE key length beyond the value");
    }
    byte[] key = Arrays.copyOfRange(plain, 1, 1 + keyLength);
    Arrays.fill(plain, (byte) 0);
    return Decoded.ok(key);
  }

  /** The MS-MPPE sub-attribute pair for an Access-Accept (the embedded server side and tests). */
  public static RadiusAttribute attributeFor(
      Msk msk, int saltRecv, int saltSend, byte[] secret, byte[] requestAuthenticator) {
    byte[] recv = msk.recvKey();
    byte[] send = msk.sendKey();
    try {
      return new VendorSpecific(
              VendorSpecific.MICROSOFT,
              List.of(
                  new VendorSpecific.SubAttribute(
                      RECV_KEY, encrypt(recv, saltRecv, secret, requestAuthenticator)),
                  new VendorSpecific.SubAttribute(
                      SEND_KEY, encrypt(send, saltSend, secret, requestAuthenticator))))
          .toAttribute();
    } finally {
      Arrays.fill(recv, (byte) 0);
      Arrays.fill(send, (byte) 0);
    }
  }

  /**
   * The MSK from an Access-Accept answering the request with {@code requestAuthenticator}: both
   * keys must be present (in one or several Microsoft Vendor-Specific attributes) and 32 octets.
   */
  public static Decoded<Msk> msk(RadiusPacket accept, byte[] secret, byte[] requestAuthenticator) {
    Optional<byte[]> recvWrapped = find(accept, RECV_KEY);
    Optional<byte[]> sendWrapped = find(accept, SEND_KEY);
    if (recvWrapped.isEmpty() || sendWrapped.isEmpty()) {
      return fail(DecodeError.Kind.INVALID_SYNTAX, "MS-MPPE-Recv-Key or Send-Key missing");
    }
    Decoded<byte[]> recv = decrypt(recvWrapped.get(), secret, requestAuthenticator);
    Decoded<byte[]> send = decrypt(sendWrapped.get(), secret, requestAuthenticator);
    if (recv instanceof Decoded.Failed<byte[]> f) {
      return Decoded.failed(f.error());
    }
    if (send instanceof Decoded.Failed<byte[]> f) {
      return Decoded.failed(f.error());
    }
    byte[] r = recv.orThrow();
    byte[] s = send.orThrow();
    try {
      if (r.length != 32 || s.length != 32) {
        return fail(DecodeError.Kind.BAD_LENGTH, "MPPE keys of " + r.length + "+" + s.length);
      }
      byte[] key = new byte[Msk.LENGTH];
      System.arraycopy(r, 0, key, 0, 32);
      System.arraycopy(s, 0, key, 32, 32);
      Msk msk = new Msk(key);
      Arrays.fill(key, (byte) 0);
      return Decoded.ok(msk);
    } finally {
      Arrays.fill(r, (byte) 0);
      Arrays.fill(s, (byte) 0);
    }
  }

  private static Optional<byte[]> find(RadiusPacket p, int type) {
    for (VendorSpecific v : VendorSpecific.of(p, VendorSpecific.MICROSOFT)) {
      Optional<VendorSpecific.SubAttribute> s = v.first(type);
      if (s.isPresent()) {
        return Optional.of(s.get().value());
      }
    }
    return Optional.empty();
  }

  private static byte[] md5(byte[] a, byte[] b, byte[] c) {
    MD5Digest d = new MD5Digest();
    d.update(a, 0, a.length);
    d.update(b, 0, b.length);
    d.update(c, 0, c.length);
    byte[] out = new byte[16];
    d.doFinal(out, 0);
    return out;
  }

  private static <T> Decoded<T> fail(DecodeError.Kind kind, String detail) {
    return Decoded.failed(new DecodeError(kind, 0, detail));
  }
}
