package net.iotgw.protocols.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * Known answers from McGrew and Viega, "The Galois/Counter Mode of Operation", Appendix B (also
 * NIST's GCM test cases). Their 96-bit IV {@code cafebabe facedbaddecaf888} is split the RFC 4106
 * §4 way: the first four bytes are the salt at the end of the keying material, the last eight the
 * explicit per-packet IV.
 */
class AesGcmTest {
  private static final byte[] SALT = Hex.decode("cafebabe");
  private static final byte[] IV = Hex.decode("facedbaddecaf888");
  private static final byte[] KEY_128 = Hex.decode("feffe9928665731c6d6a8f9467308308");
  private static final byte[] KEY_256 =
      Hex.decode("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  private static final byte[] P64 =
      Hex.decode(
          "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
              + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
  private static final byte[] P60 = Arrays.copyOf(P64, 60);
  private static final byte[] AAD = Hex.decode("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  private static final byte[] C128 =
      Hex.decode(
          "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
              + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985");
  private static final byte[] C256 =
      Hex.decode(
          "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
              + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad");

  private static AesGcm gcm(byte[] key, int icv) {
    return new AesGcm(org.bouncycastle.util.Arrays.concatenate(key, SALT), icv);
  }

  private static byte[] join(byte[] c, int length, String tag) {
    return org.bouncycastle.util.Arrays.concatenate(Arrays.copyOf(c, length), Hex.decode(tag));
  }

  @Test
  void sealsGcmTestCase3Aes128WithoutAad() {
    byte[] expected = join(C128, 64, "4d5c2af327cd64a62cf35abd2ba6fab4");
    assertArrayEquals(expected, gcm(KEY_128, 16).seal(IV, new byte[0], P64));
    assertArrayEquals(P64, gcm(KEY_128, 16).open(IV, new byte[0], expected).orElseThrow());
  }

  @Test
  void sealsGcmTestCase4Aes128WithAadAndPartialBlock() {
    byte[] expected = join(C128, 60, "5bc94fbc3221a5db94fae95ae7121a47");
    assertArrayEquals(expected, gcm(KEY_128, 16).seal(IV, AAD, P60));
    assertArrayEquals(P60, gcm(KEY_128, 16).open(IV, AAD, expected).orElseThrow());
  }

  @Test
  void sealsGcmTestCase15Aes256WithoutAad() {
    byte[] expected = join(C256, 64, "b094dac5d93471bdec1a502270e3cc6c");
    assertArrayEquals(expected, gcm(KEY_256, 16).seal(IV, new byte[0], P64));
    assertArrayEquals(P64, gcm(KEY_256, 16).open(IV, new byte[0], expected).orElseThrow());
  }

  @Test
  void sealsGcmTestCase16Aes256WithAadAndPartialBlock() {
    byte[] expected = join(C256, 60, "76fc6ece0f4e1768cddf8853bb2d551b");
    assertArrayEquals(expected, gcm(KEY_256, 16).seal(IV, AAD, P60));
    assertArrayEquals(P60, gcm(KEY_256, 16).open(IV, AAD, expected).orElseThrow());
  }

  /** RFC 4106 §6 / SP 800-38D §5.2.1.2: the 8- and 12-byte ICVs are the full tag, truncated. */
  @Test
  void shortIcvsAreTheTruncatedTagOfTestCase4() {
    assertArrayEquals(
        join(C128, 60, "5bc94fbc3221a5db"), gcm(KEY_128, 8).seal(IV, AAD, P60));
    assertArrayEquals(
        join(C128, 60, "5bc94fbc3221a5db94fae95a"), gcm(KEY_128, 12).seal(IV, AAD, P60));
    assertArrayEquals(
        P60, gcm(KEY_128, 8).open(IV, AAD, join(C128, 60, "5bc94fbc3221a5db")).orElseThrow());
  }

  @Test
  void refusesEveryOneBitChangeOfTestCase4() {
    AesGcm cipher = gcm(KEY_128, 16);
    byte[] sealed = join(C128, 60, "5bc94fbc3221a5db94fae95ae7121a47");
    for (int i = 0; i < sealed.length; i++) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x01;
      assertTrue(cipher.open(IV, AAD, bad).isEmpty(), "byte " + i);
    }
    byte[] badAad = AAD.clone();
    badAad[19] ^= (byte) 0x80;
    assertTrue(cipher.open(IV, badAad, sealed).isEmpty());
    byte[] badIv = IV.clone();
    badIv[0] ^= 1;
    assertTrue(cipher.open(badIv, AAD, sealed).isEmpty());
  }

  @Test
  void openNeverThrowsOnShortOrWrongSizedInput() {
    AesGcm cipher = gcm(KEY_128, 16);
    for (int n = 0; n < 16; n++) {
      assertTrue(cipher.open(IV, AAD, new byte[n]).isEmpty(), "length " + n);
    }
    assertTrue(cipher.open(new byte[7], AAD, new byte[32]).isEmpty());
  }

  @Test
  void keyingMaterialIsKeyThenFourByteSaltRfc4106Section8_1() {
    assertThrows(IllegalArgumentException.class, () -> new AesGcm(new byte[16], 16));
    assertThrows(IllegalArgumentException.class, () -> new AesGcm(new byte[20], 10));
    assertEquals(8, gcm(KEY_128, 16).ivLength());
    assertEquals(16, gcm(KEY_128, 16).icvLength());
  }

  @Test
  void destroyedCipherRefusesToSeal() {
    AesGcm cipher = gcm(KEY_128, 16);
    cipher.destroy();
    assertThrows(IllegalStateException.class, () -> cipher.seal(IV, AAD, P60));
    assertTrue(cipher.open(IV, AAD, join(C128, 60, "5bc94fbc3221a5db94fae95ae7121a47")).isEmpty());
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    String s = gcm(KEY_128, 16).toString();
    assertTrue(!s.toLowerCase().contains("feffe9") && !s.contains("cafebabe"), s);
  }
}
