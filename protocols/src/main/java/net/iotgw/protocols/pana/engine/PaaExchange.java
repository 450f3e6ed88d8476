package net.iotgw.protocols.pana.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;

/**
 * The steps of the PAA's EAP exchange that authentication (§4.1) and re-authentication (§4.3)
 * share: taking the PaC's part of the exchange, and the PAR with C that ends it with success.
 */
final class PaaExchange {
  private PaaExchange() {}

  /** Where an EAP exchange stands after a message from the PaC. */
  record Relay(Channel channel, Keying keying) {}

  /**
   * §4.1 (and §4.3, the same in a re-authentication): the PaC's PAN to our PAR, the first one
   * bringing its Nonce, or a PAR of its own, as the PaC may send its EAP response that way
   * instead of piggybacking it. Any EAP packet in either is reported. A null state: dropped.
   */
  static PanaStep<Relay> relay(Channel c, Keying k, PanaMessage m) {
    PanaHeader h = m.header();
    List<PanaOutput> out = new ArrayList<>();
    if (c.answers(h) && h.messageType() == PanaMessageType.AUTH.id()) {
      if (k.pacNonce() == null) {
        var nonce = m.first(Avp.Nonce.class);
        if (nonce.isEmpty()) {
          return PanaStep.of(null, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "no Nonce"));
        }
        k = k.withPacNonce(nonce.get().value());
      }
      c = c.settled();
      out.add(new PanaOutput.Disarm(PanaOutput.Timer.RETRANSMIT));
    } else if (c.isNextRequest(h) && h.messageType() == PanaMessageType.AUTH.id()
        && !h.has(PanaHeader.FLAG_C)) {
      Channel.Sent sent = c.answer(h, 0, List.of(), true);
      c = sent.channel();
      out.addAll(sent.outputs());
    } else {
      return PanaStep.of(null, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "in EAP"));
    }
    m.first(Avp.EapPayload.class).ifPresent(p -> out.add(new PanaOutput.EapReceived(p.eap())));
    return PanaStep.of(new Relay(c, k), out);
  }

  /**
   * The PAR with C, EAP-Success, PANA_SUCCESS, Session-Lifetime and Key-Id, signed with the
   * PANA_AUTH_KEY of this MSK, on a channel that now holds the keys of this MSK (§4.1, §5.3).
   */
  static Channel.Sent completion(Channel c, Keying k, byte[] eapSuccess, byte[] msk, long keyId,
      long lifetimeSeconds, long now, RandomGenerator random) {
    List<Avp> avps = List.of(
        new Avp.EapPayload(eapSuccess),
        new Avp.ResultCode(Avp.ResultCode.PANA_SUCCESS),
        new Avp.SessionLifetime(lifetimeSeconds),
        new Avp.KeyId(keyId));
    return c.withKeys(k.derive(msk, keyId), k.deriveEncryption(msk, keyId))
        .request(PanaHeader.FLAG_C, PanaMessageType.AUTH, avps, now, random, true);
  }
}
