package net.iotgw.streams.lowpan;

import java.util.Objects;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bottom layer: MAC frames to and from PSDUs, the octets the radio sends and receives.
 *
 * <p>A PSDU here always includes the 2-octet FCS, both ways, as OpenThread's Spinel STREAM_RAW
 * carries it and as pcap's DLT 195 (IEEE802_15_4_WITHFCS) stores it: outbound this layer computes
 * the FCS (802.15.4-2015 §7.2.10) so the PSDU is complete whether or not the radio overwrites it;
 * inbound it checks it. A bad FCS or an undecodable frame is counted and dropped.
 *
 * <pre>
 *   MacFrame ──► encode, FCS ──► PSDU
 *   MacFrame ◄── check FCS, decode ◄── PSDU
 * </pre>
 */
public final class PsduLayer {
  private static final Logger log = LoggerFactory.getLogger(PsduLayer.class);

  private final LowpanCounters counters;

  public PsduLayer(LowpanCounters counters) {
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  public BidiFlow<MacFrame, byte[], byte[], MacFrame, NotUsed> bidi() {
    return BidiFlow.fromFlows(
        Flow.of(MacFrame.class).map(this::encode).named("psdu-encode"),
        Flow.of(byte[].class).mapOption(this::decode).named("psdu-decode"));
  }

  byte[] encode(MacFrame frame) {
    byte[] psdu = MacFrameCodec.encode(frame);
    counters.frameSent();
    return psdu;
  }

  /** The frame in a PSDU, or empty (counted) if its FCS is wrong or it does not decode. */
  Optional<MacFrame> decode(byte[] psdu) {
    counters.frameReceived();
    Decoded<MacFrame> d = MacFrameCodec.decode(psdu, true);
    if (d instanceof Decoded.Failed<MacFrame> f) {
      LowpanDrop reason =
          f.error().kind() == DecodeError.Kind.AUTHENTICATION_FAILED
              ? LowpanDrop.BAD_FCS
              : LowpanDrop.MALFORMED_FRAME;
      counters.drop(reason);
      log.debug("dropped {}: {}", reason, f.error());
      return Optional.empty();
    }
    return Optional.of(d.orThrow());
  }
}
