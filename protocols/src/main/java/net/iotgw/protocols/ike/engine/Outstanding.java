package net.iotgw.protocols.ike.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;

/**
 * Our request in flight (RFC 7296 §2.1: a window of one): its datagrams, resent unchanged, and
 * how far the retransmission schedule has gone.
 *
 * @param messageId the request's message ID
 * @param exchange its exchange type, which the response must have
 * @param datagrams the request as sent (several with IKE fragmentation)
 * @param sent transmissions beyond the first so far
 * @param deadline when the current timeout ends (a timer firing earlier is stale)
 * @param timer the timer its timeouts run on: {@link IkeTimer#RETRANSMIT}, or {@link
 *     IkeTimer#RETIRED_IKE_SA} for the Delete of a rekeyed IKE SA
 */
record Outstanding(
    long messageId, ExchangeType exchange, List<Datagram> datagrams, int sent, long deadline,
    IkeTimer timer) {

  Outstanding {
    datagrams = List.copyOf(datagrams);
  }

  /** The first transmission: send every datagram and arm the first timeout. */
  static Transmission first(
      long messageId, ExchangeType exchange, List<Datagram> datagrams, RetransmitPolicy policy,
      long now) {
    return first(messageId, exchange, datagrams, policy, now, IkeTimer.RETRANSMIT);
  }

  /** The first transmission, its timeouts on {@code timer}. */
  static Transmission first(
      long messageId, ExchangeType exchange, List<Datagram> datagrams, RetransmitPolicy policy,
      long now, IkeTimer timer) {
    long deadline = now + policy.timeoutMillis(0);
    Outstanding o = new Outstanding(messageId, exchange, datagrams, 0, deadline, timer);
    return new Transmission(o, sendAll(datagrams, deadline, timer));
  }

  /** The request and what to output for it. */
  record Transmission(Outstanding outstanding, List<IkeOutput> outputs) {}

  /**
   * The RETRANSMIT timer fired: resend and arm the next timeout, or empty once the schedule is
   * exhausted (RFC 7296 §2.4: the peer is then presumed gone).
   */
  Optional<Transmission> retransmit(RetransmitPolicy policy, long now) {
    if (policy.exhausted(sent)) {
      return Optional.empty();
    }
    int next = sent + 1;
    long nextDeadline = now + policy.timeoutMillis(next);
    return Optional.of(
        new Transmission(
            new Outstanding(messageId, exchange, datagrams, next, nextDeadline, timer),
            sendAll(datagrams, nextDeadline, timer)));
  }

  private static List<IkeOutput> sendAll(List<Datagram> datagrams, long deadline, IkeTimer timer) {
    List<IkeOutput> out = new ArrayList<>();
    datagrams.forEach(d -> out.add(new IkeOutput.Send(d)));
    out.add(new IkeOutput.Arm(timer, deadline));
    return out;
  }
}
