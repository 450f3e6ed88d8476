package net.iotgw.protocols.pana.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaAuth;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;

/**
 * The PaC's side of re-authentication (RFC 5191 §4.3). The PaC asks with a signed PNR with the A
 * flag, by command or when {@link PanaOutput.Timer#REAUTHENTICATE} fires at 3/4 of the lifetime
 * (§5.7: before it ends), and discards PARs until the PNA with A comes; or the PAA simply starts
 * with a PAR. Either way EAP runs again: PARs without S, the first with a Nonce the PaC answers
 * with a new one of its own, all signed with the current key, until the PAR with C, which the key
 * of the new MSK signs. That PAR is let through unverified ({@link Inbound.Fresh#authenticated})
 * and checked once the peer exports the new MSK; the PAN with C goes out under the new keys, and
 * only then are the old ones zeroed. A rejection, signed with the current key, ends the session.
 */
public final class PacReauthentication {
  private PacReauthentication() {}

  /** PNR with A sent; PARs are discarded until its PNA (§4.3). */
  public record Requested(OpenSession.Open open) implements PacEngine.State, HasChannel {
    @Override
    public Channel channel() {
      return open.channel();
    }
  }

  /** Answering PARs under the current key; {@code keying} collects the new nonces. */
  public record Reauthenticating(OpenSession.Open open, Keying keying)
      implements PacEngine.State, HasChannel {
    @Override
    public Channel channel() {
      return open.channel();
    }
  }

  /** A PAR with EAP was reported; its PAN waits for the peer's response. */
  public record AwaitingEapResponse(
      OpenSession.Open open, Keying keying, PanaHeader par, List<Avp> extra)
      implements PacEngine.State, HasChannel {
    @Override
    public Channel channel() {
      return open.channel();
    }
  }

  /**
   * The PAR with C and PANA_SUCCESS came; it is checked once the peer gives the new MSK. {@code
   * renewed} is the channel under the new keys once derived (null before): kept if that PAR
   * failed the check, for the PAA's retransmission of the genuine one.
   */
  public record AwaitingEapResult(OpenSession.Open open, Keying keying, PanaHeader par,
      byte[] parWire, long lifetimeSeconds, long keyId, Channel renewed)
      implements PacEngine.State, HasChannel {
    @Override
    public Channel channel() {
      return open.channel();
    }
  }

  /** The timer that starts the next re-authentication: at 3/4 of the lifetime. */
  static PanaOutput.Arm arm(long now, long lifetimeSeconds) {
    return new PanaOutput.Arm(PanaOutput.Timer.REAUTHENTICATE, now + lifetimeSeconds * 750);
  }

  static boolean isReauthenticating(PacEngine.State s) {
    return s instanceof Requested || s instanceof Reauthenticating
        || s instanceof AwaitingEapResponse || s instanceof AwaitingEapResult;
  }

  /** States where the PAR with C arrives under a key the PaC does not hold yet. */
  static boolean completesUnderNewKey(PacEngine.State s) {
    return s instanceof Reauthenticating || s instanceof AwaitingEapResult;
  }

  /** A PAR in the open state: the PAA re-authenticates (§4.3). */
  static boolean startsReauthentication(PanaMessage m) {
    PanaHeader h = m.header();
    return h.isRequest() && h.messageType() == PanaMessageType.AUTH.id()
        && !h.has(PanaHeader.FLAG_S) && !h.has(PanaHeader.FLAG_C);
  }

  /** Sends the PNR with A. */
  static PanaStep<PacEngine.State> start(PacEngine.State state, long now, RandomGenerator random) {
    if (!(state instanceof OpenSession.Open s) || s.channel().pending() != null) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED,
          state instanceof OpenSession.Open ? "a request is outstanding" : "not open"));
    }
    Channel.Sent sent = s.channel().request(
        PanaHeader.FLAG_A, PanaMessageType.NOTIFICATION, List.of(), now, random, true);
    return PanaStep.of(new Requested(s.withChannel(sent.channel())),
        sent.plus(new PanaOutput.Disarm(PanaOutput.Timer.REAUTHENTICATE)));
  }

  /** REAUTHENTICATE fired: start now, or shortly if a request of ours is still out. */
  static PanaStep<PacEngine.State> onTimer(OpenSession.Open s, long now, RandomGenerator random) {
    if (s.channel().pending() != null) {
      return PanaStep.of(s, new PanaOutput.Arm(PanaOutput.Timer.REAUTHENTICATE,
          now + s.channel().policy().initialMillis()));
    }
    return start(s, now, random);
  }

  /** The PAA's first PAR of a re-authentication, received in the open state. */
  static PanaStep<PacEngine.State> onPaaStart(
      OpenSession.Open s, PanaMessage m, byte[] wire, long now, RandomGenerator random) {
    if (s.channel().pending() != null) {
      // Our ping is out: the PAA answers it first, then retransmits this PAR.
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED,
          "re-authentication PAR while our request is outstanding"));
    }
    PanaStep<PacEngine.State> step = onPar(
        new Reauthenticating(s, s.keying().forReauthentication()), m, true, wire, now, random);
    if (step.outputs().stream().anyMatch(o -> o instanceof PanaOutput.Dropped)) {
      return PanaStep.of(s, step.outputs()); // not a valid start: still open
    }
    List<PanaOutput> out = new ArrayList<>();
    out.add(new PanaOutput.EapStart());
    out.addAll(step.outputs());
    return PanaStep.of(step.state(), out);
  }

  static PanaStep<PacEngine.State> receive(PacEngine.State state, Inbound.Fresh f, byte[] wire,
      long now, RandomGenerator random, DeliveryVerdict verdict) {
    PanaMessage m = f.message();
    PanaHeader h = m.header();
    if (state instanceof Requested s) {
      Channel c = s.channel();
      if (c.answers(h) && h.messageType() == PanaMessageType.NOTIFICATION.id()
          && h.has(PanaHeader.FLAG_A)) {
        OpenSession.Open open = s.open().withChannel(c.settled());
        return PanaStep.of(new Reauthenticating(open, open.keying().forReauthentication()),
            new PanaOutput.Disarm(PanaOutput.Timer.RETRANSMIT), new PanaOutput.EapStart());
      }
      if (h.isRequest() && h.messageType() == PanaMessageType.AUTH.id()) {
        return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED,
            "PAR before the PNA with A: discarded (§4.3)"));
      }
      // The PAA's ping, delivery or termination, sent before it saw our request.
      PanaStep<PacEngine.State> open =
          OpenSession.onOpen(s.open(), m, wire, PanaEncrKey.Sender.PAA, verdict);
      return open.state() instanceof OpenSession.Open o ? open.to(new Requested(o)) : open;
    }
    if (state instanceof Reauthenticating s) {
      return onPar(s, m, f.authenticated(), wire, now, random);
    }
    if (state instanceof AwaitingEapResult s && !f.authenticated() && s.renewed() != null
        && h.sequenceNumber() == s.par().sequenceNumber()
        && PanaAuth.verify(wire, s.renewed().key())) {
      return complete(s, s.renewed(), now);
    }
    return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "busy with EAP"));
  }

  private static PanaStep<PacEngine.State> onPar(Reauthenticating s, PanaMessage m,
      boolean authenticated, byte[] wire, long now, RandomGenerator random) {
    PanaHeader h = m.header();
    Channel c = s.channel();
    if (!c.isNextRequest(h) || h.messageType() != PanaMessageType.AUTH.id()) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.WRONG_SEQUENCE,
          "seq " + h.sequenceNumber()));
    }
    if (h.has(PanaHeader.FLAG_S)) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "PAR-S (§5.5)"));
    }
    List<PanaOutput> reported = PacEngine.reported(m);
    long timeout = s.open().eapResponseTimeoutMillis();
    if (h.has(PanaHeader.FLAG_C)) {
      long result = m.first(Avp.ResultCode.class).map(Avp.ResultCode::value)
          .orElse(Avp.ResultCode.PANA_AUTHENTICATION_REJECTED);
      if (result != Avp.ResultCode.PANA_SUCCESS) {
        return authenticated ? PacEngine.rejected(c, m, wire, reported)
            : PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.BAD_AUTH, "rejection"));
      }
      Optional<Avp.KeyId> keyId = m.first(Avp.KeyId.class);
      Optional<Avp.SessionLifetime> lifetime = m.first(Avp.SessionLifetime.class);
      if (keyId.isEmpty() || lifetime.isEmpty() || s.keying().paaNonce() == null
          || m.first(Avp.Auth.class).isEmpty()) {
        return PanaStep.of(
            s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "PAR-C incomplete"));
      }
      return PanaStep.of(new AwaitingEapResult(s.open(), s.keying(), h, wire,
          lifetime.get().seconds(), keyId.get().id(), null),
          PacEngine.waitForPeer(reported, now, timeout));
    }
    Keying k = s.keying();
    List<Avp> extra = new ArrayList<>();
    if (k.paaNonce() == null) {
      Optional<Avp.Nonce> nonce = m.first(Avp.Nonce.class);
      if (nonce.isEmpty()) {
        return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "no Nonce"));
      }
      byte[] mine = new byte[s.open().keying().pacNonce().length];
      random.nextBytes(mine);
      k = k.withPaaNonce(nonce.get().value()).withPacNonce(mine);
      extra.add(new Avp.Nonce(mine));
    }
    if (reported.isEmpty()) {
      Channel.Sent sent = c.answer(h, 0, extra, true);
      return PanaStep.of(
          new Reauthenticating(s.open().withChannel(sent.channel()), k), sent.outputs());
    }
    return PanaStep.of(new AwaitingEapResponse(s.open(), k, h, List.copyOf(extra)),
        PacEngine.waitForPeer(reported, now, timeout));
  }

  static PanaStep<PacEngine.State> eapToPaa(PacEngine.State state, byte[] eap) {
    if (!(state instanceof AwaitingEapResponse s)) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "EAP to PAA"));
    }
    Channel.Sent sent = s.channel().answer(s.par(), 0, PacEngine.withEap(s.extra(), eap), true);
    return PanaStep.of(new Reauthenticating(s.open().withChannel(sent.channel()), s.keying()),
        sent.plus(new PanaOutput.Disarm(PanaOutput.Timer.EAP_RESPONSE)));
  }

  /** The new MSK: the keys of the new Key-Id, which must verify the PAR with C (§4.3, §5.3). */
  static PanaStep<PacEngine.State> eapKeys(PacEngine.State state, byte[] msk, long now) {
    if (!(state instanceof AwaitingEapResult s)) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "EAP keys"));
    }
    if (s.renewed() != null) {
      s.renewed().destroyKeys();
    }
    Channel renewed = s.channel().withKeys(
        s.keying().derive(msk, s.keyId()), s.keying().deriveEncryption(msk, s.keyId()));
    if (!renewed.authentic(s.parWire())) {
      return PanaStep.of(new AwaitingEapResult(s.open(), s.keying(), s.par(), s.parWire(),
          s.lifetimeSeconds(), s.keyId(), renewed),
          OpenSession.drop(PanaOutput.DropReason.BAD_AUTH, "PAR with C under the new key"));
    }
    return complete(s, renewed, now);
  }

  private static PanaStep<PacEngine.State> complete(
      AwaitingEapResult s, Channel renewed, long now) {
    Channel.Sent sent = renewed.answer(
        s.par(), PanaHeader.FLAG_C, List.of(new Avp.KeyId(s.keyId())), true);
    s.open().channel().destroyKeys();
    long expires = now + s.lifetimeSeconds() * 1000;
    OpenSession.Open open = new OpenSession.Open(sent.channel(), expires, s.keying(), s.keyId(),
        s.open().eapResponseTimeoutMillis());
    return PanaStep.of(open, sent.plus(
        new PanaOutput.Disarm(PanaOutput.Timer.EAP_RESPONSE),
        new PanaOutput.Reauthenticated(sent.channel().sessionId(), s.keyId(), s.lifetimeSeconds()),
        new PanaOutput.Arm(PanaOutput.Timer.LIFETIME, expires),
        arm(now, s.lifetimeSeconds())));
  }

  /** Retransmission of the PNR with A, the EAP peer's deadline, and the current lifetime. */
  static PanaStep<PacEngine.State> timer(
      PacEngine.State state, PanaOutput.Timer t, long now, RandomGenerator random) {
    OpenSession.Open open = state instanceof Requested r ? r.open()
        : state instanceof Reauthenticating r ? r.open()
        : state instanceof AwaitingEapResponse r ? r.open() : ((AwaitingEapResult) state).open();
    if (t == PanaOutput.Timer.LIFETIME && now >= open.expiresAtMillis()) {
      return close(state, PanaOutput.CloseReason.LIFETIME_EXPIRED);
    }
    if (t == PanaOutput.Timer.EAP_RESPONSE
        && (state instanceof AwaitingEapResponse || state instanceof AwaitingEapResult)) {
      return close(state, PanaOutput.CloseReason.EAP_TIMEOUT);
    }
    if (t != PanaOutput.Timer.RETRANSMIT || !(state instanceof Requested s)) {
      return PanaStep.of(state);
    }
    Channel.Sent sent = s.channel().retransmit(now, random);
    if (sent == null) {
      return close(state, PanaOutput.CloseReason.RETRANSMISSIONS_EXHAUSTED);
    }
    return PanaStep.of(new Requested(s.open().withChannel(sent.channel())), sent.outputs());
  }

  private static PanaStep<PacEngine.State> close(
      PacEngine.State state, PanaOutput.CloseReason reason) {
    if (state instanceof AwaitingEapResult s && s.renewed() != null) {
      s.renewed().destroyKeys();
    }
    return OpenSession.close(((HasChannel) state).channel(), reason);
  }
}
