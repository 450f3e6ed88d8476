package net.iotgw.protocols.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

class ModpKeyExchangeTest {
  private static final BigInteger P = ModpKeyExchange.P;

  @Test
  void rfc3526Section3PrimeIsA2048BitSafePrimeWithTheDocumentedEnds() {
    assertEquals(2048, P.bitLength());
    // RFC 3526 §3: p = 2^2048 - 2^1984 - 1 + 2^64 * { [2^1918 pi] + 124476 }: the top and bottom
    // 64 bits are all ones.
    BigInteger ones64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    assertEquals(ones64, P.shiftRight(2048 - 64));
    assertEquals(ones64, P.and(ones64));
    BigInteger q = P.subtract(BigInteger.ONE).shiftRight(1);
    assertTrue(P.isProbablePrime(64), "p prime");
    assertTrue(q.isProbablePrime(64), "(p-1)/2 prime");
  }

  @Test
  void rfc3526Section3GeneratorIs2AndGeneratesThePrimeOrderSubgroup() {
    assertEquals(BigInteger.TWO, ModpKeyExchange.G);
    BigInteger q = P.subtract(BigInteger.ONE).shiftRight(1);
    assertEquals(BigInteger.ONE, ModpKeyExchange.G.modPow(q, P));
  }

  @Test
  void twoGeneratedKeysAgreeOn256Bytes() {
    SecureRandom random = new SecureRandom();
    KeyExchange a = KeyExchanges.generate(DhGroup.MODP_2048, random);
    KeyExchange b = KeyExchanges.generate(DhGroup.MODP_2048, random);
    assertEquals(256, a.publicValue().length);
    byte[] s = a.agree(b.publicValue()).orThrow();
    assertEquals(256, s.length);
    assertArrayEquals(s, b.agree(a.publicValue()).orThrow());
  }

  @Test
  void rfc7296Section3_4PublicValueAndSecretAreLeftPaddedToThePrimeLength() {
    KeyExchange k = KeyExchanges.fromPrivateKey(DhGroup.MODP_2048, new byte[] {2});
    assertArrayEquals(BigIntegers.asUnsignedByteArray(256, BigInteger.valueOf(4)), k.publicValue());
    byte[] peer = BigIntegers.asUnsignedByteArray(256, BigInteger.valueOf(3));
    assertArrayEquals(
        BigIntegers.asUnsignedByteArray(256, BigInteger.valueOf(9)), k.agree(peer).orThrow());
  }

  @Test
  void rfc6989Section2_1RefusesValuesOutsideOneToPMinusOne() {
    KeyExchange k = KeyExchanges.generate(DhGroup.MODP_2048, new SecureRandom());
    for (BigInteger y :
        new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), P}) {
      Decoded<byte[]> r = k.agree(BigIntegers.asUnsignedByteArray(256, y));
      assertEquals(DecodeError.Kind.INVALID_SYNTAX, ((Decoded.Failed<byte[]>) r).error().kind());
    }
  }

  @Test
  void refusesKeyExchangeDataNotOfThePrimeLength() {
    KeyExchange k = KeyExchanges.generate(DhGroup.MODP_2048, new SecureRandom());
    for (int length : new int[] {0, 255, 257}) {
      Decoded<byte[]> r = k.agree(new byte[length]);
      assertEquals(DecodeError.Kind.BAD_LENGTH, ((Decoded.Failed<byte[]>) r).error().kind());
    }
  }
}
