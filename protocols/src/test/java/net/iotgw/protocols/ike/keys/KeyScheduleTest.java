package net.iotgw.protocols.ike.keys;

import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CBC;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CCM_8;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_GCM_16;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_CHACHA20_POLY1305;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.NONE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import net.iotgw.protocols.crypto.PacketCipher;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.IkeCipher;
import net.iotgw.protocols.ike.crypto.KeyExchange;
import net.iotgw.protocols.ike.crypto.KeyExchanges;
import net.iotgw.protocols.ike.crypto.Prf;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class KeyScheduleTest {

  /**
   * NIST CAVP "IKEv2 KDF" (SP 800-135 §4.1) test vector with HMAC-SHA1: the same computations as
   * RFC 7296 §2.14 and §2.18, with published inputs and outputs.
   */
  private static final byte[] CAVP_NI = Hex.decode("32b50d5f4a3763f3");
  private static final byte[] CAVP_NR = Hex.decode("9206a04b26564cb1");
  private static final byte[] CAVP_GIR =
      Hex.decode("4b2c1f971981a8ad8d0abeafabf38cf75fc8349c148142465ed9c8b516b8be52");
  private static final byte[] CAVP_GIR_NEW =
      Hex.decode("863f3c9d06efd39d2b907b97f8699e5dd5251ef64a2a176f36ee40c87d4f9330");
  private static final long CAVP_SPII = 0x34c9e7c188868785L;
  private static final long CAVP_SPIR = 0x3ff77d760d2b2199L;
  private static final byte[] CAVP_SKEYSEED = Hex.decode("a9a7b222b59f8f48645f28a1db5b5f5d7479cba7");
  private static final byte[] CAVP_SKEYSEED_REKEY =
      Hex.decode("63e81194946ebd05df7df5ebf5d8750056bf1f1d");
  private static final byte[] CAVP_DKM =
      Hex.decode(
          "a14293677cc80ff8f9cc0eee30d895da9d8f405666e30ef0dfcb63c634a46002"
              + "a2a63080e514a062768b76606f9fa5e992204fc5a670bde3f10d6b027113936a"
              + "5c55b648a194ae587b0088d52204b702c979fa280870d2ed41efa9c549fd1119"
              + "8af1670b143d384bd275c5f594cf266b05ebadca855e4249520a441a81157435"
              + "a7a56cc4");

  private static byte[] slice(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, to);
  }

  @Test
  void cavpIkev2KdfSkeyseedIsPrfOfTheNoncesOverTheSharedSecret() {
    assertArrayEquals(
        CAVP_SKEYSEED,
        KeySchedule.skeyseed(PrfAlgorithm.PRF_HMAC_SHA1, CAVP_GIR, CAVP_NI, CAVP_NR));
  }

  @Test
  void cavpIkev2KdfRekeySkeyseedUsesTheOldSkD() {
    byte[] oldSkD = slice(CAVP_DKM, 0, 20);
    assertArrayEquals(
        CAVP_SKEYSEED_REKEY,
        KeySchedule.rekeySkeyseed(PrfAlgorithm.PRF_HMAC_SHA1, oldSkD, CAVP_GIR_NEW, CAVP_NI, CAVP_NR));
  }

  @Test
  void rfc7296Section2_14AeadSuiteSplitsDkmAsSkDSkEiSkErSkPiSkPr() {
    Suite suite =
        Suite.of(ENCR_AES_GCM_16, 128, NONE, PrfAlgorithm.PRF_HMAC_SHA1, DhGroup.MODP_2048);
    IkeSaKeys k = KeySchedule.derive(suite, CAVP_GIR, CAVP_NI, CAVP_NR, CAVP_SPII, CAVP_SPIR);
    assertArrayEquals(CAVP_SKEYSEED, k.skeyseed());
    assertArrayEquals(slice(CAVP_DKM, 0, 20), k.skD());
    assertEquals(0, k.skAi().length);
    assertEquals(0, k.skAr().length);
    assertArrayEquals(slice(CAVP_DKM, 20, 40), k.skEi());
    assertArrayEquals(slice(CAVP_DKM, 40, 60), k.skEr());
    assertArrayEquals(slice(CAVP_DKM, 60, 80), k.skPi());
    assertArrayEquals(slice(CAVP_DKM, 80, 100), k.skPr());
  }

  @Test
  void rfc7296Section2_14CbcSuiteTakesIntegrityKeysBeforeEncryptionKeys() {
    Suite suite =
        Suite.of(
            ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128, PrfAlgorithm.PRF_HMAC_SHA1, DhGroup.ECP_256);
    IkeSaKeys k = KeySchedule.derive(suite, CAVP_GIR, CAVP_NI, CAVP_NR, CAVP_SPII, CAVP_SPIR);
    assertArrayEquals(slice(CAVP_DKM, 0, 20), k.skD());
    assertArrayEquals(slice(CAVP_DKM, 20, 52), k.skAi());
    assertArrayEquals(slice(CAVP_DKM, 52, 84), k.skAr());
    assertArrayEquals(slice(CAVP_DKM, 84, 100), k.skEi());
    assertArrayEquals(slice(CAVP_DKM, 100, 116), k.skEr());
    assertArrayEquals(slice(CAVP_DKM, 116, 132), slice(k.skPi(), 0, 16));
  }

  @Test
  void keyLengthsFollowTheSuite() {
    record Case(Suite suite, int skD, int skA, int skE) {}
    Case[] cases = {
      new Case(Suite.of(ENCR_AES_GCM_16, 128, NONE, PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.CURVE25519), 32, 0, 20),
      new Case(Suite.of(ENCR_AES_GCM_16, 256, NONE, PrfAlgorithm.PRF_HMAC_SHA2_384, DhGroup.ECP_384), 48, 0, 36),
      new Case(Suite.of(ENCR_CHACHA20_POLY1305, 256, NONE, PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.CURVE25519), 32, 0, 36),
      new Case(Suite.of(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128, PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.MODP_2048), 32, 32, 16),
      new Case(Suite.of(ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_512_256, PrfAlgorithm.PRF_HMAC_SHA2_512, DhGroup.ECP_256), 64, 64, 32),
    };
    byte[] n = new byte[32];
    for (Case c : cases) {
      IkeSaKeys k = KeySchedule.derive(c.suite(), new byte[32], n, n, 1, 2);
      assertEquals(c.skD(), k.skD().length, c.suite().toString());
      assertEquals(c.skD(), k.skPi().length);
      assertEquals(c.skD(), k.skPr().length);
      assertEquals(c.skD(), k.skeyseed().length);
      assertEquals(c.skA(), k.skAi().length);
      assertEquals(c.skA(), k.skAr().length);
      assertEquals(c.skE(), k.skEi().length);
      assertEquals(c.skE(), k.skEr().length);
      assertEquals(3 * c.skD() + 2 * c.skA() + 2 * c.skE(), c.suite().keyMaterialLength());
    }
  }

  @Test
  void rfc7296Section2_14SpisEnterTheSeedBigEndianAfterTheNonces() {
    Suite suite =
        Suite.of(ENCR_AES_GCM_16, 128, NONE, PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.CURVE25519);
    byte[] ni = Hex.decode("00112233445566778899aabbccddeeff");
    byte[] nr = Hex.decode("ffeeddccbbaa99887766554433221100");
    long spiI = 0x8000000000000001L; // high bit set: must not be sign-extended
    long spiR = 0x0102030405060708L;
    IkeSaKeys k = KeySchedule.derive(suite, new byte[32], ni, nr, spiI, spiR);
    byte[] seed =
        org.bouncycastle.util.Arrays.concatenate(
            ni, nr, Hex.decode("8000000000000001"), Hex.decode("0102030405060708"));
    byte[] km = Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256).prfPlus(k.skeyseed(), seed, 136);
    assertArrayEquals(slice(km, 0, 32), k.skD());
    assertArrayEquals(slice(km, 104, 136), k.skPr());
  }

  @Test
  void fromSkeyseedReproducesTheKeysOfDerive() {
    Suite suite =
        Suite.of(ENCR_AES_GCM_16, 128, NONE, PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.CURVE25519);
    IkeSaKeys a = KeySchedule.derive(suite, CAVP_GIR, CAVP_NI, CAVP_NR, CAVP_SPII, CAVP_SPIR);
    IkeSaKeys b =
        KeySchedule.fromSkeyseed(suite, a.skeyseed().clone(), CAVP_NI, CAVP_NR, CAVP_SPII, CAVP_SPIR);
    assertArrayEquals(a.skD(), b.skD());
    assertArrayEquals(a.skEr(), b.skEr());
    assertArrayEquals(a.skPr(), b.skPr());
  }

  @Test
  void skDAloneIsTheFirstKeyOfTheFullDerivation() {
    assertArrayEquals(
        slice(CAVP_DKM, 0, 20),
        KeySchedule.skD(
            PrfAlgorithm.PRF_HMAC_SHA1, CAVP_SKEYSEED, CAVP_NI, CAVP_NR, CAVP_SPII, CAVP_SPIR));
    Suite suite =
        Suite.of(ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_512_256, PrfAlgorithm.PRF_HMAC_SHA2_384, DhGroup.ECP_384);
    IkeSaKeys k = KeySchedule.derive(suite, CAVP_GIR, CAVP_NI, CAVP_NR, CAVP_SPII, CAVP_SPIR);
    assertArrayEquals(
        k.skD(),
        KeySchedule.skD(suite.prf(), k.skeyseed(), CAVP_NI, CAVP_NR, CAVP_SPII, CAVP_SPIR));
  }

  @Test
  void rfc7296Section2_18RekeyTakesSkeyseedFromTheOldPrfAndKeysFromTheNewOne() {
    Suite newSuite =
        Suite.of(ENCR_AES_GCM_16, 256, NONE, PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.CURVE25519);
    byte[] oldSkD = slice(CAVP_DKM, 0, 20);
    long newSpiI = 0x1111111111111111L;
    long newSpiR = 0x2222222222222222L;
    IkeSaKeys k =
        KeySchedule.rekey(
            newSuite, PrfAlgorithm.PRF_HMAC_SHA1, oldSkD, CAVP_GIR_NEW, CAVP_NI, CAVP_NR, newSpiI, newSpiR);
    assertArrayEquals(CAVP_SKEYSEED_REKEY, k.skeyseed());
    IkeSaKeys expected =
        KeySchedule.fromSkeyseed(newSuite, CAVP_SKEYSEED_REKEY.clone(), CAVP_NI, CAVP_NR, newSpiI, newSpiR);
    assertEquals(32, k.skD().length);
    assertArrayEquals(expected.skD(), k.skD());
    assertArrayEquals(expected.skEi(), k.skEi());
  }

  @Test
  void rfc7296Section2_17ChildKeymatSplitsInitiatorSaFirstEncryptionBeforeIntegrity() {
    byte[] skD = slice(CAVP_DKM, 0, 32);
    PacketProtection esp = new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128);
    ChildSaKeys k = KeySchedule.childSa(PrfAlgorithm.PRF_HMAC_SHA2_256, skD, esp, CAVP_NI, CAVP_NR);
    byte[] keymat =
        Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256)
            .prfPlus(skD, org.bouncycastle.util.Arrays.concatenate(CAVP_NI, CAVP_NR), 96);
    assertArrayEquals(slice(keymat, 0, 16), k.initiatorEncryption());
    assertArrayEquals(slice(keymat, 16, 48), k.initiatorIntegrity());
    assertArrayEquals(slice(keymat, 48, 64), k.responderEncryption());
    assertArrayEquals(slice(keymat, 64, 96), k.responderIntegrity());
  }

  @Test
  void rfc7296Section2_17PfsPutsTheNewSharedSecretBeforeTheNonces() {
    byte[] skD = slice(CAVP_DKM, 0, 32);
    PacketProtection esp = new PacketProtection(ENCR_AES_GCM_16, 128, NONE);
    ChildSaKeys k =
        KeySchedule.childSa(PrfAlgorithm.PRF_HMAC_SHA2_256, skD, esp, CAVP_GIR_NEW, CAVP_NI, CAVP_NR);
    byte[] keymat =
        Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256)
            .prfPlus(skD, org.bouncycastle.util.Arrays.concatenate(CAVP_GIR_NEW, CAVP_NI, CAVP_NR), 40);
    assertArrayEquals(slice(keymat, 0, 20), k.initiatorEncryption());
    assertArrayEquals(slice(keymat, 20, 40), k.responderEncryption());
    assertEquals(0, k.initiatorIntegrity().length);
  }

  @Test
  void childKeyLengthsForTheEspTransforms() {
    byte[] skD = new byte[32];
    record Case(PacketProtection esp, int enc, int integ) {}
    Case[] cases = {
      new Case(new PacketProtection(ENCR_AES_GCM_16, 128, NONE), 20, 0),
      new Case(new PacketProtection(ENCR_AES_GCM_16, 256, NONE), 36, 0),
      new Case(new PacketProtection(ENCR_AES_CCM_8, 128, NONE), 19, 0),
      new Case(new PacketProtection(ENCR_CHACHA20_POLY1305, 256, NONE), 36, 0),
      new Case(new PacketProtection(ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_256_128), 32, 32),
    };
    for (Case c : cases) {
      ChildSaKeys k = KeySchedule.childSa(PrfAlgorithm.PRF_HMAC_SHA2_256, skD, c.esp(), CAVP_NI, CAVP_NR);
      assertEquals(c.enc(), k.initiatorEncryption().length, c.esp().toString());
      assertEquals(c.enc(), k.responderEncryption().length);
      assertEquals(c.integ(), k.initiatorIntegrity().length);
      assertEquals(c.integ(), k.responderIntegrity().length);
      assertEquals(2 * (c.enc() + c.integ()), KeySchedule.childKeyMaterialLength(c.esp()));
      assertFalse(Arrays.equals(k.initiatorEncryption(), k.responderEncryption()));
    }
  }

  @Test
  void bothPeersDeriveKeysThatOpenEachOthersMessages() {
    SecureRandom random = new SecureRandom();
    Suite suite =
        Suite.of(ENCR_AES_GCM_16, 128, NONE, PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.CURVE25519);
    KeyExchange i = KeyExchanges.generate(DhGroup.CURVE25519, random);
    KeyExchange r = KeyExchanges.generate(DhGroup.CURVE25519, random);
    byte[] ni = new byte[32];
    byte[] nr = new byte[32];
    random.nextBytes(ni);
    random.nextBytes(nr);
    IkeSaKeys initiator =
        KeySchedule.derive(suite, i.agree(r.publicValue()).orThrow(), ni, nr, 11, 22);
    IkeSaKeys responder =
        KeySchedule.derive(suite, r.agree(i.publicValue()).orThrow(), ni, nr, 11, 22);
    byte[] aad = new byte[32];
    byte[] inner = {1, 2, 3};
    IkeCipher sentByInitiator = initiator.initiatorCipher();
    byte[] body = sentByInitiator.seal(aad, inner, random);
    assertArrayEquals(inner, responder.initiatorCipher().open(aad, body).orThrow());
    assertFalse(responder.responderCipher().open(aad, body).isOk());

    ChildSaKeys ci = KeySchedule.childSa(suite.prf(), initiator.skD(), suite.protection(), ni, nr);
    ChildSaKeys cr = KeySchedule.childSa(suite.prf(), responder.skD(), suite.protection(), ni, nr);
    PacketCipher out = ci.initiatorToResponder();
    byte[] iv = new byte[8];
    byte[] esp = out.seal(iv, aad, inner);
    assertArrayEquals(inner, cr.initiatorToResponder().open(iv, aad, esp).orElseThrow());
  }

  @Test
  void keysAreRedactedInToStringAndZeroedByDestroy() {
    Suite suite =
        Suite.of(ENCR_AES_GCM_16, 128, NONE, PrfAlgorithm.PRF_HMAC_SHA1, DhGroup.MODP_2048);
    IkeSaKeys k = KeySchedule.derive(suite, CAVP_GIR, CAVP_NI, CAVP_NR, CAVP_SPII, CAVP_SPIR);
    String text = k.toString().toLowerCase();
    assertFalse(text.contains("a9a7b222"), text);
    assertFalse(text.contains("a1429367"), text);
    assertFalse(text.contains("[b@"), "no array identities either: " + text);
    k.destroy();
    for (byte[] key : new byte[][] {k.skeyseed(), k.skD(), k.skEi(), k.skEr(), k.skPi(), k.skPr()}) {
      assertTrue(Arrays.equals(new byte[key.length], key));
    }
    ChildSaKeys c =
        KeySchedule.childSa(
            PrfAlgorithm.PRF_HMAC_SHA1, slice(CAVP_DKM, 0, 20),
            new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128), CAVP_NI, CAVP_NR);
    assertFalse(c.toString().contains("[B@"));
    c.destroy();
    assertTrue(Arrays.equals(new byte[32], c.responderIntegrity()));
  }

  @Test
  void anIkeSaSuiteNeedsADiffieHellmanGroup() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Suite.of(ENCR_AES_GCM_16, 128, NONE, PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.NONE));
  }
}
