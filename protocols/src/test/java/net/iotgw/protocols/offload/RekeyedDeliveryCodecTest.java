package net.iotgw.protocols.offload;

import static net.iotgw.protocols.offload.KeyDeliveryCodecTest.CD;
import static net.iotgw.protocols.offload.KeyDeliveryCodecTest.HEX;
import static net.iotgw.protocols.offload.KeyDeliveryCodecTest.UD;
import static net.iotgw.protocols.offload.KeyDeliveryCodecTest.assertSameDelivery;
import static net.iotgw.protocols.offload.KeyDeliveryCodecTest.assertSameKeys;
import static net.iotgw.protocols.offload.KeyDeliveryCodecTest.fill;
import static net.iotgw.protocols.offload.KeyDeliveryCodecTest.repeat;
import static net.iotgw.protocols.offload.KeyDeliveryCodecTest.udPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.crypto.KeyExchanges;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.EngineConfig.KeyDeliveryMode;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import net.iotgw.protocols.ike.keys.ChildSaKeys;
import org.junit.jupiter.api.Test;

/**
 * CHILD_SAs of CREATE_CHILD_SA (RFC 7296 §1.3, §2.17) and after an IKE SA rekey (§2.18): the
 * delivery carries the IKE SA's nonces apart from the CHILD_SA's, and g^ir of a PFS exchange, so
 * that the CD derives the keys the gateway's peer uses.
 */
class RekeyedDeliveryCodecTest {
  static final byte[] IKE_NI = repeat(0xa1, 16);
  static final byte[] IKE_NR = repeat(0xb2, 16);

  /**
   * A CHILD_SA keyed by {@code secret} with the IKE nonces {@code ikeNi}/{@code ikeNr}, its own
   * nonces (Ni of 32 octets, Nr of 16) and g^ir {@code pfs} (empty without PFS).
   */
  static KeyDelivery child(KeyDeliveryMode mode, PrfAlgorithm prf, PacketProtection esp,
      byte[] ikeNi, byte[] ikeNr, byte[] pfs) {
    int n = Prf.of(prf).outputLength();
    return new KeyDelivery(mode, fill(0, n), prf, ikeNi, ikeNr, 0x0102030405060708L,
        0x1112131415161718L, repeat(0xe5, 32), repeat(0xf6, 16), pfs, esp, ChildSa.Mode.TUNNEL,
        0xc0000003, 0xc0000004, List.of(TrafficSelector.AddressRange.of(CD, CD)),
        List.of(TrafficSelector.AddressRange.of(UD, UD)), Role.INITIATOR, udPort(500), false,
        3_600_000);
  }

  /** SKEYSEED after an IKE SA rekey (nonces c3../d4..), CHILD_SA rekeyed with X25519 PFS. */
  static KeyDelivery pinnedRekey() {
    return child(KeyDeliveryMode.SKEYSEED, PrfAlgorithm.PRF_HMAC_SHA2_256,
        PacketProtection.AES_GCM_16_128, repeat(0xc3, 16), repeat(0xd4, 16), fill(0x40, 32));
  }

  static KeyDelivery roundTrip(KeyDelivery d) {
    return KeyDeliveryCodec.decode(KeyDeliveryCodec.encode(d)).orThrow();
  }

  static boolean sameKeys(ChildSaKeys a, ChildSaKeys b) {
    return Arrays.equals(a.initiatorEncryption(), b.initiatorEncryption())
        && Arrays.equals(a.responderEncryption(), b.responderEncryption());
  }

  @Test
  void rekeyedChildSaLayoutIsPinned_rfc7296_2_17() {
    byte[] v = KeyDeliveryCodec.encode(pinnedRekey()).value();
    assertEquals(KeyDeliveryCodec.VERSION, v[0]);
    assertEquals(HEX.formatHex(fill(0, 32)), HEX.formatHex(v, 61, 93), "SKEYSEED");
    assertEquals(String.join("",
        "0010", "c3".repeat(16), "0010", "d4".repeat(16), // the IKE SA's rekey nonces
        "0020", "e5".repeat(32), "0010", "f6".repeat(16), // the CHILD_SA's nonces
        "0020", HEX.formatHex(fill(0x40, 32))), // g^ir (new)
        HEX.formatHex(v, 93, 215));
    assertEquals("01000000", HEX.formatHex(v, 215, 219), "then the CD's selectors");
    assertEquals(215 + 88, v.length);
  }

  @Test
  void everyChildSaFormRoundTripsAndTheCdDerivesTheSameKeys_rfc7296_2_17() {
    int cases = 0;
    for (KeyDeliveryMode mode : KeyDeliveryMode.values()) {
      for (PrfAlgorithm prf : PrfAlgorithm.values()) {
        for (PacketProtection esp : List.of(PacketProtection.AES_GCM_16_128,
            PacketProtection.AES_CBC_256_HMAC_SHA2_384)) {
          for (boolean ikeRekeyed : new boolean[] {false, true}) {
            for (DhGroup group : DhGroup.values()) {
              byte[] ikeNi = ikeRekeyed ? repeat(0xc3, 48) : IKE_NI;
              byte[] ikeNr = ikeRekeyed ? repeat(0xd4, 16) : IKE_NR;
              byte[] pfs = fill(group.id(), KeyExchanges.sharedSecretLength(group));
              KeyDelivery d = child(mode, prf, esp, ikeNi, ikeNr, pfs);
              KeyDelivery back = roundTrip(d);
              assertSameDelivery(d, back);
              assertEquals(group != DhGroup.NONE, back.pfs(), group.toString());
              assertSameKeys(d.deriveChildKeys(), back.deriveChildKeys());
              cases++;
            }
          }
        }
      }
    }
    assertEquals(2 * PrfAlgorithm.values().length * 2 * 2 * DhGroup.values().length, cases);
  }

  @Test
  void pfsSecretsOfX25519AndEcp256AreBothThirtyTwoOctetsAndTravel_rfc5903_7() {
    assertEquals(32, KeyExchanges.sharedSecretLength(DhGroup.CURVE25519));
    assertEquals(32, KeyExchanges.sharedSecretLength(DhGroup.ECP_256));
    assertEquals(48, KeyExchanges.sharedSecretLength(DhGroup.ECP_384));
    assertEquals(256, KeyExchanges.sharedSecretLength(DhGroup.MODP_2048));
    KeyDelivery d = pinnedRekey();
    assertArrayEquals(fill(0x40, 32), roundTrip(d).pfsSecret());
  }

  /** Each carried field changes what the CD derives: a codec that dropped one would fail above. */
  @Test
  void theIkeNoncesAndGirEachChangeTheDerivedKeys() {
    KeyDelivery rekeyed = pinnedRekey();
    KeyDelivery withoutPfs = child(KeyDeliveryMode.SKEYSEED, rekeyed.prf(), rekeyed.esp(),
        rekeyed.ikeNi(), rekeyed.ikeNr(), new byte[0]);
    KeyDelivery childNoncesAsIke = child(KeyDeliveryMode.SKEYSEED, rekeyed.prf(), rekeyed.esp(),
        rekeyed.ni(), rekeyed.nr(), rekeyed.pfsSecret());
    KeyDelivery firstIkeNonces = child(KeyDeliveryMode.SKEYSEED, rekeyed.prf(), rekeyed.esp(),
        IKE_NI, IKE_NR, rekeyed.pfsSecret());
    ChildSaKeys keys = roundTrip(rekeyed).deriveChildKeys();
    assertTrue(sameKeys(rekeyed.deriveChildKeys(), keys));
    for (KeyDelivery other : List.of(withoutPfs, childNoncesAsIke, firstIkeNonces)) {
      assertFalse(sameKeys(keys, other.deriveChildKeys()), other.toString());
    }
  }

  @Test
  void everyTruncationOfARekeyedDeliveryFailsWithoutThrowing() {
    byte[] v = KeyDeliveryCodec.encode(pinnedRekey()).value();
    for (int n = 0; n < v.length; n++) {
      var k = KeyDeliveryCodecTest.failure(Arrays.copyOf(v, n));
      assertTrue(k == net.iotgw.protocols.wire.DecodeError.Kind.TRUNCATED
          || k == net.iotgw.protocols.wire.DecodeError.Kind.BAD_LENGTH, n + ": " + k);
    }
  }

  @Test
  void encodingAndDecodingLeaveGirNowhereButInTheValueAndTheDelivery() {
    KeyDelivery d = pinnedRekey();
    var avp = KeyDeliveryCodec.encode(d);
    assertArrayEquals(fill(0x40, 32), d.pfsSecret(), "the delivery keeps its g^ir");
    KeyDelivery back = KeyDeliveryCodec.decode(avp).orThrow();
    assertFalse(back.toString().contains(HEX.formatHex(fill(0x40, 32))));
    assertTrue(back.toString().contains("PFS secret redacted"), back.toString());
    back.destroy();
    assertArrayEquals(new byte[32], back.pfsSecret());
  }
}
