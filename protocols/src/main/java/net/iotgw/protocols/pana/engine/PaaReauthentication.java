package net.iotgw.protocols.pana.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;

/**
 * The PAA's side of re-authentication (RFC 5191 §4.3): EAP runs again inside the open session,
 * started by the PaC's PNR with the A flag (answered by a PNA with A) or by the PAA itself. Its
 * PARs carry no S flag, the first one a new Nonce; every message is signed with the current
 * PANA_AUTH_KEY until the PAR with C, which the key of the new MSK signs (under a new Key-Id, the
 * previous one plus one), as does the PaC's PAN with C. The old keys are zeroed only when that
 * PAN arrives. A rejection is signed with the old key and closes the session.
 *
 * <p>Sequence numbers carry on (§4.3). While the PAA has a request outstanding (a ping, a
 * delivery) a PNR with A is dropped unanswered: the PaC retransmits it, and by then the PAA can
 * run EAP without two requests of its own in flight. The PaC's ping or PTR, sent before it saw
 * the PAA's first PAR, is still answered (§5.5 does not forbid them in this phase).
 */
public final class PaaReauthentication {
  private PaaReauthentication() {}

  /** Waiting for the EAP authenticator's first request ({@link PaaEngine#eapToPac}). */
  public record Started(OpenSession.Open open, Keying keying)
      implements PaaEngine.State, HasChannel {
    @Override
    public Channel channel() {
      return open.channel();
    }
  }

  /** Relaying EAP under the current key; {@code keying.pacNonce} comes with the first PAN. */
  public record Authenticating(OpenSession.Open open, Keying keying)
      implements PaaEngine.State, HasChannel {
    @Override
    public Channel channel() {
      return open.channel();
    }
  }

  /**
   * PAR with C sent under the new key ({@code channel} holds the new keys); waiting for the PaC's
   * PAN with C. {@code previous} still holds the old keys, zeroed once that PAN arrives.
   */
  public record Completing(
      Channel channel, Keying keying, long keyId, long lifetimeSeconds, OpenSession.Open previous)
      implements PaaEngine.State, HasChannel {}

  static boolean isReauthenticating(PaaEngine.State s) {
    return s instanceof Started || s instanceof Authenticating || s instanceof Completing;
  }

  /** A PNR with the A flag: the PaC asks for re-authentication. */
  static boolean isRequest(PanaMessage m) {
    PanaHeader h = m.header();
    return h.isRequest() && h.messageType() == PanaMessageType.NOTIFICATION.id()
        && h.has(PanaHeader.FLAG_A);
  }

  /** The PAA's own decision to re-authenticate. */
  static PanaStep<PaaEngine.State> start(PaaEngine.State state) {
    if (!(state instanceof OpenSession.Open s) || s.channel().pending() != null) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED,
          state instanceof OpenSession.Open ? "a request is outstanding" : "not open"));
    }
    return PanaStep.of(new Started(s, s.keying().forReauthentication()), new PanaOutput.EapStart());
  }

  /** The PaC's PNR with A in the open state: PNA with A, then EAP starts again (§4.3). */
  static PanaStep<PaaEngine.State> onRequest(OpenSession.Open s, PanaMessage m) {
    Channel c = s.channel();
    if (!c.isNextRequest(m.header())) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.WRONG_SEQUENCE,
          "seq " + m.header().sequenceNumber()));
    }
    if (c.pending() != null) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED,
          "re-authentication request while ours is outstanding; its retransmission will do"));
    }
    Channel.Sent sent = c.answer(m.header(), PanaHeader.FLAG_A, List.of(), true);
    return PanaStep.of(new Started(s.withChannel(sent.channel()), s.keying().forReauthentication()),
        sent.plus(new PanaOutput.EapStart()));
  }

  /** A fresh, authentic message while re-authenticating. */
  static PanaStep<PaaEngine.State> receive(
      PaaEngine.State state, PanaMessage m, byte[] wire, long now) {
    if (state instanceof Completing s) {
      return onCompleting(s, m, now);
    }
    OpenSession.Open open = openOf(state);
    PanaHeader h = m.header();
    if (isRequest(m)) {
      // Both sides started at once: the PaC's request is answered and EAP goes on (§4.3).
      if (!open.channel().isNextRequest(h)) {
        return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.WRONG_SEQUENCE,
            "seq " + h.sequenceNumber()));
      }
      Channel.Sent sent = open.channel().answer(h, PanaHeader.FLAG_A, List.of(), true);
      return PanaStep.of(withOpen(state, open.withChannel(sent.channel())), sent.outputs());
    }
    if (h.isRequest() && (h.messageType() == PanaMessageType.TERMINATION.id()
        || h.messageType() == PanaMessageType.NOTIFICATION.id() && h.has(PanaHeader.FLAG_P))) {
      // §5.5 lets these through in this phase: the PaC may have sent them before our PAR.
      PanaStep<PaaEngine.State> step =
          OpenSession.onOpen(open, m, wire, PanaEncrKey.Sender.PAC);
      return step.state() instanceof OpenSession.Open o ? step.to(withOpen(state, o)) : step;
    }
    if (state instanceof Authenticating s) {
      PanaStep<PaaExchange.Relay> r = PaaExchange.relay(s.channel(), s.keying(), m);
      return r.state() == null ? PanaStep.of(s, r.outputs())
          : r.to(new Authenticating(s.open().withChannel(r.state().channel()), r.state().keying()));
    }
    return PanaStep.of(
        state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "EAP not started"));
  }

  /** The session being re-authenticated, with the channel under its current key. */
  private static OpenSession.Open openOf(PaaEngine.State state) {
    return state instanceof Started s ? s.open()
        : state instanceof Authenticating s ? s.open() : ((Completing) state).previous();
  }

  /** {@code state} (Started or Authenticating) around another version of its session. */
  private static PaaEngine.State withOpen(PaaEngine.State state, OpenSession.Open open) {
    return state instanceof Started s ? new Started(open, s.keying())
        : new Authenticating(open, ((Authenticating) state).keying());
  }

  /** An EAP request for the PaC: the first with a new Nonce (§4.3). */
  static PanaStep<PaaEngine.State> eapToPac(
      PaaEngine.State state, byte[] eap, long now, RandomGenerator random) {
    if (!(state instanceof Started || state instanceof Authenticating)
        || openOf(state).channel().pending() != null) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "EAP to PaC"));
    }
    OpenSession.Open open = openOf(state);
    Keying k = state instanceof Started s ? s.keying() : ((Authenticating) state).keying();
    List<Avp> avps = new ArrayList<>();
    if (k.paaNonce() == null) {
      byte[] nonce = new byte[open.keying().paaNonce().length];
      random.nextBytes(nonce);
      avps.add(new Avp.Nonce(nonce));
      k = k.withPaaNonce(nonce);
    }
    avps.add(new Avp.EapPayload(eap));
    Channel.Sent sent =
        open.channel().request(0, PanaMessageType.AUTH, avps, now, random, true);
    return PanaStep.of(new Authenticating(open.withChannel(sent.channel()), k), sent.outputs());
  }

  /** EAP succeeded with a new MSK: the PAR with C under the keys of a new Key-Id (§5.3). */
  static PanaStep<PaaEngine.State> eapSuccess(PaaEngine.State state, byte[] eapSuccess,
      byte[] msk, long lifetimeSeconds, long now, RandomGenerator random) {
    if (!(state instanceof Authenticating s) || s.channel().pending() != null
        || s.keying().pacNonce() == null) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "EAP success"));
    }
    long keyId = (s.open().keyId() + 1) & 0xffffffffL;
    Channel.Sent sent = PaaExchange.completion(s.channel(), s.keying(), eapSuccess, msk, keyId,
        lifetimeSeconds, now, random);
    return PanaStep.of(
        new Completing(sent.channel(), s.keying(), keyId, lifetimeSeconds, s.open()),
        sent.outputs());
  }

  /** The channel an EAP failure is reported on, or null if EAP is not running here. */
  static Channel eapChannel(PaaEngine.State state) {
    return state instanceof Started || state instanceof Authenticating
        ? ((HasChannel) state).channel() : null;
  }

  private static PanaStep<PaaEngine.State> onCompleting(Completing s, PanaMessage m, long now) {
    PanaHeader h = m.header();
    if (!s.channel().answers(h) || !h.has(PanaHeader.FLAG_C)) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "expected PAN-C"));
    }
    s.previous().channel().destroyKeys();
    long expires = now + s.lifetimeSeconds() * 1000;
    return PanaStep.of(
        new OpenSession.Open(s.channel().settled(), expires, s.keying(), s.keyId(), 0),
        new PanaOutput.Disarm(PanaOutput.Timer.RETRANSMIT),
        new PanaOutput.Reauthenticated(s.channel().sessionId(), s.keyId(), s.lifetimeSeconds()),
        new PanaOutput.Arm(PanaOutput.Timer.LIFETIME, expires));
  }

  /** Retransmission (§9) and the lifetime of the session being re-authenticated. */
  static PanaStep<PaaEngine.State> timer(
      PaaEngine.State state, PanaOutput.Timer t, long now, RandomGenerator random) {
    OpenSession.Open open = openOf(state);
    if (t == PanaOutput.Timer.LIFETIME && now >= open.expiresAtMillis()) {
      return close(state, PanaOutput.CloseReason.LIFETIME_EXPIRED);
    }
    if (t != PanaOutput.Timer.RETRANSMIT) {
      return PanaStep.of(state);
    }
    Channel.Sent sent = ((HasChannel) state).channel().retransmit(now, random);
    if (sent == null) {
      return close(state, PanaOutput.CloseReason.RETRANSMISSIONS_EXHAUSTED);
    }
    PaaEngine.State next = state instanceof Completing c
        ? new Completing(sent.channel(), c.keying(), c.keyId(), c.lifetimeSeconds(), c.previous())
        : withOpen(state, open.withChannel(sent.channel()));
    return PanaStep.of(next, sent.outputs());
  }

  /** Ends the session, zeroing the old keys and, if they exist, the new ones. */
  private static PanaStep<PaaEngine.State> close(
      PaaEngine.State state, PanaOutput.CloseReason reason) {
    if (state instanceof Completing c) {
      c.previous().channel().destroyKeys();
    }
    return OpenSession.close(((HasChannel) state).channel(), reason);
  }
}
