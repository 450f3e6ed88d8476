package net.iotgw.protocols.eap.psk;

import static net.iotgw.protocols.eap.psk.HostapdTranscript.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.iotgw.protocols.eap.EapKeys;
import org.junit.jupiter.api.Test;

/** Peer against server, through a relay that may tamper with the k-th packet. */
class EapPskExchangeTest {

  private static final EapPskServer.PskLookup STORE =
      id -> Arrays.equals(id, ID_P) ? Optional.of(new Psk(PSK)) : Optional.empty();

  /** What each side ended with. */
  record Outcome(
      EapPskPeer.State peer,
      EapPskServer.State server,
      List<PskOutput> peerOutputs,
      List<PskOutput> serverOutputs) {

    EapKeys peerKeys() {
      return keys(peerOutputs);
    }

    EapKeys serverKeys() {
      return keys(serverOutputs);
    }

    static EapKeys keys(List<PskOutput> outs) {
      return outs.stream()
          .filter(o -> o instanceof PskOutput.Authenticated)
          .map(o -> ((PskOutput.Authenticated) o).keys())
          .findFirst()
          .orElse(null);
    }

    <T extends PskOutput> List<T> of(List<PskOutput> outs, Class<T> c) {
      return outs.stream().filter(c::isInstance).map(c::cast).toList();
    }
  }

  /**
   * Runs the exchange; {@code tamper} is applied to packet number {@code which} (1 = message 1,
   * ..., 5 = the EAP-Success or Failure), counting packets on the wire in both directions.
   */
  static Outcome run(
      byte[] idP, Psk peerPsk, byte[] randP, byte[] randS, int which, UnaryOperator<byte[]> tamper) {
    EapPskPeer.State peer = EapPskPeer.start(idP, peerPsk, randP);
    PskStep<EapPskServer.State> s = EapPskServer.start(ID_S, 200, randS);
    EapPskServer.State server = s.state();
    List<PskOutput> peerOuts = new ArrayList<>();
    List<PskOutput> serverOuts = new ArrayList<>(s.outputs());
    byte[] toPeer = sentBy(s.outputs());
    int packet = 1;
    for (int round = 0; round < 4 && toPeer != null; round++) {
      if (packet++ == which) {
        toPeer = tamper.apply(toPeer);
      }
      PskStep<EapPskPeer.State> p = EapPskPeer.receive(peer, toPeer);
      peer = p.state();
      peerOuts.addAll(p.outputs());
      byte[] toServer = sentBy(p.outputs());
      if (toServer == null) {
        break;
      }
      if (packet++ == which) {
        toServer = tamper.apply(toServer);
      }
      s = EapPskServer.receive(server, toServer, STORE);
      server = s.state();
      serverOuts.addAll(s.outputs());
      toPeer = sentBy(s.outputs());
    }
    return new Outcome(peer, server, peerOuts, serverOuts);
  }

  static byte[] sentBy(List<PskOutput> outs) {
    for (PskOutput o : outs) {
      if (o instanceof PskOutput.Send send) {
        return send.eapPacket();
      }
    }
    return null;
  }

  static Outcome honest() {
    return run(ID_P, new Psk(PSK), RAND_P, RAND_S, 0, b -> b);
  }

  @Test
  void peerAndServerDeriveTheSame64OctetMskAndEmsk_rfc4764_3_2() {
    SecureRandom random = new SecureRandom();
    EapPskPeer.State peer = EapPskPeer.start(ID_P, new Psk(PSK), random);
    PskStep<EapPskServer.State> s = EapPskServer.start(ID_S, 0, random);
    byte[] toPeer = sentBy(s.outputs());
    EapKeys peerKeys = null;
    EapKeys serverKeys = null;
    while (toPeer != null) {
      PskStep<EapPskPeer.State> p = EapPskPeer.receive(peer, toPeer);
      peer = p.state();
      peerKeys = peerKeys != null ? peerKeys : Outcome.keys(p.outputs());
      byte[] toServer = sentBy(p.outputs());
      if (toServer == null) {
        break;
      }
      s = EapPskServer.receive(s.state(), toServer, STORE);
      serverKeys = serverKeys != null ? serverKeys : Outcome.keys(s.outputs());
      toPeer = sentBy(s.outputs());
    }
    assertNotNull(peerKeys);
    assertEquals(serverKeys, peerKeys);
    assertEquals(64, peerKeys.msk().length);
    assertEquals(64, peerKeys.emsk().length);
    assertFalse(Arrays.equals(peerKeys.msk(), peerKeys.emsk()));
    assertInstanceOf(EapPskPeer.Authenticated.class, peer);
    assertInstanceOf(EapPskServer.Accepted.class, s.state());
  }

  @Test
  void wrongPskIsRejectedAtMacP_rfc4764_5_2() {
    byte[] wrong = PSK.clone();
    wrong[15] ^= 1;
    Outcome o = run(ID_P, new Psk(wrong), RAND_P, RAND_S, 0, b -> b);
    assertEquals(new EapPskServer.Rejected(PskFailure.BAD_MAC_P), o.server());
    assertEquals(List.of(new PskOutput.Failed(PskFailure.BAD_MAC_P)), o.of(o.serverOutputs(), PskOutput.Failed.class));
    // the EAP-Failure carries message 2's identifier (RFC 3748 §4.2)
    assertArrayEquals(hex("04c80004"), o.of(o.serverOutputs(), PskOutput.Send.class).get(1).eapPacket());
    assertEquals(new EapPskPeer.Failed(PskFailure.EAP_FAILURE), o.peer());
    assertEquals(null, o.serverKeys());
    assertEquals(null, o.peerKeys());
  }

  @Test
  void unknownIdPIsRejected() {
    Outcome o = run("cd2@iot.example".getBytes(), new Psk(PSK), RAND_P, RAND_S, 0, b -> b);
    assertEquals(new EapPskServer.Rejected(PskFailure.UNKNOWN_PEER), o.server());
    assertEquals(new EapPskPeer.Failed(PskFailure.EAP_FAILURE), o.peer());
  }

  private static UnaryOperator<byte[]> flip(int offset) {
    return b -> {
      byte[] c = b.clone();
      c[offset] ^= 1;
      return c;
    };
  }

  @Test
  void tamperedMacPIsRejectedWithEapFailure_rfc4764_5_2() {
    Outcome o = run(ID_P, new Psk(PSK), RAND_P, RAND_S, 2, flip(6 + 32));
    assertEquals(new EapPskServer.Rejected(PskFailure.BAD_MAC_P), o.server());
    assertEquals(new EapPskPeer.Failed(PskFailure.EAP_FAILURE), o.peer());
  }

  @Test
  void tamperedMacSFailsThePeer_rfc4764_5_3() {
    Outcome o = run(ID_P, new Psk(PSK), RAND_P, RAND_S, 3, flip(6 + 16));
    assertEquals(new EapPskPeer.Failed(PskFailure.BAD_MAC_S), o.peer());
    assertEquals(List.of(new PskOutput.Failed(PskFailure.BAD_MAC_S)), o.peerOutputs().subList(1, 2));
    assertInstanceOf(EapPskServer.AwaitingFourth.class, o.server());
  }

  @Test
  void tamperedPchannelInMessage3FailsThePeer_rfc4764_5_3() {
    for (int offset : new int[] {6 + 32, 6 + 36, 6 + 52, 5, 1}) {
      Outcome o = run(ID_P, new Psk(PSK), RAND_P, RAND_S, 3, flip(offset));
      assertEquals(new EapPskPeer.Failed(PskFailure.BAD_PCHANNEL), o.peer(), "offset " + offset);
    }
  }

  @Test
  void tamperedPchannelInMessage4IsRejected_rfc4764_5_4() {
    for (int offset : new int[] {6 + 20, 6 + 36, 5, 1 + 0}) {
      Outcome o = run(ID_P, new Psk(PSK), RAND_P, RAND_S, 4, flip(offset));
      if (offset == 1) {
        // a changed identifier no longer answers the outstanding request
        assertInstanceOf(EapPskServer.AwaitingFourth.class, o.server());
        continue;
      }
      assertEquals(new EapPskServer.Rejected(PskFailure.BAD_PCHANNEL), o.server(), "offset " + offset);
      assertEquals(new EapPskPeer.Failed(PskFailure.EAP_FAILURE), o.peer());
    }
  }

  @Test
  void message4WithAnotherNonceIsDiscarded_rfc4764_5_4() {
    Outcome o = run(ID_P, new Psk(PSK), RAND_P, RAND_S, 4, flip(6 + 16 + 3));
    assertEquals(PskOutput.Reason.WRONG_NONCE, o.of(o.serverOutputs(), PskOutput.Discarded.class).get(0).reason());
    assertInstanceOf(EapPskServer.AwaitingFourth.class, o.server());
  }

  @Test
  void serverReportingDoneFailureEndsBothSides_rfc4764_5_3() {
    EapPskServer.State awaiting2 = EapPskServer.start(ID_S, 18, RAND_S).state();
    PskStep<EapPskPeer.State> p2 =
        EapPskPeer.receive(EapPskPeer.start(ID_P, new Psk(PSK), RAND_P), MESSAGE_1);
    EapPskServer.AwaitingFourth s4 =
        (EapPskServer.AwaitingFourth)
            EapPskServer.receive(awaiting2, EapPskTranscriptTest.sent(p2), STORE).state();
    byte[] failing3 = PskCodec.encodeThird(19, RAND_S, MAC_S, TEK, 0, PskResult.DONE_FAILURE);
    PskStep<EapPskPeer.State> p4 = EapPskPeer.receive(p2.state(), failing3);
    assertEquals(new EapPskPeer.Failed(PskFailure.RESULT_FAILURE), p4.state());
    PskStep<EapPskServer.State> end = EapPskServer.receive(s4, EapPskTranscriptTest.sent(p4), STORE);
    assertEquals(new EapPskServer.Rejected(PskFailure.RESULT_FAILURE), end.state());
  }

  /**
   * Every single-bit change of every packet: nobody throws, and authentication still succeeds only
   * when the change hit a reserved Flags bit of message 1 or 2, which RFC 4764 §5 has receivers
   * ignore and no MAC covers (those of messages 3 and 4 are in the EAX header). A half-success
   * (one side authenticated) still carries the right keys.
   */
  @Test
  void everyBitFlipOfEveryPacketFailsUnlessReservedFlagBit() {
    Outcome reference = honest();
    assertNotNull(reference.serverKeys());
    int[] lengths = {MESSAGE_1.length, 69, 59, 43, 4};
    for (int which = 1; which <= 5; which++) {
      for (int bit = 0; bit < lengths[which - 1] * 8; bit++) {
        int offset = bit / 8;
        int mask = 1 << (bit % 8);
        Outcome o =
            run(ID_P, new Psk(PSK), RAND_P, RAND_S, which, b -> {
              byte[] c = b.clone();
              c[offset] ^= (byte) mask;
              return c;
            });
        boolean reservedFlag = which <= 2 && offset == 5 && mask < 0x40;
        boolean bothAuthenticated = o.peerKeys() != null && o.serverKeys() != null;
        assertEquals(reservedFlag, bothAuthenticated, "packet " + which + " bit " + bit);
        if (o.peerKeys() != null || o.serverKeys() != null) {
          EapKeys k = o.peerKeys() != null ? o.peerKeys() : o.serverKeys();
          assertArrayEquals(reference.serverKeys().msk(), k.msk());
        }
      }
    }
  }

  @Test
  void truncatedAndMutatedPacketsNeverThrowInAnyState() {
    Random random = new Random(4764);
    EapPskPeer.State peer0 = EapPskPeer.start(ID_P, new Psk(PSK), RAND_P);
    EapPskPeer.State peer1 = EapPskPeer.receive(peer0, MESSAGE_1).state();
    EapPskPeer.State peer2 = EapPskPeer.receive(peer1, MESSAGE_3).state();
    EapPskServer.State server0 = EapPskServer.start(ID_S, 18, RAND_S).state();
    EapPskServer.State server1 = EapPskServer.receive(server0, MESSAGE_2, STORE).state();
    List<byte[]> packets = List.of(MESSAGE_1, MESSAGE_2, MESSAGE_3, MESSAGE_4, SUCCESS);
    for (byte[] packet : packets) {
      for (int n = 0; n <= packet.length; n++) {
        byte[] cut = Arrays.copyOf(packet, n);
        feed(peer0, peer1, peer2, server0, server1, cut);
      }
      for (int i = 0; i < 2_000; i++) {
        byte[] m = packet.clone();
        for (int j = random.nextInt(4); j >= 0; j--) {
          m[random.nextInt(m.length)] = (byte) random.nextInt(256);
        }
        feed(peer0, peer1, peer2, server0, server1, m);
      }
    }
  }

  private static void feed(
      EapPskPeer.State p0, EapPskPeer.State p1, EapPskPeer.State p2,
      EapPskServer.State s0, EapPskServer.State s1, byte[] in) {
    for (EapPskPeer.State p : List.of(p0, p1, p2)) {
      assertNotNull(EapPskPeer.receive(p, in.clone()));
    }
    for (EapPskServer.State s : List.of(s0, s1)) {
      assertNotNull(EapPskServer.receive(s, in.clone(), STORE));
    }
  }

  @Test
  void unexpectedMessagesAreDiscardedWithAReason() {
    EapPskServer.State s0 = EapPskServer.start(ID_S, 18, RAND_S).state();
    byte[] fourthAsSecond = MESSAGE_4.clone();
    fourthAsSecond[1] = 18;
    PskStep<EapPskServer.State> early = EapPskServer.receive(s0, fourthAsSecond, STORE);
    assertEquals(s0, early.state());
    assertEquals(PskOutput.Reason.UNEXPECTED, ((PskOutput.Discarded) early.outputs().get(0)).reason());

    byte[] otherId = MESSAGE_2.clone();
    otherId[1] = 17;
    assertEquals(
        PskOutput.Reason.WRONG_IDENTIFIER,
        ((PskOutput.Discarded) EapPskServer.receive(s0, otherId, STORE).outputs().get(0)).reason());

    EapPskPeer.State p0 = EapPskPeer.start(ID_P, new Psk(PSK), RAND_P);
    PskStep<EapPskPeer.State> success = EapPskPeer.receive(p0, SUCCESS);
    assertEquals(p0, success.state());
    assertEquals(PskOutput.Reason.UNEXPECTED, ((PskOutput.Discarded) success.outputs().get(0)).reason());
    PskStep<EapPskPeer.State> third = EapPskPeer.receive(p0, MESSAGE_3);
    assertEquals(PskOutput.Reason.UNEXPECTED, ((PskOutput.Discarded) third.outputs().get(0)).reason());
    byte[] shortFirst = Arrays.copyOf(MESSAGE_1, 21);
    shortFirst[3] = 21;
    PskStep<EapPskPeer.State> cut = EapPskPeer.receive(p0, shortFirst);
    assertEquals(PskOutput.Reason.MALFORMED, ((PskOutput.Discarded) cut.outputs().get(0)).reason());
  }

  @Test
  void peerNaksAnotherMethodAndServerGivesUp_rfc3748_5_3_1() {
    PskStep<EapPskPeer.State> nak =
        EapPskPeer.receive(EapPskPeer.start(ID_P, new Psk(PSK), RAND_P), hex("01120005 04"));
    assertArrayEquals(hex("02120006 03 2f"), EapPskTranscriptTest.sent(nak));
    EapPskServer.State s0 = EapPskServer.start(ID_S, 18, RAND_S).state();
    PskStep<EapPskServer.State> end = EapPskServer.receive(s0, EapPskTranscriptTest.sent(nak), STORE);
    assertEquals(new EapPskServer.Rejected(PskFailure.PEER_DECLINED), end.state());
  }

  @Test
  void peerAcknowledgesANotificationWithoutNak_rfc3748_5_2() {
    PskStep<EapPskPeer.State> ack =
        EapPskPeer.receive(EapPskPeer.start(ID_P, new Psk(PSK), RAND_P), hex("01070008 02 6869 21"));
    assertArrayEquals(hex("02070005 02"), EapPskTranscriptTest.sent(ack));
    assertArrayEquals(MESSAGE_2, EapPskTranscriptTest.sent(EapPskPeer.receive(ack.state(), MESSAGE_1)));
  }

  @Test
  void peerRepeatsItsResponseToARetransmittedRequest_rfc3748_4_1() {
    PskStep<EapPskPeer.State> p2 =
        EapPskPeer.receive(EapPskPeer.start(ID_P, new Psk(PSK), RAND_P), MESSAGE_1);
    PskStep<EapPskPeer.State> again = EapPskPeer.receive(p2.state(), MESSAGE_1);
    assertArrayEquals(MESSAGE_2, EapPskTranscriptTest.sent(again));
    assertEquals(p2.state(), again.state());
    PskStep<EapPskPeer.State> p4 = EapPskPeer.receive(again.state(), MESSAGE_3);
    assertArrayEquals(MESSAGE_4, EapPskTranscriptTest.sent(EapPskPeer.receive(p4.state(), MESSAGE_3)));
    assertTrue(EapPskPeer.receive(p4.state(), SUCCESS).state() instanceof EapPskPeer.Authenticated);
  }
}
