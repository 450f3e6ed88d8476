package net.iotgw.protocols.pana.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;

/**
 * The phases both sides share once authentication is over (RFC 5191 §4.2, §4.4): the open
 * session with its ping, key deliveries and termination, the wait for a PTA, and the end. Every
 * message here is signed and must carry a valid AUTH.
 */
public final class OpenSession {
  private OpenSession() {}

  /**
   * Access phase: the session holds its keys and ends at {@code expiresAtMillis}; {@code keying}
   * and {@code keyId} (the Key-Id of the current MSK) are what a re-authentication builds on, and
   * {@code eapResponseTimeoutMillis} bounds the PaC's EAP peer in it (0 at the PAA).
   */
  public record Open(Channel channel, long expiresAtMillis, Keying keying, long keyId,
      long eapResponseTimeoutMillis) implements PaaEngine.State, PacEngine.State, HasChannel {
    Open withChannel(Channel c) {
      return new Open(c, expiresAtMillis, keying, keyId, eapResponseTimeoutMillis);
    }
  }

  /** PTR sent; waiting for the PTA (§4.4). */
  public record Terminating(Channel channel) implements PaaEngine.State, PacEngine.State, HasChannel {}

  /**
   * The session is over; the keys have been zeroed. {@code echo}, when not null, is the request
   * whose answer closed the session (a PTR, or a PAR rejecting the PaC) with that answer.
   */
  public record Closed(PanaOutput.CloseReason reason, Echo echo)
      implements PaaEngine.State, PacEngine.State {
    public Closed(PanaOutput.CloseReason reason) {
      this(reason, null);
    }
  }

  /**
   * The last request answered and its answer, kept after the keys are gone: §5.2 asks every
   * duplicate request to be answered, and a byte-for-byte repeat of a request that was verified
   * needs no key to recognise. Anything else is dropped.
   */
  public record Echo(byte[] request, byte[] answer) {}

  /** Enter the access phase: report it and arm the lifetime timer. */
  static <S> PanaStep<S> open(Channel channel, Keying keying, long keyId, long lifetimeSeconds,
      long eapResponseTimeoutMillis, long now, List<PanaOutput> before) {
    long expires = now + lifetimeSeconds * 1000;
    List<PanaOutput> out = new ArrayList<>(before);
    out.add(new PanaOutput.Opened(channel.sessionId(), lifetimeSeconds));
    out.add(new PanaOutput.Arm(PanaOutput.Timer.LIFETIME, expires));
    @SuppressWarnings("unchecked")
    S s = (S) new Open(channel, expires, keying, keyId, eapResponseTimeoutMillis);
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
    return PanaStep.of((S) s.withChannel(sent.channel()), sent.outputs());
  }

  /** §4.4: a PTR with Termination-Cause, signed; pending exchanges are abandoned. */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> terminate(Open s, long cause, long now, RandomGenerator random) {
    Channel c = s.channel().settled();
    Channel.Sent sent = c.request(0, PanaMessageType.TERMINATION,
        List.of(new Avp.TerminationCause(cause)), now, random, true);
    return PanaStep.of((S) new Terminating(sent.channel()),
        sent.plus(new PanaOutput.Disarm(PanaOutput.Timer.LIFETIME),
            new PanaOutput.Disarm(PanaOutput.Timer.REAUTHENTICATE)));
  }

  /**
   * A fresh, authentic message in the open phase: the answer to our ping or delivery, or the
   * peer's ping, delivery (Encryption-Encap from {@code peer}) or termination.
   */
  static <S> PanaStep<S> onOpen(Open s, PanaMessage m, byte[] wire, PanaEncrKey.Sender peer) {
    return onOpen(s, m, wire, peer, DeliveryVerdict.ACCEPT);
  }

  /** The same, with the owner's {@code verdict} on a delivery from the peer. */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> onOpen(Open s, PanaMessage m, byte[] wire, PanaEncrKey.Sender peer,
      DeliveryVerdict verdict) {
    PanaHeader h = m.header();
    Channel c = s.channel();
    if (c.answers(h) && h.messageType() == PanaMessageType.NOTIFICATION.id()) {
      List<Avp> refusal = m.all(Avp.Unknown.class).stream().map(Avp.class::cast).toList();
      PanaOutput done = c.pending().header().has(PanaHeader.FLAG_P)
          ? new PanaOutput.PingAnswered()
          : refusal.isEmpty() ? new PanaOutput.DeliveryAcknowledged()
          : new PanaOutput.DeliveryRefused(refusal);
      return PanaStep.of((S) s.withChannel(c.settled()),
          new PanaOutput.Disarm(PanaOutput.Timer.RETRANSMIT), done);
    }
    if (!c.isNextRequest(h)) {
      return PanaStep.of((S) s, drop(PanaOutput.DropReason.WRONG_SEQUENCE,
          "seq " + h.sequenceNumber()));
    }
    if (h.messageType() == PanaMessageType.NOTIFICATION.id() && h.has(PanaHeader.FLAG_P)) {
      Channel.Sent sent = c.answer(h, PanaHeader.FLAG_P, List.of(), true);
      return PanaStep.of((S) s.withChannel(sent.channel()), sent.outputs());
    }
    if (h.messageType() == PanaMessageType.NOTIFICATION.id() && !h.has(PanaHeader.FLAG_A)) {
      return KeyDelivery.onDelivery(s, m, peer, verdict);
    }
    if (h.messageType() == PanaMessageType.TERMINATION.id()) {
      Channel.Sent sent = c.answer(h, 0, List.of(), true);
      c.destroyKeys();
      List<PanaOutput> out = new ArrayList<>(sent.outputs());
      out.addAll(closing(PanaOutput.CloseReason.TERMINATED));
      return PanaStep.of(
          (S) new Closed(PanaOutput.CloseReason.TERMINATED, new Echo(wire, sent.wire())), out);
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

  /** After the end: only a repeat of the request that ended the session is answered (§5.2). */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> onClosed(Closed s, byte[] wire) {
    if (s.echo() != null && Arrays.equals(wire, s.echo().request())) {
      return PanaStep.of((S) s, new PanaOutput.Send(s.echo().answer()));
    }
    return PanaStep.of((S) s, drop(PanaOutput.DropReason.UNEXPECTED, "closed"));
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
        ? o.withChannel(sent.channel())
        : new Terminating(sent.channel());
    return PanaStep.of((S) next, sent.outputs());
  }

  /** Zeroes the channel's keys and ends the session. */
  @SuppressWarnings("unchecked")
  static <S> PanaStep<S> close(Channel c, PanaOutput.CloseReason reason) {
    c.destroyKeys();
    return PanaStep.of((S) new Closed(reason), closing(reason));
  }

  /** Every timer disarmed, then {@link PanaOutput.Closed}. */
  static List<PanaOutput> closing(PanaOutput.CloseReason reason) {
    List<PanaOutput> out = new ArrayList<>();
    for (PanaOutput.Timer t : PanaOutput.Timer.values()) {
      out.add(new PanaOutput.Disarm(t));
    }
    out.add(new PanaOutput.Closed(reason));
    return out;
  }

  static PanaOutput.Dropped drop(PanaOutput.DropReason reason, String detail) {
    return new PanaOutput.Dropped(reason, detail);
  }
}
