package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.wire.Decoded;

/**
 * An IKE SA a rekey left behind (RFC 7296 §2.18), kept only for its Delete: the old SA after a
 * rekey, or the redundant one of a collision (§2.8.2). If we delete it, our D(IKE) is in flight
 * ({@code exchanges.outstanding()}, retransmitted on {@link IkeTimer#RETIRED_IKE_SA}); otherwise
 * the peer is to delete it, and we wait until {@code deadline}. Meanwhile it answers: its last
 * request again from the cache (a lost rekey response), D(IKE) and liveness checks empty, and
 * CREATE_CHILD_SA with TEMPORARY_FAILURE (§2.25: a crossing rekey that came too late).
 */
record RetiredIkeSa(IkeSa sa, Exchanges exchanges, long deadline) {

  /** We delete {@code sa}: D(IKE) goes out on it now. */
  static IkeStep deleting(
      Established s, IkeSa sa, Exchanges ex, long now, SecureRandom random) {
    long id = ex.nextRequestId();
    List<Datagram> datagrams = Outbound.seal(sa, id, ExchangeType.INFORMATIONAL, false,
        List.of(DeletePayload.ikeSa()), random);
    Outstanding.Transmission tx = Outstanding.first(id, ExchangeType.INFORMATIONAL, datagrams,
        sa.config().limits().retransmit(), now, IkeTimer.RETIRED_IKE_SA);
    RetiredIkeSa r = new RetiredIkeSa(sa, ex.requestSent(tx.outstanding()),
        tx.outstanding().deadline());
    return withRetired(s, r, sends(tx.outputs()));
  }

  /** The peer deletes {@code sa}; we wait for it at most {@code rekeyedIkeSaMillis}. */
  static IkeStep awaitingDelete(Established s, IkeSa sa, Exchanges ex, long now) {
    RetiredIkeSa r = new RetiredIkeSa(sa, ex.withOutstanding(Optional.empty()),
        now + sa.config().limits().rekeyedIkeSaMillis());
    return withRetired(s, r, List.of());
  }

  /** A datagram for one of the retired SAs, if its SPIs name one. */
  static Optional<IkeStep> onReceived(
      Established s, Datagram d, long now, SecureRandom random) {
    if (s.retired().isEmpty()
        || !(IkeDecoder.decodeHeader(d.message()) instanceof Decoded.Ok<IkeHeader> h)) {
      return Optional.empty();
    }
    Optional<RetiredIkeSa> match = s.retired().stream()
        .filter(r -> r.sa().spiI() == h.value().spiI() && r.sa().spiR() == h.value().spiR())
        .findFirst();
    return match.map(r -> onReceived(s, r, d, random));
  }

  private static IkeStep onReceived(
      Established s, RetiredIkeSa r, Datagram d, SecureRandom random) {
    Inbound.Result in = Inbound.classify(r.sa(), r.exchanges(), d);
    if (in instanceof Inbound.Retransmission) {
      return new IkeStep(s, TaskManager.resend(r.exchanges(), d));
    }
    if (in instanceof Inbound.Response resp && r.exchanges().outstanding().isPresent()) {
      return retire(s, r, List.of());
    }
    if (!(in instanceof Inbound.Request req)) {
      Exchanges ex = in instanceof Inbound.Drop drop ? drop.exchanges()
          : in instanceof Inbound.Pending p ? p.exchanges() : r.exchanges();
      return IkeStep.of(replace(s, r, new RetiredIkeSa(r.sa(), ex, r.deadline())),
          new IkeOutput.Dropped(DropReason.UNEXPECTED, "for the rekeyed IKE SA: " + in));
    }
    boolean deleted = req.exchangeType() == ExchangeType.INFORMATIONAL.id()
        && req.payloads().stream().anyMatch(
            p -> p instanceof DeletePayload dp && dp.protocolId() == ProtocolId.IKE.id());
    List<Payload> answer = req.exchangeType() == ExchangeType.CREATE_CHILD_SA.id()
        ? List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE)) : List.of();
    if (req.exchangeType() != ExchangeType.INFORMATIONAL.id()
        && req.exchangeType() != ExchangeType.CREATE_CHILD_SA.id()) {
      return IkeStep.of(replace(s, r, new RetiredIkeSa(r.sa(), req.exchanges(), r.deadline())),
          new IkeOutput.Dropped(DropReason.UNSUPPORTED_EXCHANGE, "on the rekeyed IKE SA"));
    }
    IkeSa to = r.sa().withEndpoints(d.local(), d.remote());
    List<Datagram> response = Outbound.seal(to, req.messageId(),
        ExchangeType.of(req.exchangeType()).orElseThrow(), true, answer, random);
    List<IkeOutput> out = sends(response.stream().map(IkeOutput.Send::new)
        .map(IkeOutput.class::cast).toList());
    if (deleted) {
      return retire(s, r, out);
    }
    RetiredIkeSa answered = new RetiredIkeSa(r.sa(),
        req.exchanges().answered(req.messageId(), response), r.deadline());
    return new IkeStep(replace(s, r, answered), out);
  }

  /** {@link IkeTimer#RETIRED_IKE_SA}: retransmit our Deletes due, drop the SAs whose time is up. */
  static IkeStep onTimer(Established s, long now) {
    Established next = s;
    List<IkeOutput> out = new ArrayList<>();
    for (RetiredIkeSa r : s.retired()) {
      if (now < r.deadline()) {
        continue;
      }
      Optional<Outstanding.Transmission> tx = r.exchanges().outstanding()
          .flatMap(o -> o.retransmit(r.sa().config().limits().retransmit(), now));
      if (tx.isPresent()) {
        RetiredIkeSa again = new RetiredIkeSa(r.sa(),
            r.exchanges().withOutstanding(Optional.of(tx.get().outstanding())),
            tx.get().outstanding().deadline());
        next = replace(next, r, again);
        out.addAll(sends(tx.get().outputs()));
      } else {
        IkeStep gone = retire(next, r, List.of());
        next = (Established) gone.state();
        out.addAll(gone.outputs());
      }
    }
    out.add(timer(next.retired()));
    return new IkeStep(next, out);
  }

  /** The timer for the earliest deadline among {@code retired}. */
  static IkeOutput timer(List<RetiredIkeSa> retired) {
    OptionalLong at = retired.stream().mapToLong(RetiredIkeSa::deadline).min();
    return at.isPresent() ? new IkeOutput.Arm(IkeTimer.RETIRED_IKE_SA, at.getAsLong())
        : new IkeOutput.Disarm(IkeTimer.RETIRED_IKE_SA);
  }

  private static IkeStep retire(Established s, RetiredIkeSa r, List<IkeOutput> before) {
    List<IkeOutput> out = new ArrayList<>(before);
    r.sa().destroy();
    Established next = s.withRetired(s.retired().stream().filter(x -> x != r).toList());
    out.add(new IkeOutput.IkeSaRetired(r.sa().spiI(), r.sa().spiR()));
    out.add(timer(next.retired()));
    return new IkeStep(next, out);
  }

  private static IkeStep withRetired(Established s, RetiredIkeSa r, List<IkeOutput> before) {
    List<RetiredIkeSa> all = new ArrayList<>(s.retired());
    all.add(r);
    List<IkeOutput> out = new ArrayList<>(before);
    out.add(timer(all));
    return new IkeStep(s.withRetired(all), out);
  }

  private static Established replace(Established s, RetiredIkeSa old, RetiredIkeSa now) {
    return s.withRetired(s.retired().stream().map(x -> x == old ? now : x).toList());
  }

  /** The sends of a transmission; its Arm is replaced by the one for all retired SAs. */
  private static List<IkeOutput> sends(List<IkeOutput> outputs) {
    return outputs.stream().filter(IkeOutput.Send.class::isInstance).toList();
  }

  @Override
  public String toString() {
    return "RetiredIkeSa[" + sa + (exchanges.outstanding().isPresent() ? ", deleting" : "")
        + "]";
  }
}
