package net.iotgw.streams.lowpan;

import java.util.Objects;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacHeader;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the frames addressed to us, as an 802.15.4 MAC's third-level filter does (802.15.4-2006
 * §7.5.6.2): destination PAN ID ours or broadcast, destination address our extended address, our
 * short address or the broadcast short address. It sits below link security, so frames for others
 * cost no key lookup or MIC check. The radio in promiscuous (raw stream) mode hands up everything
 * it hears, so this filter is not redundant. Outbound frames pass unchanged.
 */
public final class FrameFilter {
  private static final Logger log = LoggerFactory.getLogger(FrameFilter.class);

  private final LowpanConfig config;
  private final LowpanCounters counters;

  public FrameFilter(LowpanConfig config, LowpanCounters counters) {
    this.config = Objects.requireNonNull(config, "config");
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  public BidiFlow<MacFrame, MacFrame, MacFrame, MacFrame, NotUsed> bidi() {
    return BidiFlow.fromFlows(
        Flow.of(MacFrame.class),
        Flow.of(MacFrame.class)
            .filter(
                f -> {
                  if (isForUs(f.header())) {
                    return true;
                  }
                  counters.drop(LowpanDrop.NOT_FOR_US);
                  log.debug("dropped {}: {}", LowpanDrop.NOT_FOR_US, f.header());
                  return false;
                })
            .named("frame-filter"));
  }

  /**
   * Whether a frame with this header is for us. A destination PAN ID that the header leaves out
   * (possible in 2015 frames) does not disqualify it; a frame without destination address does,
   * since only a PAN coordinator takes those and a border router on an RCP is not acting as one.
   */
  boolean isForUs(MacHeader h) {
    int pan = h.destinationPanId().orElse(config.panId());
    if (pan != config.panId() && pan != LowpanConfig.BROADCAST) {
      return false;
    }
    Address dst = h.destination();
    if (dst instanceof Address.Extended e) {
      return e.value() == config.ourExtendedAddress();
    }
    if (dst instanceof Address.Short s) {
      return s.isBroadcast() || (config.hasShortAddress() && s.value() == config.ourShortAddress());
    }
    return false;
  }
}
