package net.iotgw.sim.cd;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.ieee802154.security.Unprotected;
import net.iotgw.protocols.ipv6.Ipv6Packets;

/**
 * For tests outside this package: a CD admitted by the in-test PAA, the gateway's half of its
 * secured link, and secured echo requests to it.
 */
public final class AdmittedCdFixture {
  private final JoinHarness h = new JoinHarness();

  public AdmittedCdFixture() {
    h.start();
    if (h.cd.joinStatus().state() != JoinState.ADMITTED) {
      throw new IllegalStateException("not admitted: " + h.cd.joinStatus());
    }
  }

  public SimulatedCd cd() {
    return h.cd;
  }

  /** {@code n} echo requests from the UD, each in one secured frame, counters in order. */
  public List<byte[]> securedEchoRequests(int n) {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      frames.addAll(h.gateway.securedFramesTo(h.cd, Ipv6Packets.icmpEchoRequest(
          GatewaySide.UD, h.cd.address(), 0x99, i & 0xffff, new byte[8], 64)));
    }
    return frames;
  }

  /**
   * How many of {@code psdus}, taken in this order, the gateway's enforcement point accepts: a
   * frame whose counter is not above the last one accepted is refused as a replay.
   */
  public int acceptedInOrder(List<byte[]> psdus) {
    int accepted = 0;
    for (byte[] p : psdus) {
      if (h.gateway.unprotect(h.cd, p) instanceof Unprotected.Accepted) {
        accepted++;
      }
    }
    return accepted;
  }
}
