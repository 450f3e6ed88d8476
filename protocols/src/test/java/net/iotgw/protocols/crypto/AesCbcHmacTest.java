package net.iotgw.protocols.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import net.iotgw.protocols.crypto.AesCbcHmac.Integrity;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AesCbcHmacTest {
  private static final byte[] ANY_MAC_KEY = new byte[32];

  record CbcCase(String name, String key, String iv, byte[] plain, String cipher) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** RFC 3602 §4, Cases #1 to #4 (AES-128-CBC, no padding: whole blocks). */
  static Stream<CbcCase> rfc3602() {
    byte[] case4 = new byte[64];
    for (int i = 0; i < 64; i++) {
      case4[i] = (byte) (0xa0 + i);
    }
    byte[] case2 = new byte[32];
    for (int i = 0; i < 32; i++) {
      case2[i] = (byte) i;
    }
    return Stream.of(
        new CbcCase("Case #1", "06a9214036b8a15b512e03d534120006",
            "3dafba429d9eb430b422da802c9fac41", ascii("Single block msg"),
            "e353779c1079aeb82708942dbe77181a"),
        new CbcCase("Case #2", "c286696d887c9aa0611bbb3e2025a45a",
            "562e17996d093d28ddb3ba695a2e6f58", case2,
            "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1"),
        new CbcCase("Case #3", "6c3ea0477630ce21a2ce334aa746c2cd",
            "c782dc4c098c66cbd9cd27d825682c81",
            ascii("This is a 48-byte message (exactly 3 AES blocks)"),
            "d0a02b3836451753d493665d33f0e8862dea54cdb293abc7506939276772f8d5"
                + "021c19216bad525c8579695d83ba2684"),
        new CbcCase("Case #4", "56e47a38c5598974bc46903dba290349",
            "8ce82eefbea0da3c44699ed7db51b7d9", case4,
            "c30e32ffedc0774e6aff6af0869f71aa0f3af07a9a31a9c684db207eb0ef8e4e"
                + "35907aa632c3ffdf868bb7b29d3d46ad83ce9f9a102ee99d49a53e87f4c3da55"));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest
  @MethodSource("rfc3602")
  void encryptsRfc3602Section4Case(CbcCase c) {
    AesCbcHmac cipher = new AesCbcHmac(Hex.decode(c.key()), ANY_MAC_KEY, Integrity.HMAC_SHA2_256_128);
    byte[] sealed = cipher.seal(Hex.decode(c.iv()), new byte[8], c.plain());
    assertArrayEquals(Hex.decode(c.cipher()), Arrays.copyOf(sealed, c.plain().length));
    assertArrayEquals(c.plain(), cipher.open(Hex.decode(c.iv()), new byte[8], sealed).orElseThrow());
  }

  record MacCase(String name, Integrity integrity, String key, byte[] data, String icv) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static byte[] repeat(int value, int n) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, (byte) value);
    return out;
  }

  /**
   * RFC 4868 §2.7.2 AUTH vectors whose data is at least 16 bytes long: the ICV covers {@code aad
   * | iv | ciphertext | trailer} and the IV is always 16 bytes, so AUTHxxx-1 ("Hi There", 8
   * bytes) cannot be expressed through this class and is left to the upstream HMAC tests.
   */
  static Stream<MacCase> rfc4868() {
    byte[] whatDoYaWant = ascii("what do ya want for nothing?");
    return Stream.of(
        new MacCase("AUTH256-2", Integrity.HMAC_SHA2_256_128, hexOf(ascii("Jefe"), 8),
            whatDoYaWant, "167f928588c5cc2eef8e3093caa0e87c"),
        new MacCase("AUTH256-3", Integrity.HMAC_SHA2_256_128, "aa".repeat(32), repeat(0xdd, 50),
            "cdcb1220d1ecccea91e53aba3092f962"),
        new MacCase("AUTH256-4", Integrity.HMAC_SHA2_256_128,
            "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", repeat(0xcd, 50),
            "372efcf9b40b35c2115b1346903d2ef4"),
        new MacCase("AUTH384-2", Integrity.HMAC_SHA2_384_192, hexOf(ascii("Jefe"), 12),
            whatDoYaWant, "2c7353974f1842fd66d53c452ca42122b28c0b594cfb184d"),
        new MacCase("AUTH384-3", Integrity.HMAC_SHA2_384_192, "aa".repeat(48), repeat(0xdd, 50),
            "809f439be00274321d4a538652164b53554a508184a0c316"),
        new MacCase("AUTH512-2", Integrity.HMAC_SHA2_512_256, hexOf(ascii("Jefe"), 16),
            whatDoYaWant, "cb370917ae8a7ce28cfd1d8f4705d6141c173b2a9362c15df235dfb251b15454"),
        new MacCase("AUTH512-3", Integrity.HMAC_SHA2_512_256, "aa".repeat(64), repeat(0xdd, 50),
            "2ee7acd783624ca9398710f3ee05ae41b9f9b0510c87e49e586cc9bf961733d8"));
  }

  private static String hexOf(byte[] unit, int times) {
    return Hex.toHexString(unit).repeat(times);
  }

  /** Splits the RFC data as aad | 16-byte iv | whole ciphertext blocks, and checks the ICV. */
  @ParameterizedTest
  @MethodSource("rfc4868")
  void verifiesRfc4868Section2_7_2TruncatedIcvOverAadIvCiphertext(MacCase c) {
    AesCbcHmac cipher = new AesCbcHmac(new byte[16], Hex.decode(c.key()), c.integrity());
    byte[] data = c.data();
    int ctLength = ((data.length - 16) / 16) * 16;
    int aadLength = data.length - 16 - ctLength;
    byte[] aad = java.util.Arrays.copyOf(data, aadLength);
    byte[] iv = java.util.Arrays.copyOfRange(data, aadLength, aadLength + 16);
    byte[] ct = java.util.Arrays.copyOfRange(data, aadLength + 16, data.length);
    byte[] icv = Hex.decode(c.icv());
    assertTrue(cipher.open(iv, aad, Arrays.concatenate(ct, icv)).isPresent());
    byte[] wrong = icv.clone();
    wrong[wrong.length - 1] ^= 1;
    assertTrue(cipher.open(iv, aad, Arrays.concatenate(ct, wrong)).isEmpty());
  }

  /** The trailer (ESP's high-order ESN bits, RFC 4303 §3.3.2.1) is MACed after the ciphertext. */
  static Stream<MacCase> rfc4868FiftyBytes() {
    return rfc4868().filter(c -> c.data().length == 50);
  }

  @ParameterizedTest
  @MethodSource("rfc4868FiftyBytes")
  void authenticatesTrailerAfterCiphertext(MacCase c) {
    AesCbcHmac cipher = new AesCbcHmac(new byte[16], Hex.decode(c.key()), c.integrity());
    byte[] data = c.data();
    // 50 bytes = no aad | 16-byte iv | 32 bytes of ciphertext | 2-byte trailer
    byte[] iv = java.util.Arrays.copyOf(data, 16);
    byte[] ct = java.util.Arrays.copyOfRange(data, 16, 48);
    byte[] trailer = java.util.Arrays.copyOfRange(data, 48, 50);
    byte[] sealed = Arrays.concatenate(ct, Hex.decode(c.icv()));
    assertTrue(cipher.open(iv, new byte[0], sealed, trailer).isPresent());
    assertTrue(cipher.open(iv, new byte[0], sealed).isEmpty());
    assertTrue(cipher.open(iv, new byte[0], sealed, new byte[] {trailer[0], 0}).isEmpty());
  }

  @Test
  void sealThenOpenWithTrailerRoundTripsAndTrailerMatters() {
    AesCbcHmac cipher =
        new AesCbcHmac(new byte[32], repeat(7, 64), Integrity.HMAC_SHA2_512_256);
    byte[] iv = repeat(1, 16);
    byte[] pt = repeat(2, 48);
    byte[] sealed = cipher.seal(iv, new byte[8], pt, new byte[] {0, 0, 0, 1});
    assertArrayEquals(pt, cipher.open(iv, new byte[8], sealed, new byte[] {0, 0, 0, 1}).orElseThrow());
    assertTrue(cipher.open(iv, new byte[8], sealed, new byte[] {0, 0, 0, 2}).isEmpty());
  }

  @Test
  void openNeverThrowsOnMisalignedShortOrWrongIv() {
    AesCbcHmac cipher = new AesCbcHmac(new byte[16], new byte[32], Integrity.HMAC_SHA2_256_128);
    for (int n = 0; n < 64; n++) {
      assertTrue(cipher.open(new byte[16], new byte[8], new byte[n]).isEmpty(), "length " + n);
    }
    assertTrue(cipher.open(new byte[8], new byte[8], new byte[32]).isEmpty());
  }

  @Test
  void rejectsWrongKeyLengths() {
    assertThrows(IllegalArgumentException.class,
        () -> new AesCbcHmac(new byte[20], new byte[32], Integrity.HMAC_SHA2_256_128));
    assertThrows(IllegalArgumentException.class,
        () -> new AesCbcHmac(new byte[16], new byte[20], Integrity.HMAC_SHA2_256_128));
    assertThrows(IllegalArgumentException.class,
        () -> new AesCbcHmac(new byte[16], new byte[16], Integrity.HMAC_SHA2_256_128)
            .seal(new byte[16], new byte[0], new byte[15]));
  }

  @Test
  void destroyedCipherRefusesToSeal() {
    AesCbcHmac cipher = new AesCbcHmac(new byte[16], new byte[32], Integrity.HMAC_SHA2_256_128);
    byte[] sealed = cipher.seal(new byte[16], new byte[8], new byte[16]);
    cipher.destroy();
    assertThrows(
        IllegalStateException.class, () -> cipher.seal(new byte[16], new byte[8], new byte[16]));
    assertTrue(cipher.open(new byte[16], new byte[8], sealed).isEmpty());
  }
}
