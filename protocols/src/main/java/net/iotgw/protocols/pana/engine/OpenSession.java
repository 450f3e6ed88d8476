package net.iotgw.protocols.pana.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;

/**
 * The phases both sides share once authentication is over (RFC 5191 §4.2, §4.4): the open
 * session with its ping and termination, the wait for a PTA, and the end. Every message here is
 * signed and must carry a valid AUTH.
 */
public final class OpenSession {
  private OpenSession() {}

  /** Access phase: the session holds PANA_AUTH_KEY and ends at {@code expiresAtMillis}. */
  public record Open(Channel channel, long expiresAtMillis)
      implements PaaEngine.State, PacEngine.State, HasChannel {}

  /** PTR sent; waiting for the PTA (§4.4). */
  public record Terminating(Channel channel) implements PaaEngine.State, PacEngine.State, HasChannel {}

  /** The session is over; the key has been zeroed. */
  public record Closed(PanaOutput.CloseReason reason)
      implements PaaEngine.State, PacEngine.State {}

  /** Enter the access phase: report it and arm the lifetime timer. */
  static <S> PanaStep<S> open(
      Channel channel, long lifetimeSeconds, long now, List<PanaOutput> before) {
    long expires = now + lifetimeSeconds * 1000;
    List<PanaOutput> out = new ArrayList<>(before);
    out.add(new PanaOutput.Opened(channel.sessionId(), lifetimeSeconds));
    out.add(new PanaOutput.Arm(PanaOutput.Timer.LIFETIME, expires));
    @SuppressWarnings("unchecked")
    S s = (S) new Open(channel, expires);
    return PanaStep.of(s, out);
  }

  /** §4.2: a PNR with the P flag, signed. */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> ping(Open s, long now, RandomGenerator random) {
    if (s.channel().pending() != null) {
      return PanaStep.of((S) s, drop(PanaOutput.DropReason.UNEXPECTED, "a request is outstanding"));
    }
    Channel.Sent sent = s.channel().request(
        PanaHeader.FLAG_P, PanaMessageType.NOTIFICATION, List.of(), now, random, true);
    return PanaStep.of((S) new Open(sent.channel(), s.expiresAtMillis()), sent.outputs());
  }

  /** §4.4: a PTR with Termination-Cause, signed; pending exchanges are abandoned. */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> terminate(Open s, long cause, long now, RandomGenerator random) {
    Channel c = s.channel().settled();
    Channel.Sent sent = c.request(0, PanaMessageType.TERMINATION,
        List.of(new Avp.TerminationCause(cause)), now, random, true);
    return PanaStep.of((S) new Terminating(sent.channel()),
        sent.plus(new PanaOutput.Disarm(PanaOutput.Timer.LIFETIME)));
  }

  /** A fresh, authentic message in the open phase. */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> onOpen(Open s, PanaMessage m) {
    PanaHeader h = m.header();
    Channel c = s.channel();
    if (c.answers(h) && h.messageType() == PanaMessageType.NOTIFICATION.id()) {
      return PanaStep.of((S) new Open(c.settled(), s.expiresAtMillis()),
          new PanaOutput.Disarm(PanaOutput.Timer.RETRANSMIT), new PanaOutput.PingAnswered());
    }
    if (!c.isNextRequest(h)) {
      return PanaStep.of((S) s, drop(PanaOutput.DropReason.WRONG_SEQUENCE,
          "seq " + h.sequenceNumber()));
    }
    if (h.messageType() == PanaMessageType.NOTIFICATION.id() && h.has(PanaHeader.FLAG_P)) {
      Channel.Sent sent = c.answer(h, PanaHeader.FLAG_P, List.of(), true);
      return PanaStep.of((S) new Open(sent.channel(), s.expiresAtMillis()), sent.outputs());
    }
    if (h.messageType() == PanaMessageType.TERMINATION.id()) {
      Channel.Sent sent = c.answer(h, 0, List.of(), true);
      c.key().close();
      return PanaStep.of((S) new Closed(PanaOutput.CloseReason.TERMINATED), sent.plus(
          new PanaOutput.Disarm(PanaOutput.Timer.RETRANSMIT),
          new PanaOutput.Disarm(PanaOutput.Timer.LIFETIME),
          new PanaOutput.Closed(PanaOutput.CloseReason.TERMINATED)));
    }
    return PanaStep.of((S) s, drop(PanaOutput.DropReason.UNEXPECTED, "type " + h.messageType()));
  }

  /** The PTA that ends our termination. */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> onTerminating(Terminating s, PanaMessage m) {
    if (!s.channel().answers(m.header())) {
      return PanaStep.of((S) s, drop(PanaOutput.DropReason.UNEXPECTED, "waiting for PTA"));
    }
    return close(s.channel(), PanaOutput.CloseReason.TERMINATED);
  }

  /** Timers in the open phases: retransmission (§9) and the session lifetime (§4.4). */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> timer(
      Object state, Channel c, PanaOutput.Timer t, long now, RandomGenerator random) {
    if (t == PanaOutput.Timer.LIFETIME && state instanceof Open o && now >= o.expiresAtMillis()) {
      return close(c, PanaOutput.CloseReason.LIFETIME_EXPIRED);
    }
    if (t != PanaOutput.Timer.RETRANSMIT) {
      return PanaStep.of((S) state);
    }
    Channel.Sent sent = c.retransmit(now, random);
    if (sent == null) {
      // A PTR that is never answered ends the session all the same.
      return close(c, state instanceof Terminating
          ? PanaOutput.CloseReason.TERMINATED
          : PanaOutput.CloseReason.RETRANSMISSIONS_EXHAUSTED);
    }
    Object next = state instanceof Open o
        ? new Open(sent.channel(), o.expiresAtMillis())
        : new Terminating(sent.channel());
    return PanaStep.of((S) next, sent.outputs());
  }

  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> close(Channel c, PanaOutput.CloseReason reason) {
    if (c.key() != null) {
      c.key().close();
    }
    return PanaStep.of((S) new Closed(reason),
        new PanaOutput.Disarm(PanaOutput.Timer.RETRANSMIT),
        new PanaOutput.Disarm(PanaOutput.Timer.LIFETIME),
        new PanaOutput.Closed(reason));
  }

  static PanaOutput.Dropped drop(PanaOutput.DropReason reason, String detail) {
    return new PanaOutput.Dropped(reason, detail);
  }
}
