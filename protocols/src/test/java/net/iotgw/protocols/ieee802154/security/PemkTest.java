package net.iotgw.protocols.ieee802154.security;

import static net.iotgw.protocols.ieee802154.security.AnnexCVectorsTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;
import org.junit.jupiter.api.Test;

class PemkTest {
  static final byte[] MSK = new byte[64];

  static {
    for (int i = 0; i < 64; i++) {
      MSK[i] = (byte) i;
    }
  }

  static final Address.Extended EP = new Address.Extended(0xacde480000000001L);

  // Expected values computed independently (Python hmac) from
  // prf+(MSK, "IETF PEMK" | 12345678 | 00000001 | 001b acde480000000001).
  static final String PEMK_SHA256 =
      "2c8518717356f2a207241afe694d2374439d284dbaf5e29a6d7080fd48307fb6"
          + "9aa3656e6f3bfbb9b44bc161f3a12c162ef55d64188f6fb8a41a51b817359d46";
  static final String PEMK_SHA1 =
      "e5f3bc7a0e50100b5d31b69f36b55c232f73410e28c37d17846c54028887ca3e"
          + "aa812b0a2860ed734df87cd3363e696cac41b69b0e4c99bc2b19bd11a782fef5";

  static Pemk sha256Pemk() {
    Prf prf = Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256);
    return Pemk.derive(prf, MSK, 0x12345678L, 1, Pemk.epIdOf(EP));
  }

  @Test
  void epIdOfAnExtendedAddressIsAddressFamily27ThenTheEui64() {
    assertEquals("001bacde480000000001", hex(Pemk.epIdOf(EP)));
  }

  @Test
  void pemkIsPrfPlusOfMskOverLabelSidKidEpid_rfc5807s3_hmacSha256() {
    Pemk p = sha256Pemk();
    assertEquals(PEMK_SHA256, hex(p.bytes()));
    assertEquals(64, p.bytes().length);
  }

  @Test
  void pemkWithHmacSha1_rfc5807s3() {
    Pemk p = Pemk.derive(Prf.of(PrfAlgorithm.PRF_HMAC_SHA1), MSK, 0x12345678L, 1, Pemk.epIdOf(EP));
    assertEquals(PEMK_SHA1, hex(p.bytes()));
  }

  @Test
  void linkKeyIsTheFirst16PemkOctets() {
    Pemk p = sha256Pemk();
    assertEquals(PEMK_SHA256.substring(0, 32), hex(p.linkKey().bytes()));
  }

  @Test
  void eachOfSessionKeyIdAndEnforcementPointSeparatesTheKey() {
    Prf prf = Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256);
    byte[] base = Pemk.derive(prf, MSK, 7, 1, Pemk.epIdOf(EP)).bytes();
    byte[] ep = Pemk.epIdOf(EP);
    assertFalse(Arrays.equals(base, Pemk.derive(prf, MSK, 8, 1, ep).bytes()));
    assertFalse(Arrays.equals(base, Pemk.derive(prf, MSK, 7, 2, ep).bytes()));
    byte[] otherEp = Pemk.epIdOf(new Address.Extended(0xacde480000000002L));
    assertFalse(Arrays.equals(base, Pemk.derive(prf, MSK, 7, 1, otherEp).bytes()));
  }

  @Test
  void sessionAndKeyIdMustFitFourOctets() {
    Prf prf = Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256);
    byte[] ep = Pemk.epIdOf(EP);
    assertThrows(IllegalArgumentException.class, () -> Pemk.derive(prf, MSK, 1L << 32, 1, ep));
    assertThrows(IllegalArgumentException.class, () -> Pemk.derive(prf, MSK, 1, -1, ep));
    assertThrows(IllegalArgumentException.class, () -> Pemk.derive(prf, new byte[0], 1, 1, ep));
  }

  @Test
  void keysAreRedactedAndZeroedOnDestroy() {
    Pemk p = sha256Pemk();
    LinkKey k = p.linkKey();
    assertFalse(p.toString().contains("2c85"));
    assertEquals("LinkKey[redacted]", k.toString());
    p.destroy();
    k.destroy();
    assertTrue(k.isDestroyed());
    assertThrows(IllegalStateException.class, p::bytes);
    assertThrows(IllegalStateException.class, k::bytes);
    assertEquals("LinkKey[destroyed]", k.toString());
  }

  @Test
  void aFrameProtectedByTheCdsPemkKeyIsAcceptedWithTheGatewaysOwnDerivation() {
    Address.Extended cd = new Address.Extended(0x0012_4b00_0102_0304L);
    LinkKey cdKey = sha256Pemk().linkKey();
    LinkKey gatewayKey = sha256Pemk().linkKey();
    MacHeader h = MacHeader.data(FrameVersion.IEEE_2006, 1, 0xabcd, EP, cd, true);
    byte[] psdu =
        FrameProtection.protect(
                new MacFrame(h, hex("6000")),
                cd,
                cdKey,
                OutgoingFrameCounter.initial(),
                SecurityLevel.ENC_MIC_32)
            .psdu();
    Unprotected u =
        FrameProtection.unprotect(
            psdu,
            true,
            SecurityLevel.ENC_MIC_32,
            hdr ->
                hdr.source().equals(cd)
                    ? Optional.of(new PeerKey(cd, gatewayKey, ReplayState.fresh()))
                    : Optional.empty());
    assertArrayEquals(hex("6000"), assertInstanceOf(Unprotected.Accepted.class, u).payload());
  }

  @Test
  void linkKeyMustBe16Bytes() {
    assertThrows(IllegalArgumentException.class, () -> LinkKey.of(new byte[15]));
    byte[] raw = hex("000102030405060708090a0b0c0d0e0f");
    LinkKey k = LinkKey.of(raw);
    raw[0] = 9;
    assertArrayEquals(hex("000102030405060708090a0b0c0d0e0f"), k.bytes());
  }
}
