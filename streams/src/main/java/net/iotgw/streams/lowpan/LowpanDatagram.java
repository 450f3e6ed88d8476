package net.iotgw.streams.lowpan;

import java.util.Arrays;
import java.util.Objects;
import net.iotgw.protocols.sixlowpan.LinkAddress;

/**
 * A whole 6LoWPAN datagram (IPHC or IPv6 dispatch, then the rest of the packet) with the link
 * addresses of the frames that carry it: what passes between IPHC compression and fragmentation.
 * The addresses matter to both: IPHC elides interface identifiers derived from them (RFC 6282
 * §3.2.2) and reassembly keys fragments by them (RFC 4944 §5.3).
 *
 * @param datagram not copied; nobody changes it once built
 */
public record LowpanDatagram(LinkAddress source, LinkAddress destination, byte[] datagram) {

  public LowpanDatagram {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(datagram, "datagram");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LowpanDatagram d
        && source.equals(d.source)
        && destination.equals(d.destination)
        && Arrays.equals(datagram, d.datagram);
  }

  @Override
  public int hashCode() {
    return (source.hashCode() * 31 + destination.hashCode()) * 31 + Arrays.hashCode(datagram);
  }

  @Override
  public String toString() {
    return "LowpanDatagram[" + source + " -> " + destination + ", " + datagram.length + " bytes]";
  }
}
