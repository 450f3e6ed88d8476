package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.codec.KePayload;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.crypto.KeyExchange;
import net.iotgw.protocols.ike.crypto.KeyExchanges;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.ike.engine.IkeState.TaskQueue;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.wire.Decoded;

/**
 * Rekeying the IKE SA (RFC 7296 §1.3.2, §2.18; strongSwan's ike_rekey): the peer's request
 * answered, and the move of an established SA to its new IKE SA, whoever initiated: new SPIs and
 * keys, message IDs from 0, the CHILD_SAs and queued tasks carried over, the old SA retired until
 * its Delete (ours as the rekey's initiator, else the peer's).
 */
final class IkeSaRekeys {
  private IkeSaRekeys() {}

  /**
   * The peer's CREATE_CHILD_SA with an IKE proposal. Refused with TEMPORARY_FAILURE while an
   * exchange of ours other than our own IKE rekey is in flight (§2.25: a CHILD_SA being created,
   * rekeyed or deleted, or the IKE SA being deleted). Crossing our own rekey, the new SA waits in
   * our task until its response settles the collision.
   */
  static ResponderTask.Reply respond(
      Established s, List<Payload> request, long now, SecureRandom random) {
    IkeSa sa = s.sa();
    Optional<RekeyIkeSaInFlight> ours = s.tasks().active()
        .filter(RekeyIkeSaInFlight.class::isInstance).map(RekeyIkeSaInFlight.class::cast);
    if ((s.tasks().active().isPresent() && ours.isEmpty())
        || ours.flatMap(RekeyIkeSaInFlight::collision).isPresent()) {
      return refuse(sa, NotifyPayload.of(NotifyType.TEMPORARY_FAILURE));
    }
    Optional<SaPayload> offer = InitPayloads.first(request, SaPayload.class);
    Optional<NoncePayload> ni = InitPayloads.first(request, NoncePayload.class);
    Optional<KePayload> kei = InitPayloads.first(request, KePayload.class);
    Optional<Proposals.IkeChoice> choice =
        offer.flatMap(o -> Proposals.selectIkeRekey(sa.config().profile(), o));
    if (choice.isEmpty() || ni.isEmpty() || kei.isEmpty()) {
      return refuse(sa, NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN));
    }
    Optional<DhGroup> group =
        DhGroup.of(kei.get().dhGroup()).filter(g -> choice.get().groups().contains(g));
    if (group.isEmpty()) {
      DhGroup wanted = choice.get().groups().get(0);
      return refuse(sa, NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD,
          ChildSaExchange.groupBytes(wanted)));
    }
    KeyExchange kx = KeyExchanges.generate(group.get(), random);
    CryptoCounts.keyExchange(sa.config());
    byte[] gir = new byte[0];
    try {
      if (!(kx.agree(kei.get().keyData()) instanceof Decoded.Ok<byte[]> ok)) {
        return refuse(sa, NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN));
      }
      gir = ok.value();
      long spiI = choice.get().peerSpi();
      long spiR = IkeInitResponder.nonZero(random);
      byte[] nonceI = ni.get().nonce();
      byte[] nr = new byte[IkeInitResponder.NONCE_LENGTH];
      random.nextBytes(nr);
      IkeSaKeys keys = KeySchedule.rekey(choice.get().suite(group.get()), sa.suite().prf(),
          sa.keys().skD(), gir, nonceI, nr, spiI, spiR);
      CryptoCounts.rekeyedIkeSaKeys(sa.config(), choice.get().suite(group.get()));
      IkeSa theirs = sa.rekeyed(Role.RESPONDER, spiI, spiR, keys, new IkeSa.Nonces(nonceI, nr));
      List<Payload> response = List.of(
          new SaPayload(List.of(Proposals.ikeAnswer(choice.get(), group.get(),
              Proposals.ikeSpiBytes(spiR)))),
          new NoncePayload(nr),
          new KePayload(group.get().id(), kx.publicValue()));
      byte[] lower = RekeyCollision.lower(nonceI, nr);
      TaskOutcome outcome = ours.isPresent()
          ? new TaskOutcome.Changed(after -> IkeStep.of(after.withTasks(after.tasks().withActive(
              Optional.of(ours.get().withCollision(theirs, lower))))))
          : new TaskOutcome.Changed(after -> switchTo(after, theirs, false, now, random));
      return new ResponderTask.Reply(response, outcome);
    } finally {
      kx.destroy();
      Arrays.fill(gir, (byte) 0);
    }
  }

  /**
   * The SA goes on as {@code next}; the current IKE SA is retired, deleted by us now ({@code
   * weDeleteOld}, we initiated the surviving rekey) or awaited from the peer. A queued IKE rekey
   * is done with.
   */
  static IkeStep switchTo(
      Established after, IkeSa next, boolean weDeleteOld, long now, SecureRandom random) {
    IkeSa old = after.sa();
    Limits limits = old.config().limits();
    TaskQueue tasks = new TaskQueue(after.tasks().active(), after.tasks().queued().stream()
        .filter(t -> !(t instanceof RekeyIkeSa)).toList());
    Established moved = new Established(next, Exchanges.fresh(limits), after.children(), tasks,
        after.lifetimes().withIkeSa(limits, now, random), after.retired());
    IkeStep retired = weDeleteOld
        ? RetiredIkeSa.deleting(moved, old, after.exchanges(), now, random)
        : RetiredIkeSa.awaitingDelete(moved, old, after.exchanges(), now);
    List<IkeOutput> out = new ArrayList<>();
    out.add(new IkeOutput.IkeSaRekeyed(old.spiI(), old.spiR(), next.spiI(), next.spiR()));
    IkeSaEngine.debugKeys(next).ifPresent(out::add);
    out.addAll(retired.outputs());
    Established state = (Established) retired.state();
    out.add(new IkeOutput.Arm(IkeTimer.IKE_SA_REKEY, state.lifetimes().ikeRekeyAt()));
    out.add(new IkeOutput.Arm(IkeTimer.IKE_SA_EXPIRY, state.lifetimes().ikeExpiresAt()));
    return new IkeStep(state, out);
  }

  /**
   * We lost a collision: the peer's IKE SA stands and the peer deletes the old one; ours is
   * redundant and deleted by us, on it (its message IDs start at 0).
   */
  static IkeStep lostCollision(
      Established after, IkeSa ours, IkeSa theirs, long now, SecureRandom random) {
    IkeStep switched = switchTo(after, theirs, false, now, random);
    IkeStep deleting = RetiredIkeSa.deleting((Established) switched.state(), ours,
        Exchanges.fresh(ours.config().limits()), now, random);
    return join(switched, deleting, new IkeOutput.RedundantIkeSa(ours.spiI(), ours.spiR()));
  }

  /** We won a collision: ours stands, we delete the old one; the peer deletes its redundant one. */
  static IkeStep wonCollision(
      Established after, IkeSa ours, IkeSa theirs, long now, SecureRandom random) {
    IkeStep switched = switchTo(after, ours, true, now, random);
    IkeStep awaiting = RetiredIkeSa.awaitingDelete((Established) switched.state(), theirs,
        Exchanges.fresh(theirs.config().limits()), now);
    return join(switched, awaiting, new IkeOutput.RedundantIkeSa(theirs.spiI(), theirs.spiR()));
  }

  private static IkeStep join(IkeStep first, IkeStep second, IkeOutput note) {
    List<IkeOutput> out = new ArrayList<>(first.outputs());
    out.add(note);
    out.addAll(second.outputs());
    return new IkeStep(second.state(), out);
  }

  private static ResponderTask.Reply refuse(IkeSa sa, NotifyPayload error) {
    return new ResponderTask.Reply(List.of(error), new TaskOutcome.Done(sa, List.of()));
  }
}
