package net.iotgw.protocols.eap;

import java.util.Optional;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * The EAP packet format (RFC 3748 §4): Code, Identifier, Length (2 octets, the whole packet),
 * then Type and Type-Data for Requests and Responses.
 */
public final class EapCodec {

  /** Code, Identifier, Length. */
  public static final int HEADER_LENGTH = 4;

  private EapCodec() {}

  /**
   * Decodes one packet. Octets beyond the Length field are link-layer padding and are ignored
   * (§4.1); a Length beyond the input, below the header, or not exactly 4 for Success/Failure
   * (§4.2) is refused, as is an unknown Code (§4: silently discarded by the caller).
   */
  public static Decoded<EapPacket> decode(byte[] in) {
    try {
      return Decoded.ok(read(new WireReader(in)));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  private static EapPacket read(WireReader r) throws Malformed {
    int code = r.u8("EAP Code");
    int identifier = r.u8("EAP Identifier");
    int length = r.u16("EAP Length");
    if (length < HEADER_LENGTH) {
      throw new Malformed(DecodeError.Kind.BAD_LENGTH, 2, "EAP Length " + length + " < 4");
    }
    if (length - HEADER_LENGTH > r.remaining()) {
      throw new Malformed(
          DecodeError.Kind.TRUNCATED,
          2,
          "EAP Length " + length + " exceeds the " + (r.remaining() + HEADER_LENGTH) + " octets received");
    }
    Optional<EapCode> known = EapCode.of(code);
    if (known.isEmpty()) {
      throw new Malformed(new DecodeError(DecodeError.Kind.INVALID_SYNTAX, 0, "unknown EAP Code", code));
    }
    WireReader body = r.slice(length - HEADER_LENGTH, "EAP body");
    return switch (known.get()) {
      case SUCCESS, FAILURE -> {
        if (length != HEADER_LENGTH) {
          throw new Malformed(
              DecodeError.Kind.BAD_LENGTH, 2, "EAP Success/Failure Length " + length + " != 4");
        }
        yield known.get() == EapCode.SUCCESS
            ? new EapPacket.Success(identifier)
            : new EapPacket.Failure(identifier);
      }
      case REQUEST, RESPONSE -> {
        int type = body.u8("EAP Type");
        if (type == 0) {
          throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, 4, "EAP Type 0 is reserved");
        }
        // §5.7: Vendor-Id (3) and Vendor-Type (4) follow the Expanded type octet.
        if (type == EapType.EXPANDED.id() && body.remaining() < 7) {
          throw new Malformed(DecodeError.Kind.TRUNCATED, 5, "EAP Expanded type needs 7 octets");
        }
        byte[] data = body.rest();
        yield known.get() == EapCode.REQUEST
            ? new EapPacket.Request(identifier, type, data)
            : new EapPacket.Response(identifier, type, data);
      }
    };
  }

  public static byte[] encode(EapPacket p) {
    WireWriter w = new WireWriter(HEADER_LENGTH + 64);
    w.u8(p.code().id()).u8(p.identifier());
    if (p instanceof EapPacket.Typed t) {
      byte[] data = t.typeData();
      int length = HEADER_LENGTH + 1 + data.length;
      if (length > 0xffff) {
        throw new IllegalArgumentException("EAP packet of " + length + " octets exceeds Length");
      }
      w.u16(length).u8(t.type()).bytes(data);
    } else {
      w.u16(HEADER_LENGTH);
    }
    return w.toByteArray();
  }
}
