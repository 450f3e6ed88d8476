package net.iotgw.protocols.radius;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;

/**
 * Packet authentication: the Request Authenticator (RFC 2865 §3), the Response Authenticator
 * (RFC 2865 §3) and Message-Authenticator (RFC 3579 §3.2). Every packet we sign carries a
 * Message-Authenticator; every packet we verify must carry exactly one valid one.
 */
public final class RadiusAuth {

  private static final int MA_LENGTH = 16;

  private RadiusAuth() {}

  /** A fresh Request Authenticator: 16 unpredictable octets (RFC 2865 §3). */
  public static byte[] newRequestAuthenticator(SecureRandom random) {
    byte[] a = new byte[RadiusPacket.AUTHENTICATOR_LENGTH];
    random.nextBytes(a);
    return a;
  }

  /**
   * Encodes a request, whose header already holds its random Request Authenticator, with a
   * Message-Authenticator computed over the packet with that attribute zeroed (RFC 3579 §3.2). An
   * existing Message-Authenticator attribute is replaced.
   */
  public static byte[] signRequest(RadiusPacket request, byte[] secret) {
    byte[] wire = withZeroMessageAuthenticator(request).encode();
    fillMessageAuthenticator(wire, secret);
    return wire;
  }

  /**
   * Encodes a response to the request whose authenticator is {@code requestAuthenticator}: the
   * Message-Authenticator is computed with the Request Authenticator in the header (RFC 3579
   * §3.2), then the Response Authenticator over the result (RFC 2865 §3).
   */
  public static byte[] signResponse(
      RadiusPacket response, byte[] requestAuthenticator, byte[] secret) {
    byte[] wire =
        withZeroMessageAuthenticator(response.withAuthenticator(requestAuthenticator)).encode();
    fillMessageAuthenticator(wire, secret);
    System.arraycopy(responseAuthenticator(wire, requestAuthenticator, secret), 0, wire, 4, 16);
    return wire;
  }

  /**
   * MD5(Code | Identifier | Length | RequestAuth | Attributes | Secret) over an encoded response;
   * the header's authenticator octets are ignored (RFC 2865 §3).
   */
  public static byte[] responseAuthenticator(
      byte[] wire, byte[] requestAuthenticator, byte[] secret) {
    MD5Digest md5 = new MD5Digest();
    md5.update(wire, 0, 4);
    md5.update(requestAuthenticator, 0, RadiusPacket.AUTHENTICATOR_LENGTH);
    md5.update(wire, RadiusPacket.HEADER, wire.length - RadiusPacket.HEADER);
    md5.update(secret, 0, secret.length);
    byte[] out = new byte[16];
    md5.doFinal(out, 0);
    return out;
  }

  /** Checks a received response's authenticator, in constant time. */
  public static boolean responseAuthenticatorValid(
      byte[] wire, byte[] requestAuthenticator, byte[] secret) {
    if (wire.length < RadiusPacket.HEADER) {
      return false;
    }
    byte[] expected = responseAuthenticator(wire, requestAuthenticator, secret);
    return Arrays.constantTimeAreEqual(16, expected, 0, wire, 4);
  }

  /** Why a received packet was refused. */
  public enum Refusal {
    MALFORMED,
    NOT_A_RESPONSE,
    NOT_A_REQUEST,
    BAD_RESPONSE_AUTHENTICATOR,
    MISSING_MESSAGE_AUTHENTICATOR,
    DUPLICATE_MESSAGE_AUTHENTICATOR,
    BAD_MESSAGE_AUTHENTICATOR
  }

  /** The outcome of verifying a received packet. */
  public sealed interface Verified {
    /** Authentic and well-formed. */
    record Accepted(RadiusPacket packet) implements Verified {}

    /** To be dropped silently (RFC 2865 §3, RFC 3579 §3.2); {@code detail} is for logs. */
    record Refused(Refusal reason, String detail) implements Verified {}
  }

  /**
   * Verifies an answer to a request we sent with {@code requestAuthenticator}: well-formed, a
   * response code, Response Authenticator, and exactly one valid Message-Authenticator.
   */
  public static Verified verifyResponse(byte[] wire, byte[] requestAuthenticator, byte[] secret) {
    Decoded<RadiusPacket> decoded = RadiusPacket.decode(wire);
    if (decoded instanceof Decoded.Failed<RadiusPacket> f) {
      return new Verified.Refused(Refusal.MALFORMED, f.error().toString());
    }
    RadiusPacket packet = decoded.orThrow();
    if (!packet.code().isResponse()) {
      return new Verified.Refused(Refusal.NOT_A_RESPONSE, packet.code().toString());
    }
    if (!responseAuthenticatorValid(wire, requestAuthenticator, secret)) {
      return new Verified.Refused(Refusal.BAD_RESPONSE_AUTHENTICATOR, "id " + packet.identifier());
    }
    return checkMessageAuthenticator(packet, wire, requestAuthenticator, secret);
  }

  /**
   * Verifies a request (the server side: our embedded authenticator and tests): well-formed, a
   * request code, and exactly one valid Message-Authenticator over the packet as received.
   */
  public static Verified verifyRequest(byte[] wire, byte[] secret) {
    Decoded<RadiusPacket> decoded = RadiusPacket.decode(wire);
    if (decoded instanceof Decoded.Failed<RadiusPacket> f) {
      return new Verified.Refused(Refusal.MALFORMED, f.error().toString());
    }
    RadiusPacket packet = decoded.orThrow();
    if (packet.code().isResponse()) {
      return new Verified.Refused(Refusal.NOT_A_REQUEST, packet.code().toString());
    }
    return checkMessageAuthenticator(packet, wire, packet.authenticator(), secret);
  }

  private static Verified checkMessageAuthenticator(
      RadiusPacket packet, byte[] wire, byte[] headerAuthenticator, byte[] secret) {
    int offset = -1;
    int pos = RadiusPacket.HEADER;
    for (RadiusAttribute a : packet.attributes()) {
      if (a.type() == AttributeType.MESSAGE_AUTHENTICATOR) {
        if (offset >= 0) {
          return new Verified.Refused(Refusal.DUPLICATE_MESSAGE_AUTHENTICATOR, "");
        }
        if (a.value().length != MA_LENGTH) {
          return new Verified.Refused(
              Refusal.BAD_MESSAGE_AUTHENTICATOR, "length " + a.value().length);
        }
        offset = pos + 2;
      }
      pos += 2 + a.value().length;
    }
    if (offset < 0) {
      return new Verified.Refused(Refusal.MISSING_MESSAGE_AUTHENTICATOR, "");
    }
    byte[] copy = wire.clone();
    System.arraycopy(headerAuthenticator, 0, copy, 4, 16);
    java.util.Arrays.fill(copy, offset, offset + MA_LENGTH, (byte) 0);
    byte[] expected = hmacMd5(secret, copy);
    if (!Arrays.constantTimeAreEqual(MA_LENGTH, expected, 0, wire, offset)) {
      return new Verified.Refused(Refusal.BAD_MESSAGE_AUTHENTICATOR, "id " + packet.identifier());
    }
    return new Verified.Accepted(packet);
  }

  private static RadiusPacket withZeroMessageAuthenticator(RadiusPacket p) {
    List<RadiusAttribute> attrs = new ArrayList<>();
    for (RadiusAttribute a : p.attributes()) {
      if (a.type() != AttributeType.MESSAGE_AUTHENTICATOR) {
        attrs.add(a);
      }
    }
    attrs.add(new RadiusAttribute(AttributeType.MESSAGE_AUTHENTICATOR, new byte[MA_LENGTH]));
    return new RadiusPacket(p.code(), p.identifier(), p.authenticator(), attrs);
  }

  /** The zeroed Message-Authenticator is the last attribute: fill its value in place. */
  private static void fillMessageAuthenticator(byte[] wire, byte[] secret) {
    byte[] mac = hmacMd5(secret, wire);
    System.arraycopy(mac, 0, wire, wire.length - MA_LENGTH, MA_LENGTH);
  }

  static byte[] hmacMd5(byte[] key, byte[] data) {
    HMac hmac = new HMac(new MD5Digest());
    hmac.init(new KeyParameter(key));
    hmac.update(data, 0, data.length);
    byte[] out = new byte[hmac.getMacSize()];
    hmac.doFinal(out, 0);
    return out;
  }
}
