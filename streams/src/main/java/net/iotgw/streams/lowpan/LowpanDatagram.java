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
 * @param secured outbound: every frame of it is to be secured (decided by {@link AdmissionRule},
 *     done by {@link LinkSecurity}); inbound: every frame of it arrived secured and verified
 *     (reassembly never joins secured and unsecured fragments)
 */
public record LowpanDatagram(
    LinkAddress source, LinkAddress destination, byte[] datagram, boolean secured) {

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
        && secured == d.secured
        && Arrays.equals(datagram, d.datagram);
  }

  @Override
  public int hashCode() {
    int h = (source.hashCode() * 31 + destination.hashCode()) * 31 + Arrays.hashCode(datagram);
    return h * 31 + Boolean.hashCode(secured);
  }

  @Override
  public String toString() {
    return "LowpanDatagram[" + source + " -> " + destination + ", " + datagram.length + " bytes"
        + (secured ? ", secured]" : "]");
  }
}
