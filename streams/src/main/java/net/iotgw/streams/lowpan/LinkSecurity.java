package net.iotgw.streams.lowpan;

import java.util.Objects;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ieee802154.security.Unprotected;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 802.15.4 link security at the enforcement point (802.15.4-2006 §7.5.8.2; contract-netentry):
 * CCM* with each CD's own key from the {@link LinkKeyTable}, Key Id Mode 0, at the configured
 * level (6 by default, or 5). It sits between MAC framing above and the frame filter below, so
 * frames for other nodes cost no key lookup.
 *
 * <pre>
 *   LinkFrame ──► secured? seal with the destination CD's key and next counter ──► MacFrame
 *   LinkFrame ◄── Security Enabled? verify and decrypt under the source CD's key ◄── MacFrame
 * </pre>
 *
 * <p>Outbound, a frame marked secured goes only sealed; without a key for its destination (the
 * CD was removed after {@link AdmissionRule} let the packet through) or with its counter spent, it
 * is dropped, never sent in clear. Unmarked frames (PANA) pass as they are. Inbound, a secured
 * frame is handed up in plaintext, Security Enabled cleared and marked secured, or dropped and
 * counted by reason; an unsecured frame is handed up marked unsecured, and {@link AdmissionRule}
 * decides about its datagram once reassembled. In {@link EnforcementMode#OPEN} secured frames are
 * handed up untouched, and {@link MacFramingLayer} drops them ({@link LowpanDrop#SECURED_FRAME}).
 *
 * <p>{@link MacFramingLayer#room} counts the auxiliary security header and the MIC of secured
 * frames, so every sealed frame still fits 127 octets.
 */
public final class LinkSecurity {
  private static final Logger log = LoggerFactory.getLogger(LinkSecurity.class);

  private final LinkKeyTable keys;
  private final LowpanCounters counters;
  private final Address.Extended us;
  private final SecurityLevel level;
  private final boolean enforce;

  public LinkSecurity(LowpanConfig config, LinkKeyTable keys, LowpanCounters counters) {
    Objects.requireNonNull(config, "config");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.us = new Address.Extended(config.ourExtendedAddress());
    this.level = config.securityLevel();
    this.enforce = config.enforcement() == EnforcementMode.ENFORCE;
  }

  public BidiFlow<LinkFrame, MacFrame, MacFrame, LinkFrame, NotUsed> bidi() {
    return BidiFlow.fromFlows(
        Flow.of(LinkFrame.class).mapOption(this::seal).named("link-seal"),
        Flow.of(MacFrame.class).mapOption(this::open).named("link-open"));
  }

  /** The frame to send, or empty (counted) if it is to be secured and cannot be. */
  Optional<MacFrame> seal(LinkFrame f) {
    if (!f.secured()) {
      return Optional.of(f.frame());
    }
    Address destination = f.frame().header().destination();
    LinkKeyEntry entry = keys.find(destination);
    if (entry == null) {
      return drop(LowpanDrop.NOT_ADMITTED, destination);
    }
    LinkKeyEntry.Sealing s = entry.seal(f.frame(), us, level);
    if (s instanceof LinkKeyEntry.Refused r) {
      return drop(r.reason(), destination);
    }
    return Optional.of(((LinkKeyEntry.Sealed) s).frame());
  }

  /** The frame to hand up, or empty (counted) if it is secured and does not verify. */
  Optional<LinkFrame> open(MacFrame f) {
    MacHeader h = f.header();
    if (!h.frameControl().securityEnabled() || !enforce) {
      return Optional.of(new LinkFrame(f, false));
    }
    LinkKeyEntry entry = keys.find(h.source());
    if (entry == null) {
      return drop(LowpanDrop.UNKNOWN_DEVICE, h.source());
    }
    Unprotected u = entry.open(f, level);
    if (u instanceof Unprotected.Accepted a) {
      MacFrame plain = new MacFrame(a.header().withoutSecurity(), a.payload());
      return Optional.of(new LinkFrame(plain, true));
    }
    Unprotected.Rejected r = (Unprotected.Rejected) u;
    return drop(reasonFor(r.reason()), r.detail());
  }

  private static LowpanDrop reasonFor(Unprotected.Reason reason) {
    return switch (reason) {
      case BAD_MIC -> LowpanDrop.BAD_MIC;
      case REPLAYED, COUNTER_ERROR -> LowpanDrop.REPLAYED;
      case UNKNOWN_DEVICE -> LowpanDrop.UNKNOWN_DEVICE;
      case IMPROPER_SECURITY_LEVEL, UNSUPPORTED -> LowpanDrop.IMPROPER_SECURITY_LEVEL;
      // Neither comes from a decoded frame with Security Enabled; counted, should one ever come.
      case MALFORMED, UNSECURED -> LowpanDrop.MALFORMED_FRAME;
    };
  }

  private <T> Optional<T> drop(LowpanDrop reason, Object why) {
    counters.drop(reason);
    log.debug("dropped {}: {}", reason, why);
    return Optional.empty();
  }
}
