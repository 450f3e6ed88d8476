package net.iotgw.protocols.pana;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * The PANA message format (RFC 5191 §6): a 16-octet header whose Message Length counts the whole
 * message, then AVPs (§6.3) of Code, Flags, Length, Reserved, an optional Vendor-Id (V flag), the
 * Value, and padding to a 4-octet boundary. Unlike Diameter, AVP Length counts the Value only:
 * neither the header, the Vendor-Id nor the padding.
 *
 * <p>The decoder is strict where a wrong length would shift the meaning of the bytes (Message
 * Length must equal the datagram; every AVP and its padding must fit; Unsigned32 values are four
 * octets) and lenient where RFC 5191 says "ignored by the receiver" (the Reserved fields, the
 * reserved flag bits, the padding's content).
 */
public final class PanaCodec {
  /** The V bit of the AVP Flags (§6.3). */
  public static final int AVP_FLAG_V = 0x8000;
  /** AVP Code, Flags, Length, Reserved. */
  public static final int AVP_HEADER_LENGTH = 8;
  /** Nonce AVP value bounds: a plausibility check, see {@link Avp.Nonce}. */
  public static final int MIN_NONCE = 8;

  public static final int MAX_NONCE = 256;

  private PanaCodec() {}

  /** Decodes one UDP payload as one PANA message. */
  public static Decoded<PanaMessage> decode(byte[] in) {
    try {
      WireReader r = new WireReader(in);
      r.u16("PANA Reserved"); // §6.2: ignored by the receiver
      int length = r.u16("PANA Message Length");
      if (length < PanaHeader.LENGTH) {
        throw new Malformed(DecodeError.Kind.BAD_LENGTH, 2, "Message Length " + length + " < 16");
      }
      if (length > in.length) {
        throw new Malformed(
            DecodeError.Kind.TRUNCATED, 2, "Message Length " + length + " > " + in.length + " received");
      }
      if (length < in.length) {
        throw new Malformed(
            DecodeError.Kind.BAD_LENGTH, 2, "Message Length " + length + " < " + in.length + " received");
      }
      int flags = r.u16("PANA Flags");
      int type = r.u16("PANA Message Type");
      long session = r.u32("PANA Session Identifier");
      long sequence = r.u32("PANA Sequence Number");
      List<Avp> avps = readAvps(r, PanaHeader.LENGTH);
      return Decoded.ok(new PanaMessage(new PanaHeader(flags, type, session, sequence), avps));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  /** Decodes a bare AVP sequence, such as the plaintext of an Encr-Encap AVP. */
  public static Decoded<List<Avp>> decodeAvps(byte[] in) {
    try {
      return Decoded.ok(readAvps(new WireReader(in), 0));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  public static byte[] encode(PanaMessage m) {
    WireWriter w = new WireWriter(PanaHeader.LENGTH + 64);
    PanaHeader h = m.header();
    w.u16(0).u16(0).u16(h.flags()).u16(h.messageType()).u32(h.sessionId()).u32(h.sequenceNumber());
    for (Avp a : m.avps()) {
      writeAvp(w, a);
    }
    if (w.position() > 0xffff) {
      throw new IllegalArgumentException("PANA message of " + w.position() + " octets");
    }
    w.putU16At(2, w.position());
    return w.toByteArray();
  }

  public static byte[] encodeAvps(List<Avp> avps) {
    WireWriter w = new WireWriter();
    for (Avp a : avps) {
      writeAvp(w, a);
    }
    return w.toByteArray();
  }

  /**
   * Where the AUTH AVP's value lies in an encoded message: {offset, length}, or null when the
   * message has none. The message must already have decoded successfully.
   */
  static int[] authValueRange(byte[] message) throws Malformed {
    WireReader r = new WireReader(message);
    r.skip(PanaHeader.LENGTH, "PANA header");
    int[] found = null;
    while (r.hasRemaining()) {
      int code = r.u16("AVP Code");
      int flags = r.u16("AVP Flags");
      int length = r.u16("AVP Length");
      r.u16("AVP Reserved");
      if ((flags & AVP_FLAG_V) != 0) {
        r.u32("AVP Vendor-Id");
      } else if (code == AvpCode.AUTH.id()) {
        if (found != null) {
          throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, r.position(), "two AUTH AVPs");
        }
        found = new int[] {r.position(), length};
      }
      r.skip(length + pad(length), "AVP Value");
    }
    return found;
  }

  private static List<Avp> readAvps(WireReader r, int base) throws Malformed {
    List<Avp> out = new ArrayList<>();
    while (r.hasRemaining()) {
      int at = base + r.position();
      int code = r.u16("AVP Code");
      int flags = r.u16("AVP Flags");
      int length = r.u16("AVP Length");
      r.u16("AVP Reserved"); // §6.3: ignored by the receiver
      long vendor = (flags & AVP_FLAG_V) != 0 ? r.u32("AVP Vendor-Id") : 0;
      if (length > r.remaining()) {
        throw new Malformed(
            DecodeError.Kind.TRUNCATED, at + 4, "AVP Length " + length + " > " + r.remaining() + " left");
      }
      byte[] value = r.bytes(length, "AVP Value");
      int padding = pad(length);
      if (padding > r.remaining()) {
        throw new Malformed(DecodeError.Kind.TRUNCATED, at, "AVP padding missing at message end");
      }
      r.skip(padding, "AVP padding");
      out.add(typed(code, flags, vendor, value, at));
    }
    return out;
  }

  private static Avp typed(int code, int flags, long vendor, byte[] v, int at) throws Malformed {
    if ((flags & AVP_FLAG_V) != 0) {
      return new Avp.Unknown(code, flags, vendor, v);
    }
    var known = AvpCode.of(code);
    if (known.isEmpty()) {
      return new Avp.Unknown(code, flags, 0, v);
    }
    return switch (known.get()) {
      case AUTH -> new Avp.Auth(v);
      case EAP_PAYLOAD -> new Avp.EapPayload(v);
      case NONCE -> {
        if (v.length < MIN_NONCE || v.length > MAX_NONCE) {
          throw new Malformed(
              new DecodeError(DecodeError.Kind.BAD_LENGTH, at + 4, "Nonce of " + v.length + " octets", code));
        }
        yield new Avp.Nonce(v);
      }
      case ENCR_ENCAP -> new Avp.EncrEncap(v);
      case INTEGRITY_ALGORITHM -> new Avp.IntegrityAlgorithm(u32(v, code, at));
      case KEY_ID -> new Avp.KeyId(u32(v, code, at));
      case PRF_ALGORITHM -> new Avp.PrfAlgorithm(u32(v, code, at));
      case RESULT_CODE -> new Avp.ResultCode(u32(v, code, at));
      case SESSION_LIFETIME -> new Avp.SessionLifetime(u32(v, code, at));
      case TERMINATION_CAUSE -> new Avp.TerminationCause(u32(v, code, at));
      case ENCRYPTION_ALGORITHM -> new Avp.EncryptionAlgorithm(u32(v, code, at));
    };
  }

  private static long u32(byte[] v, int code, int at) throws Malformed {
    if (v.length != 4) {
      throw new Malformed(
          new DecodeError(
              DecodeError.Kind.BAD_LENGTH, at + 4, "AVP of type Unsigned32 with " + v.length + " octets", code));
    }
    return new WireReader(v).u32("Unsigned32");
  }

  private static void writeAvp(WireWriter w, Avp a) {
    int flags = a instanceof Avp.Unknown u ? u.flags() : 0;
    byte[] value = valueOf(a);
    if (value.length > 0xffff) {
      throw new IllegalArgumentException("AVP value of " + value.length + " octets");
    }
    w.u16(a.code()).u16(flags).u16(value.length).u16(0);
    if ((flags & AVP_FLAG_V) != 0) {
      w.u32(((Avp.Unknown) a).vendorId());
    }
    w.bytes(value).zeros(pad(value.length));
  }

  private static byte[] valueOf(Avp a) {
    if (a instanceof Avp.Auth x) {
      return x.value();
    } else if (a instanceof Avp.EapPayload x) {
      return x.eap();
    } else if (a instanceof Avp.Nonce x) {
      return x.value();
    } else if (a instanceof Avp.EncrEncap x) {
      return x.encrypted();
    } else if (a instanceof Avp.Unknown x) {
      return x.value();
    } else if (a instanceof Avp.IntegrityAlgorithm x) {
      return u32(x.id());
    } else if (a instanceof Avp.KeyId x) {
      return u32(x.id());
    } else if (a instanceof Avp.PrfAlgorithm x) {
      return u32(x.id());
    } else if (a instanceof Avp.ResultCode x) {
      return u32(x.value());
    } else if (a instanceof Avp.SessionLifetime x) {
      return u32(x.seconds());
    } else if (a instanceof Avp.TerminationCause x) {
      return u32(x.value());
    } else if (a instanceof Avp.EncryptionAlgorithm x) {
      return u32(x.id());
    }
    throw new IllegalStateException("unhandled AVP " + a);
  }

  private static byte[] u32(long v) {
    return new WireWriter(4).u32(v).toByteArray();
  }

  private static int pad(int length) {
    return (4 - (length & 3)) & 3;
  }
}
