package net.iotgw.protocols.offload;

import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * The wire form of a CD's {@link DeliveryRefusal}: a vendor AVP of the offload's Vendor-Id
 * ({@value KeyDeliveryCodec#VENDOR_ID}), code {@value #CODE}, in the PNA that answers a key
 * delivery. It travels in clear under the PNA's AUTH: a reason and an SPI are not secret, and
 * RFC 6786 §5 keeps answers free of Encryption-Encap (the PaC's counter would repeat).
 *
 * <pre>
 *    0  Version = 1                1
 *    1  Reason                     1  {@link DeliveryRefusal.Reason}
 *    2  CD inbound ESP SPI         4  0 when the delivery did not decode that far
 * </pre>
 *
 * <p>Total decoder: another vendor or code, Version or reason (UNSUPPORTED), a wrong length
 * (TRUNCATED, BAD_LENGTH) give {@link Decoded.Failed}.
 */
public final class DeliveryRefusalCodec {
  public static final int CODE = 4;
  public static final int VERSION = 1;
  public static final int LENGTH = 6;

  private DeliveryRefusalCodec() {}

  public static Avp.Unknown encode(DeliveryRefusal r) {
    byte[] value = new WireWriter(LENGTH).u8(VERSION).u8(r.reason().id())
        .u32(r.cdInboundSpi() & 0xffff_ffffL).toByteArray();
    return new Avp.Unknown(CODE, PanaCodec.AVP_FLAG_V, KeyDeliveryCodec.VENDOR_ID, value);
  }

  /** Whether {@code avp} is a refusal: V flag, our Vendor-Id, code {@value #CODE}. */
  public static boolean isRefusal(Avp avp) {
    return SaRequestCodec.ours(avp, CODE);
  }

  /** Never throws; a foreign AVP is UNSUPPORTED. */
  public static Decoded<DeliveryRefusal> decode(Avp avp) {
    if (!isRefusal(avp)) {
      return SaRequestCodec.foreign(avp, CODE);
    }
    WireReader r = new WireReader(((Avp.Unknown) avp).value());
    try {
      int version = r.u8("version");
      if (version != VERSION) {
        throw new Malformed(new DecodeError(Kind.UNSUPPORTED, 0, "version " + version, version));
      }
      int reasonId = r.u8("reason");
      DeliveryRefusal.Reason reason = DeliveryRefusal.Reason.of(reasonId).orElseThrow(() ->
          new Malformed(new DecodeError(Kind.UNSUPPORTED, 1, "reason " + reasonId, reasonId)));
      int spi = (int) r.u32("CD inbound ESP SPI");
      SaRequestCodec.end(r);
      return Decoded.ok(new DeliveryRefusal(reason, spi));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  /**
   * The refusal a CD answers for a delivery AVP the offload codec rejected with {@code error}:
   * UNSUPPORTED stays UNSUPPORTED, anything else is MALFORMED; no SPI is known.
   */
  public static DeliveryRefusal refusalFor(DecodeError error) {
    return new DeliveryRefusal(error.kind() == Kind.UNSUPPORTED
        ? DeliveryRefusal.Reason.UNSUPPORTED : DeliveryRefusal.Reason.MALFORMED, 0);
  }
}
