package net.iotgw.protocols.radius;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * A RADIUS packet (RFC 2865 §3): code, identifier, 16-byte authenticator and attributes in wire
 * order. The authenticator is whatever is in the header; {@link RadiusAuth} computes and checks it.
 */
public record RadiusPacket(
    RadiusCode code, int identifier, byte[] authenticator, List<RadiusAttribute> attributes) {

  public static final int HEADER = 20;
  public static final int MIN_LENGTH = 20;
  public static final int MAX_LENGTH = 4096;
  public static final int AUTHENTICATOR_LENGTH = 16;

  public RadiusPacket {
    if (identifier < 0 || identifier > 255) {
      throw new IllegalArgumentException("identifier " + identifier);
    }
    if (authenticator.length != AUTHENTICATOR_LENGTH) {
      throw new IllegalArgumentException("authenticator of " + authenticator.length + " bytes");
    }
    authenticator = authenticator.clone();
    attributes = List.copyOf(attributes);
    int length = HEADER;
    for (RadiusAttribute a : attributes) {
      length += a.wireLength();
    }
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("packet of " + length + " bytes exceeds 4096");
    }
  }

  @Override
  public byte[] authenticator() {
    return authenticator.clone();
  }

  /** The same packet with another authenticator in its header. */
  public RadiusPacket withAuthenticator(byte[] newAuthenticator) {
    return new RadiusPacket(code, identifier, newAuthenticator, attributes);
  }

  /** The same packet with {@code extra} appended after the existing attributes. */
  public RadiusPacket withAttribute(RadiusAttribute extra) {
    List<RadiusAttribute> all = new ArrayList<>(attributes);
    all.add(extra);
    return new RadiusPacket(code, identifier, authenticator, all);
  }

  public int length() {
    int length = HEADER;
    for (RadiusAttribute a : attributes) {
      length += a.wireLength();
    }
    return length;
  }

  public Optional<RadiusAttribute> first(int type) {
    return attributes.stream().filter(a -> a.type() == type).findFirst();
  }

  public List<RadiusAttribute> all(int type) {
    return attributes.stream().filter(a -> a.type() == type).toList();
  }

  public byte[] encode() {
    WireWriter w = new WireWriter(length());
    w.u8(code.id()).u8(identifier).u16(length()).bytes(authenticator);
    for (RadiusAttribute a : attributes) {
      w.u8(a.type()).u8(a.wireLength()).bytes(a.value());
    }
    return w.toByteArray();
  }

  /**
   * Decodes one datagram. The Length field must be 20..4096 and equal the datagram's size: we
   * refuse trailing octets rather than treat them as padding (RFC 2865 §3 permits either; nothing
   * we talk to pads, and exactness keeps the signed region unambiguous).
   */
  public static Decoded<RadiusPacket> decode(byte[] datagram) {
    try {
      return Decoded.ok(read(datagram));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  private static RadiusPacket read(byte[] datagram) throws Malformed {
    WireReader r = new WireReader(datagram);
    int codeId = r.u8("code");
    int identifier = r.u8("identifier");
    int length = r.u16("length");
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new Malformed(DecodeError.Kind.BAD_LENGTH, 2, "length " + length + " not in 20..4096");
    }
    if (length > datagram.length) {
      throw new Malformed(
          DecodeError.Kind.TRUNCATED, 2, "length " + length + ", datagram " + datagram.length);
    }
    if (length < datagram.length) {
      throw new Malformed(
          DecodeError.Kind.BAD_LENGTH, 2, "length " + length + ", datagram " + datagram.length);
    }
    RadiusCode code =
        RadiusCode.of(codeId)
            .orElseThrow(
                () ->
                    new Malformed(
                        new DecodeError(DecodeError.Kind.UNSUPPORTED, 0, "code", codeId)));
    byte[] authenticator = r.bytes(AUTHENTICATOR_LENGTH, "authenticator");
    List<RadiusAttribute> attributes = new ArrayList<>();
    while (r.hasRemaining()) {
      int at = r.position();
      int type = r.u8("attribute type");
      int attrLength = r.u8("attribute length");
      if (attrLength < 2) {
        throw new Malformed(
            new DecodeError(DecodeError.Kind.BAD_LENGTH, at + 1, "attribute length < 2", type));
      }
      if (attrLength - 2 > r.remaining()) {
        throw new Malformed(
            new DecodeError(
                DecodeError.Kind.BAD_LENGTH, at + 1, "attribute overruns the packet", type));
      }
      attributes.add(new RadiusAttribute(type, r.bytes(attrLength - 2, "attribute value")));
    }
    return new RadiusPacket(code, identifier, authenticator, attributes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RadiusPacket p
        && p.code == code
        && p.identifier == identifier
        && Arrays.equals(p.authenticator, authenticator)
        && p.attributes.equals(attributes);
  }

  @Override
  public int hashCode() {
    return ((code.hashCode() * 31 + identifier) * 31 + Arrays.hashCode(authenticator)) * 31
        + attributes.hashCode();
  }

  @Override
  public String toString() {
    return "RadiusPacket[" + code + " id=" + identifier + " " + attributes + "]";
  }
}
