package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Traffic Selector payload, TSi or TSr (RFC 7296 §3.13). Number of TSs is the list's size; every
 * selector's length must fit its type exactly (16 for IPv4, 40 for IPv6 ranges).
 *
 * @param role TSi (44) or TSr (45)
 * @param selectors at most 255
 */
public record TsPayload(Role role, List<TrafficSelector> selectors) implements Payload {

  /** TS Type, IP Protocol ID (or reserved), Selector Length. */
  private static final int SELECTOR_HEADER = 4;

  public TsPayload {
    if (role == null) {
      throw new NullPointerException("role");
    }
    FieldRange.u8(selectors.size(), "number of TSs");
    selectors = List.copyOf(selectors);
  }

  @Override
  public int type() {
    return role == Role.INITIATOR ? PayloadType.TSI.id() : PayloadType.TSR.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.u8(selectors.size()).u24(0);
    for (TrafficSelector ts : selectors) {
      if (ts instanceof TrafficSelector.AddressRange range) {
        byte[] start = range.startAddress();
        out.u8(range.tsType())
            .u8(range.ipProtocol())
            .u16(TrafficSelector.AddressRange.selectorLength(start.length))
            .u16(range.startPort())
            .u16(range.endPort())
            .bytes(start)
            .bytes(range.endAddress());
      } else {
        TrafficSelector.Other other = (TrafficSelector.Other) ts;
        byte[] data = other.data();
        out.u8(other.tsType())
            .u8(other.secondOctet())
            .u16(SELECTOR_HEADER + data.length)
            .bytes(data);
      }
    }
  }

  /**
   * Reads a TS payload body (Number of TSs, reserved, selectors) from {@code body}, consuming
   * exactly the selectors it counts; also the selector lists of the offload key delivery.
   */
  public static TsPayload read(Role role, WireReader body) throws Malformed {
    int count = body.u8("number of TSs");
    body.u24("TS reserved");
    List<TrafficSelector> selectors = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int tsType = body.u8("TS type");
      int secondOctet = body.u8("TS IP protocol");
      int length = body.u16("TS selector length");
      if (length < SELECTOR_HEADER) {
        throw Slice.badLength(body, "selector length " + length);
      }
      selectors.add(
          Slice.read(
              body,
              length - SELECTOR_HEADER,
              "traffic selector",
              r -> readSelector(tsType, secondOctet, length, r)));
    }
    return new TsPayload(role, selectors);
  }

  private static TrafficSelector readSelector(int tsType, int secondOctet, int length, WireReader r)
      throws Malformed {
    int addressLength;
    if (tsType == TsType.TS_IPV4_ADDR_RANGE.id()) {
      addressLength = 4;
    } else if (tsType == TsType.TS_IPV6_ADDR_RANGE.id()) {
      addressLength = 16;
    } else {
      return new TrafficSelector.Other(tsType, secondOctet, r.rest());
    }
    if (length != TrafficSelector.AddressRange.selectorLength(addressLength)) {
      throw Slice.badLength(r, "selector length " + length + " for TS type " + tsType);
    }
    int startPort = r.u16("TS start port");
    int endPort = r.u16("TS end port");
    byte[] start = r.bytes(addressLength, "TS start address");
    byte[] end = r.bytes(addressLength, "TS end address");
    return new TrafficSelector.AddressRange(secondOctet, startPort, endPort, start, end);
  }
}
