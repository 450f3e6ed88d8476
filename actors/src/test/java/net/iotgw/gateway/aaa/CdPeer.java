package net.iotgw.gateway.aaa;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import net.iotgw.protocols.eap.psk.EapPskPeer;
import net.iotgw.protocols.eap.psk.Psk;
import net.iotgw.protocols.eap.psk.PskOutput;
import net.iotgw.protocols.eap.psk.PskStep;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A CD's EAP-PSK peer (protocols' {@link EapPskPeer}) driven through Relay/Answer the way the PAA
 * will: the PAA's EAP-Request/Identity (Identifier 7) is answered by the peer, then every Challenge
 * goes to the peer and its Response back to the AAA, until a final Answer.
 */
final class CdPeer {

  static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * @param peerMsk the MSK the peer derived, when it authenticated the server and got Success
   * @param relays how many Relays the exchange took
   */
  record Outcome(Aaa.Answer last, byte[] peerMsk, int relays) {}

  private CdPeer() {}

  static CompletionStage<Outcome> run(
      ActorSystem<?> system,
      ActorRef<Aaa.Command> aaa,
      EapSessionId id,
      String identity,
      byte[] psk) {
    EapPskPeer.State start =
        EapPskPeer.start(identity.getBytes(StandardCharsets.UTF_8), new Psk(psk), RANDOM);
    byte[] identityRequest =
        EapCodec.encode(new EapPacket.Request(7, EapType.IDENTITY.id(), new byte[0]));
    PskStep<EapPskPeer.State> step = EapPskPeer.receive(start, identityRequest);
    return relay(system, aaa, id, step.state(), sent(step), 1);
  }

  private static CompletionStage<Outcome> relay(
      ActorSystem<?> system,
      ActorRef<Aaa.Command> aaa,
      EapSessionId id,
      EapPskPeer.State peer,
      byte[] response,
      int relays) {
    CompletionStage<Aaa.Answer> answer =
        AskPattern.ask(
            aaa, replyTo -> new Aaa.Relay(id, response, replyTo), ASK_TIMEOUT, system.scheduler());
    return answer.thenCompose(
        a -> {
          if (a instanceof Aaa.Challenge c && relays < 10) {
            PskStep<EapPskPeer.State> step = EapPskPeer.receive(peer, c.eapRequest());
            byte[] next = sent(step);
            if (next == null) {
              return CompletableFuture.completedFuture(new Outcome(a, null, relays));
            }
            return relay(system, aaa, id, step.state(), next, relays + 1);
          }
          byte[] msk = null;
          if (a instanceof Aaa.Accept accept) {
            for (PskOutput out : EapPskPeer.receive(peer, accept.eapSuccess()).outputs()) {
              if (out instanceof PskOutput.Authenticated done) {
                msk = done.keys().msk().clone();
                done.keys().destroy();
              }
            }
          }
          return CompletableFuture.completedFuture(new Outcome(a, msk, relays));
        });
  }

  static byte[] sent(PskStep<EapPskPeer.State> step) {
    for (PskOutput out : step.outputs()) {
      if (out instanceof PskOutput.Send send) {
        return send.eapPacket();
      }
    }
    return null;
  }
}
