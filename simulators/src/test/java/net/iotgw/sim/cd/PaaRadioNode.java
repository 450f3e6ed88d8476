package net.iotgw.sim.cd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.radio.emulator.RadioNode;

/**
 * The in-test gateway as a station of the radio medium: per CD, its half of the link ({@link
 * GatewaySide}) and a PAA ({@link PaaSide}) that answers the CD's PANA, for tests of cd-sim's
 * simulator. It works in {@link #network()}; failures on the medium's thread are collected in
 * {@link #failures()} rather than thrown there.
 */
public final class PaaRadioNode implements RadioNode {
  private final Map<String, byte[]> store;
  private final Map<Long, GatewaySide> links = new HashMap<>();
  private final Map<Long, PaaSide> paas = new HashMap<>();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

  /** @param store identity to PSK, as the embedded authenticator reads the device store */
  public PaaRadioNode(Map<String, byte[]> store) {
    this.store = Map.copyOf(store);
  }

  /** The PAN the node serves: prefix 2001:db8:cd::/64, PAN 0xabcd, its EUI-64 the gateway's. */
  public static CdNetwork network() {
    return GatewaySide.NETWORK;
  }

  @Override
  public long extendedAddress() {
    return GatewaySide.GATEWAY_EUI64;
  }

  @Override
  public int shortAddress() {
    return SimulatedCd.NO_SHORT_ADDRESS;
  }

  @Override
  public synchronized List<byte[]> onFrame(byte[] psdu) {
    try {
      long now = System.nanoTime() / 1_000_000;
      Address source = MacFrameCodec.decode(psdu, true).orThrow().header().source();
      long cd = ((Address.Extended) source).value();
      GatewaySide link = links.computeIfAbsent(cd, k -> new GatewaySide());
      PaaSide paa = paas.computeIfAbsent(cd, k -> new PaaSide(store, 3600));
      List<byte[]> out = new ArrayList<>();
      for (GatewaySide.Received r : link.receive(cd, List.of(psdu), now)) {
        UdpDatagram udp = UdpCodec.decode(r.packet()).orThrow();
        for (byte[] answer : paa.receive(udp.payload(), now)) {
          out.addAll(link.framesTo(cd, Ipv6Packets.udp(r.packet().destination(),
              r.packet().source(), udp.destinationPort(), udp.sourcePort(), answer, 64)));
        }
      }
      return out;
    } catch (Throwable t) {
      failures.add(t);
      return List.of();
    }
  }

  /** How many CDs' PANA sessions are open at the PAA. */
  public synchronized int open() {
    return (int) paas.values().stream().filter(PaaSide::isOpen).count();
  }

  public List<Throwable> failures() {
    return List.copyOf(failures);
  }
}
