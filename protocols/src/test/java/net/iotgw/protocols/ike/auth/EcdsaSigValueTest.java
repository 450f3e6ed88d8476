package net.iotgw.protocols.ike.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigInteger;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** RFC 3279 §2.2.3 Ecdsa-Sig-Value in strict DER. */
class EcdsaSigValueTest {

  @Test
  void encodesMinimalPositiveIntegers() {
    assertArrayEquals(
        Hex.decode("3007020101020200ff"),
        EcdsaSigValue.encode(BigInteger.ONE, BigInteger.valueOf(255)));
  }

  @Test
  void decodesWhatItEncodes() {
    BigInteger r = new BigInteger("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100", 16);
    BigInteger s = BigInteger.valueOf(0x7f);
    BigInteger[] rs = EcdsaSigValue.decode(EcdsaSigValue.encode(r, s)).orThrow();
    assertEquals(r, rs[0]);
    assertEquals(s, rs[1]);
  }

  @Test
  void refusesAnythingButStrictDer() {
    String[] bad = {
      "", // empty
      "3006020101020200", // s claims two bytes, one remains
      "3106020101020101", // not a SEQUENCE
      "3007020101020101", // SEQUENCE length beyond the data
      "300602010102010100", // a byte after the SEQUENCE
      "30060201010201ff", // negative s
      "30070202000102010" + "1", // r with a superfluous leading zero
      "30050201010200", // empty INTEGER
      "308106020101020101", // long-form length for a short SEQUENCE
      "30800201010201010000", // indefinite length
      "3006040101020101", // OCTET STRING instead of INTEGER
    };
    for (String hex : bad) {
      Decoded<BigInteger[]> d = EcdsaSigValue.decode(Hex.decode(hex));
      assertFalse(d.isOk(), hex);
    }
  }
}
