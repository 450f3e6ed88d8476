package net.iotgw.protocols.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.ike.PrfAlgorithm;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * The PRF transforms are HMACs: RFC 4231 test cases (which RFC 4868 §2.7.1 reuses as its PRF
 * vectors) and RFC 2202 for HMAC-SHA1; then the prf+ construction of RFC 7296 §2.13.
 */
class PrfTest {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] repeat(int b, int n) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }

  private static final byte[] TC1_KEY = repeat(0x0b, 20);
  private static final byte[] TC1_DATA = ascii("Hi There");
  private static final byte[] TC2_KEY = ascii("Jefe");
  private static final byte[] TC2_DATA = ascii("what do ya want for nothing?");
  private static final byte[] TC3_KEY = repeat(0xaa, 20);
  private static final byte[] TC3_DATA = repeat(0xdd, 50);
  private static final byte[] TC4_KEY = Hex.decode("0102030405060708090a0b0c0d0e0f10111213141516171819");
  private static final byte[] TC4_DATA = repeat(0xcd, 50);
  private static final byte[] TC6_KEY = repeat(0xaa, 131);
  private static final byte[] TC6_DATA =
      ascii("Test Using Larger Than Block-Size Key - Hash Key First");
  private static final byte[] TC7_DATA =
      ascii(
          "This is a test using a larger than block-size key and a larger than block-size data."
              + " The key needs to be hashed before being used by the HMAC algorithm.");

  private static void assertPrf(PrfAlgorithm a, byte[] key, byte[] data, String expectedHex) {
    assertArrayEquals(Hex.decode(expectedHex), Prf.of(a).prf(key, data), a.toString());
  }

  @Test
  void rfc4231TestCase1HiThere() {
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_256, TC1_KEY, TC1_DATA,
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_384, TC1_KEY, TC1_DATA,
        "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
            + "faea9ea9076ede7f4af152e8b2fa9cb6");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_512, TC1_KEY, TC1_DATA,
        "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
            + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
  }

  @Test
  void rfc4231TestCase2KeyShorterThanOutput() {
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_256, TC2_KEY, TC2_DATA,
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_384, TC2_KEY, TC2_DATA,
        "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
            + "8e2240ca5e69e2c78b3239ecfab21649");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_512, TC2_KEY, TC2_DATA,
        "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
  }

  @Test
  void rfc4231TestCase3CombinedKeyAndDataLongerThan64Bytes() {
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_256, TC3_KEY, TC3_DATA,
        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_384, TC3_KEY, TC3_DATA,
        "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
            + "2a5ab39dc13814b94e3ab6e101a34f27");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_512, TC3_KEY, TC3_DATA,
        "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
            + "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb");
  }

  @Test
  void rfc4231TestCase4() {
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_256, TC4_KEY, TC4_DATA,
        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_384, TC4_KEY, TC4_DATA,
        "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e"
            + "6801dd23c4a7d679ccf8a386c674cffb");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_512, TC4_KEY, TC4_DATA,
        "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
            + "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd");
  }

  @Test
  void rfc4231TestCase6KeyLongerThanTheBlockIsHashedFirst() {
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_256, TC6_KEY, TC6_DATA,
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_384, TC6_KEY, TC6_DATA,
        "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
            + "0c2ef6ab4030fe8296248df163f44952");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_512, TC6_KEY, TC6_DATA,
        "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
            + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598");
  }

  @Test
  void rfc4231TestCase7LongKeyAndLongData() {
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_256, TC6_KEY, TC7_DATA,
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA2_384, TC6_KEY, TC7_DATA,
        "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
            + "a678cc31e799176d3860e6110c46523e");
  }

  @Test
  void rfc2202HmacSha1TestCases1And2() {
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA1, TC1_KEY, TC1_DATA,
        "b617318655057264e28bc0b6fb378c8ef146be00");
    assertPrf(PrfAlgorithm.PRF_HMAC_SHA1, TC2_KEY, TC2_DATA,
        "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  }

  @Test
  void rfc4868Section2_1_2PreferredKeyLengthIsTheOutputLength() {
    assertEquals(20, Prf.of(PrfAlgorithm.PRF_HMAC_SHA1).keyLength());
    assertEquals(32, Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256).keyLength());
    assertEquals(48, Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_384).keyLength());
    assertEquals(64, Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_512).keyLength());
  }

  /** prf+ built by hand from prf, exactly as RFC 7296 §2.13 writes it. */
  private static byte[] prfPlusByHand(Prf prf, byte[] key, byte[] seed, int blocks) {
    byte[] out = new byte[0];
    byte[] t = new byte[0];
    for (int n = 1; n <= blocks; n++) {
      byte[] input = new byte[t.length + seed.length + 1];
      System.arraycopy(t, 0, input, 0, t.length);
      System.arraycopy(seed, 0, input, t.length, seed.length);
      input[input.length - 1] = (byte) n;
      t = prf.prf(key, input);
      out = org.bouncycastle.util.Arrays.concatenate(out, t);
    }
    return out;
  }

  @Test
  void rfc7296Section2_13PrfPlusChainsTheBlocksWithAOneOctetCounter() {
    Prf prf = Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256);
    byte[] key = TC1_KEY;
    byte[] seed = TC3_DATA;
    byte[] expected = prfPlusByHand(prf, key, seed, 3);
    // A length that ends inside the third block.
    assertArrayEquals(Arrays.copyOf(expected, 70), prf.prfPlus(key, seed, 70));
    // T1 alone is prf(K, S | 0x01).
    assertArrayEquals(
        prf.prf(key, org.bouncycastle.util.Arrays.append(seed, (byte) 1)),
        prf.prfPlus(key, seed, 32));
  }

  @Test
  void rfc7296Section2_13PrfPlusGoesUpTo255BlocksAndNoFurther() {
    Prf prf = Prf.of(PrfAlgorithm.PRF_HMAC_SHA1);
    byte[] key = TC2_KEY;
    byte[] seed = TC2_DATA;
    assertEquals(255 * 20, prf.maxPrfPlusLength());
    // The last block uses counter 0xff.
    assertArrayEquals(prfPlusByHand(prf, key, seed, 255), prf.prfPlus(key, seed, 255 * 20));
    assertThrows(IllegalArgumentException.class, () -> prf.prfPlus(key, seed, 255 * 20 + 1));
    assertThrows(IllegalArgumentException.class, () -> prf.prfPlus(key, seed, -1));
    assertEquals(0, prf.prfPlus(key, seed, 0).length);
  }

  @Test
  void shorterPrfPlusOutputIsAPrefixOfLongerOutput() {
    Prf prf = Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_512);
    byte[] longer = prf.prfPlus(TC4_KEY, TC4_DATA, 200);
    for (int n : new int[] {1, 63, 64, 65, 128, 199}) {
      assertArrayEquals(Arrays.copyOf(longer, n), prf.prfPlus(TC4_KEY, TC4_DATA, n));
    }
  }
}
