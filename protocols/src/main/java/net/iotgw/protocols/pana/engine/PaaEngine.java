package net.iotgw.protocols.pana.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;

/**
 * The PANA Authentication Agent (RFC 5191 §4) as a pure state machine. It does not run EAP: it
 * reports {@link PanaOutput.EapStart} and {@link PanaOutput.EapReceived} and takes the EAP
 * packets to send through {@link #eapToPac}, {@link #eapSuccess} and {@link #eapFailure}, so that
 * its owner relays them to RADIUS or to an embedded authenticator. Time and randomness are
 * parameters; timers are outputs the owner schedules and feeds back through {@link #timer}.
 * Once open, the session can deliver secrets to the PaC ({@link #deliver}, RFC 6786) and be
 * re-authenticated ({@link #reauthenticate}, or at the PaC's request; {@link PaaReauthentication}).
 */
public final class PaaEngine {

  public sealed interface State
      permits Idle, Starting, Started, Authenticating, Completing, Rejecting,
          OpenSession.Open, OpenSession.Terminating, OpenSession.Closed,
          PaaReauthentication.Started, PaaReauthentication.Authenticating,
          PaaReauthentication.Completing {}

  /**
   * What the PAA offers and the per-session values it was given.
   *
   * @param sessionId allocated by the owner, unique among its sessions (§3)
   * @param initialSeq the sequence number of the PAA's first PAR (§5.1: random)
   * @param nonce the PAA's Nonce AVP value
   * @param encryptions the RFC 6786 algorithms offered, in order; empty offers none
   * @param keyId the Key-Id for the MSK of this authentication; re-authentications count up
   */
  public record Config(
      List<PrfAlgorithm> prfs,
      List<IntegrityAlgorithm> integrities,
      List<PanaEncryptionAlgorithm> encryptions,
      RetransmitPolicy policy,
      long sessionId,
      long initialSeq,
      byte[] nonce,
      long keyId) {
    public Config {
      prfs = List.copyOf(prfs);
      integrities = List.copyOf(integrities);
      encryptions = List.copyOf(encryptions);
      nonce = nonce.clone();
    }

    /** A configuration that offers no encryption algorithm. */
    public Config(List<PrfAlgorithm> prfs, List<IntegrityAlgorithm> integrities,
        RetransmitPolicy policy, long sessionId, long initialSeq, byte[] nonce, long keyId) {
      this(prfs, integrities, List.of(), policy, sessionId, initialSeq, nonce, keyId);
    }
  }

  /** Waiting for a PCI (or for the owner to {@link #initiate}). */
  public record Idle(Config config) implements State {}

  /** PAR with S sent; waiting for the PAN with S and the PaC's choice. */
  public record Starting(Config config, Channel channel) implements State, HasChannel {}

  /** S exchange done; the next PAR carries the PAA's Nonce with the first EAP request. */
  public record Started(Config config, Channel channel, Keying keying) implements State, HasChannel {}

  /** Relaying EAP; {@code keying.pacNonce} arrives in the PAN to the first PAR. */
  public record Authenticating(Config config, Channel channel, Keying keying) implements State, HasChannel {}

  /** PAR with C, Result-Code PANA_SUCCESS and AUTH sent; waiting for the signed PAN. */
  public record Completing(Channel channel, long lifetimeSeconds, Keying keying, long keyId)
      implements State, HasChannel {}

  /** PAR with C and Result-Code PANA_AUTHENTICATION_REJECTED sent, no AUTH. */
  public record Rejecting(Channel channel) implements State, HasChannel {}

  private PaaEngine() {}

  public static State create(Config config) {
    return new Idle(config);
  }

  /** Gateway-initiated authentication (§4.1): the first PAR without a PCI. */
  public static PanaStep<State> initiate(State state, long now, RandomGenerator random) {
    if (!(state instanceof Idle s)) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "started"));
    }
    Config c = s.config();
    List<Avp> avps = new ArrayList<>();
    c.prfs().forEach(p -> avps.add(new Avp.PrfAlgorithm(p.id())));
    c.integrities().forEach(i -> avps.add(new Avp.IntegrityAlgorithm(i.id())));
    c.encryptions().forEach(e -> avps.add(new Avp.EncryptionAlgorithm(e.id())));
    Channel.Sent sent = Channel.create(c.sessionId(), c.initialSeq(), c.policy())
        .request(PanaHeader.FLAG_S, PanaMessageType.AUTH, avps, now, random, false);
    return PanaStep.of(new Starting(c, sent.channel()), sent.outputs());
  }

  /** A PANA message from the PaC, as received. */
  public static PanaStep<State> receive(State state, byte[] wire, long now, RandomGenerator random) {
    if (state instanceof Idle) {
      return onIdle(state, wire, now, random);
    }
    if (state instanceof OpenSession.Closed s) {
      return OpenSession.onClosed(s, wire);
    }
    Channel channel = channel(state);
    if (channel == null) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "closed"));
    }
    Inbound in = Inbound.check(channel, wire, true);
    if (in instanceof Inbound.Drop d) {
      return PanaStep.of(state, d.output());
    }
    if (in instanceof Inbound.Duplicate d) {
      return PanaStep.of(state, new PanaOutput.Send(d.answer()));
    }
    PanaMessage m = ((Inbound.Fresh) in).message();
    if (state instanceof Starting s) {
      return onStarting(s, m, wire);
    }
    if (state instanceof Started s) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "EAP not started"));
    }
    if (state instanceof Authenticating s) {
      return onAuthenticating(s, m);
    }
    if (state instanceof Completing s) {
      return onCompleting(s, m, now);
    }
    if (state instanceof Rejecting s) {
      return onRejecting(s, m);
    }
    if (state instanceof OpenSession.Open s) {
      if (PaaReauthentication.isRequest(m)) {
        return PaaReauthentication.onRequest(s, m);
      }
      return OpenSession.onOpen(s, m, wire, PanaEncrKey.Sender.PAC);
    }
    if (state instanceof OpenSession.Terminating s) {
      return OpenSession.onTerminating(s, m);
    }
    return PaaReauthentication.receive(state, m, wire, now);
  }

  /** Command: send this EAP packet (a Request) to the PaC in a PAR (§4.1). */
  public static PanaStep<State> eapToPac(
      State state, byte[] eap, long now, RandomGenerator random) {
    if (state instanceof Started s && s.channel().pending() == null) {
      List<Avp> avps = List.of(new Avp.Nonce(s.config().nonce()), new Avp.EapPayload(eap));
      Channel.Sent sent = s.channel().request(0, PanaMessageType.AUTH, avps, now, random, false);
      return PanaStep.of(
          new Authenticating(s.config(), sent.channel(), s.keying().withPaaNonce(s.config().nonce())),
          sent.outputs());
    }
    if (state instanceof Authenticating s && s.channel().pending() == null) {
      Channel.Sent sent = s.channel().request(
          0, PanaMessageType.AUTH, List.of(new Avp.EapPayload(eap)), now, random, false);
      return PanaStep.of(new Authenticating(s.config(), sent.channel(), s.keying()), sent.outputs());
    }
    return PaaReauthentication.eapToPac(state, eap, now, random);
  }

  /**
   * Command: EAP succeeded with this MSK. Derives PANA_AUTH_KEY and sends the PAR with C,
   * EAP-Success, Result-Code PANA_SUCCESS, Session-Lifetime, Key-Id and AUTH (§4.1, §5.3).
   */
  public static PanaStep<State> eapSuccess(
      State state, byte[] eapSuccess, byte[] msk, long lifetimeSeconds, long now,
      RandomGenerator random) {
    if (!(state instanceof Authenticating s)) {
      return PaaReauthentication.eapSuccess(state, eapSuccess, msk, lifetimeSeconds, now, random);
    }
    if (s.channel().pending() != null || s.keying().pacNonce() == null) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "EAP success"));
    }
    long keyId = s.config().keyId();
    Channel.Sent sent = PaaExchange.completion(s.channel(), s.keying(), eapSuccess, msk, keyId,
        lifetimeSeconds, now, random);
    return PanaStep.of(new Completing(sent.channel(), lifetimeSeconds, s.keying(), keyId),
        sent.outputs());
  }

  /**
   * Command: EAP failed. PAR with C, EAP-Failure and PANA_AUTHENTICATION_REJECTED; without AUTH,
   * unless it ends a re-authentication, which the current key still signs (§4.3).
   */
  public static PanaStep<State> eapFailure(
      State state, byte[] eapFailure, long now, RandomGenerator random) {
    Channel c = state instanceof Authenticating s ? s.channel()
        : state instanceof Started s ? s.channel()
        : PaaReauthentication.eapChannel(state);
    if (c == null) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "EAP failure"));
    }
    List<Avp> avps = List.of(
        new Avp.EapPayload(eapFailure),
        new Avp.ResultCode(Avp.ResultCode.PANA_AUTHENTICATION_REJECTED));
    Channel.Sent sent = c.settled()
        .request(PanaHeader.FLAG_C, PanaMessageType.AUTH, avps, now, random, true);
    return PanaStep.of(new Rejecting(sent.channel()), sent.outputs());
  }

  /**
   * Command: deliver {@code secret} to the PaC encrypted (RFC 6786) in a signed PNR; see {@link
   * KeyDelivery}. Only in the open state with no request outstanding (else Dropped UNEXPECTED:
   * the owner queues and retries after {@link PanaOutput.DeliveryAcknowledged} or {@link
   * PanaOutput.PingAnswered}), and only if an encryption algorithm was negotiated (else Dropped
   * NO_ALGORITHM). Every AVP must be one RFC 6786 §6.1 lets travel encrypted; opaque octets go
   * in an {@link Avp.Unknown} (a vendor's AVP, V flag and Vendor-Id, or an unassigned code).
   * The PaC's PNA ends it: {@link PanaOutput.DeliveryAcknowledged}, or {@link
   * PanaOutput.DeliveryRefused} with the AVPs of its negative acknowledgement. What the PaC
   * delivers in turn (its requests, {@link PacEngine#deliver}) comes out as {@link
   * PanaOutput.Delivered}, acknowledged at once: the PAA's answer to a request is a later
   * delivery of its own.
   */
  public static PanaStep<State> deliver(
      State state, List<Avp> secret, long now, RandomGenerator random) {
    return KeyDelivery.deliver(state, secret, PanaEncrKey.Sender.PAA, now, random);
  }

  /**
   * Command: re-authenticate the PaC (§4.3). Reports {@link PanaOutput.EapStart}; the first EAP
   * request then goes out through {@link #eapToPac} in a signed PAR with a new Nonce. Only in the
   * open state with no request outstanding. The {@code random} given to that {@link #eapToPac}
   * must be a SecureRandom: the re-authentication's Nonce is drawn from it.
   */
  public static PanaStep<State> reauthenticate(State state) {
    return PaaReauthentication.start(state);
  }

  /** Command: ping the PaC (§4.2). */
  public static PanaStep<State> ping(State state, long now, RandomGenerator random) {
    if (!(state instanceof OpenSession.Open s)) {
      return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "not open"));
    }
    return OpenSession.ping(s, now, random);
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
    Channel c = channel(state);
    if (c == null) {
      return PanaStep.of(state);
    }
    if (state instanceof OpenSession.Open || state instanceof OpenSession.Terminating) {
      return OpenSession.timer(state, c, timer, now, random);
    }
    if (PaaReauthentication.isReauthenticating(state)) {
      return PaaReauthentication.timer(state, timer, now, random);
    }
    if (timer != PanaOutput.Timer.RETRANSMIT) {
      return PanaStep.of(state);
    }
    Channel.Sent sent = c.retransmit(now, random);
    if (sent == null) {
      return OpenSession.close(c, PanaOutput.CloseReason.RETRANSMISSIONS_EXHAUSTED);
    }
    return PanaStep.of(withChannel(state, sent.channel()), sent.outputs());
  }

  private static PanaStep<State> onIdle(State state, byte[] wire, long now, RandomGenerator random) {
    Inbound in = Inbound.check(Channel.create(0, 0, RetransmitPolicy.REQUEST), wire, false);
    if (in instanceof Inbound.Fresh f
        && f.message().header().messageType() == PanaMessageType.CLIENT_INITIATION.id()) {
      return initiate(state, now, random);
    }
    return PanaStep.of(state, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "expected PCI"));
  }

  private static PanaStep<State> onStarting(Starting s, PanaMessage m, byte[] wire) {
    PanaHeader h = m.header();
    if (h.messageType() == PanaMessageType.CLIENT_INITIATION.id()) {
      return PanaStep.of(s); // a repeated PCI: the PAR is already being retransmitted
    }
    if (!s.channel().answers(h) || !h.has(PanaHeader.FLAG_S)) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "expected PAN-S"));
    }
    PrfAlgorithm prf = m.first(Avp.PrfAlgorithm.class)
        .flatMap(a -> PrfAlgorithm.of((int) a.id())).filter(s.config().prfs()::contains).orElse(null);
    IntegrityAlgorithm integ = m.first(Avp.IntegrityAlgorithm.class)
        .flatMap(a -> IntegrityAlgorithm.of((int) a.id()))
        .filter(s.config().integrities()::contains).orElse(null);
    // RFC 6786 §2: none, or exactly one of those offered.
    List<Avp.EncryptionAlgorithm> encr = m.all(Avp.EncryptionAlgorithm.class);
    PanaEncryptionAlgorithm enc = encr.size() == 1
        ? PanaEncryptionAlgorithm.of(encr.get(0).id())
            .filter(s.config().encryptions()::contains).orElse(null)
        : null;
    if (prf == null || integ == null || (!encr.isEmpty() && enc == null)) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.NO_ALGORITHM, "PAN-S"));
    }
    Keying k = new Keying(prf, integ, enc, s.channel().pending().wire(), wire, null, null);
    return PanaStep.of(new Started(s.config(), s.channel().settled(), k),
        new PanaOutput.Disarm(PanaOutput.Timer.RETRANSMIT), new PanaOutput.EapStart());
  }

  private static PanaStep<State> onAuthenticating(Authenticating s, PanaMessage m) {
    PanaStep<PaaExchange.Relay> r = PaaExchange.relay(s.channel(), s.keying(), m);
    return r.state() == null ? PanaStep.of(s, r.outputs())
        : r.to(new Authenticating(s.config(), r.state().channel(), r.state().keying()));
  }

  private static PanaStep<State> onCompleting(Completing s, PanaMessage m, long now) {
    PanaHeader h = m.header();
    if (!s.channel().answers(h) || !h.has(PanaHeader.FLAG_C)) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "expected PAN-C"));
    }
    return OpenSession.open(s.channel().settled(), s.keying(), s.keyId(), s.lifetimeSeconds(), 0,
        now, List.of(new PanaOutput.Disarm(PanaOutput.Timer.RETRANSMIT)));
  }

  private static PanaStep<State> onRejecting(Rejecting s, PanaMessage m) {
    if (!s.channel().answers(m.header())) {
      return PanaStep.of(s, OpenSession.drop(PanaOutput.DropReason.UNEXPECTED, "expected PAN-C"));
    }
    return OpenSession.close(s.channel(), PanaOutput.CloseReason.AUTHENTICATION_REJECTED);
  }

  private static Channel channel(State s) {
    return s instanceof HasChannel h ? h.channel() : null;
  }


  private static State withChannel(State s, Channel c) {
    if (s instanceof Starting x) {
      return new Starting(x.config(), c);
    }
    if (s instanceof Started x) {
      return new Started(x.config(), c, x.keying());
    }
    if (s instanceof Authenticating x) {
      return new Authenticating(x.config(), c, x.keying());
    }
    if (s instanceof Completing x) {
      return new Completing(c, x.lifetimeSeconds(), x.keying(), x.keyId());
    }
    if (s instanceof Rejecting) {
      return new Rejecting(c);
    }
    return s;
  }
}
