package net.iotgw.protocols.ike.codec;

import java.util.Arrays;

/**
 * One traffic selector of a TS payload (RFC 7296 §3.13.1): an address range, or a selector of a
 * type this codec does not interpret, kept whole so that an engine can answer TS_UNACCEPTABLE (or
 * ignore it) rather than the decoder refusing the message.
 */
public sealed interface TrafficSelector {

  /** The TS Type number ({@link TsType}). */
  int tsType();

  /**
   * TS_IPV4_ADDR_RANGE (7) or TS_IPV6_ADDR_RANGE (8), chosen by the address length. A start port of
   * 65535 with end port 0 means OPAQUE ports (§3.13.1); other start > end ranges are empty, which
   * is the engine's to judge.
   *
   * @param ipProtocol IP protocol number, 0 for any
   * @param startPort first port, inclusive
   * @param endPort last port, inclusive
   * @param startAddress 4 or 16 bytes
   * @param endAddress as long as {@code startAddress}
   */
  record AddressRange(
      int ipProtocol, int startPort, int endPort, byte[] startAddress, byte[] endAddress)
      implements TrafficSelector {

    /** RFC 7296 §3.13.1: type, protocol, length, two ports, two addresses (16 or 40 bytes). */
    static int selectorLength(int addressLength) {
      return 8 + 2 * addressLength;
    }

    public AddressRange {
      FieldRange.u8(ipProtocol, "IP protocol");
      FieldRange.u16(startPort, "start port");
      FieldRange.u16(endPort, "end port");
      if (startAddress.length != endAddress.length
          || (startAddress.length != 4 && startAddress.length != 16)) {
        throw new IllegalArgumentException(
            "addresses of " + startAddress.length + " and " + endAddress.length + " bytes");
      }
      startAddress = startAddress.clone();
      endAddress = endAddress.clone();
    }

    /** Any protocol, any port, from {@code start} to {@code end}. */
    public static AddressRange of(byte[] start, byte[] end) {
      return new AddressRange(0, 0, 0xffff, start, end);
    }

    @Override
    public int tsType() {
      return startAddress.length == 4
          ? TsType.TS_IPV4_ADDR_RANGE.id()
          : TsType.TS_IPV6_ADDR_RANGE.id();
    }

    @Override
    public byte[] startAddress() {
      return startAddress.clone();
    }

    @Override
    public byte[] endAddress() {
      return endAddress.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof AddressRange r
          && ipProtocol == r.ipProtocol
          && startPort == r.startPort
          && endPort == r.endPort
          && Arrays.equals(startAddress, r.startAddress)
          && Arrays.equals(endAddress, r.endAddress);
    }

    @Override
    public int hashCode() {
      int h = (31 * ipProtocol + startPort) * 31 + endPort;
      h = 31 * h + Arrays.hashCode(startAddress);
      return 31 * h + Arrays.hashCode(endAddress);
    }

    @Override
    public String toString() {
      return "TS[proto="
          + ipProtocol
          + ", ports="
          + startPort
          + "-"
          + endPort
          + ", "
          + Octets.brief(startAddress)
          + "-"
          + Octets.brief(endAddress)
          + "]";
    }
  }

  /**
   * A selector of any other type (Fibre Channel, security label, ...): its type, the octet after it
   * (IP protocol in the address ranges, reserved in others) and what follows the Selector Length
   * field.
   */
  record Other(int tsType, int secondOctet, byte[] data) implements TrafficSelector {

    public Other {
      FieldRange.u8(tsType, "TS type");
      if (tsType == TsType.TS_IPV4_ADDR_RANGE.id() || tsType == TsType.TS_IPV6_ADDR_RANGE.id()) {
        throw new IllegalArgumentException("address ranges are AddressRange");
      }
      FieldRange.u8(secondOctet, "second octet");
      data = FieldRange.copy(data, 0xffff - 4, "selector data");
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Other t
          && tsType == t.tsType
          && secondOctet == t.secondOctet
          && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
      return (31 * tsType + secondOctet) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "TS[type=" + tsType + ", " + secondOctet + ", " + Octets.brief(data) + "]";
    }
  }
}
