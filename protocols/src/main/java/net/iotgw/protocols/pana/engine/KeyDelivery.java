package net.iotgw.protocols.pana.engine;

import java.util.List;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaEncryption;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;
import net.iotgw.protocols.wire.Decoded;

/**
 * Secret delivery over an open session: the sender puts the AVPs in one Encryption-Encap AVP
 * (RFC 6786 §5) of a signed PNR with neither the P nor the A flag, retransmitted under §9 like
 * any request; the receiver decrypts, reports {@link PanaOutput.Delivered} and answers a signed PNA,
 * which is the acknowledgement ({@link PanaOutput.DeliveryAcknowledged}). A lost PNA brings the
 * PNR again, which gets the cached PNA (§5.2) and is not reported twice.
 *
 * <p>Either side may deliver: the PAA its key deliveries, the PaC its requests (a CD asking for
 * an SA, sealed with PANA_PAC_ENCR_KEY). The receiver's owner may refuse what it got ({@link
 * DeliveryVerdict}): its PNA then carries the AVPs saying why, in clear under AUTH, and the
 * sender reports {@link PanaOutput.DeliveryRefused} instead of {@link
 * PanaOutput.DeliveryAcknowledged}. A PNA carrying AVPs is this project's negative
 * acknowledgement; RFC 5191 §4.2 gives a PNA nothing to carry but AUTH.
 *
 * <p>RFC 5191 defines PNR only for ping and re-authentication; a flagless PNR carrying
 * Encryption-Encap is this project's use of it (RFC 6786 §5 allows the AVP in any message after
 * the keys exist). The counter of RFC 6786 §4.1 is unique because each delivery is a new request
 * with a new sequence number; answers carry no Encryption-Encap, so the same sequence number is
 * never encrypted twice under one key.
 */
final class KeyDelivery {
  private KeyDelivery() {}

  /**
   * Either side's command: deliver {@code secret} in a PNR sealed with {@code sender}'s key; see
   * {@link PaaEngine#deliver} and {@link PacEngine#deliver}.
   */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> deliver(
      S state, List<Avp> secret, PanaEncrKey.Sender sender, long now, RandomGenerator random) {
    if (!(state instanceof OpenSession.Open s) || s.channel().pending() != null) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED,
          state instanceof OpenSession.Open ? "a request is outstanding" : "not open"));
    }
    Channel c = s.channel();
    if (c.encrKey() == null) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.NO_ALGORITHM,
          "no Encryption-Algorithm was negotiated"));
    }
    if (secret.isEmpty() || !secret.stream().allMatch(PanaEncryption::mayBeEncrypted)) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.BAD_ENCRYPTION,
          "RFC 6786 §6.1: nothing to deliver, or an AVP that is never encrypted"));
    }
    Avp.EncrEncap encap = PanaEncryption.seal(
        c.encrKey(), sender, c.sessionId(), c.nextTxSeq(), secret);
    Channel.Sent sent =
        c.request(0, PanaMessageType.NOTIFICATION, List.of(encap), now, random, true);
    return PanaStep.of((S) s.withChannel(sent.channel()), sent.outputs());
  }

  /**
   * A fresh, authentic PNR without P or A flag: a delivery from {@code from}, answered by a PNA
   * with the AVPs of {@code verdict}: reported {@link PanaOutput.Delivered} when it carries none,
   * else {@link PanaOutput.DeliveryRefused}.
   */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> onDelivery(
      OpenSession.Open s, PanaMessage m, PanaEncrKey.Sender from, DeliveryVerdict verdict) {
    Channel c = s.channel();
    PanaHeader h = m.header();
    if (c.encrKey() == null) {
      return PanaStep.of((S) s, OpenSession.drop(PanaOutput.DropReason.NO_ALGORITHM,
          "Encryption-Encap without a negotiated algorithm"));
    }
    List<Avp.EncrEncap> encaps = m.all(Avp.EncrEncap.class);
    if (encaps.size() != 1) {
      return PanaStep.of((S) s, OpenSession.drop(PanaOutput.DropReason.BAD_ENCRYPTION,
          encaps.size() + " Encryption-Encap AVPs, RFC 6786 §5 wants one"));
    }
    Decoded<List<Avp>> avps = PanaEncryption.open(
        c.encrKey(), from, h.sessionId(), h.sequenceNumber(), encaps.get(0));
    if (avps instanceof Decoded.Failed<List<Avp>> f) {
      return PanaStep.of((S) s,
          OpenSession.drop(PanaOutput.DropReason.BAD_ENCRYPTION, f.error().toString()));
    }
    List<Avp> delivered = avps.orThrow();
    List<Avp> answer = List.copyOf(verdict.answer(delivered));
    Channel.Sent sent = c.answer(h, 0, answer, true);
    return PanaStep.of((S) s.withChannel(sent.channel()), sent.plus(answer.isEmpty()
        ? new PanaOutput.Delivered(delivered) : new PanaOutput.DeliveryRefused(answer)));
  }
}
