package net.iotgw.protocols.eap.psk;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/**
 * The EAP-PSK server (RFC 4764 §5) as a pure state machine: {@link #start} sends message 1,
 * {@link #receive} takes each EAP Response as the raw octets received (the PCHANNEL header is
 * the packet's own first 22 octets) and returns the next state and what to do. Retransmission
 * belongs to the owner: each waiting state keeps the last request it sent.
 *
 * <p>A state is consumed by the step that leaves it: that step zeroes the key material it held,
 * so an owner keeps only the latest state. A step that discards its input returns the same
 * state, untouched. The PSK returned by the {@link PskLookup} stays the caller's to destroy.
 * After a bad MAC_P the server answers EAP-Failure, as hostapd does.
 */
public final class EapPskServer {

  /** The device store's answer for an ID_P: its PSK, or empty if unknown. */
  @FunctionalInterface
  public interface PskLookup {
    Optional<Psk> find(byte[] idP);
  }

  public sealed interface State {}

  /** Message 1 sent with this identifier; waiting for message 2. */
  public record AwaitingSecond(int identifier, byte[] idS, byte[] randS, byte[] request)
      implements State {}

  /** Message 3 sent; waiting for message 4. Holds the session keys until the result. */
  public record AwaitingFourth(
      int identifier, byte[] idS, byte[] idP, byte[] randS, SessionKeys keys, byte[] request)
      implements State {}

  /** EAP-Success sent. */
  public record Accepted(byte[] idP) implements State {}

  /** EAP-Failure sent. */
  public record Rejected(PskFailure reason) implements State {}

  private EapPskServer() {}

  public static PskStep<State> start(byte[] idS, int identifier, SecureRandom random) {
    byte[] randS = new byte[PskCodec.FIELD];
    random.nextBytes(randS);
    return start(idS, identifier, randS);
  }

  /** §5.1: message 1 = RAND_S, ID_S, in an EAP Request with {@code identifier}. */
  public static PskStep<State> start(byte[] idS, int identifier, byte[] randS) {
    byte[] request =
        PskCodec.encodePacket(identifier, new PskMessage.First(randS.clone(), idS.clone()));
    return PskStep.of(
        new AwaitingSecond(identifier, idS.clone(), randS.clone(), request),
        new PskOutput.Send(request));
  }

  public static PskStep<State> receive(State state, byte[] eapPacket, PskLookup lookup) {
    if (state instanceof AwaitingSecond s) {
      return onSecond(s, eapPacket, lookup);
    }
    if (state instanceof AwaitingFourth s) {
      return onFourth(s, eapPacket);
    }
    return discard(state, PskOutput.Reason.UNEXPECTED, "exchange finished");
  }

  private static PskStep<State> onSecond(AwaitingSecond s, byte[] raw, PskLookup lookup) {
    Parsed parsed = parse(raw, s.identifier());
    if (parsed.discarded() != null) {
      if (parsed.discarded().reason() == PskOutput.Reason.UNEXPECTED && isNak(raw)) {
        return reject(s.identifier(), PskFailure.PEER_DECLINED);
      }
      return PskStep.of(s, parsed.discarded());
    }
    if (!(parsed.message() instanceof PskMessage.Second m)) {
      return discard(s, PskOutput.Reason.UNEXPECTED, "expected message 2");
    }
    if (!Arrays.equals(m.randS(), s.randS())) {
      return discard(s, PskOutput.Reason.WRONG_RAND_S, "message 2");
    }
    Optional<Psk> psk = lookup.find(m.idP().clone());
    if (psk.isEmpty()) {
      return reject(s.identifier(), PskFailure.UNKNOWN_PEER);
    }
    LongTermKeys ltk = PskKeySchedule.longTermKeys(psk.get());
    try {
      byte[] expected = PskMac.macP(ltk.ak(), m.idP(), s.idS(), s.randS(), m.randP());
      if (!PskMac.matches(expected, m.macP())) {
        return reject(s.identifier(), PskFailure.BAD_MAC_P);
      }
      byte[] macS = PskMac.macS(ltk.ak(), s.idS(), m.randP());
      SessionKeys keys = PskKeySchedule.sessionKeys(ltk, m.randP());
      int next = (s.identifier() + 1) & 0xff;
      // §5.3: the server's first (and only) PCHANNEL uses N = 0.
      byte[] request =
          PskCodec.encodeThird(next, s.randS(), macS, keys.tek(), 0, PskResult.DONE_SUCCESS);
      return PskStep.of(
          new AwaitingFourth(next, s.idS(), m.idP(), s.randS(), keys, request),
          new PskOutput.Send(request));
    } finally {
      ltk.destroy();
    }
  }

  private static PskStep<State> onFourth(AwaitingFourth s, byte[] raw) {
    Parsed parsed = parse(raw, s.identifier());
    if (parsed.discarded() != null) {
      return PskStep.of(s, parsed.discarded());
    }
    if (!(parsed.message() instanceof PskMessage.Fourth m)) {
      return discard(s, PskOutput.Reason.UNEXPECTED, "expected message 4");
    }
    if (!Arrays.equals(m.randS(), s.randS())) {
      return discard(s, PskOutput.Reason.WRONG_RAND_S, "message 4");
    }
    // §5.4: the peer answers with N + 1, and our N was 0.
    if (m.pchannel().nonce() != 1) {
      return discard(s, PskOutput.Reason.WRONG_NONCE, "nonce " + m.pchannel().nonce());
    }
    Decoded<PskResult> result = m.pchannel().open(s.keys().tek(), PskCodec.header(raw));
    if (result instanceof Decoded.Failed<PskResult> f) {
      s.keys().destroy();
      return reject(
          s.identifier(),
          f.error().kind() == DecodeError.Kind.AUTHENTICATION_FAILED
              ? PskFailure.BAD_PCHANNEL
              : PskFailure.PCHANNEL_UNSUPPORTED);
    }
    PskResult r = result.orThrow();
    if (r != PskResult.DONE_SUCCESS) {
      s.keys().destroy();
      return reject(
          s.identifier(),
          r == PskResult.DONE_FAILURE ? PskFailure.RESULT_FAILURE : PskFailure.PCHANNEL_UNSUPPORTED);
    }
    PskOutput.Authenticated done = new PskOutput.Authenticated(s.idP().clone(), s.keys().exported());
    s.keys().destroy();
    return PskStep.of(
        new Accepted(s.idP().clone()),
        new PskOutput.Send(EapCodec.encode(new EapPacket.Success(s.identifier()))),
        done);
  }

  /** A Response to the outstanding request, or why it is not one; exactly one is non-null. */
  private record Parsed(PskMessage message, PskOutput.Discarded discarded) {
    static Parsed discard(PskOutput.Reason reason, String detail) {
      return new Parsed(null, new PskOutput.Discarded(reason, detail));
    }
  }

  private static Parsed parse(byte[] raw, int identifier) {
    Decoded<EapPacket> eap = EapCodec.decode(raw);
    if (eap instanceof Decoded.Failed<EapPacket> f) {
      return Parsed.discard(PskOutput.Reason.MALFORMED, f.error().toString());
    }
    if (!(eap.orThrow() instanceof EapPacket.Response resp)) {
      return Parsed.discard(PskOutput.Reason.UNEXPECTED, "not an EAP Response");
    }
    if (resp.identifier() != identifier) {
      return Parsed.discard(
          PskOutput.Reason.WRONG_IDENTIFIER, "identifier " + resp.identifier());
    }
    if (resp.type() != EapType.PSK.id()) {
      return Parsed.discard(PskOutput.Reason.UNEXPECTED, "EAP type " + resp.type());
    }
    Decoded<PskMessage> m = PskCodec.decode(resp.typeData());
    if (m instanceof Decoded.Failed<PskMessage> f) {
      return Parsed.discard(PskOutput.Reason.MALFORMED, f.error().toString());
    }
    return new Parsed(m.orThrow(), null);
  }

  private static boolean isNak(byte[] raw) {
    return EapCodec.decode(raw) instanceof Decoded.Ok<EapPacket> ok
        && ok.value() instanceof EapPacket.Response r
        && r.type() == EapType.NAK.id();
  }

  private static PskStep<State> reject(int identifier, PskFailure reason) {
    return PskStep.of(
        new Rejected(reason),
        new PskOutput.Send(EapCodec.encode(new EapPacket.Failure(identifier))),
        new PskOutput.Failed(reason));
  }

  private static PskStep<State> discard(State s, PskOutput.Reason reason, String detail) {
    return PskStep.of(s, new PskOutput.Discarded(reason, detail));
  }
}
