package net.iotgw.protocols.eap.psk;

import java.security.SecureRandom;
import java.util.Arrays;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/**
 * The EAP-PSK peer (RFC 4764 §5) as a pure state machine. It answers an Identity request with
 * ID_P and any other method with a Nak for EAP-PSK (RFC 3748 §5.1, §5.3.1), then runs messages
 * 1-4. A request repeated with the same identifier gets the same response again (RFC 3748 §4.1).
 *
 * <p>A state is consumed by the step that leaves it: that step zeroes the AK, KDK or session keys
 * it held, so an owner keeps only the latest state. A step that discards its input returns the
 * same state, untouched. The {@link Psk} stays the caller's to destroy. After a bad MAC_S or
 * PCHANNEL the peer sends nothing and fails; the server's EAP-Success can then never arrive.
 */
public final class EapPskPeer {

  public sealed interface State {}

  /** Before message 1. {@code randP} is chosen up front so that the machine stays pure. */
  public record AwaitingFirst(byte[] idP, Psk psk, byte[] randP, Previous previous)
      implements State {}

  /** Message 2 sent. */
  public record AwaitingThird(
      byte[] idP, byte[] idS, byte[] randS, byte[] randP, LongTermKeys keys, Previous previous)
      implements State {}

  /** Message 4 sent with DONE_SUCCESS; waiting for EAP-Success. */
  public record AwaitingResult(byte[] idS, SessionKeys keys, Previous previous) implements State {}

  public record Authenticated(byte[] idS) implements State {}

  public record Failed(PskFailure reason) implements State {}

  /** The last request answered and the answer, for retransmitted requests; null before any. */
  public record Previous(int identifier, byte[] request, byte[] response) {}

  private EapPskPeer() {}

  public static State start(byte[] idP, Psk psk, SecureRandom random) {
    byte[] randP = new byte[PskCodec.FIELD];
    random.nextBytes(randP);
    return start(idP, psk, randP);
  }

  public static State start(byte[] idP, Psk psk, byte[] randP) {
    if (randP.length != PskCodec.FIELD) {
      throw new IllegalArgumentException("RAND_P is 16 octets");
    }
    return new AwaitingFirst(idP.clone(), psk, randP.clone(), null);
  }

  public static PskStep<State> receive(State state, byte[] eapPacket) {
    Decoded<EapPacket> decoded = EapCodec.decode(eapPacket);
    if (decoded instanceof Decoded.Failed<EapPacket> f) {
      return discard(state, PskOutput.Reason.MALFORMED, f.error().toString());
    }
    EapPacket p = decoded.orThrow();
    Previous prev = previous(state);
    if (prev != null
        && p instanceof EapPacket.Request
        && p.identifier() == prev.identifier()
        && Arrays.equals(eapPacket, prev.request())) {
      return PskStep.of(state, new PskOutput.Send(prev.response()));
    }
    if (state instanceof AwaitingFirst s) {
      return onFirst(s, p, eapPacket);
    }
    if (state instanceof AwaitingThird s) {
      return onThird(s, p, eapPacket);
    }
    if (state instanceof AwaitingResult s) {
      return onResult(s, p);
    }
    return discard(state, PskOutput.Reason.UNEXPECTED, "exchange finished");
  }

  private static PskStep<State> onFirst(AwaitingFirst s, EapPacket p, byte[] raw) {
    if (p instanceof EapPacket.Failure) {
      return fail(PskFailure.EAP_FAILURE);
    }
    if (!(p instanceof EapPacket.Request req)) {
      // RFC 3748 §4.2: a Success before the method has finished is not to be believed.
      return discard(s, PskOutput.Reason.UNEXPECTED, p.code() + " before message 1");
    }
    if (req.type() == EapType.IDENTITY.id()) {
      return answer(s, req, raw, new EapPacket.Response(req.identifier(), req.type(), s.idP()));
    }
    if (req.type() == EapType.NOTIFICATION.id()) {
      // §5.2: a Notification is acknowledged with an empty Notification Response, never a Nak.
      return answer(s, req, raw, new EapPacket.Response(req.identifier(), req.type(), new byte[0]));
    }
    if (req.type() != EapType.PSK.id()) {
      byte[] nak = {(byte) EapType.PSK.id()};
      return answer(s, req, raw, new EapPacket.Response(req.identifier(), EapType.NAK.id(), nak));
    }
    Decoded<PskMessage> m = PskCodec.decode(req.typeData());
    if (m instanceof Decoded.Failed<PskMessage> f) {
      return discard(s, PskOutput.Reason.MALFORMED, f.error().toString());
    }
    if (!(m.orThrow() instanceof PskMessage.First first)) {
      return discard(s, PskOutput.Reason.UNEXPECTED, "expected message 1");
    }
    LongTermKeys keys = PskKeySchedule.longTermKeys(s.psk());
    byte[] macP = PskMac.macP(keys.ak(), s.idP(), first.idS(), first.randS(), s.randP());
    byte[] response =
        PskCodec.encodePacket(
            req.identifier(), new PskMessage.Second(first.randS(), s.randP(), macP, s.idP()));
    return PskStep.of(
        new AwaitingThird(
            s.idP(), first.idS(), first.randS(), s.randP(), keys,
            new Previous(req.identifier(), raw, response)),
        new PskOutput.Send(response));
  }

  private static PskStep<State> onThird(AwaitingThird s, EapPacket p, byte[] raw) {
    if (p instanceof EapPacket.Failure) {
      s.keys().destroy();
      return fail(PskFailure.EAP_FAILURE);
    }
    if (!(p instanceof EapPacket.Request req) || req.type() != EapType.PSK.id()) {
      return discard(s, PskOutput.Reason.UNEXPECTED, "expected message 3");
    }
    Decoded<PskMessage> m = PskCodec.decode(req.typeData());
    if (m instanceof Decoded.Failed<PskMessage> f) {
      return discard(s, PskOutput.Reason.MALFORMED, f.error().toString());
    }
    if (!(m.orThrow() instanceof PskMessage.Third third)) {
      return discard(s, PskOutput.Reason.UNEXPECTED, "expected message 3");
    }
    if (!Arrays.equals(third.randS(), s.randS())) {
      return discard(s, PskOutput.Reason.WRONG_RAND_S, "message 3");
    }
    byte[] expected = PskMac.macS(s.keys().ak(), s.idS(), s.randP());
    if (!PskMac.matches(expected, third.macS())) {
      s.keys().destroy();
      return fail(PskFailure.BAD_MAC_S);
    }
    SessionKeys keys = PskKeySchedule.sessionKeys(s.keys(), s.randP());
    s.keys().destroy();
    Decoded<PskResult> result = third.pchannel().open(keys.tek(), PskCodec.header(raw));
    long n = third.pchannel().nonce();
    if (result instanceof Decoded.Failed<PskResult> f) {
      keys.destroy();
      return fail(
          f.error().kind() == DecodeError.Kind.AUTHENTICATION_FAILED
              ? PskFailure.BAD_PCHANNEL
              : PskFailure.PCHANNEL_UNSUPPORTED);
    }
    PskResult r = result.orThrow();
    if (r == PskResult.CONT || n == 0xffffffffL) {
      keys.destroy();
      return fail(PskFailure.PCHANNEL_UNSUPPORTED);
    }
    // §5.4: answer with N + 1 and the same verdict: success confirms, failure acknowledges.
    byte[] response = PskCodec.encodeFourth(req.identifier(), s.randS(), keys.tek(), n + 1, r);
    PskOutput.Send send = new PskOutput.Send(response);
    if (r == PskResult.DONE_FAILURE) {
      keys.destroy();
      return PskStep.of(
          new Failed(PskFailure.RESULT_FAILURE), send, new PskOutput.Failed(PskFailure.RESULT_FAILURE));
    }
    return PskStep.of(
        new AwaitingResult(s.idS(), keys, new Previous(req.identifier(), raw, response)), send);
  }

  private static PskStep<State> onResult(AwaitingResult s, EapPacket p) {
    // RFC 3748 §4.2: Success and Failure carry the identifier of the Response they answer.
    if (p.identifier() != s.previous().identifier()) {
      return discard(s, PskOutput.Reason.WRONG_IDENTIFIER, "identifier " + p.identifier());
    }
    if (p instanceof EapPacket.Failure) {
      s.keys().destroy();
      return fail(PskFailure.EAP_FAILURE);
    }
    if (!(p instanceof EapPacket.Success)) {
      return discard(s, PskOutput.Reason.UNEXPECTED, "expected EAP-Success");
    }
    PskOutput.Authenticated done = new PskOutput.Authenticated(s.idS().clone(), s.keys().exported());
    s.keys().destroy();
    return PskStep.of(new Authenticated(s.idS().clone()), done);
  }

  private static PskStep<State> answer(
      AwaitingFirst s, EapPacket.Request req, byte[] raw, EapPacket.Response resp) {
    byte[] response = EapCodec.encode(resp);
    return PskStep.of(
        new AwaitingFirst(s.idP(), s.psk(), s.randP(), new Previous(req.identifier(), raw, response)),
        new PskOutput.Send(response));
  }

  private static Previous previous(State s) {
    if (s instanceof AwaitingFirst a) {
      return a.previous();
    }
    if (s instanceof AwaitingThird a) {
      return a.previous();
    }
    if (s instanceof AwaitingResult a) {
      return a.previous();
    }
    return null;
  }

  private static PskStep<State> fail(PskFailure reason) {
    return PskStep.of(new Failed(reason), new PskOutput.Failed(reason));
  }

  private static PskStep<State> discard(State s, PskOutput.Reason reason, String detail) {
    return PskStep.of(s, new PskOutput.Discarded(reason, detail));
  }
}
