package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.KePayload;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.crypto.KeyExchange;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.wire.Decoded;

/**
 * Our CREATE_CHILD_SA request in flight ({@link CreateChildSa} started) and what its response
 * makes of the SA. A rekey that crossed the peer's rekey of the same CHILD_SA ({@code collision},
 * recorded when we answered the peer's) is settled by the nonces (RFC 7296 §2.8.1): if ours made
 * the redundant CHILD_SA we delete it and the peer's successor stands (the peer deletes the old
 * one); otherwise ours goes through the key delivery and we delete the old one. An error answer
 * to a rekey keeps the old CHILD_SA and tries again later, unless the peer's crossing rekey
 * already replaced it (§2.25: it answers TEMPORARY_FAILURE then).
 *
 * @param collision the peer's rekey of the same CHILD_SA, answered while this request was out
 */
record CreateChildSaInFlight(
    CreateChildSa request, ChildSaNegotiation.Offer offer, byte[] ni, Optional<KeyExchange> ke,
    Optional<PassiveRekey> collision)
    implements InitiatorTask.InFlight {

  /** The peer's successor of the same CHILD_SA and the lower nonce of its exchange. */
  record PassiveRekey(int inboundSpi, byte[] lowerNonce) {}

  @Override
  public ExchangeType exchange() {
    return ExchangeType.CREATE_CHILD_SA;
  }

  @Override
  public void destroy() {
    ke.ifPresent(KeyExchange::destroy);
  }

  /** Our rekey of the CHILD_SA, if it is the exchange in flight. */
  static Optional<CreateChildSaInFlight> rekeying(Established s, int inboundSpi) {
    return s.tasks().active()
        .filter(t -> t instanceof CreateChildSaInFlight f
            && f.request().rekeyed().equals(Optional.of(inboundSpi)))
        .map(CreateChildSaInFlight.class::cast);
  }

  CreateChildSaInFlight withCollision(int inboundSpi, byte[] lowerNonce) {
    return new CreateChildSaInFlight(request, offer, ni, ke,
        Optional.of(new PassiveRekey(inboundSpi, lowerNonce)));
  }

  @Override
  public TaskOutcome processResponse(
      Established s, List<Payload> response, long now, SecureRandom random) {
    byte[] gir = new byte[0];
    try {
      Optional<NotifyPayload> error = InitPayloads.firstError(response);
      if (error.isPresent()) {
        return failed(s, error.get().notifyType(), error.get().data(), now);
      }
      Optional<NoncePayload> nr = InitPayloads.first(response, NoncePayload.class);
      Optional<KePayload> kr = InitPayloads.first(response, KePayload.class);
      if (nr.isEmpty()) {
        return failed(s, NotifyType.NO_PROPOSAL_CHOSEN.id(), new byte[0], now);
      }
      if (ke.isPresent()) {
        if (kr.isEmpty() || kr.get().dhGroup() != ke.get().group().id()
            || !(ke.get().agree(kr.get().keyData()) instanceof Decoded.Ok<byte[]> ok)) {
          return failed(s, NotifyType.NO_PROPOSAL_CHOSEN.id(), new byte[0], now);
        }
        gir = ok.value();
        CryptoCounts.keyAgreement(s.sa().config());
      }
      ChildSaNegotiation.Result result = ChildSaNegotiation.accept(s.sa(), offer, response,
          ke.map(KeyExchange::group), ni, nr.get().nonce(), gir);
      if (result instanceof ChildSaNegotiation.Refused refused) {
        return failed(s, refused.error().id(), new byte[0], now);
      }
      ChildSa child = ((ChildSaNegotiation.Agreed) result).child();
      return agreed(s, child, nr.get().nonce(), gir);
    } finally {
      destroy();
      Arrays.fill(gir, (byte) 0);
    }
  }

  private TaskOutcome agreed(Established s, ChildSa child, byte[] nr, byte[] gir) {
    byte[] ourLower = RekeyCollision.lower(ni, nr);
    if (request.rekeyed().isEmpty()) {
      return new TaskOutcome.Agreed(s.sa(), child, KeyDelivery.of(s.sa(), child, ni, nr, gir),
          List.of());
    }
    int old = request.rekeyed().get();
    if (collision.isPresent() && RekeyCollision.lost(ourLower, collision.get().lowerNonce())) {
      // Ours is the redundant one: the CD never gets its keys, the peer is told to drop it.
      int redundant = child.inboundSpi();
      child.destroy();
      return new TaskOutcome.Changed(after -> {
        IkeStep adopted = adoptPassive(after, old, collision.get().inboundSpi());
        Established next = ((Established) adopted.state()).first(new DeleteChildSa.Redundant(
            redundant));
        return new IkeStep(next, adopted.outputs());
      });
    }
    return new TaskOutcome.Agreed(s.sa(), child, KeyDelivery.of(s.sa(), child, ni, nr, gir),
        List.of(), Optional.of(new TaskOutcome.Rekey(old, true, ourLower)));
  }

  private TaskOutcome failed(Established s, int error, byte[] data, long now) {
    Optional<DhGroup> asked = data.length == 2
        ? DhGroup.of(((data[0] & 0xff) << 8) | (data[1] & 0xff)) : Optional.empty();
    Profile profile = s.sa().config().profile();
    if (error == NotifyType.INVALID_KE_PAYLOAD.id() && asked.isPresent()
        && profile.dhGroups().contains(asked.get()) && request.group().isEmpty()
        && !ke.map(KeyExchange::group).equals(asked)) {
      CreateChildSa retry = new CreateChildSa(request.rekeyed(), asked);
      return new TaskOutcome.Changed(after -> IkeStep.of(after.first(retry)));
    }
    NotifyType type = NotifyType.of(error).orElse(NotifyType.NO_PROPOSAL_CHOSEN);
    IkeOutput refused = new IkeOutput.ChildSaRefused(type);
    if (request.rekeyed().isEmpty()) {
      return new TaskOutcome.Done(s.sa(), List.of(refused));
    }
    int old = request.rekeyed().get();
    if (collision.isPresent()) {
      return new TaskOutcome.Changed(
          after -> adoptPassive(after, old, collision.get().inboundSpi()));
    }
    if (type == NotifyType.CHILD_SA_NOT_FOUND) {
      return new TaskOutcome.Changed(after -> DeleteChildSa.remove(after, List.of(old), now));
    }
    return new TaskOutcome.Changed(after -> {
      Established next = after.withLifetimes(after.lifetimes().retryChildRekey(old, now));
      return new IkeStep(next, List.of(refused, next.lifetimes().childTimer()));
    });
  }

  /**
   * The peer's successor {@code replacement} stands for {@code old}, which waits for the peer's
   * Delete (the peer initiated the surviving rekey, §2.8).
   */
  static IkeStep adoptPassive(Established after, int old, int replacement) {
    Optional<ChildSa> o = after.child(old);
    Optional<ChildSa> r = after.child(replacement);
    if (o.isEmpty()) {
      return IkeStep.of(after);
    }
    Established next = after.withLifetimes(after.lifetimes().replaced(old, replacement));
    List<IkeOutput> out = new ArrayList<>();
    r.ifPresent(n -> out.add(new IkeOutput.ChildSaRekeyed(o.get(), n)));
    out.add(next.lifetimes().childTimer());
    return new IkeStep(next, out);
  }

  @Override
  public String toString() {
    return "CreateChildSaInFlight[" + request + ", collision " + collision.isPresent() + "]";
  }
}
