package net.iotgw.protocols.eap.psk;

import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * EAP-PSK Type-Data (RFC 4764 §5): the Flags octet (T in its two high bits, the rest reserved,
 * sent as zero and ignored on receipt) followed by the fields of message T.
 */
public final class PskCodec {

  static final int FIELD = 16;
  /** Nonce (4) and Tag (16) before the encrypted content. */
  private static final int PCHANNEL_FIXED = 4 + PChannel.TAG_LENGTH;

  private PskCodec() {}

  /** Decodes the Type-Data of an EAP packet of type 47 (the octets after the Type octet). */
  public static Decoded<PskMessage> decode(byte[] typeData) {
    try {
      return Decoded.ok(read(new WireReader(typeData)));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  private static PskMessage read(WireReader r) throws Malformed {
    int t = r.u8("EAP-PSK Flags") >>> 6;
    byte[] randS = r.bytes(FIELD, "RAND_S");
    return switch (t) {
      case 0 -> new PskMessage.First(randS, r.rest());
      case 1 -> {
        byte[] randP = r.bytes(FIELD, "RAND_P");
        byte[] macP = r.bytes(FIELD, "MAC_P");
        yield new PskMessage.Second(randS, randP, macP, r.rest());
      }
      case 2 -> {
        byte[] macS = r.bytes(FIELD, "MAC_S");
        yield new PskMessage.Third(randS, macS, readPChannel(r));
      }
      default -> new PskMessage.Fourth(randS, readPChannel(r));
    };
  }

  private static PChannel readPChannel(WireReader r) throws Malformed {
    long nonce = r.u32("PCHANNEL Nonce");
    byte[] tag = r.bytes(PChannel.TAG_LENGTH, "PCHANNEL Tag");
    if (!r.hasRemaining()) {
      throw new Malformed(DecodeError.Kind.TRUNCATED, r.position(), "PCHANNEL has no content");
    }
    return new PChannel(nonce, tag, r.rest());
  }

  public static byte[] encode(PskMessage m) {
    WireWriter w = new WireWriter(1 + 3 * FIELD + PCHANNEL_FIXED + 64);
    w.u8(m.t() << 6).bytes(field(m.randS(), "RAND_S"));
    if (m instanceof PskMessage.First f) {
      w.bytes(f.idS());
    } else if (m instanceof PskMessage.Second s) {
      w.bytes(field(s.randP(), "RAND_P")).bytes(field(s.macP(), "MAC_P")).bytes(s.idP());
    } else if (m instanceof PskMessage.Third t) {
      writePChannel(w.bytes(field(t.macS(), "MAC_S")), t.pchannel());
    } else if (m instanceof PskMessage.Fourth f) {
      writePChannel(w, f.pchannel());
    }
    return w.toByteArray();
  }

  /** The whole EAP packet: Requests for T = 0 and 2, Responses for T = 1 and 3. */
  public static byte[] encodePacket(int identifier, PskMessage m) {
    byte[] data = encode(m);
    EapPacket p =
        m.t() % 2 == 0
            ? new EapPacket.Request(identifier, EapType.PSK.id(), data)
            : new EapPacket.Response(identifier, EapType.PSK.id(), data);
    return EapCodec.encode(p);
  }

  /** §5.3: message 3 with its PCHANNEL sealed over the packet's own first 22 octets. */
  public static byte[] encodeThird(
      int identifier, byte[] randS, byte[] macS, byte[] tek, long nonce, PskResult r) {
    PChannel draft = new PChannel(nonce, new byte[PChannel.TAG_LENGTH], new byte[1]);
    byte[] header = header(encodePacket(identifier, new PskMessage.Third(randS, macS, draft)));
    PChannel sealed = PChannel.seal(tek, nonce, header, r);
    return encodePacket(identifier, new PskMessage.Third(randS, macS, sealed));
  }

  /** §5.4: message 4 with its PCHANNEL sealed over the packet's own first 22 octets. */
  public static byte[] encodeFourth(
      int identifier, byte[] randS, byte[] tek, long nonce, PskResult r) {
    PChannel draft = new PChannel(nonce, new byte[PChannel.TAG_LENGTH], new byte[1]);
    byte[] header = header(encodePacket(identifier, new PskMessage.Fourth(randS, draft)));
    PChannel sealed = PChannel.seal(tek, nonce, header, r);
    return encodePacket(identifier, new PskMessage.Fourth(randS, sealed));
  }

  /**
   * The EAX header of a packet carrying a PCHANNEL (§5.3): its first 22 octets as received, so
   * that reserved Flags bits and the Length are authenticated exactly as sent.
   */
  public static byte[] header(byte[] eapPacket) {
    return java.util.Arrays.copyOf(eapPacket, PChannel.HEADER_LENGTH);
  }

  private static void writePChannel(WireWriter w, PChannel p) {
    w.u32(p.nonce()).bytes(p.tag()).bytes(p.encrypted());
  }

  private static byte[] field(byte[] b, String what) {
    if (b.length != FIELD) {
      throw new IllegalArgumentException(what + " is 16 octets");
    }
    return b;
  }
}
