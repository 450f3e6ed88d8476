package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Delete payload (RFC 7296 §3.11). Deleting the IKE SA names no SPI (size 0, none listed); deleting
 * Child SAs lists their inbound 4-byte SPIs.
 *
 * @param protocolId a {@link ProtocolId} number
 * @param spiSize bytes per SPI: 0 for IKE, 4 for AH and ESP
 * @param spis each exactly {@code spiSize} bytes
 */
public record DeletePayload(int protocolId, int spiSize, List<byte[]> spis) implements Payload {

  public DeletePayload {
    FieldRange.u8(protocolId, "protocol ID");
    FieldRange.u8(spiSize, "SPI size");
    FieldRange.u16(spis.size(), "number of SPIs");
    if (spiSize == 0 && !spis.isEmpty()) {
      throw new IllegalArgumentException("SPIs listed with SPI size 0");
    }
    for (byte[] spi : spis) {
      if (spi.length != spiSize) {
        throw new IllegalArgumentException("SPI of " + spi.length + " bytes, size " + spiSize);
      }
    }
    spis = Octets.deepCopy(spis);
  }

  /** Deletes the IKE SA the message travels in. */
  public static DeletePayload ikeSa() {
    return new DeletePayload(ProtocolId.IKE.id(), 0, List.of());
  }

  @Override
  public List<byte[]> spis() {
    return Octets.deepCopy(spis);
  }

  @Override
  public int type() {
    return PayloadType.DELETE.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.u8(protocolId).u8(spiSize).u16(spis.size());
    for (byte[] spi : spis) {
      out.bytes(spi);
    }
  }

  static DeletePayload read(WireReader body) throws Malformed {
    int protocol = body.u8("delete protocol ID");
    int spiSize = body.u8("delete SPI size");
    int count = body.u16("delete number of SPIs");
    // Checked before anything is allocated for the list: the count is the sender's claim.
    if (spiSize == 0 && count != 0) {
      throw Slice.syntax(body, count + " SPIs of size 0");
    }
    if ((long) spiSize * count != body.remaining()) {
      throw Slice.badLength(
          body, count + " SPIs of " + spiSize + " bytes in " + body.remaining() + " bytes");
    }
    List<byte[]> spis = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      spis.add(body.bytes(spiSize, "delete SPI"));
    }
    return new DeletePayload(protocol, spiSize, spis);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeletePayload p
        && protocolId == p.protocolId
        && spiSize == p.spiSize
        && Octets.equal(spis, p.spis);
  }

  @Override
  public int hashCode() {
    return (31 * protocolId + spiSize) * 31 + Octets.hash(spis);
  }

  @Override
  public String toString() {
    return "D[protocol=" + protocolId + ", spiSize=" + spiSize + ", " + Octets.brief(spis) + "]";
  }
}
