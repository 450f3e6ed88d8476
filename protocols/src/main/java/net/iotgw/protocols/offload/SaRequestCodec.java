package net.iotgw.protocols.offload;

import java.net.InetSocketAddress;
import java.util.Optional;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * The wire form of a CD's {@link SaRequest} and of the gateway's {@link SaRequestFailed}: vendor
 * AVPs (RFC 5191 §6.3, V flag) of the same Vendor-Id as {@link KeyDeliveryCodec} ({@value
 * KeyDeliveryCodec#VENDOR_ID}, RFC 5612's documentation PEN), each with a code of its own.
 *
 * <p>The request travels in the Encryption-Encap AVP (RFC 6786 §5, the PaC's encryption key) of
 * a signed PNR the PaC initiates ({@code PacEngine.deliver}); the PAA's PNA only says the request
 * arrived. The answer is a later PNR from the PAA: the key delivery of the SA (CD role
 * initiator), or a failure, also inside Encryption-Encap. All fields big-endian:
 *
 * <pre>
 * SA request (code {@value #REQUEST_CODE}), PaC to PAA
 *    0  Version = 1                1
 *    1  Request id                 2  the CD's number, echoed by a failure
 *    3  Mode                       1  1 tunnel, 2 transport
 *    4  Flags                      1  none defined: 0
 *    5  UD address                16  IPv6; IPv4 as IPv4-mapped (RFC 4291 §2.5.5.2)
 *   21  UD IKE port                2  not 0
 *   23  ID type                    1  0: no expected identity; else an IKEv2 ID Type (RFC 7296
 *                                     §3.5) of the identity the UD must prove
 *   24  ID length L                2  0 with ID type 0, else 1..255
 *   26  ID data                    L
 *
 * SA request failed (code {@value #FAILED_CODE}), PAA to PaC
 *    0  Version = 1                1
 *    1  Request id                 2
 *    3  Reason                     1  {@link SaRequestFailed.Reason}
 *    4  IKE notify                 2  the UD's error notify type (RFC 7296 §3.10.1), or 0
 *    6  UD address                16
 * </pre>
 *
 * <p>Total decoders: another vendor or code, another Version, an unknown reason or mode
 * (UNSUPPORTED), reserved bits or impossible values (INVALID_SYNTAX), wrong lengths and trailing
 * octets (BAD_LENGTH, TRUNCATED) give {@link Decoded.Failed}; the identity is read only after its
 * length is checked against what remains. Encoders throw {@link IllegalArgumentException} for
 * what the decoder would refuse.
 */
public final class SaRequestCodec {
  public static final int REQUEST_CODE = 2;
  public static final int FAILED_CODE = 3;
  public static final int VERSION = 1;
  public static final int REQUEST_FIXED_LENGTH = 26;
  public static final int FAILED_LENGTH = 22;
  /** An ID payload's data is bounded by the message; a CD's request keeps it to one octet. */
  public static final int MAX_ID_LENGTH = 255;

  private SaRequestCodec() {}

  /** @throws IllegalArgumentException for port 0 or an identity longer than 255 octets */
  public static Avp.Unknown encode(SaRequest r) {
    byte[] id = r.expectedUd().map(Identity::data).orElse(new byte[0]);
    if (r.ud().getPort() == 0) {
      throw new IllegalArgumentException("UD port 0");
    }
    if (r.expectedUd().isPresent() && (id.length == 0 || id.length > MAX_ID_LENGTH
        || r.expectedUd().get().type() == 0)) {
      throw new IllegalArgumentException("an identity of type 1..255 and 1..255 octets");
    }
    byte[] value = new WireWriter(REQUEST_FIXED_LENGTH + id.length)
        .u8(VERSION).u16(r.requestId())
        .u8(r.mode() == ChildSa.Mode.TUNNEL ? 1 : 2).u8(0)
        .bytes(KeyDeliveryCodec.address16(r.ud().getAddress())).u16(r.ud().getPort())
        .u8(r.expectedUd().map(Identity::type).orElse(0)).u16(id.length).bytes(id)
        .toByteArray();
    return new Avp.Unknown(REQUEST_CODE, PanaCodec.AVP_FLAG_V, KeyDeliveryCodec.VENDOR_ID, value);
  }

  public static Avp.Unknown encode(SaRequestFailed f) {
    byte[] value = new WireWriter(FAILED_LENGTH)
        .u8(VERSION).u16(f.requestId()).u8(f.reason().id()).u16(f.ikeNotify())
        .bytes(KeyDeliveryCodec.address16(f.ud()))
        .toByteArray();
    return new Avp.Unknown(FAILED_CODE, PanaCodec.AVP_FLAG_V, KeyDeliveryCodec.VENDOR_ID, value);
  }

  /** Whether {@code avp} is an SA request: V flag, our Vendor-Id, code {@value #REQUEST_CODE}. */
  public static boolean isRequest(Avp avp) {
    return ours(avp, REQUEST_CODE);
  }

  /** Whether {@code avp} is a failure: V flag, our Vendor-Id, code {@value #FAILED_CODE}. */
  public static boolean isFailure(Avp avp) {
    return ours(avp, FAILED_CODE);
  }

  /** Never throws; a foreign AVP is UNSUPPORTED. */
  public static Decoded<SaRequest> decodeRequest(Avp avp) {
    if (!isRequest(avp)) {
      return foreign(avp, REQUEST_CODE);
    }
    try {
      return Decoded.ok(request(new WireReader(((Avp.Unknown) avp).value())));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  /** Never throws; a foreign AVP is UNSUPPORTED. */
  public static Decoded<SaRequestFailed> decodeFailure(Avp avp) {
    if (!isFailure(avp)) {
      return foreign(avp, FAILED_CODE);
    }
    try {
      return Decoded.ok(failure(new WireReader(((Avp.Unknown) avp).value())));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  private static SaRequest request(WireReader r) throws Malformed {
    version(r);
    int requestId = r.u16("request id");
    int at = r.position();
    ChildSa.Mode mode = switch (r.u8("mode")) {
      case 1 -> ChildSa.Mode.TUNNEL;
      case 2 -> ChildSa.Mode.TRANSPORT;
      default -> throw new Malformed(Kind.INVALID_SYNTAX, at, "mode");
    };
    at = r.position();
    if (r.u8("flags") != 0) {
      throw new Malformed(Kind.INVALID_SYNTAX, at, "reserved flags");
    }
    byte[] address = r.bytes(16, "UD address");
    at = r.position();
    int port = r.u16("UD port");
    if (port == 0) {
      throw new Malformed(Kind.INVALID_SYNTAX, at, "UD port 0");
    }
    int type = r.u8("ID type");
    at = r.position();
    int length = r.u16("ID length");
    if (type == 0 ? length != 0 : length == 0 || length > MAX_ID_LENGTH) {
      throw new Malformed(Kind.BAD_LENGTH, at, "ID of type " + type + " and " + length + " octets");
    }
    Optional<Identity> id = type == 0 ? Optional.empty()
        : Optional.of(new Identity(type, r.bytes(length, "ID data")));
    end(r);
    return new SaRequest(requestId, mode,
        new InetSocketAddress(KeyDeliveryCodec.inetAddress(address), port), id);
  }

  private static SaRequestFailed failure(WireReader r) throws Malformed {
    version(r);
    int requestId = r.u16("request id");
    int at = r.position();
    int reasonId = r.u8("reason");
    SaRequestFailed.Reason reason = SaRequestFailed.Reason.of(reasonId).orElseThrow(() ->
        new Malformed(new DecodeError(Kind.UNSUPPORTED, at, "reason " + reasonId, reasonId)));
    int notify = r.u16("IKE notify");
    byte[] address = r.bytes(16, "UD address");
    end(r);
    return new SaRequestFailed(requestId, reason, notify, KeyDeliveryCodec.inetAddress(address));
  }

  static void version(WireReader r) throws Malformed {
    int version = r.u8("version");
    if (version != VERSION) {
      throw new Malformed(new DecodeError(Kind.UNSUPPORTED, 0, "version " + version, version));
    }
  }

  static void end(WireReader r) throws Malformed {
    if (r.hasRemaining()) {
      throw new Malformed(Kind.BAD_LENGTH, r.position(), r.remaining() + " trailing octets");
    }
  }

  static boolean ours(Avp avp, int code) {
    return avp instanceof Avp.Unknown u
        && u.isVendorSpecific()
        && u.vendorId() == KeyDeliveryCodec.VENDOR_ID
        && u.code() == code;
  }

  static <T> Decoded<T> foreign(Avp avp, int code) {
    return Decoded.failed(new DecodeError(Kind.UNSUPPORTED, 0,
        "not vendor " + KeyDeliveryCodec.VENDOR_ID + " code " + code, avp.code()));
  }
}
