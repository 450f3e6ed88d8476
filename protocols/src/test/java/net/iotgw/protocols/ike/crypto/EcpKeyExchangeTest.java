package net.iotgw.protocols.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class EcpKeyExchangeTest {

  private static final String P256_I =
      "C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433";
  private static final String P256_GI =
      "DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"
          + "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3";
  private static final String P256_R =
      "C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53";
  private static final String P256_GR =
      "D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"
          + "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB";
  private static final String P256_GIR =
      "D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE";

  private static final String P384_I =
      "099F3C7034D4A2C699884D73A375A67F7624EF7C6B3C0F160647B67414DCE655"
          + "E35B538041E649EE3FAEF896783AB194";
  private static final String P384_GI =
      "667842D7D180AC2CDE6F74F37551F55755C7645C20EF73E31634FE72B4C55EE6"
          + "DE3AC808ACB4BDB4C88732AEE95F41AA"
          + "9482ED1FC0EEB9CAFC4984625CCFC23F65032149E0E144ADA024181535A0F38E"
          + "EB9FCFF3C2C947DAE69B4C634573A81C";
  private static final String P384_R =
      "41CB0779B4BDB85D47846725FBEC3C9430FAB46CC8DC5060855CC9BDA0AA2942"
          + "E0308312916B8ED2960E4BD55A7448FC";
  private static final String P384_GR =
      "E558DBEF53EECDE3D3FCCFC1AEA08A89A987475D12FD950D83CFA41732BC509D"
          + "0D1AC43A0336DEF96FDA41D0774A3571"
          + "DCFBEC7AACF3196472169E838430367F66EEBE3C6E70C416DD5F0C68759DD1FF"
          + "F83FA40142209DFF5EAAD96DB9E6386C";
  private static final String P384_GIR =
      "11187331C279962D93D604243FD592CB9D0A926F422E47187521287E7156C5C4"
          + "D603135569B9E9D09CF5D4A270F59746";

  private static void assertRfc5903Vector(
      DhGroup group, String i, String gi, String r, String gr, String gir) {
    KeyExchange initiator = KeyExchanges.fromPrivateKey(group, Hex.decode(i));
    KeyExchange responder = KeyExchanges.fromPrivateKey(group, Hex.decode(r));
    // RFC 5903 §7: KE data is x | y with no point-format octet.
    assertArrayEquals(Hex.decode(gi), initiator.publicValue());
    assertArrayEquals(Hex.decode(gr), responder.publicValue());
    // RFC 5903 §7 (and §9, the change from RFC 4753): the shared secret is x only.
    assertArrayEquals(Hex.decode(gir), initiator.agree(Hex.decode(gr)).orThrow());
    assertArrayEquals(Hex.decode(gir), responder.agree(Hex.decode(gi)).orThrow());
  }

  @Test
  void rfc5903Section8_1Ecp256Vector() {
    assertRfc5903Vector(DhGroup.ECP_256, P256_I, P256_GI, P256_R, P256_GR, P256_GIR);
  }

  @Test
  void rfc5903Section8_2Ecp384Vector() {
    assertRfc5903Vector(DhGroup.ECP_384, P384_I, P384_GI, P384_R, P384_GR, P384_GIR);
  }

  @Test
  void generatedKeysAgreeOnBothCurves() {
    SecureRandom random = new SecureRandom();
    for (DhGroup group : new DhGroup[] {DhGroup.ECP_256, DhGroup.ECP_384}) {
      KeyExchange a = KeyExchanges.generate(group, random);
      KeyExchange b = KeyExchanges.generate(group, random);
      assertEquals(KeyExchanges.publicValueLength(group), a.publicValue().length);
      byte[] s = a.agree(b.publicValue()).orThrow();
      assertEquals(KeyExchanges.publicValueLength(group) / 2, s.length);
      assertArrayEquals(s, b.agree(a.publicValue()).orThrow());
    }
  }

  private static DecodeError.Kind refusal(KeyExchange k, byte[] peer) {
    return ((Decoded.Failed<byte[]>) k.agree(peer)).error().kind();
  }

  @Test
  void rfc6989Section2_3RefusesAPointOffTheCurve() {
    KeyExchange k = KeyExchanges.fromPrivateKey(DhGroup.ECP_256, Hex.decode(P256_I));
    byte[] peer = Hex.decode(P256_GR);
    peer[63] ^= 1;
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, refusal(k, peer));
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, refusal(k, new byte[64]));
  }

  @Test
  void refusesCoordinatesNotBelowTheFieldPrime() {
    KeyExchange k = KeyExchanges.fromPrivateKey(DhGroup.ECP_384, Hex.decode(P384_I));
    byte[] peer = new byte[96];
    Arrays.fill(peer, (byte) 0xff);
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, refusal(k, peer));
  }

  @Test
  void refusesKeyExchangeDataOfTheWrongLength() {
    KeyExchange k = KeyExchanges.fromPrivateKey(DhGroup.ECP_256, Hex.decode(P256_I));
    // The SEC1 uncompressed form (0x04 | x | y) is one byte too long for IKEv2.
    byte[] sec1 = new byte[65];
    sec1[0] = 4;
    System.arraycopy(Hex.decode(P256_GR), 0, sec1, 1, 64);
    assertEquals(DecodeError.Kind.BAD_LENGTH, refusal(k, sec1));
    assertEquals(DecodeError.Kind.BAD_LENGTH, refusal(k, new byte[0]));
    assertEquals(DecodeError.Kind.BAD_LENGTH, refusal(k, Hex.decode(P384_GR)));
  }

  @Test
  void refusesAPrivateKeyOutsideTheGroupOrder() {
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyExchanges.fromPrivateKey(DhGroup.ECP_256, new byte[32]));
    byte[] tooBig = new byte[32];
    Arrays.fill(tooBig, (byte) 0xff);
    assertThrows(
        IllegalArgumentException.class, () -> KeyExchanges.fromPrivateKey(DhGroup.ECP_256, tooBig));
  }

  @Test
  void destroyRefusesFurtherUse() {
    KeyExchange k = KeyExchanges.fromPrivateKey(DhGroup.ECP_256, Hex.decode(P256_I));
    k.destroy();
    assertThrows(IllegalStateException.class, () -> k.agree(Hex.decode(P256_GR)));
  }
}
