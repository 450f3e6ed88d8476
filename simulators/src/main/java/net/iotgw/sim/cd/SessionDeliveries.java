package net.iotgw.sim.cd;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.offload.DeliveryRefusal;
import net.iotgw.protocols.offload.DeliveryRefusalCodec;
import net.iotgw.protocols.offload.SaRequest;
import net.iotgw.protocols.offload.SaRequestCodec;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.engine.OpenSession;
import net.iotgw.protocols.pana.engine.PacEngine;
import net.iotgw.protocols.pana.engine.PanaOutput;
import net.iotgw.protocols.pana.engine.PanaStep;

/**
 * What a CD's open PANA session carries for IPsec (paper Sec. III-D): the gateway's key
 * deliveries in, judged before the PaC's PNA and installed in the CD's {@link CdEsp}, and the
 * CD's own requests for SAs to UDs out, one PNR at a time. Both outlive a session, as the SAs
 * do: they are the UD's and the gateway's to end.
 *
 * <p>Confined to its CD's thread, like the {@link NetworkEntry} that owns it; randomness is the
 * CD's.
 */
final class SessionDeliveries {
  private final RandomGenerator random;
  private final CdCounters counters;
  /** Created with the first delivery. */
  private CdEsp esp;
  private final CdSaRequests saRequests = new CdSaRequests();
  /** A CD that refuses every key delivery (tests of the negative acknowledgement). */
  private boolean refuseDeliveries;

  SessionDeliveries(RandomGenerator random, CdCounters counters) {
    this.random = random;
    this.counters = counters;
  }

  /** Queues a request for an SA to {@code ud}; returns its number. */
  int request(Ipv6Address ud, int port, ChildSa.Mode mode, Optional<Identity> expectedUd) {
    return saRequests.add(ud, port, mode, expectedUd);
  }

  /**
   * The PNR carrying the oldest queued SA request ({@link PacEngine#deliver}), if the session is
   * open with no request of the PaC's out; the request then counts as sent.
   */
  Optional<PanaStep<PacEngine.State>> nextRequest(PacEngine.State pac, long now) {
    if (!(pac instanceof OpenSession.Open o) || o.channel().pending() != null) {
      return Optional.empty();
    }
    Optional<SaRequest> next = saRequests.nextQueued();
    if (next.isEmpty()) {
      return Optional.empty();
    }
    PanaStep<PacEngine.State> step =
        PacEngine.deliver(pac, List.of(SaRequestCodec.encode(next.get())), now, random);
    if (step.outputs().stream().anyMatch(x -> x instanceof PanaOutput.Dropped)) {
      // No encryption negotiated: the request stays queued, and times out never sent.
      return Optional.empty();
    }
    saRequests.sent(next.get().requestId(), now);
    return Optional.of(step);
  }

  /** The PaC's judgement of a delivery, before its PNA (a {@code DeliveryVerdict}). */
  List<Avp> verdict(List<Avp> delivered) {
    if (refuseDeliveries && delivered.stream().anyMatch(CdEsp::isInstall)) {
      return List.of(DeliveryRefusalCodec.encode(
          new DeliveryRefusal(DeliveryRefusal.Reason.NO_RESOURCES, 0)));
    }
    return CdEsp.verdict(delivered);
  }

  /** A delivery the PaC acknowledged: its SAs installed, the requests it answers settled. */
  void delivered(List<Avp> avps, long now) {
    NetworkEntryCrypto.delivered(counters);
    if (esp == null) {
      esp = new CdEsp(random, counters);
    }
    List<Ipv6Address> initiated = esp.deliver(avps, now);
    saRequests.delivered(avps);
    initiated.forEach(saRequests::established);
  }

  void timeouts(long now) {
    saRequests.timeouts(now);
  }

  OptionalLong nextDeadline() {
    return saRequests.nextDeadline();
  }

  CdSaRequests saRequests() {
    return saRequests;
  }

  /** The ESP SAs delivered so far; null before the first delivery. */
  CdEsp esp() {
    return esp;
  }

  void refuseDeliveries(boolean refuse) {
    refuseDeliveries = refuse;
  }

  /** Zeroes the delivered SAs' keys. */
  void destroy() {
    if (esp != null) {
      esp.destroy();
    }
  }
}
