package net.iotgw.protocols.ike.codec;

import net.iotgw.protocols.wire.WireWriter;

/**
 * One IKEv2 payload (RFC 7296 §3.2). Records hold only what the payload says; the generic payload
 * header's Next Payload and Payload Length are computed by {@link IkeEncoder} and checked by {@link
 * IkeDecoder}. Records that hold byte arrays copy them in and out, and compare by content.
 */
public sealed interface Payload
    permits SaPayload,
        KePayload,
        IdPayload,
        CertPayload,
        CertReqPayload,
        AuthPayload,
        NoncePayload,
        NotifyPayload,
        DeletePayload,
        VendorIdPayload,
        TsPayload,
        CpPayload,
        EapPayload,
        EncryptedPayload,
        EncryptedFragmentPayload,
        UnknownPayload {

  /** The payload type number that announces this payload (RFC 7296 §3.2). */
  int type();

  /**
   * The critical bit to send. RFC 7296 §2.5: it is meaningful only for payload types the receiver
   * may not know, so every known payload sends 0 and only {@link UnknownPayload} can set it.
   */
  default boolean critical() {
    return false;
  }

  /** Writes what follows the 4-byte generic payload header. */
  void writeBody(WireWriter out);

  /**
   * What follows the generic payload header, as it goes on the wire. For an ID payload this is
   * RestOfInitIDPayload / RestOfRespIDPayload, the input of prf(SK_p, ...) in AUTH (RFC 7296
   * §2.15).
   */
  default byte[] encodeBody() {
    WireWriter out = new WireWriter(64);
    writeBody(out);
    return out.toByteArray();
  }
}
