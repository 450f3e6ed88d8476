package net.iotgw.streams.dataplane;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.radio.rcp.RadioFrame;
import net.iotgw.radio.rcp.RadioLink;
import net.iotgw.radio.rcp.ReceivedRadioFrame;
import net.iotgw.streams.esp.EspCounters;
import net.iotgw.streams.esp.EspForwarder;
import net.iotgw.streams.esp.EspForwardingTable;
import net.iotgw.streams.esp.IkeDatagram;
import net.iotgw.streams.pcap.PcapTap;
import net.iotgw.streams.pcap.PcapWriter;
import net.iotgw.streams.ucn.UcnPort;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RunnableGraph;

/**
 * The single-hop border router as one closed graph:
 *
 * <pre>
 *   UCN port ◄──► [pcap tap, raw IPv6] ◄──► IPsec junction ◄──► control port ◄──► adaptation ◄──►
 *                                            ▲    │              ▲    │      [pcap tap, DLT 195]
 *                          control plane ────┘    └──► IKE       ┘    └──► PANA       ◄──► radio
 * </pre>
 *
 * The {@link IpsecJunction} forwards ESP between UDs and CDs by the routes of an {@link
 * EspForwardingTable} (ESP in UDP on the UCN side, raw ESP on the radio side) and takes IKE for
 * CD addresses to the control plane's IKE port, whose answers it sends to the UCN. The {@link
 * ControlPort} takes PANA from the radio side to the control plane and merges the control plane's
 * packets into the radio-bound path ahead of the UCN's. Every stage is bounded and backpressured
 * by the radio's transmit completions; the taps never slow the path (they drop records when the
 * disk is behind), nor does a slow control plane (its packets are dropped). The graph ends when
 * the UCN port is closed ({@link UcnPort#close()}) or either end fails ({@link Running} says
 * which), or a control port fails.
 */
public final class DataPlaneGraph {
  private DataPlaneGraph() {}

  /**
   * What a materialized data plane reports.
   *
   * @param ucn completes when the UCN port has stopped and released its device
   * @param radio completes when the radio end has stopped; fails with the error that stopped it
   *     (a {@link net.iotgw.radio.rcp.RcpConfigurationException}: the dongle is present but
   *     unusable)
   * @param controlPort what crossed the control port (shared by every materialization of one
   *     blueprint, as are the other counters)
   * @param ikePort what crossed the IKE port
   * @param esp what the ESP forwarder forwarded and dropped; per route in the table
   */
  public record Running(
      CompletionStage<Done> ucn,
      CompletionStage<Done> radio,
      ControlPortCounters controlPort,
      IkePortCounters ikePort,
      EspCounters esp) {}

  /**
   * @param adaptation {@code BidiFlow<IPv6 out, PSDU out, PSDU in, IPv6 in>}, one per radio
   * @param radio {@code Flow<PSDU to send, PSDU received>}, FCS included both ways
   * @param panaPort the control plane: in, PANA packets from CDs (IPv6, UDP port 716); out, IPv6
   *     packets to send to CDs. Bounded on its side (the actors' queue and asks); see {@link
   *     ControlPort}
   * @param ikePort the control plane: in, IKE messages from UDs to CD addresses (UDP 500, or 4500
   *     behind the non-ESP marker); out, IKE messages to send to UDs. Bounded on its side; see
   *     {@link IpsecJunction}
   * @param espRoutes the ESP forwarder's routes, which the control plane keeps current
   * @param cdPrefix the CDs' addresses, for which the gateway answers IKE and forwards ESP
   * @param ucnCapture a writer for {@link net.iotgw.streams.pcap.LinkType#IPV6}, if captured
   * @param radioCapture a writer for {@link
   *     net.iotgw.streams.pcap.LinkType#IEEE802_15_4_WITHFCS}, if captured
   */
  public static RunnableGraph<Running> create(
      UcnPort ucn,
      BidiFlow<byte[], byte[], byte[], byte[], NotUsed> adaptation,
      Flow<byte[], byte[], NotUsed> radio,
      Flow<byte[], byte[], NotUsed> panaPort,
      Flow<IkeDatagram, IkeDatagram, NotUsed> ikePort,
      EspForwardingTable espRoutes,
      Ipv6Prefix cdPrefix,
      Optional<PcapWriter> ucnCapture,
      Optional<PcapWriter> radioCapture) {
    Objects.requireNonNull(ucn, "ucn");
    ControlPortCounters counters = new ControlPortCounters();
    IkePortCounters ikeCounters = new IkePortCounters();
    EspCounters espCounters = new EspCounters();
    EspForwarder forwarder = new EspForwarder(espRoutes, cdPrefix, espCounters);
    BidiFlow<byte[], byte[], byte[], byte[], NotUsed> stack =
        tap(ucnCapture)
            .atop(IpsecJunction.junction(ikePort, forwarder, ikeCounters))
            .atop(ControlPort.junction(panaPort, counters))
            .atop(adaptation)
            .atop(tap(radioCapture));
    Flow<byte[], byte[], CompletionStage<Done>> watchedRadio =
        radio.watchTermination(Keep.right());
    return ucn.flow()
        .joinMat(stack, Keep.left())
        .joinMat(watchedRadio, (u, r) -> new Running(u, r, counters, ikeCounters, espCounters));
  }

  /** The radio link as PSDUs: the adaptation's bottom speaks {@code byte[]}. */
  public static Flow<byte[], byte[], NotUsed> psdus(RadioLink link) {
    return Flow.<byte[]>create()
        .map(RadioFrame::new)
        .via(link.flow())
        .map(ReceivedRadioFrame::psdu);
  }

  private static BidiFlow<byte[], byte[], byte[], byte[], NotUsed> tap(
      Optional<PcapWriter> writer) {
    return writer
        .map(w -> PcapTap.bidi(w).mapMaterializedValue(summary -> NotUsed.getInstance()))
        .orElseGet(BidiFlow::identity);
  }
}
