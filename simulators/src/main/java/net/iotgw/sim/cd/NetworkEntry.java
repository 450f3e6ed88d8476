package net.iotgw.sim.cd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import java.util.Map;
import net.iotgw.protocols.eap.EapKeys;
import net.iotgw.protocols.eap.psk.EapPskPeer;
import net.iotgw.protocols.eap.psk.PskOutput;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.offload.KeyDeliveryCodec;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;
import net.iotgw.protocols.pana.engine.OpenSession;
import net.iotgw.protocols.pana.engine.PacEngine;
import net.iotgw.protocols.pana.engine.PanaOutput;
import net.iotgw.protocols.pana.engine.PanaStep;
import net.iotgw.protocols.pana.engine.RetransmitPolicy;

/**
 * A CD's network entry: the PANA client ({@link PacEngine}, RFC 5191) driving the EAP-PSK peer
 * ({@link EapPskPeer}, RFC 4764), the timers the engine arms, and, once the session opens, the
 * link key (RFC 5807 PEMK, see {@link LinkSecurity}). It speaks PANA messages (UDP payloads);
 * addressing and framing are its CD's.
 *
 * <p>Over the open session the gateway delivers the keys of the ESP SAs it negotiated for the CD
 * (paper Sec. III-D, {@link KeyDeliveryCodec}); the PaC's PNA acknowledges them, and the SA pairs
 * go into the CD's {@link CdEsp}, which outlives the session (the SAs are the UD's and the
 * gateway's to end, by a removal) until {@link #destroy}: see {@link SessionDeliveries}. The
 * EAP-PSK peer and its keys are a {@link CdEapPeer}. Every cryptographic operation is counted
 * ({@link NetworkEntryCrypto}).
 *
 * <p>Pure and mutable, confined to its CD's thread: time comes in as a parameter, randomness
 * from the generator its CD was given (PANA nonce and initial sequence number, RAND_P, the §9
 * jitter).
 */
final class NetworkEntry {
  private static final long UNARMED = Long.MAX_VALUE;
  private static final long NO_TIME = Long.MIN_VALUE;
  /** RFC 5191 §8.5: the Nonce AVP holds at least 8 random octets; RAND_P is 16. */
  static final int NONCE_LENGTH = 16;

  private final CdCredentials credentials;
  private final JoinSettings settings;
  private final RandomGenerator random;
  private final long selfEui64;
  private final long gatewayEui64;
  private final CdCounters counters;
  /** The engine's timers by {@link PanaOutput.Timer} (§9 retransmission, §4.4 lifetime, ...). */
  private final long[] engineTimers = new long[PanaOutput.Timer.values().length];
  private long stallAt = UNARMED;
  private long forgeAt = UNARMED;

  private PacEngine.State pac;
  private final CdEapPeer eap;
  private final SessionDeliveries deliveries;
  private JoinState state = JoinState.NOT_JOINED;
  private SessionEnd lastEnd;
  private long joinStartedAt = NO_TIME;
  private long admittedAt = NO_TIME;
  private int joins;
  private LinkSecurity security;
  private LinkSecurity madeUp;

  NetworkEntry(CdCredentials credentials, JoinSettings settings, RandomGenerator random,
      long selfEui64, long gatewayEui64, CdCounters counters) {
    this.counters = counters;
    this.credentials = credentials;
    this.settings = settings;
    this.random = random;
    this.selfEui64 = selfEui64;
    this.gatewayEui64 = gatewayEui64;
    this.eap = new CdEapPeer(credentials, random, counters);
    this.deliveries = new SessionDeliveries(random, counters);
    Arrays.fill(engineTimers, UNARMED);
  }

  /** Sends the PCI (§4.1) unless a join is under way, the session is open or it was rejected. */
  List<byte[]> start(long now) {
    if (state != JoinState.NOT_JOINED) {
      return List.of();
    }
    byte[] nonce = new byte[NONCE_LENGTH];
    byte[] randP = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    random.nextBytes(randP);
    pac = PacEngine.create(new PacEngine.Config(
        List.of(PrfAlgorithm.PRF_HMAC_SHA2_256),
        List.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128),
        // RFC 6786: the channel the gateway's IKE offload delivers ESP key material over.
        List.of(PanaEncryptionAlgorithm.AES128_CTR),
        RetransmitPolicy.REQUEST,
        random.nextLong() & 0xffff_ffffL,
        nonce,
        PacEngine.DEFAULT_EAP_RESPONSE_TIMEOUT_MILLIS));
    eap.start(randP);
    state = JoinState.JOINING;
    joins++;
    joinStartedAt = now;
    admittedAt = NO_TIME;
    List<byte[]> out = new ArrayList<>();
    apply(PacEngine.start(pac, now, random), now, out, true);
    stallAt = now + settings.stallTimeoutMillis();
    if (settings.forgery() != Forgery.NONE && settings.forgeEveryMillis() > 0
        && forgeAt == UNARMED) {
      forgeAt = now + settings.forgeEveryMillis();
    }
    return out;
  }

  /** A PANA message from the gateway (UDP payload); returns the PANA messages to send back. */
  List<byte[]> receive(byte[] pana, long now) {
    if (pac == null) {
      return List.of();
    }
    List<byte[]> out = new ArrayList<>();
    PacEngine.State before = pac;
    NetworkEntryCrypto.panaReceived(pac, pana, counters);
    PanaStep<PacEngine.State> step =
        PacEngine.receive(pac, pana, now, random, deliveries::verdict);
    // An unchanged state answered a duplicate with the answer it had: nothing new signed.
    apply(step, now, out, step.state() != before);
    sendQueued(now, out);
    if (state == JoinState.JOINING && pac != before) {
      stallAt = now + settings.stallTimeoutMillis();
    }
    return out;
  }

  /**
   * Fires every PANA timer due at {@code now} and returns the PANA messages to send; the stall
   * timer abandons the join. {@link #forgeDue} reports the forging timer separately.
   */
  List<byte[]> timers(long now) {
    List<byte[]> out = new ArrayList<>();
    for (PanaOutput.Timer t : PanaOutput.Timer.values()) {
      if (engineTimers[t.ordinal()] <= now && pac != null) {
        engineTimers[t.ordinal()] = UNARMED;
        // A retransmission resends the request as it was: nothing new signed.
        apply(PacEngine.timer(pac, t, now, random), now, out, t != PanaOutput.Timer.RETRANSMIT);
      }
    }
    deliveries.timeouts(now);
    sendQueued(now, out);
    if (stallAt <= now) {
      stallAt = UNARMED;
      if (state == JoinState.JOINING) {
        abandon();
        leave(SessionEnd.JOIN_STALLED);
      }
    }
    return out;
  }

  /**
   * Whether a forging CD should send a datagram of its own now (armed from its first join, due
   * every {@link JoinSettings#forgeEveryMillis()} while it is not admitted); if so, rearms.
   */
  boolean forgeDue(long now) {
    if (!isForging() || forgeAt > now) {
      return false;
    }
    forgeAt = now + settings.forgeEveryMillis();
    return true;
  }

  /** The earliest armed deadline; a forging CD's timer counts only while it forges. */
  OptionalLong nextDeadline() {
    long min = Math.min(stallAt, isForging() ? forgeAt : UNARMED);
    min = Math.min(min, deliveries.nextDeadline().orElse(UNARMED));
    for (long at : engineTimers) {
      min = Math.min(min, at);
    }
    return min == UNARMED ? OptionalLong.empty() : OptionalLong.of(min);
  }

  /** Whether this CD sends data although not admitted (it misbehaves on purpose). */
  boolean isForging() {
    return settings.forgery() != Forgery.NONE && state != JoinState.ADMITTED;
  }

  /** The link key's security while admitted, else null. */
  LinkSecurity security() {
    return security;
  }

  /** For a forging CD: the key it makes up, kept so that its counter advances. */
  LinkSecurity madeUpSecurity() {
    if (madeUp == null) {
      madeUp = LinkSecurity.madeUp(random, selfEui64, gatewayEui64, settings.level());
    }
    return madeUp;
  }

  JoinSettings settings() {
    return settings;
  }

  JoinStatus status() {
    return new JoinStatus(state, Optional.ofNullable(lastEnd), time(joinStartedAt),
        time(admittedAt), joins);
  }

  /** The MSK of the open session, for tests that compare it with the gateway's. */
  Optional<byte[]> msk() {
    return eap.msk();
  }

  PacEngine.State pac() {
    return pac;
  }

  /**
   * Asks the gateway for an SA to {@code ud} (it initiates IKEv2 as this CD): queued, and sent
   * at once in a PNR of the PaC's ({@link PacEngine#deliver}) if the session is open and free.
   * Returns the request's number and the PANA messages to send.
   */
  Map.Entry<Integer, List<byte[]>> requestSa(Ipv6Address ud, int port, ChildSa.Mode mode,
      Optional<Identity> expectedUd, long now) {
    int id = deliveries.request(ud, port, mode, expectedUd);
    List<byte[]> out = new ArrayList<>();
    sendQueued(now, out);
    return Map.entry(id, out);
  }

  CdSaRequests saRequests() {
    return deliveries.saRequests();
  }

  void refuseDeliveries(boolean refuse) {
    deliveries.refuseDeliveries(refuse);
  }

  /** The oldest queued SA request, if the session is open with no request of the PaC's out. */
  private void sendQueued(long now, List<byte[]> out) {
    deliveries.nextRequest(pac, now).ifPresent(step -> apply(step, now, out, true));
  }

  /** The ESP SAs delivered so far; null before the first delivery. */
  CdEsp esp() {
    return deliveries.esp();
  }

  /** Ends whatever is under way and zeroes every key it holds; the PSK stays the owner's. */
  void destroy() {
    abandon();
    if (madeUp != null) {
      madeUp.destroy();
      madeUp = null;
    }
    deliveries.destroy();
    if (state != JoinState.REJECTED) {
      state = JoinState.NOT_JOINED;
    }
  }

  /** @param fresh whether the messages it sends are new (signed now), not resent */
  private void apply(
      PanaStep<PacEngine.State> step, long now, List<byte[]> out, boolean fresh) {
    PacEngine.State before = pac;
    pac = step.state();
    for (PanaOutput o : step.outputs()) {
      if (o instanceof PanaOutput.Send s) {
        if (fresh) {
          NetworkEntryCrypto.panaSent(s.message(), counters);
        }
        out.add(s.message());
      } else if (o instanceof PanaOutput.Arm a) {
        engineTimers[a.timer().ordinal()] = a.atMillis();
      } else if (o instanceof PanaOutput.Disarm d) {
        engineTimers[d.timer().ordinal()] = UNARMED;
      } else if (o instanceof PanaOutput.EapStart) {
        eap.restart();
      } else if (o instanceof PanaOutput.EapReceived e) {
        toPeer(e.eap(), now, out);
      } else if (o instanceof PanaOutput.Reauthenticated r) {
        rekey(r);
      } else if (o instanceof PanaOutput.Opened opened) {
        admit(before, opened, now);
      } else if (o instanceof PanaOutput.Closed c) {
        ended(SessionEnd.of(c.reason()));
      } else if (o instanceof PanaOutput.Delivered d) {
        deliveries.delivered(d.avps(), now);
      } else if (o instanceof PanaOutput.DeliveryRefused) {
        counters.drop(DropReason.KEY_DELIVERY_REFUSED);
      }
      // Dropped: the engine keeps its state and the PAA retransmits; PingAnswered: nothing to do.
    }
  }

  /** A re-authentication gave a new MSK and Key-Id: a new PEMK and link key (RFC 5807 §3). */
  private void rekey(PanaOutput.Reauthenticated r) {
    EapKeys keys = eap.keys();
    if (keys == null) {
      return;
    }
    LinkSecurity next = LinkSecurity.fromSession(PrfAlgorithm.PRF_HMAC_SHA2_256, keys.msk(),
        r.sessionId(), r.keyId(), selfEui64, gatewayEui64, settings.level());
    NetworkEntryCrypto.linkKey(PrfAlgorithm.PRF_HMAC_SHA2_256, counters);
    if (security != null) {
      security.destroy();
    }
    security = next;
  }

  /** RFC 5191 §4.1: EAP rides in the PAR; the peer's response goes back in the PAN. */
  private void toPeer(byte[] request, long now, List<byte[]> out) {
    for (PskOutput o : eap.receive(request)) {
      if (o instanceof PskOutput.Send s) {
        apply(PacEngine.eapToPaa(pac, s.eapPacket()), now, out, true);
      } else if (o instanceof PskOutput.Authenticated a) {
        eap.authenticated(a.keys());
        NetworkEntryCrypto.panaKeys(pac, counters);
        apply(PacEngine.eapKeys(pac, a.keys().msk(), now), now, out, true);
      }
    }
  }

  /**
   * The session opened: the key by the contract, from the PRF and Key-Id of the PAR with C that
   * completed it ({@code before}, the state that waited for the EAP result).
   */
  private void admit(PacEngine.State before, PanaOutput.Opened opened, long now) {
    if (!(before instanceof PacEngine.AwaitingEapResult r) || eap.keys() == null) {
      return; // the engine opens only from there, with the MSK this class gave it
    }
    security = LinkSecurity.fromSession(r.keying().prf(), eap.keys().msk(), opened.sessionId(),
        r.keyId(), selfEui64, gatewayEui64, settings.level());
    NetworkEntryCrypto.linkKey(r.keying().prf(), counters);
    state = JoinState.ADMITTED;
    admittedAt = now;
    stallAt = UNARMED;
  }

  private void ended(SessionEnd end) {
    clearKeys();
    disarm();
    leave(end);
  }

  private void leave(SessionEnd end) {
    lastEnd = end;
    state = end == SessionEnd.AUTHENTICATION_REJECTED ? JoinState.REJECTED : JoinState.NOT_JOINED;
    pac = null;
    eap.stop();
  }

  /** Drops the PaC and peer mid-way, zeroing what their states hold. */
  private void abandon() {
    if (pac instanceof PacEngine.AwaitingEapResult r && r.channel().key() != null) {
      r.channel().key().close();
    } else if (pac instanceof OpenSession.Open o) {
      o.channel().key().close();
    } else if (pac instanceof OpenSession.Terminating t) {
      t.channel().key().close();
    }
    eap.abandon();
    clearKeys();
    disarm();
    pac = null;
  }

  private void clearKeys() {
    if (security != null) {
      security.destroy();
      security = null;
    }
    eap.clearKeys();
  }

  /** Every timer of the join and the session; a forging CD's own stays. */
  private void disarm() {
    Arrays.fill(engineTimers, UNARMED);
    stallAt = UNARMED;
  }

  private static OptionalLong time(long t) {
    return t == NO_TIME ? OptionalLong.empty() : OptionalLong.of(t);
  }

  @Override
  public String toString() {
    return "NetworkEntry[" + credentials + ", " + state + "]";
  }
}
