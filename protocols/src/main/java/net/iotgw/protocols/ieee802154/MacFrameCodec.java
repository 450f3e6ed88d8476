package net.iotgw.protocols.ieee802154;

import java.util.Arrays;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Decodes and encodes IEEE 802.15.4 general-format MAC frames (802.15.4-2015 §7.2; frame versions
 * 2003, 2006, 2015) within the PHY's limit of {@value #MAX_PHY_PACKET_SIZE} octets per PSDU
 * (aMaxPHYPacketSize, 802.15.4-2006 §6.4.1 Table 22), FCS included.
 *
 * <p>Decoding is total and exact: hostile input yields {@link Decoded.Failed}, never an exception,
 * and for every accepted frame {@code encode(decode(psdu))} gives back {@code psdu}: reserved bits
 * are refused rather than dropped, because the MIC of a secured frame covers the header octets as
 * received and link security rebuilds them with {@link #encodeHeader}.
 */
public final class MacFrameCodec {
  /** aMaxPHYPacketSize: the largest PSDU (MPDU with FCS) of the 2.4 GHz O-QPSK PHY. */
  public static final int MAX_PHY_PACKET_SIZE = 127;

  private MacFrameCodec() {}

  /**
   * Decodes a PSDU.
   *
   * @param psdu the octets the radio received
   * @param hasFcs whether {@code psdu} ends with the 2-octet FCS (it is then checked); false when
   *     the radio has already checked and removed it
   * @return the frame, or {@code BAD_LENGTH} beyond the PHY limit, {@code AUTHENTICATION_FAILED}
   *     for a wrong FCS (code: the FCS received), {@code UNSUPPORTED} for frame types 4-7, frame
   *     version 3, 2003 security and TSCH's ASN-in-nonce (code: the value), {@code TRUNCATED} or
   *     {@code INVALID_SYNTAX} otherwise
   */
  public static Decoded<MacFrame> decode(byte[] psdu, boolean hasFcs) {
    int limit = hasFcs ? MAX_PHY_PACKET_SIZE : MAX_PHY_PACKET_SIZE - Fcs.LENGTH;
    if (psdu.length > limit) {
      return failed(Kind.BAD_LENGTH, limit, psdu.length + " octets, above " + limit, psdu.length);
    }
    int mpdu = psdu.length;
    if (hasFcs) {
      if (psdu.length < Fcs.LENGTH) {
        return failed(Kind.TRUNCATED, 0, "shorter than an FCS", -1);
      }
      if (!Fcs.isValid(psdu)) {
        return failed(
            Kind.AUTHENTICATION_FAILED,
            psdu.length - Fcs.LENGTH,
            "FCS mismatch",
            Fcs.received(psdu));
      }
      mpdu -= Fcs.LENGTH;
    }
    try {
      WireReader r = new WireReader(psdu, 0, mpdu);
      MacHeader header = MacHeaderReader.read(r);
      if (r.remaining() < header.micLength()) {
        return failed(
            Kind.TRUNCATED,
            r.position(),
            "payload shorter than the " + header.micLength() + "-octet MIC",
            -1);
      }
      return Decoded.ok(new MacFrame(header, r.rest()));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  /**
   * The PSDU for {@code frame}: MAC header, payload, FCS.
   *
   * @throws IllegalArgumentException if it would exceed {@value #MAX_PHY_PACKET_SIZE} octets
   */
  public static byte[] encode(MacFrame frame) {
    int length = frame.header().length() + frame.payload().length + Fcs.LENGTH;
    if (length > MAX_PHY_PACKET_SIZE) {
      throw new IllegalArgumentException(
          "frame of " + length + " octets exceeds aMaxPhyPacketSize " + MAX_PHY_PACKET_SIZE);
    }
    WireWriter out = new WireWriter(length);
    MacHeaderWriter.write(frame.header(), out);
    out.bytes(frame.payload());
    byte[] psdu = Arrays.copyOf(out.toByteArray(), length);
    Fcs.fill(psdu);
    return psdu;
  }

  /**
   * The MAC header as it goes on the air: the authenticated-only data of CCM* for a secured frame
   * (802.15.4-2015 §9.3).
   */
  public static byte[] encodeHeader(MacHeader header) {
    WireWriter out = new WireWriter(header.length());
    MacHeaderWriter.write(header, out);
    return out.toByteArray();
  }

  /**
   * Octets of upper-layer data (6LoWPAN) that fit in one frame with {@code header}: the PHY limit
   * less the header, the MIC its security level appends and the FCS. Payload IEs, if any, come out
   * of this room too. Zero if even an empty payload would not fit.
   */
  public static int maxPayload(MacHeader header) {
    int room = MAX_PHY_PACKET_SIZE - header.length() - header.micLength() - Fcs.LENGTH;
    return Math.max(0, room);
  }

  private static Decoded<MacFrame> failed(Kind kind, int offset, String detail, int code) {
    return Decoded.failed(new DecodeError(kind, offset, detail, code));
  }
}
