package net.iotgw.protocols.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/**
 * The cryptographic operations each side of a PSK handshake (IKE_SA_INIT + IKE_AUTH with its
 * CHILD_SA) reports: the baseline CD's cost that the claim benchmark compares with the offload.
 */
class CryptoObserverTest {
  /** Counts what one engine reports. */
  static final class Tally implements CryptoObserver {
    final Map<IkeCryptoOperation, Integer> counts = new EnumMap<>(IkeCryptoOperation.class);

    @Override
    public void performed(IkeCryptoOperation operation, int count) {
      counts.merge(operation, count, Integer::sum);
    }
  }

  private final Tally initiator = new Tally();
  private final Tally responder = new Tally();

  private void handshake(TestSuite suite) {
    Conversation c =
        new Conversation(
            TestProfiles.config(TestProfiles.psk(TestProfiles.UD, TestProfiles.CD, suite), true)
                .withCryptoObserver(initiator),
            TestProfiles.config(TestProfiles.psk(TestProfiles.CD, TestProfiles.UD, suite), false)
                .withCryptoObserver(responder),
            3);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    assertInstanceOf(IkeState.Established.class, c.initiator);
    assertInstanceOf(IkeState.Established.class, c.responder);
  }

  private static Map<IkeCryptoOperation, Integer> expected(Object... kindsAndCounts) {
    Map<IkeCryptoOperation, Integer> m = new EnumMap<>(IkeCryptoOperation.class);
    for (int i = 0; i < kindsAndCounts.length; i += 2) {
      m.put((IkeCryptoOperation) kindsAndCounts[i], (Integer) kindsAndCounts[i + 1]);
    }
    return m;
  }

  /**
   * AES-GCM-16-128, PRF-HMAC-SHA2-256, X25519. PRF: SKEYSEED (1) and prf+ over SK_d 32 + SK_e 2x20
   * + SK_p 2x32 = 136 octets (5 blocks, RFC 7296 §2.14); our AUTH and the peer's, 3 each
   * (§2.15); KEYMAT 2x20 octets (2 blocks, §2.17): 14. One SK payload sealed, one opened.
   */
  @Test
  void pskHandshakeWithAnAeadCostsEachSideOneKeyPairOneAgreementFourteenPrfsOneSealOneOpen() {
    handshake(TestSuite.AES_GCM_16_X25519);
    Map<IkeCryptoOperation, Integer> each =
        expected(IkeCryptoOperation.KEY_PAIR, 1, IkeCryptoOperation.KEY_AGREEMENT, 1,
            IkeCryptoOperation.PRF, 14, IkeCryptoOperation.AEAD_SEAL, 1,
            IkeCryptoOperation.AEAD_OPEN, 1);
    assertEquals(each, initiator.counts);
    assertEquals(each, responder.counts);
  }

  /**
   * AES-CBC-256 with HMAC-SHA2-256-128, ECP-256. prf+ over SK_d 32 + SK_a 2x32 + SK_e 2x32 + SK_p
   * 2x32 = 224 octets (7 blocks), KEYMAT 2x64 (4 blocks): 1 + 7 + 6 + 4 = 18 PRFs. Sealing is one
   * encryption and one integrity checksum, opening one check and one decryption (RFC 7296 §3.14).
   */
  @Test
  void pskHandshakeWithCbcAndHmacCountsCipherAndIntegritySeparately_rfc7296Section3_14() {
    handshake(TestSuite.AES_CBC_256_SHA256_ECP256);
    Map<IkeCryptoOperation, Integer> each =
        expected(IkeCryptoOperation.KEY_PAIR, 1, IkeCryptoOperation.KEY_AGREEMENT, 1,
            IkeCryptoOperation.PRF, 18, IkeCryptoOperation.CIPHER, 2,
            IkeCryptoOperation.INTEGRITY, 2);
    assertEquals(each, initiator.counts);
    assertEquals(each, responder.counts);
  }

  @Test
  void withoutAnObserverTheConfigurationReportsNothing() {
    EngineConfig c = TestProfiles.config(
        TestProfiles.psk(TestProfiles.UD, TestProfiles.CD, TestSuite.AES_GCM_16_X25519), true);
    assertEquals(CryptoObserver.NONE, c.cryptoObserver());
  }
}
