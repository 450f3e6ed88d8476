package net.iotgw.protocols.pana.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaAuthKey;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;

/**
 * The PANA Client (RFC 5191 §4) as a pure state machine. It drives an EAP peer it does not own:
 * {@link PanaOutput.EapStart} asks for a fresh peer, each EAP request from the PAA comes out as
 * {@link PanaOutput.EapReceived}; the peer's response goes back in through {@link #eapToPaa},
 * piggybacked on the PAN (§4.1); the peer's MSK comes in through {@link #eapKeys} when the PAR
 * with the C flag brought EAP-Success. A peer that stays silent longer than the configured time
 * ends the session ({@link PanaOutput.CloseReason#EAP_TIMEOUT}). Once open, the session takes
 * deliveries from the PAA ({@link PanaOutput.Delivered}) and re-authenticates by itself at 3/4 of
 * its lifetime ({@link PacReauthentication}).
 */
public final class PacEngine {
  /** How long the EAP peer may take to answer by default. */
  public static final long DEFAULT_EAP_RESPONSE_TIMEOUT_MILLIS = 30_000;

  public sealed interface State
      permits Initial, AwaitingStart, Authenticating, AwaitingEapResponse, AwaitingEapResult,
          OpenSession.Open, OpenSession.Terminating, OpenSession.Closed,
          PacReauthentication.Requested, PacReauthentication.Reauthenticating,
          PacReauthentication.AwaitingEapResponse, PacReauthentication.AwaitingEapResult {}

  /**
   * What the PaC accepts, in order of preference, and its per-session values.
   *
   * @param encryptions the RFC 6786 algorithms accepted, by preference; empty accepts none
   * @param initialSeq the sequence number of the PaC's first own request (§5.1: random)
   * @param nonce the PaC's Nonce AVP value
   * @param eapResponseTimeoutMillis how long the EAP peer may take to answer a request (or to
   *     export its MSK) before the session is given up
   */
  public record Config(
      List<PrfAlgorithm> prfs,
      List<IntegrityAlgorithm> integrities,
      List<PanaEncryptionAlgorithm> encryptions,
      RetransmitPolicy policy,
      long initialSeq,
      byte[] nonce,
      long eapResponseTimeoutMillis) {
    public Config {
      prfs = List.copyOf(prfs);
      integrities = List.copyOf(integrities);
      encryptions = List.copyOf(encryptions);
      nonce = nonce.clone();
    }

    /** No encryption, and the default EAP response time. */
    public Config(List<PrfAlgorithm> prfs, List<IntegrityAlgorithm> integrities,
        RetransmitPolicy policy, long initialSeq, byte[] nonce) {
      this(prfs, integrities, List.of(), policy, initialSeq, nonce,
          DEFAULT_EAP_RESPONSE_TIMEOUT_MILLIS);
    }
  }

  public record Initial(Config config) implements State {}

  /** PCI sent; waiting for the PAR with S. */
  public record AwaitingStart(Config config, Channel channel) implements State, HasChannel {}

  /** S exchange done; answering PARs. {@code keying.paaNonce} comes with the first PAR. */
  public record Authenticating(Config config, Channel channel, Keying keying) implements State, HasChannel {}

  /** A PAR with EAP-Payload was reported; its PAN waits for the peer's response. */
  public record AwaitingEapResponse(
      Config config, Channel channel, Keying keying, PanaHeader par, List<Avp> extra)
      implements State, HasChannel {}

  /** The PAR with C and PANA_SUCCESS came; its AUTH is checked once the peer gives the MSK. */
  public record AwaitingEapResult(
      Config config, Channel channel, Keying keying, PanaHeader par, byte[] parWire,
      long lifetimeSeconds, long keyId) implements State, HasChannel {}

  private PacEngine() {}

  public static State create(Config config) {
    return new Initial(config);
  }

  /** Sends the PCI (§4.1). */
  public static PanaStep<State> start(State state, long now, RandomGenerator random) {
    if (!(state instanceof Initial s)) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "started"));
    }
    Channel.Sent sent = Channel.create(0, s.config().initialSeq(), s.config().policy())
        .initiation(now, random);
    return PanaStep.of(new AwaitingStart(s.config(), sent.channel()), sent.outputs());
  }

  /**
   * A PANA message from the PAA, as received. {@code random} must be a SecureRandom once the
   * session is open: a re-authentication's Nonce is drawn from it.
   */
  public static PanaStep<State> receive(State state, byte[] wire, long now, RandomGenerator random) {
    return receive(state, wire, now, random, DeliveryVerdict.ACCEPT);
  }

  /**
   * The same, with the owner's {@code verdict} on a delivery from the PAA: its PNA carries what
   * the verdict answers (nothing acknowledges; a refusal AVP is a negative acknowledgement, and
   * the step reports {@link PanaOutput.DeliveryRefused} instead of {@link PanaOutput.Delivered}).
   */
  public static PanaStep<State> receive(State state, byte[] wire, long now, RandomGenerator random,
      DeliveryVerdict verdict) {
    if (state instanceof OpenSession.Closed s) {
      return OpenSession.onClosed(s, wire);
    }
    Channel channel = state instanceof HasChannel h ? h.channel() : null;
    if (channel == null) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "no session"));
    }
    Inbound in = Inbound.check(channel, wire, !(state instanceof AwaitingStart),
        PacReauthentication.completesUnderNewKey(state));
    if (in instanceof Inbound.Drop d) {
      return PanaStep.of(state, d.output());
    }
    if (in instanceof Inbound.Duplicate d) {
      return PanaStep.of(state, new PanaOutput.Send(d.answer()));
    }
    Inbound.Fresh f = (Inbound.Fresh) in;
    PanaMessage m = f.message();
    if (state instanceof AwaitingStart s) {
      return onAwaitingStart(s, m, wire);
    }
    if (state instanceof Authenticating s) {
      return onAuthenticating(s, m, wire, now);
    }
    if (state instanceof OpenSession.Open s) {
      if (PacReauthentication.startsReauthentication(m)) {
        return PacReauthentication.onPaaStart(s, m, wire, now, random);
      }
      return OpenSession.onOpen(s, m, wire, PanaEncrKey.Sender.PAA, verdict);
    }
    if (state instanceof OpenSession.Terminating s) {
      return OpenSession.onTerminating(s, m);
    }
    if (state instanceof AwaitingEapResult s) {
      return onAwaitingEapResult(s, m, now);
    }
    if (state instanceof AwaitingEapResponse) {
      return PanaStep.of(
          state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "busy with EAP"));
    }
    return PacReauthentication.receive(state, f, wire, now, random, verdict);
  }

  /** Command: the EAP peer's response to the last EAP request, sent in the PAN (§4.1). */
  public static PanaStep<State> eapToPaa(State state, byte[] eap) {
    if (!(state instanceof AwaitingEapResponse s)) {
      return PacReauthentication.eapToPaa(state, eap);
    }
    Channel.Sent sent = s.channel().answer(s.par(), 0, withEap(s.extra(), eap), false);
    return PanaStep.of(new Authenticating(s.config(), sent.channel(), s.keying()),
        sent.plus(new PanaOutput.Disarm(PanaOutput.Timer.EAP_RESPONSE)));
  }

  static List<Avp> withEap(List<Avp> extra, byte[] eap) {
    List<Avp> avps = new ArrayList<>(extra);
    avps.add(new Avp.EapPayload(eap));
    return avps;
  }

  /**
   * Command: the EAP peer accepted the EAP-Success and exported this MSK. Derives PANA_AUTH_KEY
   * (and the RFC 6786 keys if negotiated), checks the AUTH of the PAR with C (§5.3) and answers
   * the PAN with C, Key-Id and AUTH.
   */
  public static PanaStep<State> eapKeys(State state, byte[] msk, long now) {
    if (!(state instanceof AwaitingEapResult s)) {
      return PacReauthentication.eapKeys(state, msk, now);
    }
    PanaAuthKey key = s.keying().derive(msk, s.keyId());
    Channel c = s.channel().withKeys(key, s.keying().deriveEncryption(msk, s.keyId()));
    if (!c.authentic(s.parWire())) {
      // Keep the keys: the EAP peer is done, and the PAA's retransmission of the genuine PAR
      // with C is then checked against them on arrival.
      return PanaStep.of(new AwaitingEapResult(s.config(), c, s.keying(), s.par(), s.parWire(),
          s.lifetimeSeconds(), s.keyId()),
          OpenSession.drop(PanaOutput.DropReason.BAD_AUTH, "PAR with C"));
    }
    return complete(s, c, s.par(), s.lifetimeSeconds(), now);
  }

  private static PanaStep<State> complete(
      AwaitingEapResult s, Channel c, PanaHeader par, long lifetimeSeconds, long now) {
    Channel.Sent sent = c.answer(par, PanaHeader.FLAG_C, List.of(new Avp.KeyId(s.keyId())), true);
    PanaStep<State> step = OpenSession.open(sent.channel(), s.keying(), s.keyId(), lifetimeSeconds,
        s.config().eapResponseTimeoutMillis(), now,
        sent.plus(new PanaOutput.Disarm(PanaOutput.Timer.EAP_RESPONSE)));
    return step.plus(PacReauthentication.arm(now, lifetimeSeconds));
  }

  /** A PAR with C that arrives once the key exists has already passed the AUTH check. */
  private static PanaStep<State> onAwaitingEapResult(AwaitingEapResult s, PanaMessage m, long now) {
    PanaHeader h = m.header();
    if (s.channel().key() == null || !h.isRequest() || !h.has(PanaHeader.FLAG_C)
        || h.sequenceNumber() != s.par().sequenceNumber()) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "busy with EAP"));
    }
    long lifetime = m.first(Avp.SessionLifetime.class).map(Avp.SessionLifetime::seconds)
        .orElse(s.lifetimeSeconds());
    return complete(s, s.channel(), h, lifetime, now);
  }

  /**
   * Command: send {@code avps} to the PAA encrypted with PANA_PAC_ENCR_KEY (RFC 6786 §5) in a
   * signed PNR, retransmitted under §9 like the PaC's other requests; a CD asks the gateway for an
   * SA this way ({@code SaRequestCodec}). The PAA's PNA ends it ({@link
   * PanaOutput.DeliveryAcknowledged}: the request arrived; its answer comes as a delivery of the
   * PAA's). Only in the open state with no request outstanding (else Dropped UNEXPECTED: the
   * owner retries after the outstanding answer), and with an encryption algorithm negotiated
   * (else Dropped NO_ALGORITHM).
   */
  public static PanaStep<State> deliver(
      State state, List<Avp> avps, long now, RandomGenerator random) {
    return KeyDelivery.deliver(state, avps, PanaEncrKey.Sender.PAC, now, random);
  }

  /** Command: ping the PAA (§4.2). */
  public static PanaStep<State> ping(State state, long now, RandomGenerator random) {
    if (!(state instanceof OpenSession.Open s)) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "not open"));
    }
    return OpenSession.ping(s, now, random);
  }

  /**
   * Command: re-authenticate now (§4.3) rather than when {@link PanaOutput.Timer#REAUTHENTICATE}
   * fires. Only in the open state with no request outstanding. {@code random} must be a
   * SecureRandom: the re-authentication's Nonce is drawn from it.
   */
  public static PanaStep<State> reauthenticate(State state, long now, RandomGenerator random) {
    return PacReauthentication.start(state, now, random);
  }

  /** Command: end the session (§4.4) with a Termination-Cause. */
  public static PanaStep<State> terminate(
      State state, long cause, long now, RandomGenerator random) {
    if (!(state instanceof OpenSession.Open s)) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "not open"));
    }
    return OpenSession.terminate(s, cause, now, random);
  }

  /** A timer armed by an earlier {@link PanaOutput.Arm} fired. */
  public static PanaStep<State> timer(
      State state, PanaOutput.Timer timer, long now, RandomGenerator random) {
    if (state instanceof OpenSession.Open o) {
      if (timer == PanaOutput.Timer.REAUTHENTICATE) {
        return PacReauthentication.onTimer(o, now, random);
      }
      return OpenSession.timer(state, o.channel(), timer, now, random);
    }
    if (state instanceof OpenSession.Terminating t) {
      return OpenSession.timer(state, t.channel(), timer, now, random);
    }
    if (timer == PanaOutput.Timer.EAP_RESPONSE
        && (state instanceof AwaitingEapResponse || state instanceof AwaitingEapResult)) {
      return OpenSession.close(((HasChannel) state).channel(), PanaOutput.CloseReason.EAP_TIMEOUT);
    }
    if (PacReauthentication.isReauthenticating(state)) {
      return PacReauthentication.timer(state, timer, now, random);
    }
    if (!(state instanceof AwaitingStart s) || timer != PanaOutput.Timer.RETRANSMIT) {
      return PanaStep.of(state); // the PaC has no request outstanding while authenticating
    }
    Channel.Sent sent = s.channel().retransmit(now, random);
    if (sent == null) {
      return OpenSession.close(s.channel(), PanaOutput.CloseReason.RETRANSMISSIONS_EXHAUSTED);
    }
    return PanaStep.of(new AwaitingStart(s.config(), sent.channel()), sent.outputs());
  }

  private static PanaStep<State> onAwaitingStart(AwaitingStart s, PanaMessage m, byte[] wire) {
    PanaHeader h = m.header();
    if (!h.isRequest() || h.messageType() != PanaMessageType.AUTH.id()
        || !h.has(PanaHeader.FLAG_S)) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "expected PAR-S"));
    }
    Optional<PrfAlgorithm> prf = s.config().prfs().stream()
        .filter(p -> m.all(Avp.PrfAlgorithm.class).contains(new Avp.PrfAlgorithm(p.id())))
        .findFirst();
    Optional<IntegrityAlgorithm> integ = s.config().integrities().stream()
        .filter(i -> m.all(Avp.IntegrityAlgorithm.class)
            .contains(new Avp.IntegrityAlgorithm(i.id())))
        .findFirst();
    if (prf.isEmpty() || integ.isEmpty()) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.NO_ALGORITHM, "PAR-S"));
    }
    // RFC 6786 §2: pick one of the PAA's encryption algorithms, if any is acceptable.
    PanaEncryptionAlgorithm enc = s.config().encryptions().stream()
        .filter(e -> m.all(Avp.EncryptionAlgorithm.class)
            .contains(new Avp.EncryptionAlgorithm(e.id())))
        .findFirst().orElse(null);
    List<Avp> chosen = new ArrayList<>(List.of(
        new Avp.PrfAlgorithm(prf.get().id()), new Avp.IntegrityAlgorithm(integ.get().id())));
    if (enc != null) {
      chosen.add(new Avp.EncryptionAlgorithm(enc.id()));
    }
    Channel c = s.channel().withSession(h.sessionId()).settled();
    Channel.Sent sent = c.answer(h, PanaHeader.FLAG_S, chosen, false);
    Keying k = new Keying(prf.get(), integ.get(), enc, wire, sent.wire(), null, null);
    return PanaStep.of(new Authenticating(s.config(), sent.channel(), k),
        sent.plus(new PanaOutput.Disarm(PanaOutput.Timer.RETRANSMIT), new PanaOutput.EapStart()));
  }

  private static PanaStep<State> onAuthenticating(
      Authenticating s, PanaMessage m, byte[] wire, long now) {
    PanaHeader h = m.header();
    if (!s.channel().isNextRequest(h) || h.messageType() != PanaMessageType.AUTH.id()) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.WRONG_SEQUENCE,
          "seq " + h.sequenceNumber()));
    }
    List<PanaOutput> reported = reported(m);
    if (h.has(PanaHeader.FLAG_C)) {
      return onComplete(s, m, wire, reported, now);
    }
    Keying k = s.keying();
    List<Avp> extra = new ArrayList<>();
    Optional<Avp.Nonce> nonce = m.first(Avp.Nonce.class);
    if (k.paaNonce() == null) {
      if (nonce.isEmpty()) {
        return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "no Nonce"));
      }
      k = k.withPaaNonce(nonce.get().value()).withPacNonce(s.config().nonce());
      extra.add(new Avp.Nonce(s.config().nonce()));
    }
    if (reported.isEmpty()) {
      Channel.Sent sent = s.channel().answer(h, 0, extra, false);
      return PanaStep.of(new Authenticating(s.config(), sent.channel(), k), sent.outputs());
    }
    return PanaStep.of(
        new AwaitingEapResponse(s.config(), s.channel(), k, h, List.copyOf(extra)),
        waitForPeer(reported, now, s.config().eapResponseTimeoutMillis()));
  }

  /** The EAP packet a PAR carries, reported to the owner's peer. */
  static List<PanaOutput> reported(PanaMessage m) {
    return m.first(Avp.EapPayload.class).<List<PanaOutput>>map(
        p -> List.of(new PanaOutput.EapReceived(p.eap()))).orElse(List.of());
  }

  /**
   * The timer that bounds the peer's silence, then {@code reported}: armed first, so that an
   * owner whose peer answers at once, within the handling of the report, disarms it after.
   */
  static List<PanaOutput> waitForPeer(List<PanaOutput> reported, long now, long timeoutMillis) {
    List<PanaOutput> out = new ArrayList<>();
    out.add(new PanaOutput.Arm(PanaOutput.Timer.EAP_RESPONSE, now + timeoutMillis));
    out.addAll(reported);
    return out;
  }

  private static PanaStep<State> onComplete(
      Authenticating s, PanaMessage m, byte[] wire, List<PanaOutput> reported, long now) {
    long result = m.first(Avp.ResultCode.class).map(Avp.ResultCode::value)
        .orElse(Avp.ResultCode.PANA_AUTHENTICATION_REJECTED);
    if (result != Avp.ResultCode.PANA_SUCCESS) {
      return rejected(s.channel(), m, wire, reported);
    }
    Optional<Avp.KeyId> keyId = m.first(Avp.KeyId.class);
    Optional<Avp.SessionLifetime> lifetime = m.first(Avp.SessionLifetime.class);
    if (keyId.isEmpty() || lifetime.isEmpty() || s.keying().paaNonce() == null
        || m.first(Avp.Auth.class).isEmpty()) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "PAR-C incomplete"));
    }
    return PanaStep.of(new AwaitingEapResult(s.config(), s.channel(), s.keying(), m.header(), wire,
        lifetime.get().seconds(), keyId.get().id()),
        waitForPeer(reported, now, s.config().eapResponseTimeoutMillis()));
  }

  /**
   * A PAR with C and a Result-Code other than PANA_SUCCESS: answered with the PAN with C (signed
   * if a key exists, as in a re-authentication), and the session ends; the answer stays for a
   * repeat of the PAR.
   */
  static PanaStep<State> rejected(
      Channel c, PanaMessage m, byte[] wire, List<PanaOutput> reported) {
    Channel.Sent sent = c.answer(m.header(), PanaHeader.FLAG_C, List.of(), true);
    c.destroyKeys();
    List<PanaOutput> out = new ArrayList<>(reported);
    out.addAll(sent.outputs());
    out.addAll(OpenSession.closing(PanaOutput.CloseReason.AUTHENTICATION_REJECTED));
    return PanaStep.of(new OpenSession.Closed(PanaOutput.CloseReason.AUTHENTICATION_REJECTED,
        new OpenSession.Echo(wire, sent.wire())), out);
  }
}
