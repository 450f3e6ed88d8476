package net.iotgw.gateway.device;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.iotgw.gateway.ike.IkeSaActor;
import net.iotgw.gateway.ike.Initiation;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.offload.SaRequest;
import net.iotgw.protocols.offload.SaRequestCodec;
import net.iotgw.protocols.offload.SaRequestFailed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The SAs one CD asked the gateway to open to a UD (the reverse direction of ARCHITECTURE's step
 * 2): the policy's refusals ({@link SaRequests}), at most {@value #MAX_INITIATING} at once and
 * one per UD, an initiator IKE SA actor for each, whose SPI the {@link DeviceIke} routes, and the
 * outcome told back to the CD. Owned by the Device's actor: not thread-safe.
 */
final class CdInitiations {

  /** What the initiator SA actors report to their Device. */
  sealed interface Event extends Device.Command {}

  /** An initiator SA is about to send IKE_SA_INIT with this SPI: route the UD's answers to it. */
  private record InitiatorSpi(long spiI, InetAddress ud) implements Event {}

  /** An initiator SA settled the CD's request: failed (with what to tell the CD) or not. */
  private record InitiationSettled(InetAddress ud, Optional<SaRequestFailed> failure,
      String detail) implements Event {}

  private record InitiatorStopped(InetAddress ud, ActorRef<IkeSaActor.Command> sa)
      implements Event {}

  private record Ignored() implements Event {}

  /**
   * SAs being opened at one CD's request at once: each costs an IKE_SA_INIT to an address the CD
   * chose (the policy checks the identity, which only IKE_AUTH proves), so a CD cannot make the
   * gateway a source of many.
   */
  static final int MAX_INITIATING = 4;

  private final ActorContext<Device.Command> context;
  private final Device.Shared shared;
  private final long eui64;
  private final String name;
  private final DeviceIke.Admission admission;
  private final DeviceIke ike;
  /** The SAs being opened at the CD's request, by UD address: one at a time per UD. */
  private final Map<InetAddress, ActorRef<IkeSaActor.Command>> initiating = new HashMap<>();

  CdInitiations(ActorContext<Device.Command> context, Device.Shared shared, long eui64,
      String name, DeviceIke.Admission admission, DeviceIke ike) {
    this.context = context;
    this.shared = shared;
    this.eui64 = eui64;
    this.name = name;
    this.admission = admission;
    this.ike = ike;
  }

  /** Whether no SA is being opened at the CD's request. */
  boolean idle() {
    return initiating.isEmpty();
  }

  /** Handles {@code event}; true if the Device should see whether it is idle now. */
  boolean on(Event event) {
    if (event instanceof InitiatorSpi m) {
      // Reported from the SA's setup, before its IKE_SA_INIT leaves: the UD's answer comes
      // after this message in the mailbox.
      ActorRef<IkeSaActor.Command> sa = initiating.get(m.ud());
      if (sa != null) {
        ike.route(m.spiI(), m.ud(), sa);
      }
    } else if (event instanceof InitiationSettled m) {
      onInitiationSettled(m);
    } else if (event instanceof InitiatorStopped m) {
      ike.unroute(m.sa());
      initiating.remove(m.ud(), m.sa());
      return true;
    }
    return false;
  }

  /**
   * The CD asks for an SA to a UD (see {@link SaRequests} for the policy): refused at once, or an
   * IKE SA actor initiates as the CD. Its CHILD_SA's keys then reach the CD like a responder
   * SA's, over the delivery queue, after its ESP routes are installed; a failure reaches the CD
   * as an {@link SaRequestFailed}, so that it never waits for an answer that cannot come.
   */
  void onSaRequested(long sessionId, SaRequest r) {
    InetAddress ud = r.ud().getAddress();
    if (!admission.admittedBy(sessionId)) {
      context.getLog().info("CD {}: SA request {} over PANA session 0x{}, which does not admit it",
          name, r.requestId(), Long.toHexString(sessionId));
      return;
    }
    Optional<EngineConfig> config = shared.ike().profiles().apply(eui64);
    Optional<SaRequestFailed.Reason> refused = SaRequests.refusal(config, r);
    if (refused.isEmpty()
        && (initiating.containsKey(ud) || initiating.size() >= MAX_INITIATING)) {
      refused = Optional.of(SaRequestFailed.Reason.BUSY);
    }
    if (refused.isPresent()) {
      context.getLog().warn("CD {}: SA request {} to {} refused: {}", name, r.requestId(),
          r.ud(), refused.get());
      tellCd(new SaRequestFailed(r.requestId(), refused.get(), 0, ud));
      return;
    }
    EngineConfig c = SaRequests.configFor(config.get(), r);
    Optional<Identity> expected = SaRequests.expectedPeer(c.profile(), r);
    ActorRef<Device.Command> self = context.getSelf();
    @SuppressWarnings("unchecked")
    ActorRef<IkeSaActor.Command>[] sa = new ActorRef[1];
    Initiation initiation = new Initiation() {
      @Override
      public void started(long spiI) {
        self.tell(new InitiatorSpi(spiI, ud));
      }

      @Override
      public void succeeded() {
        self.tell(new InitiationSettled(ud, Optional.empty(), "established"));
      }

      @Override
      public void failed(SaRequestFailed.Reason reason, int ikeNotify, String detail) {
        self.tell(new InitiationSettled(ud, Optional.of(
            new SaRequestFailed(r.requestId(), reason, ikeNotify, ud)), detail));
      }
    };
    String saName = "ike-initiator-" + r.requestId() + "-" + Integer.toHexString(ud.hashCode());
    // The Initiation's reports name the UD, not the actor: they may be built on the crypto
    // dispatcher before sa[0] is visible there; the Device looks the actor up by UD.
    sa[0] = context.spawn(
        Behaviors.supervise(IkeSaActor.initiator(shared.ike().shared(), ike.keysFor(sa), c,
                r.ud(), expected, initiation, "CD " + name + " initiator SA to " + r.ud()))
            .onFailure(SupervisorStrategy.stop()),
        saName, DispatcherSelector.fromConfig(Device.CRYPTO_DISPATCHER));
    context.watchWith(sa[0], new InitiatorStopped(ud, sa[0]));
    initiating.put(ud, sa[0]);
    context.getLog().info("CD {}: SA request {} to {} ({}, expecting {}): initiating as the CD",
        name, r.requestId(), r.ud(), r.mode(), expected.map(Object::toString).orElse("-"));
  }

  private void onInitiationSettled(InitiationSettled m) {
    initiating.remove(m.ud());
    if (m.failure().isPresent()) {
      SaRequestFailed f = m.failure().get();
      context.getLog().warn("CD {}: SA request {} to {} failed: {} ({})", name, f.requestId(),
          m.ud(), f.reason(), m.detail());
      tellCd(f);
    } else {
      context.getLog().info("CD {}: SA to {} established at its request", name, m.ud());
    }
  }

  /** An answer to the CD's request, over its delivery queue; best effort. */
  private void tellCd(SaRequestFailed f) {
    admission.session().ifPresent(session -> {
      ActorRef<EapSession.DeliveryOutcome> ignore =
          context.messageAdapter(EapSession.DeliveryOutcome.class, o -> new Ignored());
      session.tell(new EapSession.Deliver(List.of(SaRequestCodec.encode(f)), ignore));
    });
  }
}
