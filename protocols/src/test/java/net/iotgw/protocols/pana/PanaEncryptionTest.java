package net.iotgw.protocols.pana;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/**
 * RFC 6786 publishes no test vector beyond its counter-block example. The keys and the ciphertext
 * pinned here come from an independent computation, src/test/resources/pana/rfc6786_vectors.py
 * (hashlib/hmac for prf+, Python's cryptography module for AES-CTR), written from the RFC text;
 * the cipher is also cross-checked against the JDK's own AES/CTR (test only: the product uses
 * BouncyCastle's lightweight API).
 */
class PanaEncryptionTest {
  static final HexFormat HEX = HexFormat.of();
  static final long SESSION = 0x11223344L;
  static final long SEQ = 0x01020305L;
  static final Avp VENDOR = new Avp.Unknown(1, PanaCodec.AVP_FLAG_V, 32473, range(0x40, 21));
  static final List<Avp> SECRET = List.of(new Avp.SessionLifetime(3600), VENDOR);

  static byte[] range(int first, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  static PanaEncrKey key() {
    return PanaEncrKey.derive(PrfAlgorithm.PRF_HMAC_SHA2_256, PanaEncryptionAlgorithm.AES128_CTR,
        PanaAuthTest.MSK, PanaCodecTest.PAR_BYTES, PanaCodecTest.PAN_BYTES,
        PanaCodecTest.PAC_NONCE, PanaAuthTest.PAA_NONCE, 1);
  }

  static byte[] jdkCtr(byte[] key, byte[] iv, byte[] in) throws Exception {
    Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    return c.doFinal(in);
  }

  @Test
  void derivesPacAndPaaEncryptionKeysAsPinnedIndependently_rfc6786_3() {
    try (PanaEncrKey k = key()) {
      assertArrayEquals(
          HEX.parseHex("a0f7d2c00b65a8cfbbe5c59a2cb168c5"), k.bytes(PanaEncrKey.Sender.PAC));
      assertArrayEquals(
          HEX.parseHex("a742d84ddf14043e6c71a567b45b0bdf"), k.bytes(PanaEncrKey.Sender.PAA));
      assertEquals(1, k.keyId());
    }
  }

  @Test
  void encryptionKeysDifferFromTheAuthKeyOfTheSameInputs_rfc6786_3() {
    try (PanaEncrKey k = key(); PanaAuthKey a = PanaAuthTest.key()) {
      byte[] auth16 = java.util.Arrays.copyOf(a.bytes(), 16);
      assertFalse(java.util.Arrays.equals(auth16, k.bytes(PanaEncrKey.Sender.PAC)));
      assertFalse(java.util.Arrays.equals(auth16, k.bytes(PanaEncrKey.Sender.PAA)));
    }
  }

  @Test
  void firstCounterBlockIsTheRfcExample_rfc6786_4_1() {
    assertArrayEquals(HEX.parseHex("0255667788aabbccdd11223344000001"),
        PanaEncryption.firstCounterBlock(0x55667788L, 0xaabbccddL, 0x11223344L));
  }

  @Test
  void sealsAsPinnedIndependently_rfc6786_4_1_5() {
    try (PanaEncrKey k = key()) {
      Avp.EncrEncap e = PanaEncryption.seal(k, PanaEncrKey.Sender.PAA, SESSION, SEQ, SECRET);
      assertArrayEquals(HEX.parseHex("5847d8261825c6dcfaae62b2b4915fa6"
          + "60b391696297bc706bd689e3d66b0c475b0df68f746391b48e5d3b31299a82bc"), e.encrypted());
    }
  }

  @Test
  void sealAgreesWithTheJdkAesCtrForEveryLength() throws Exception {
    Random r = new Random(1);
    try (PanaEncrKey k = key()) {
      for (int n = 1; n <= 300; n++) {
        byte[] v = new byte[n];
        r.nextBytes(v);
        List<Avp> avps = List.of(new Avp.EapPayload(v));
        long seq = r.nextInt() & 0xffffffffL;
        for (PanaEncrKey.Sender s : PanaEncrKey.Sender.values()) {
          byte[] expected = jdkCtr(k.bytes(s), PanaEncryption.firstCounterBlock(1, SESSION, seq),
              PanaCodec.encodeAvps(avps));
          assertArrayEquals(expected, PanaEncryption.seal(k, s, SESSION, seq, avps).encrypted());
        }
      }
    }
  }

  @Test
  void opensWhatItSealed() {
    try (PanaEncrKey k = key()) {
      Avp.EncrEncap e = PanaEncryption.seal(k, PanaEncrKey.Sender.PAC, SESSION, SEQ, SECRET);
      assertEquals(
          SECRET, PanaEncryption.open(k, PanaEncrKey.Sender.PAC, SESSION, SEQ, e).orThrow());
    }
  }

  @Test
  void openWithAnotherSequenceNumberOrSenderDoesNotYieldThePlaintext() {
    try (PanaEncrKey k = key()) {
      Avp.EncrEncap e = PanaEncryption.seal(k, PanaEncrKey.Sender.PAA, SESSION, SEQ, SECRET);
      List<Decoded<List<Avp>>> wrong = List.of(
          PanaEncryption.open(k, PanaEncrKey.Sender.PAA, SESSION, SEQ + 1, e),
          PanaEncryption.open(k, PanaEncrKey.Sender.PAC, SESSION, SEQ, e),
          PanaEncryption.open(k, PanaEncrKey.Sender.PAA, SESSION + 1, SEQ, e));
      for (Decoded<List<Avp>> d : wrong) {
        assertFalse(d.isOk() && d.orThrow().equals(SECRET), d.toString());
      }
      assertInstanceOf(Decoded.Failed.class, wrong.get(0));
    }
  }

  @Test
  void openRefusesAnAvpThatIsNeverEncrypted_rfc6786_6_1() throws Exception {
    try (PanaEncrKey k = key()) {
      for (Avp inside : List.of(new Avp.Auth(new byte[16]), new Avp.Nonce(new byte[16]),
          new Avp.KeyId(2), new Avp.ResultCode(0), new Avp.PrfAlgorithm(5),
          new Avp.IntegrityAlgorithm(12), new Avp.EncryptionAlgorithm(1),
          new Avp.EncrEncap(new byte[4]), new Avp.Unknown(10, 0, 0, new byte[4]))) {
        byte[] plain = PanaCodec.encodeAvps(List.of(new Avp.SessionLifetime(1), inside));
        byte[] cipher = jdkCtr(k.bytes(PanaEncrKey.Sender.PAA),
            PanaEncryption.firstCounterBlock(1, SESSION, SEQ), plain);
        Decoded<List<Avp>> d =
            PanaEncryption.open(k, PanaEncrKey.Sender.PAA, SESSION, SEQ, new Avp.EncrEncap(cipher));
        DecodeError err = assertInstanceOf(Decoded.Failed.class, d).error();
        assertEquals(DecodeError.Kind.INVALID_SYNTAX, err.kind());
        assertEquals(inside.code(), err.code());
      }
    }
  }

  @Test
  void openRefusesAnEmptyValueAndTruncationsThatCutAnAvp() {
    try (PanaEncrKey k = key()) {
      assertInstanceOf(Decoded.Failed.class,
          PanaEncryption.open(
              k, PanaEncrKey.Sender.PAA, SESSION, SEQ, new Avp.EncrEncap(new byte[0])));
      byte[] full =
          PanaEncryption.seal(k, PanaEncrKey.Sender.PAA, SESSION, SEQ, SECRET).encrypted();
      for (int n = 1; n < full.length; n++) {
        Decoded<List<Avp>> d = PanaEncryption.open(k, PanaEncrKey.Sender.PAA, SESSION, SEQ,
            new Avp.EncrEncap(java.util.Arrays.copyOf(full, n)));
        if (n == 12) {
          assertEquals(List.of(SECRET.get(0)), d.orThrow(), "whole first AVP");
        } else {
          assertInstanceOf(Decoded.Failed.class, d, "prefix " + n);
        }
      }
    }
  }

  @Test
  void openIsTotalOnArbitraryValues() {
    Random r = new Random(3);
    try (PanaEncrKey k = key()) {
      for (int i = 0; i < 2000; i++) {
        byte[] v = new byte[r.nextInt(80)];
        r.nextBytes(v);
        Decoded<List<Avp>> d =
            PanaEncryption.open(k, PanaEncrKey.Sender.PAC, SESSION, i, new Avp.EncrEncap(v));
        assertTrue(d.isOk() || d instanceof Decoded.Failed);
      }
    }
  }

  @Test
  void sealRefusesAnEmptyListAvpsThatAreNeverEncryptedAndOversizedPlaintext_rfc6786_5_6_1() {
    try (PanaEncrKey k = key()) {
      PanaEncrKey.Sender s = PanaEncrKey.Sender.PAA;
      assertThrows(
          IllegalArgumentException.class, () -> PanaEncryption.seal(k, s, 1, 1, List.of()));
      for (Avp bad : List.of(new Avp.Auth(new byte[16]), new Avp.KeyId(1),
          new Avp.Nonce(new byte[8]), new Avp.EncrEncap(new byte[1]), new Avp.ResultCode(0))) {
        assertThrows(IllegalArgumentException.class,
            () -> PanaEncryption.seal(k, s, 1, 1, List.of(new Avp.SessionLifetime(1), bad)));
      }
      List<Avp> big = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        big.add(new Avp.EapPayload(new byte[40_000]));
      }
      assertThrows(IllegalArgumentException.class, () -> PanaEncryption.seal(k, s, 1, 1, big));
    }
  }

  @Test
  void encryptionPolicyIsTheTableOfRfc6786Section6_1() {
    assertTrue(PanaEncryption.mayBeEncrypted(new Avp.EapPayload(new byte[1])));
    assertTrue(PanaEncryption.mayBeEncrypted(new Avp.SessionLifetime(1)));
    assertTrue(PanaEncryption.mayBeEncrypted(new Avp.TerminationCause(1)));
    assertTrue(PanaEncryption.mayBeEncrypted(VENDOR));
    assertTrue(PanaEncryption.mayBeEncrypted(new Avp.Unknown(200, 0, 0, new byte[0])));
    assertFalse(PanaEncryption.mayBeEncrypted(new Avp.Unknown(11, 0, 0, new byte[0])));
    assertFalse(PanaEncryption.mayBeEncrypted(new Avp.EncryptionAlgorithm(1)));
  }

  @Test
  void keyIsRedactedAndDestroyedKeysRefuseUse() {
    PanaEncrKey k = key();
    assertEquals("PanaEncrKey[AES128_CTR, Key-Id 1, redacted]", k.toString());
    k.destroy();
    assertTrue(k.isDestroyed());
    assertThrows(IllegalStateException.class, () -> k.bytes(PanaEncrKey.Sender.PAC));
    assertThrows(IllegalStateException.class,
        () -> PanaEncryption.seal(k, PanaEncrKey.Sender.PAC, 1, 1, SECRET));
  }

  @Test
  void encryptionAlgorithmNumbersAreIanas_rfc6786_8_2() {
    assertEquals(1, PanaEncryptionAlgorithm.AES128_CTR.id());
    assertEquals(16, PanaEncryptionAlgorithm.AES128_CTR.keyLength());
    assertEquals(PanaEncryptionAlgorithm.AES128_CTR, PanaEncryptionAlgorithm.of(1).orElseThrow());
    assertTrue(PanaEncryptionAlgorithm.of(0).isEmpty());
    assertTrue(PanaEncryptionAlgorithm.of(2).isEmpty());
  }
}
