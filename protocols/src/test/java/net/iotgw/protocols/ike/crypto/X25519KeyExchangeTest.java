package net.iotgw.protocols.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class X25519KeyExchangeTest {

  private static byte[] x25519(String scalarHex, byte[] u) {
    return KeyExchanges.fromPrivateKey(DhGroup.CURVE25519, Hex.decode(scalarHex)).agree(u).orThrow();
  }

  @Test
  void rfc7748Section5_2FirstVector() {
    byte[] out =
        x25519(
            "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
            Hex.decode("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
    assertArrayEquals(
        Hex.decode("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"), out);
  }

  @Test
  void rfc7748Section5_2SecondVectorMasksTheHighBitOfU() {
    // The u coordinate's top bit is set here; RFC 7748 §5 says to ignore it.
    byte[] out =
        x25519(
            "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
            Hex.decode("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"));
    assertArrayEquals(
        Hex.decode("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"), out);
  }

  @Test
  void rfc7748Section5_2IteratedOnceAndAThousandTimes() {
    byte[] k = new byte[32];
    k[0] = 9;
    byte[] u = k.clone();
    for (int i = 1; i <= 1000; i++) {
      byte[] r = KeyExchanges.fromPrivateKey(DhGroup.CURVE25519, k).agree(u).orThrow();
      u = k;
      k = r;
      if (i == 1) {
        assertArrayEquals(
            Hex.decode("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"), k);
      }
    }
    assertArrayEquals(
        Hex.decode("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"), k);
  }

  @Test
  void rfc7748Section6_1AliceAndBobDeriveThePublishedKeysAndSecret() {
    KeyExchange alice =
        KeyExchanges.fromPrivateKey(
            DhGroup.CURVE25519,
            Hex.decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    KeyExchange bob =
        KeyExchanges.fromPrivateKey(
            DhGroup.CURVE25519,
            Hex.decode("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
    assertArrayEquals(
        Hex.decode("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
        alice.publicValue());
    assertArrayEquals(
        Hex.decode("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"),
        bob.publicValue());
    byte[] shared = Hex.decode("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    assertArrayEquals(shared, alice.agree(bob.publicValue()).orThrow());
    assertArrayEquals(shared, bob.agree(alice.publicValue()).orThrow());
  }

  @Test
  void generatedKeysAgree() {
    SecureRandom random = new SecureRandom();
    KeyExchange a = KeyExchanges.generate(DhGroup.CURVE25519, random);
    KeyExchange b = KeyExchanges.generate(DhGroup.CURVE25519, random);
    assertEquals(32, a.publicValue().length);
    assertArrayEquals(a.agree(b.publicValue()).orThrow(), b.agree(a.publicValue()).orThrow());
  }

  @Test
  void rfc8031Section2_2RefusesALowOrderPointWhoseSecretIsAllZero() {
    KeyExchange a = KeyExchanges.generate(DhGroup.CURVE25519, new SecureRandom());
    byte[] zero = new byte[32];
    byte[] one = new byte[32];
    one[0] = 1;
    for (byte[] lowOrder : new byte[][] {zero, one}) {
      Decoded<byte[]> r = a.agree(lowOrder);
      assertEquals(DecodeError.Kind.INVALID_SYNTAX, ((Decoded.Failed<byte[]>) r).error().kind());
    }
  }

  @Test
  void refusesKeyExchangeDataOfTheWrongLength() {
    KeyExchange a = KeyExchanges.generate(DhGroup.CURVE25519, new SecureRandom());
    for (int length : new int[] {0, 31, 33, 64}) {
      Decoded<byte[]> r = a.agree(new byte[length]);
      assertEquals(DecodeError.Kind.BAD_LENGTH, ((Decoded.Failed<byte[]>) r).error().kind());
    }
  }

  @Test
  void destroyZeroesThePrivateKeyAndRefusesFurtherUse() {
    KeyExchange a = KeyExchanges.generate(DhGroup.CURVE25519, new SecureRandom());
    byte[] peer = KeyExchanges.generate(DhGroup.CURVE25519, new SecureRandom()).publicValue();
    a.destroy();
    assertThrows(IllegalStateException.class, () -> a.agree(peer));
  }

  @Test
  void toStringRevealsNoKey() {
    KeyExchange a =
        KeyExchanges.fromPrivateKey(
            DhGroup.CURVE25519,
            Hex.decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    assertFalse(a.toString().toLowerCase().contains("77076d0a"));
  }
}
