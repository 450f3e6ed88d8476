package net.iotgw.protocols.eap.psk;

import static net.iotgw.protocols.eap.psk.HostapdTranscript.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Our peer and server replay both sides of the captured hostapd 2.10 / eapol_test exchange byte for byte. */
class EapPskTranscriptTest {

  static byte[] sent(PskStep<?> step) {
    return assertInstanceOf(PskOutput.Send.class, step.outputs().get(0)).eapPacket();
  }

  @Test
  void serverSendsHostapdsMessages1And3AndAcceptsEapolTestsMessage4_rfc4764_5() {
    PskStep<EapPskServer.State> s1 = EapPskServer.start(ID_S, 18, RAND_S);
    assertArrayEquals(MESSAGE_1, sent(s1));

    PskStep<EapPskServer.State> s3 =
        EapPskServer.receive(s1.state(), MESSAGE_2, id -> Optional.of(new Psk(PSK)));
    assertArrayEquals(MESSAGE_3, sent(s3));

    PskStep<EapPskServer.State> done = EapPskServer.receive(s3.state(), MESSAGE_4, id -> Optional.empty());
    assertArrayEquals(SUCCESS, sent(done));
    PskOutput.Authenticated a = assertInstanceOf(PskOutput.Authenticated.class, done.outputs().get(1));
    assertArrayEquals(ID_P, a.otherId());
    assertArrayEquals(MSK, a.keys().msk());
    assertArrayEquals(EMSK, a.keys().emsk());
    assertInstanceOf(EapPskServer.Accepted.class, done.state());
  }

  @Test
  void peerSendsEapolTestsMessages2And4AndExportsHostapdsKeys_rfc4764_5() {
    EapPskPeer.State p0 = EapPskPeer.start(ID_P, new Psk(PSK), RAND_P);
    PskStep<EapPskPeer.State> p2 = EapPskPeer.receive(p0, MESSAGE_1);
    assertArrayEquals(MESSAGE_2, sent(p2));

    PskStep<EapPskPeer.State> p4 = EapPskPeer.receive(p2.state(), MESSAGE_3);
    assertArrayEquals(MESSAGE_4, sent(p4));

    PskStep<EapPskPeer.State> done = EapPskPeer.receive(p4.state(), SUCCESS);
    PskOutput.Authenticated a = assertInstanceOf(PskOutput.Authenticated.class, done.outputs().get(0));
    assertArrayEquals(ID_S, a.otherId());
    assertArrayEquals(MSK, a.keys().msk());
    assertArrayEquals(EMSK, a.keys().emsk());
    assertEquals(1, done.outputs().size());
  }

  @Test
  void peerAnswersAnIdentityRequestWithIdP_rfc3748_5_1() {
    PskStep<EapPskPeer.State> s =
        EapPskPeer.receive(EapPskPeer.start(ID_P, new Psk(PSK), RAND_P), hex("01110005 01"));
    // eapol_test's Identity response in the same capture
    assertArrayEquals(hex("02110014 01 63643140696f742e6578616d706c65"), sent(s));
    assertArrayEquals(MESSAGE_2, sent(EapPskPeer.receive(s.state(), MESSAGE_1)));
  }
}
