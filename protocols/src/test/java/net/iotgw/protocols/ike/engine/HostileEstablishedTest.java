package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.TransformType;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.KePayload;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Proposal;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.codec.Transform;
import net.iotgw.protocols.ike.codec.TsPayload;
import net.iotgw.protocols.ike.engine.Conversation.Side;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs to an established SA that pass the integrity check (a peer that has the keys but
 * not the manners): odd payload combinations in INFORMATIONAL and CREATE_CHILD_SA requests and in
 * the responses to our CHILD_SA and IKE SA rekeys, in every established situation (plain, rekeying
 * a CHILD_SA, rekeying the IKE SA, with a retired IKE SA, holding keys). None throws; every
 * request an established SA takes is answered; a bad response never closes the IKE SA; and the
 * recorded rekey exchanges, mutated, are dropped.
 */
class HostileEstablishedTest {

  /** {@code viaRetired}: the inputs travel in the IKE SA a rekey retired, not the current one. */
  private record Situation(String name, Supplier<Conversation> make, Side target,
      boolean answers, boolean viaRetired) {

    Situation(String name, Supplier<Conversation> make, Side target, boolean answers) {
      this(name, make, target, answers, false);
    }
  }

  private static List<Situation> situations() {
    return List.of(
        new Situation("established", () -> TaskQueueTest.established(801), RESPONDER, true),
        new Situation("rekeying a CHILD_SA", () -> {
          Conversation c = TaskQueueTest.established(802);
          c.queue(INITIATOR, CreateChildSa.rekey(c.established(INITIATOR).children().get(0)
              .inboundSpi()));
          c.loseQueued();
          return c;
        }, INITIATOR, true),
        new Situation("rekeying the IKE SA", () -> {
          Conversation c = TaskQueueTest.established(803);
          c.queue(INITIATOR, new RekeyIkeSa());
          c.loseQueued();
          return c;
        }, INITIATOR, true),
        new Situation("holding keys", () -> {
          Conversation c = TaskQueueTest.established(804);
          c.holdKeys = true;
          c.queue(INITIATOR, CreateChildSa.additional());
          c.run();
          return c;
        }, RESPONDER, false),
        new Situation("with a retired IKE SA", () -> {
          Conversation c = TaskQueueTest.established(807);
          c.queue(INITIATOR, new RekeyIkeSa());
          c.stepToResponder();
          c.stepToInitiator();
          c.loseQueued();
          return c;
        }, RESPONDER, true, true));
  }

  @Test
  void oddAuthenticRequestsNeverThrowAndAreAnswered() {
    for (Situation s : situations()) {
      for (List<Payload> payloads : requests()) {
        for (ExchangeType type : List.of(ExchangeType.INFORMATIONAL, ExchangeType.CREATE_CHILD_SA,
            ExchangeType.IKE_AUTH)) {
          Conversation c = s.make().get();
          Side from = c.other(s.target());
          IkeState.Established sender = senderState(c, from);
          IkeSa sa = s.viaRetired() ? sender.retired().get(0).sa() : sender.sa();
          long id = s.viaRetired()
              ? c.established(s.target()).retired().get(0).exchanges().nextPeerRequestId()
              : sender.exchanges().nextRequestId();
          c.forget();
          for (Datagram d : Outbound.seal(sa, id, type, false, payloads, c.random)) {
            deliver(c, s, d, type + " " + payloads);
          }
          List<Datagram> answers = s.target() == INITIATOR ? c.sentByInitiator : c.sentByResponder;
          boolean known = type != ExchangeType.IKE_AUTH;
          if (s.answers() && known) {
            assertFalse(answers.isEmpty(), s.name() + ": " + type + " " + payloads + " answered");
          }
          if (!known) {
            assertTrue(answers.isEmpty(), s.name() + ": IKE_AUTH is not answered here");
          }
        }
      }
    }
  }

  @Test
  void oddAuthenticResponsesToOurRekeysNeverThrowNorCloseTheIkeSa() {
    for (Situation s : situations().subList(1, 3)) {
      assertTrue(s.name().startsWith("rekeying"));
      for (List<Payload> payloads : responses()) {
        Conversation c = s.make().get();
        IkeState.Established peer = c.established(RESPONDER);
        long id = c.established(INITIATOR).exchanges().outstanding().orElseThrow().messageId();
        c.forget();
        for (Datagram d : Outbound.seal(peer.sa(), id, ExchangeType.CREATE_CHILD_SA, true,
            payloads, c.random)) {
          deliver(c, s, d, payloads.toString());
        }
        assertFalse(c.initiator instanceof IkeState.Closed, s.name() + ": " + payloads);
        boolean gone = payloads.equals(List.of(NotifyPayload.of(NotifyType.CHILD_SA_NOT_FOUND)))
            && s.name().contains("CHILD_SA");
        if (c.initiator instanceof IkeState.Established e && e.tasks().active().isEmpty()) {
          assertEquals(gone ? 0 : 1, e.children().size(), s.name() + ": " + payloads);
        }
      }
    }
  }

  @Test
  void mutatedRekeyAndDeleteMessagesAreDroppedWithoutAnswer() {
    Conversation recorded = TaskQueueTest.established(805);
    recorded.forget();
    recorded.queue(INITIATOR, CreateChildSa.rekey(
        recorded.established(INITIATOR).children().get(0).inboundSpi()));
    recorded.queue(RESPONDER, new RekeyIkeSa());
    recorded.run();
    List<Datagram> messages = new ArrayList<>(recorded.sentByInitiator);
    messages.addAll(recorded.sentByResponder);
    Random random = new Random(806);
    for (Situation s : situations()) {
      Conversation c = s.make().get();
      IkeState before = c.state(s.target());
      c.forget();
      for (Datagram m : messages) {
        for (int i = 0; i < 40; i++) {
          byte[] bytes = m.message();
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
          deliver(c, s, new Datagram(m.local(), m.remote(), bytes), "mutation");
        }
      }
      assertTrue(c.sentByInitiator.isEmpty() && c.sentByResponder.isEmpty(), s.name());
      assertEquals(before.getClass(), c.state(s.target()).getClass(), s.name());
    }
  }

  private static void deliver(Conversation c, Situation s, Datagram d, String what) {
    try {
      if (s.target() == INITIATOR) {
        c.deliverToInitiator(d);
      } else {
        c.deliverToResponder(d);
      }
    } catch (RuntimeException e) {
      throw new AssertionError(s.name() + " threw on " + what, e);
    }
  }

  private static IkeState.Established senderState(Conversation c, Side side) {
    IkeState s = c.state(side);
    return s instanceof IkeState.AwaitingKeys a ? a.base() : (IkeState.Established) s;
  }

  private static List<List<Payload>> requests() {
    byte[] n = new byte[32];
    Payload ts = new TsPayload(Role.INITIATOR, List.of(TrafficSelectors.host(
        Conversation.UD_ADDRESS.getAddress())));
    Payload tsr = new TsPayload(Role.RESPONDER, List.of(TrafficSelectors.host(
        Conversation.CD_ADDRESS.getAddress())));
    Payload esp = esp(List.of(new Transform(TransformType.DH, DhGroup.CURVE25519.id())));
    Payload ikeRekey = new SaPayload(List.of(new Proposal(1, 1, new byte[8],
        List.of(Transform.withKeyLength(TransformType.ENCR, 20, 128),
            new Transform(TransformType.PRF, 5), new Transform(TransformType.DH, 31)))));
    return List.of(
        List.of(),
        List.of(esp(List.of())),
        List.of(esp(List.of()), new NoncePayload(n)),
        List.of(esp(List.of()), new NoncePayload(n), new KePayload(999, new byte[32]), ts, tsr),
        List.of(esp, new NoncePayload(n), new KePayload(31, new byte[5]), ts, tsr),
        List.of(esp, new NoncePayload(n), new KePayload(31, new byte[32]), ts, tsr),
        List.of(esp, new NoncePayload(n), ts, tsr),
        List.of(new NotifyPayload(3, new byte[0], NotifyType.REKEY_SA.id(), new byte[0]),
            esp(List.of()), new NoncePayload(n), ts, tsr),
        List.of(new NotifyPayload(1, new byte[8], NotifyType.REKEY_SA.id(), new byte[0]),
            esp(List.of()), new NoncePayload(n), ts, tsr),
        List.of(ikeRekey, new NoncePayload(n), new KePayload(31, new byte[32])),
        List.of(ikeRekey, new NoncePayload(n), new KePayload(19, new byte[64])),
        List.of(ikeRekey, new KePayload(31, new byte[32])),
        List.of(new SaPayload(List.of(new Proposal(1, 7, new byte[3], List.of())))),
        List.of(new DeletePayload(3, 0, List.of()),
            new DeletePayload(3, 8, List.of(new byte[8])),
            new DeletePayload(9, 4, List.of(new byte[4]))),
        List.of(NotifyPayload.of(NotifyType.INVALID_SPI), NotifyPayload.of(
            NotifyType.TEMPORARY_FAILURE)),
        List.of(ts),
        List.of(new NoncePayload(new byte[16]), esp(List.of(new Transform(TransformType.DH, 0),
            new Transform(TransformType.DH, 1234)))));
  }

  private static List<List<Payload>> responses() {
    byte[] n = new byte[32];
    Payload ts = new TsPayload(Role.INITIATOR, List.of(TrafficSelectors.host(
        Conversation.CD_ADDRESS.getAddress())));
    Payload wide = new TsPayload(Role.RESPONDER, List.of(
        net.iotgw.protocols.ike.codec.TrafficSelector.AddressRange.of(new byte[16],
            new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1})));
    Payload answer = new SaPayload(List.of(Proposals.espAnswer(
        new Proposals.EspChoice(1, PacketProtection.AES_GCM_16_128, 0x1234), 0x4321)));
    Payload ikeAnswer = new SaPayload(List.of(new Proposal(1, 1, new byte[8],
        List.of(Transform.withKeyLength(TransformType.ENCR, 20, 128),
            new Transform(TransformType.PRF, 5), new Transform(TransformType.DH, 31)))));
    return List.of(
        List.of(),
        List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {1})),
        List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {0, 19})),
        List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {0, 31})),
        List.of(new SaPayload(List.of(
            ((SaPayload) answer).proposals().get(0), ((SaPayload) answer).proposals().get(0)))),
        List.of(answer, ts, wide),
        List.of(answer, new NoncePayload(n), ts, wide),
        List.of(answer, new NoncePayload(n), new KePayload(31, new byte[32]), ts, ts),
        List.of(NotifyPayload.of(NotifyType.CHILD_SA_NOT_FOUND)),
        List.of(NotifyPayload.of(NotifyType.NO_ADDITIONAL_SAS)),
        List.of(new NotifyPayload(0, new byte[0], 9_999, new byte[0])),
        List.of(ikeAnswer, new NoncePayload(n), new KePayload(31, new byte[32])),
        List.of(ikeAnswer, new NoncePayload(n), new KePayload(19, new byte[64])),
        List.of(ikeAnswer, new KePayload(31, new byte[32])));
  }

  private static SaPayload esp(List<Transform> extra) {
    List<Transform> t = new ArrayList<>(List.of(
        Transform.withKeyLength(TransformType.ENCR, 20, 128), new Transform(TransformType.ESN, 0)));
    t.addAll(extra);
    return new SaPayload(List.of(new Proposal(1, 3, new byte[] {0, 0, 1, 0}, t)));
  }
}
