package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
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
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.crypto.KeyExchange;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.wire.Decoded;

/**
 * Our IKE SA rekey in flight ({@link RekeyIkeSa} started). A rekey of the peer answered meanwhile
 * ({@code collision}) is settled by the nonces (RFC 7296 §2.8.2): the IKE SA made with the lowest
 * nonce is redundant and deleted by its initiator, the other one replaces the old SA, which the
 * winner deletes. An error answer keeps the old SA and tries again later, unless the peer's
 * crossing rekey already replaced it.
 *
 * @param collision the peer's new IKE SA and the lower nonce of its exchange
 */
record RekeyIkeSaInFlight(
    RekeyIkeSa request, long spiI, byte[] ni, KeyExchange ke, Optional<PassiveIkeRekey> collision)
    implements InitiatorTask.InFlight {

  /** The IKE SA of the peer's crossing rekey, which we answered, and its exchange's lower nonce. */
  record PassiveIkeRekey(IkeSa sa, byte[] lowerNonce) {}

  @Override
  public ExchangeType exchange() {
    return ExchangeType.CREATE_CHILD_SA;
  }

  @Override
  public void destroy() {
    ke.destroy();
    collision.ifPresent(c -> c.sa().destroy());
  }

  RekeyIkeSaInFlight withCollision(IkeSa passive, byte[] lowerNonce) {
    return new RekeyIkeSaInFlight(request, spiI, ni, ke,
        Optional.of(new PassiveIkeRekey(passive, lowerNonce)));
  }

  @Override
  public TaskOutcome processResponse(
      Established s, List<Payload> response, long now, SecureRandom random) {
    byte[] gir = new byte[0];
    try {
      Optional<NotifyPayload> error = InitPayloads.firstError(response);
      if (error.isPresent()) {
        return failed(s, error.get(), now, random);
      }
      IkeSa sa = s.sa();
      Optional<SaPayload> answer = InitPayloads.first(response, SaPayload.class);
      Optional<NoncePayload> nr = InitPayloads.first(response, NoncePayload.class);
      Optional<KePayload> kr = InitPayloads.first(response, KePayload.class);
      Optional<Proposals.IkeRekeyAnswer> accepted = answer.flatMap(
          a -> Proposals.acceptIkeRekey(sa.config().profile(), a, ke.group()));
      if (accepted.isEmpty() || nr.isEmpty() || kr.isEmpty()
          || kr.get().dhGroup() != ke.group().id()
          || !(ke.agree(kr.get().keyData()) instanceof Decoded.Ok<byte[]> ok)) {
        return failed(s, NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN), now, random);
      }
      gir = ok.value();
      byte[] nonceR = nr.get().nonce();
      long spiR = accepted.get().spiR();
      IkeSaKeys keys = KeySchedule.rekey(accepted.get().suite(), sa.suite().prf(),
          sa.keys().skD(), gir, ni, nonceR, spiI, spiR);
      CryptoCounts.keyAgreement(sa.config());
      CryptoCounts.rekeyedIkeSaKeys(sa.config(), accepted.get().suite());
      IkeSa ours = sa.rekeyed(Role.INITIATOR, spiI, spiR, keys, new IkeSa.Nonces(ni, nonceR));
      if (collision.isEmpty()) {
        return new TaskOutcome.Changed(after -> IkeSaRekeys.switchTo(after, ours, true, now,
            random));
      }
      PassiveIkeRekey theirs = collision.get();
      if (RekeyCollision.lost(RekeyCollision.lower(ni, nonceR), theirs.lowerNonce())) {
        return new TaskOutcome.Changed(
            after -> IkeSaRekeys.lostCollision(after, ours, theirs.sa(), now, random));
      }
      return new TaskOutcome.Changed(
          after -> IkeSaRekeys.wonCollision(after, ours, theirs.sa(), now, random));
    } finally {
      ke.destroy();
      Arrays.fill(gir, (byte) 0);
    }
  }

  private TaskOutcome failed(Established s, NotifyPayload error, long now, SecureRandom random) {
    byte[] data = error.data();
    Optional<DhGroup> asked = data.length == 2
        ? DhGroup.of(((data[0] & 0xff) << 8) | (data[1] & 0xff)) : Optional.empty();
    if (error.notifyType() == NotifyType.INVALID_KE_PAYLOAD.id() && asked.isPresent()
        && asked.get() != ke.group() && request.group().isEmpty()
        && s.sa().config().profile().dhGroups().contains(asked.get())
        && collision.isEmpty()) {
      return new TaskOutcome.Changed(after -> IkeStep.of(after.first(new RekeyIkeSa(asked))));
    }
    if (collision.isPresent()) {
      IkeSa theirs = collision.get().sa();
      return new TaskOutcome.Changed(
          after -> IkeSaRekeys.switchTo(after, theirs, false, now, random));
    }
    return new TaskOutcome.Changed(after -> {
      Established next = after.withLifetimes(after.lifetimes().retryIkeRekey(now));
      return new IkeStep(next, List.of(new IkeOutput.Arm(IkeTimer.IKE_SA_REKEY,
          next.lifetimes().ikeRekeyAt())));
    });
  }

  @Override
  public String toString() {
    return "RekeyIkeSaInFlight[" + Long.toHexString(spiI) + ", collision "
        + collision.isPresent() + "]";
  }
}
