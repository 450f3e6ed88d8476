package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import java.util.Optional;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Notify payload (RFC 7296 §3.10). The SPI Size field is the length of {@code spi}, so the two
 * cannot disagree.
 *
 * @param protocolId a {@link ProtocolId} number when an SPI is present, otherwise 0 (ignored on
 *     receipt)
 * @param spi the SPI the notification concerns, usually empty; 4 bytes for AH/ESP
 * @param notifyType a {@link NotifyType} number, kept raw so unknown ones survive
 * @param data the Notification Data
 */
public record NotifyPayload(int protocolId, byte[] spi, int notifyType, byte[] data)
    implements Payload {

  private static final byte[] NONE = new byte[0];

  public NotifyPayload {
    FieldRange.u8(protocolId, "protocol ID");
    spi = FieldRange.copy(spi, 0xff, "notify SPI");
    FieldRange.u16(notifyType, "notify type");
    data = data.clone();
  }

  /** A notify about the IKE SA itself: no protocol, no SPI. */
  public static NotifyPayload of(NotifyType type, byte[] data) {
    return new NotifyPayload(0, NONE, type.id(), data);
  }

  /** A notify about the IKE SA without data, e.g. IKEV2_FRAGMENTATION_SUPPORTED. */
  public static NotifyPayload of(NotifyType type) {
    return of(type, NONE);
  }

  /** The type when this codec knows it. */
  public Optional<NotifyType> knownType() {
    return NotifyType.of(notifyType);
  }

  @Override
  public byte[] spi() {
    return spi.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public int type() {
    return PayloadType.NOTIFY.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.u8(protocolId).u8(spi.length).u16(notifyType).bytes(spi).bytes(data);
  }

  static NotifyPayload read(WireReader body) throws Malformed {
    int protocol = body.u8("notify protocol ID");
    int spiSize = body.u8("notify SPI size");
    int type = body.u16("notify type");
    if (spiSize > body.remaining()) {
      throw Slice.badLength(body, "notify SPI size " + spiSize + " exceeds the payload");
    }
    byte[] spi = body.bytes(spiSize, "notify SPI");
    return new NotifyPayload(protocol, spi, type, body.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NotifyPayload p
        && protocolId == p.protocolId
        && notifyType == p.notifyType
        && Arrays.equals(spi, p.spi)
        && Arrays.equals(data, p.data);
  }

  @Override
  public int hashCode() {
    int h = 31 * protocolId + notifyType;
    h = 31 * h + Arrays.hashCode(spi);
    return 31 * h + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    String name = knownType().map(Enum::name).orElse(Integer.toString(notifyType));
    return "N("
        + name
        + (spi.length == 0 ? "" : ", protocol=" + protocolId + ", spi=" + Octets.brief(spi))
        + (data.length == 0 ? "" : ", " + Octets.brief(data))
        + ")";
  }
}
