package net.iotgw.protocols.ipv6;

import java.util.Arrays;

/**
 * A UDP datagram (RFC 768) without its length and checksum, which {@link UdpCodec} derives.
 *
 * @param sourcePort 0..65535
 * @param destinationPort 0..65535
 * @param payload the data; not copied, callers must not change it
 */
public record UdpDatagram(int sourcePort, int destinationPort, byte[] payload) {
  public static final int HEADER_LENGTH = 8;
  public static final int PROTOCOL = 17;

  public UdpDatagram {
    if (sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0 || destinationPort > 0xffff) {
      throw new IllegalArgumentException("ports are 0..65535");
    }
    if (payload.length > 0xffff - HEADER_LENGTH) {
      throw new IllegalArgumentException("UDP payload of " + payload.length + " octets");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UdpDatagram d
        && d.sourcePort == sourcePort
        && d.destinationPort == destinationPort
        && Arrays.equals(d.payload, payload);
  }

  @Override
  public int hashCode() {
    return (sourcePort * 31 + destinationPort) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Udp[" + sourcePort + " -> " + destinationPort + ", " + payload.length + " octets]";
  }
}
