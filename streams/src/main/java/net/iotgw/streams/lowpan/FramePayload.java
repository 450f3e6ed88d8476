package net.iotgw.streams.lowpan;

import java.util.Arrays;
import java.util.Objects;
import net.iotgw.protocols.sixlowpan.LinkAddress;

/**
 * What one data frame carries for 6LoWPAN (a whole datagram, a FRAG1 or a FRAGN; RFC 4944 §5.1) and
 * between which link addresses: what passes between fragmentation and MAC framing.
 *
 * @param payload the MAC payload, not copied; nobody changes it once built
 * @param secured outbound: the frame is to be secured (its datagram's flag, see {@link
 *     LowpanDatagram}); inbound: the frame arrived secured and verified
 */
public record FramePayload(
    LinkAddress source, LinkAddress destination, byte[] payload, boolean secured) {

  public FramePayload {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FramePayload f
        && source.equals(f.source)
        && destination.equals(f.destination)
        && secured == f.secured
        && Arrays.equals(payload, f.payload);
  }

  @Override
  public int hashCode() {
    int h = (source.hashCode() * 31 + destination.hashCode()) * 31 + Arrays.hashCode(payload);
    return h * 31 + Boolean.hashCode(secured);
  }

  @Override
  public String toString() {
    return "FramePayload[" + source + " -> " + destination + ", " + payload.length + " bytes"
        + (secured ? ", secured]" : "]");
  }
}
