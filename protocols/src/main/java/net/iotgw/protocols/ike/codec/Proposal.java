package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * A proposal substructure (RFC 7296 §3.3.1). The SPI Size and Num Transforms fields are the sizes
 * of {@code spi} and {@code transforms}.
 *
 * @param number 1 for the first proposal of an offer, each next one more; the accepted one's number
 *     in an answer
 * @param protocolId a {@link ProtocolId} number
 * @param spi empty in IKE_SA_INIT, 8 bytes when rekeying the IKE SA, 4 for AH/ESP
 * @param transforms in wire order
 */
public record Proposal(int number, int protocolId, byte[] spi, List<Transform> transforms) {

  /** Last Substruc, Reserved and Proposal Length: what precedes {@link #read}'s part. */
  static final int HEADER_LENGTH = 4;

  /**
   * Last Substruc, Reserved, Proposal Length, Proposal Num, Protocol ID, SPI Size, Num Transforms.
   */
  static final int FIXED_LENGTH = 8;

  /** RFC 7296 §3.3.1: the Last Substruc value announcing another proposal. */
  static final int MORE = 2;

  public Proposal {
    FieldRange.u8(number, "proposal number");
    FieldRange.u8(protocolId, "protocol ID");
    spi = FieldRange.copy(spi, 0xff, "proposal SPI");
    FieldRange.u8(transforms.size(), "number of transforms");
    transforms = List.copyOf(transforms);
  }

  @Override
  public byte[] spi() {
    return spi.clone();
  }

  void write(WireWriter out, boolean last) {
    int start = out.position();
    out.u8(last ? 0 : MORE).u8(0).u16(0);
    out.u8(number).u8(protocolId).u8(spi.length).u8(transforms.size()).bytes(spi);
    for (int i = 0; i < transforms.size(); i++) {
      transforms.get(i).write(out, i == transforms.size() - 1);
    }
    out.putU16At(start + 2, FieldRange.u16(out.position() - start, "proposal length"));
  }

  /** Reads what follows the proposal's Proposal Length field. */
  static Proposal read(WireReader r) throws Malformed {
    int number = r.u8("proposal number");
    int protocol = r.u8("proposal protocol ID");
    int spiSize = r.u8("proposal SPI size");
    int count = r.u8("proposal number of transforms");
    byte[] spi = r.bytes(spiSize, "proposal SPI");
    List<Transform> transforms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean last = i == count - 1;
      int marker = r.u8("transform last substructure");
      if (marker != (last ? 0 : Transform.MORE)) {
        throw Slice.syntax(
            r, "transform " + (i + 1) + " of " + count + " has Last Substruc " + marker);
      }
      r.u8("transform reserved");
      int length = r.u16("transform length");
      if (length < Transform.FIXED_LENGTH) {
        throw Slice.badLength(r, "transform length " + length);
      }
      transforms.add(
          Slice.read(r, length - Transform.HEADER_LENGTH, "transform", Transform::read));
    }
    return new Proposal(number, protocol, spi, transforms);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Proposal p
        && number == p.number
        && protocolId == p.protocolId
        && Arrays.equals(spi, p.spi)
        && transforms.equals(p.transforms);
  }

  @Override
  public int hashCode() {
    int h = 31 * number + protocolId;
    h = 31 * h + Arrays.hashCode(spi);
    return 31 * h + transforms.hashCode();
  }

  @Override
  public String toString() {
    return "Proposal[#"
        + number
        + ", protocol="
        + protocolId
        + (spi.length == 0 ? "" : ", spi=" + Octets.brief(spi))
        + ", "
        + transforms
        + "]";
  }
}
