package net.iotgw.streams.lowpan;

import java.util.Objects;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.AddressMode;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.FrameType;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frame payloads to and from MAC data frames. Outbound every payload gets the header 6LoWPAN nodes
 * expect inside one PAN (RFC 4944 §3): a 2006 data frame, PAN ID sent once (PAN ID Compression),
 * the link addresses the payload was made for, Ack Request for unicast (never for broadcast,
 * 802.15.4-2006 §7.5.6.4), and a sequence number from this stage's own counter (macDSN). Inbound it
 * keeps the frames that can carry 6LoWPAN and hands up their payload with their addresses. The
 * {@code secured} flag passes through unchanged both ways, for {@link LinkSecurity} below.
 *
 * <pre>
 *   FramePayload ──► header + payload ──► LinkFrame
 *   FramePayload ◄── data frames only ◄── LinkFrame
 * </pre>
 *
 * <p>{@link #room} is the one place that says how much a frame holds: fragmentation cuts to it.
 */
public final class MacFramingLayer {
  private static final Logger log = LoggerFactory.getLogger(MacFramingLayer.class);

  private final LowpanConfig config;
  private final LowpanCounters counters;
  private final AuxSecurityHeader securityOverhead;

  public MacFramingLayer(LowpanConfig config, LowpanCounters counters) {
    this.config = Objects.requireNonNull(config, "config");
    this.counters = Objects.requireNonNull(counters, "counters");
    // What LinkSecurity adds: this auxiliary header (Key Id Mode 0: control and counter) + MIC.
    this.securityOverhead = AuxSecurityHeader.implicitKey(config.securityLevel(), 0);
  }

  public BidiFlow<FramePayload, LinkFrame, LinkFrame, FramePayload, NotUsed> bidi() {
    return BidiFlow.fromFlows(
        Flow.of(FramePayload.class)
            .statefulMap(
                () -> 0,
                (seq, p) -> Pair.create((seq + 1) & 0xff, frame(p, seq)),
                seq -> Optional.empty())
            .named("mac-frame"),
        Flow.of(LinkFrame.class).mapOption(this::payloadOf).named("mac-unframe"));
  }

  /** The header of the frame that carries 6LoWPAN from {@code source} to {@code destination}. */
  public MacHeader header(LinkAddress source, LinkAddress destination, int sequenceNumber) {
    Address dst = LinkAddresses.toMac(destination);
    boolean broadcast = dst instanceof Address.Short s && s.isBroadcast();
    return MacHeader.data(
        FrameVersion.IEEE_2006,
        sequenceNumber,
        config.panId(),
        dst,
        LinkAddresses.toMac(source),
        !broadcast);
  }

  /**
   * Octets of 6LoWPAN one frame between these addresses carries (MacFrameCodec.maxPayload): less,
   * when it is to be secured, the auxiliary security header and the MIC that {@link LinkSecurity}
   * adds (5 + 8 octets at level 6, 5 + 4 at level 5), so that the sealed frame still fits.
   */
  public int room(LinkAddress source, LinkAddress destination, boolean secured) {
    MacHeader h = header(source, destination, 0);
    return MacFrameCodec.maxPayload(secured ? h.withSecurity(securityOverhead) : h);
  }

  LinkFrame frame(FramePayload p, int sequenceNumber) {
    MacHeader h = header(p.source(), p.destination(), sequenceNumber);
    return new LinkFrame(new MacFrame(h, p.payload()), p.secured());
  }

  /** The payload of a frame that can carry 6LoWPAN, or empty (counted). */
  Optional<FramePayload> payloadOf(LinkFrame lf) {
    MacFrame f = lf.frame();
    MacHeader h = f.header();
    if (h.frameControl().securityEnabled()) {
      // LinkSecurity hands up what it verified with Security Enabled cleared; only in OPEN mode
      // does a secured frame come this far.
      return drop(LowpanDrop.SECURED_FRAME, h);
    }
    if (h.frameControl().frameType() != FrameType.DATA
        // Payload IEs (2015) would sit before the 6LoWPAN dispatch; nothing here parses them.
        || h.frameControl().iePresent()
        || h.source().mode() == AddressMode.NONE
        || h.destination().mode() == AddressMode.NONE
        || f.payload().length == 0) {
      return drop(LowpanDrop.NOT_LOWPAN_FRAME, h);
    }
    int dstPan = h.destinationPanId().orElse(config.panId());
    int srcPan = h.effectiveSourcePanId().orElse(dstPan);
    return Optional.of(
        new FramePayload(
            LinkAddresses.toLowpan(h.source(), srcPan),
            LinkAddresses.toLowpan(h.destination(), dstPan),
            f.payload(),
            lf.secured()));
  }

  private <T> Optional<T> drop(LowpanDrop reason, Object why) {
    counters.drop(reason);
    log.debug("dropped {}: {}", reason, why);
    return Optional.empty();
  }
}
