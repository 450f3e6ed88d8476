package net.iotgw.protocols.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.EngineConfig.KeyDeliveryMode;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import net.iotgw.protocols.ike.keys.ChildSaKeys;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaEncryption;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.testing.Mutations;
import org.junit.jupiter.api.Test;

/** The offload AVP: round trips, the pinned layout, and refusals of everything else. */
class KeyDeliveryCodecTest {
  static final HexFormat HEX = HexFormat.of();
  static final byte[] CD = HEX.parseHex("20010db800cd00000000000000000001");
  static final byte[] UD = HEX.parseHex("20010db800d000000000000000000010");

  static final List<PacketProtection> SUITES = List.of(
      PacketProtection.AES_GCM_16_128, PacketProtection.AES_GCM_16_256,
      PacketProtection.AES_CCM_8_128, PacketProtection.CHACHA20_POLY1305,
      PacketProtection.AES_CBC_128_HMAC_SHA2_256, PacketProtection.AES_CBC_256_HMAC_SHA2_384,
      PacketProtection.AES_CBC_256_HMAC_SHA2_512,
      new PacketProtection(EncryptionAlgorithm.ENCR_AES_GCM_8, 192, IntegrityAlgorithm.NONE));

  static byte[] fill(int first, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  static byte[] repeat(int v, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  static InetSocketAddress udPort(int port) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(UD), port);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static KeyDelivery delivery(KeyDeliveryMode mode, PrfAlgorithm prf, PacketProtection esp,
      ChildSa.Mode childMode, Role role, boolean udp) {
    int n = net.iotgw.protocols.ike.crypto.Prf.of(prf).outputLength();
    return new KeyDelivery(mode, fill(0, n), prf, repeat(0xa1, 16), repeat(0xb2, 16),
        0x0102030405060708L, 0x1112131415161718L, esp, childMode, 0xc0000001, 0xc0000002,
        List.of(TrafficSelector.AddressRange.of(CD, CD)),
        List.of(TrafficSelector.AddressRange.of(UD, UD)), role, udPort(4500), udp, 3_600_000);
  }

  static KeyDelivery pinned() {
    return delivery(KeyDeliveryMode.SKEYSEED, PrfAlgorithm.PRF_HMAC_SHA2_256,
        PacketProtection.AES_GCM_16_128, ChildSa.Mode.TUNNEL, Role.RESPONDER, true);
  }

  static final String PINNED_HEX = String.join("",
      "02", "01", "01", "0005", // version, kind Install, SKEYSEED, PRF_HMAC_SHA2_256
      "0014", "0080", "0000", // ENCR_AES_GCM_16, 128 bits, no integrity
      "01", "02", "01", // tunnel, CD is the responder, UDP encapsulation
      "0102030405060708", "1112131415161718", // IKE SPIs
      "c0000001", "c0000002", "00000e10", // ESP SPIs in and out, 3600 s
      "20010db800d000000000000000000010", "1194", // UD [2001:db8:d0::10]:4500
      "20", HEX.formatHex(fill(0, 32)), // secret
      "0010", "a1".repeat(16), "0010", "b2".repeat(16), // IKE Ni, Nr: IKE_AUTH's CHILD_SA
      "0010", "a1".repeat(16), "0010", "b2".repeat(16), // has the IKE SA's nonces
      "0000", // and no g^ir
      "01000000", "0800", "0028", "0000ffff", // one IPv6 range, any protocol, any port
      "20010db800cd00000000000000000001", "20010db800cd00000000000000000001",
      "01000000", "0800", "0028", "0000ffff",
      "20010db800d000000000000000000010", "20010db800d000000000000000000010");

  static void assertSameDelivery(KeyDelivery expected, KeyDelivery actual) {
    assertEquals(expected.mode(), actual.mode());
    assertArrayEquals(expected.secret(), actual.secret());
    assertEquals(expected.prf(), actual.prf());
    assertArrayEquals(expected.ikeNi(), actual.ikeNi());
    assertArrayEquals(expected.ikeNr(), actual.ikeNr());
    assertArrayEquals(expected.ni(), actual.ni());
    assertArrayEquals(expected.nr(), actual.nr());
    assertEquals(expected.spiI(), actual.spiI());
    assertEquals(expected.spiR(), actual.spiR());
    assertArrayEquals(expected.pfsSecret(), actual.pfsSecret());
    assertEquals(expected.esp(), actual.esp());
    assertEquals(expected.childMode(), actual.childMode());
    assertEquals(expected.cdInboundSpi(), actual.cdInboundSpi());
    assertEquals(expected.cdOutboundSpi(), actual.cdOutboundSpi());
    assertEquals(expected.cdSelectors(), actual.cdSelectors());
    assertEquals(expected.peerSelectors(), actual.peerSelectors());
    assertEquals(expected.cdRole(), actual.cdRole());
    assertEquals(expected.peer(), actual.peer());
    assertEquals(expected.udpEncapsulation(), actual.udpEncapsulation());
    assertEquals(expected.lifetimeMillis(), actual.lifetimeMillis());
  }

  static void assertSameKeys(ChildSaKeys a, ChildSaKeys b) {
    assertEquals(a.protection(), b.protection());
    assertArrayEquals(a.initiatorEncryption(), b.initiatorEncryption());
    assertArrayEquals(a.initiatorIntegrity(), b.initiatorIntegrity());
    assertArrayEquals(a.responderEncryption(), b.responderEncryption());
    assertArrayEquals(a.responderIntegrity(), b.responderIntegrity());
  }

  static byte[] valueOf(Avp avp) {
    return ((Avp.Unknown) avp).value();
  }

  static Avp withValue(byte[] value) {
    return new Avp.Unknown(KeyDeliveryCodec.AVP_CODE, PanaCodec.AVP_FLAG_V,
        KeyDeliveryCodec.VENDOR_ID, value);
  }

  static Kind failure(byte[] value) {
    Decoded<OffloadMessage> d = KeyDeliveryCodec.decodeMessage(withValue(value));
    return assertInstanceOf(Decoded.Failed.class, d, "accepted").error().kind();
  }

  @Test
  void everySuiteModeRoleAndSecretTypeRoundTripsAndDerivesTheSameChildKeys() {
    int cases = 0;
    for (PacketProtection esp : SUITES) {
      for (ChildSa.Mode mode : ChildSa.Mode.values()) {
        for (KeyDeliveryMode secret : KeyDeliveryMode.values()) {
          for (Role role : Role.values()) {
            for (PrfAlgorithm prf : PrfAlgorithm.values()) {
              KeyDelivery d = delivery(secret, prf, esp, mode, role, (cases & 1) == 0);
              KeyDelivery back = KeyDeliveryCodec.decode(KeyDeliveryCodec.encode(d)).orThrow();
              assertSameDelivery(d, back);
              assertSameKeys(d.deriveChildKeys(), back.deriveChildKeys());
              cases++;
            }
          }
        }
      }
    }
    assertEquals(SUITES.size() * 2 * 2 * 2 * 4, cases);
  }

  @Test
  void installLayoutIsPinned() {
    Avp.Unknown avp = KeyDeliveryCodec.encode(pinned());
    assertEquals(KeyDeliveryCodec.AVP_CODE, avp.code());
    assertEquals(PanaCodec.AVP_FLAG_V, avp.flags());
    assertEquals(32473, avp.vendorId());
    assertEquals(PINNED_HEX, HEX.formatHex(avp.value()));
    assertEquals(255, avp.value().length);
    // On the wire: Code, Flags, Length (of the value, RFC 5191 §6.3), Reserved, Vendor-Id, value,
    // 1 octet of padding.
    assertEquals("0001" + "8000" + "00ff" + "0000" + "00007ed9" + PINNED_HEX + "00",
        HEX.formatHex(PanaCodec.encodeAvps(List.of(avp))));
  }

  @Test
  void removalLayoutIsPinnedAndDecodes() {
    Avp.Unknown avp = KeyDeliveryCodec.removal(0xc0000001);
    assertEquals("0202c0000001", HEX.formatHex(avp.value()));
    assertEquals(new OffloadMessage.Removal(0xc0000001),
        KeyDeliveryCodec.decodeMessage(avp).orThrow());
    assertEquals(Kind.UNSUPPORTED,
        assertInstanceOf(Decoded.Failed.class, KeyDeliveryCodec.decode(avp)).error().kind());
    assertThrows(IllegalArgumentException.class, () -> KeyDeliveryCodec.removal(0));
    assertEquals(Kind.INVALID_SYNTAX, failure(HEX.parseHex("020200000000")));
    assertEquals(Kind.BAD_LENGTH, failure(HEX.parseHex("0202c000000100")));
  }

  @Test
  void travelsEncryptedInEncryptionEncapAndComesOutWhole_rfc6786_5() {
    PanaEncrKey key = PanaEncrKey.of(PanaEncryptionAlgorithm.AES128_CTR, 1, fill(1, 16),
        fill(17, 16));
    Avp avp = KeyDeliveryCodec.encode(pinned());
    assertTrue(PanaEncryption.mayBeEncrypted(avp));
    Avp.EncrEncap encap = PanaEncryption.seal(key, PanaEncrKey.Sender.PAA, 7, 9, List.of(avp));
    List<Avp> opened = PanaEncryption.open(key, PanaEncrKey.Sender.PAA, 7, 9, encap).orThrow();
    assertEquals(List.of(avp), opened);
    assertSameDelivery(pinned(), KeyDeliveryCodec.decode(opened.get(0)).orThrow());
  }

  @Test
  void lifetimeIsCarriedInWholeSecondsRoundedUp() {
    assertEquals(1, KeyDeliveryCodec.lifetimeSeconds(1));
    assertEquals(1, KeyDeliveryCodec.lifetimeSeconds(1000));
    assertEquals(2, KeyDeliveryCodec.lifetimeSeconds(1001));
    assertEquals(0xffff_ffffL, KeyDeliveryCodec.lifetimeSeconds(Long.MAX_VALUE));
    KeyDelivery d = pinned();
    KeyDelivery odd = new KeyDelivery(d.mode(), d.secret(), d.prf(), d.ni(), d.nr(), d.spiI(),
        d.spiR(), d.esp(), d.childMode(), d.cdInboundSpi(), d.cdOutboundSpi(), d.cdSelectors(),
        d.peerSelectors(), d.cdRole(), d.peer(), d.udpEncapsulation(), 1500);
    assertEquals(2000, KeyDeliveryCodec.decode(KeyDeliveryCodec.encode(odd)).orThrow()
        .lifetimeMillis());
  }

  @Test
  void anIpv4PeerTravelsIpv4MappedAndComesBackIpv4_rfc4291_2_5_5_2() throws Exception {
    KeyDelivery d = pinned();
    InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 4500);
    KeyDelivery withV4 = new KeyDelivery(d.mode(), d.secret(), d.prf(), d.ni(), d.nr(), d.spiI(),
        d.spiR(), d.esp(), d.childMode(), d.cdInboundSpi(), d.cdOutboundSpi(), d.cdSelectors(),
        d.peerSelectors(), d.cdRole(), v4, d.udpEncapsulation(), d.lifetimeMillis());
    byte[] value = KeyDeliveryCodec.encode(withV4).value();
    assertEquals("00000000000000000000ffffc0000207",
        HEX.formatHex(value, 42, 58));
    assertEquals(v4, KeyDeliveryCodec.decode(withValue(value)).orThrow().peer());
  }

  @Test
  void refusesAnotherVersionAndKind() {
    byte[] v = valueOf(KeyDeliveryCodec.encode(pinned()));
    v[0] = 1; // version 1 cannot carry a rekeyed CHILD_SA: not read as a first one
    assertEquals(Kind.UNSUPPORTED, failure(v));
    assertEquals(Kind.UNSUPPORTED, failure(HEX.parseHex("0102c0000001")));
    v[0] = 3;
    assertEquals(Kind.UNSUPPORTED, failure(v));
    v[0] = 2;
    v[1] = 3;
    assertEquals(Kind.UNSUPPORTED, failure(v));
    assertEquals(Kind.TRUNCATED, failure(new byte[0]));
  }

  @Test
  void refusesOtherVendorsAndOtherCodes() {
    byte[] v = valueOf(KeyDeliveryCodec.encode(pinned()));
    for (Avp other : List.of(
        new Avp.Unknown(1, PanaCodec.AVP_FLAG_V, 9, v),
        new Avp.Unknown(2, PanaCodec.AVP_FLAG_V, KeyDeliveryCodec.VENDOR_ID, v),
        new Avp.Unknown(1, 0, 0, v),
        new Avp.SessionLifetime(3600))) {
      assertFalse(KeyDeliveryCodec.isOffload(other), other.toString());
      assertEquals(Kind.UNSUPPORTED, assertInstanceOf(Decoded.Failed.class,
          KeyDeliveryCodec.decodeMessage(other)).error().kind());
    }
  }

  /** Octet offsets of the pinned Install, and a value each must refuse, with the error kind. */
  @Test
  void refusesOutOfRangeFieldsWithTypedErrors() {
    Object[][] cases = {
        {2, 0, Kind.INVALID_SYNTAX}, {2, 3, Kind.INVALID_SYNTAX}, // secret type
        {4, 99, Kind.UNSUPPORTED}, // PRF 99
        {6, 11, Kind.UNSUPPORTED}, // ENCR_NULL
        {6, 99, Kind.UNSUPPORTED}, // unknown ENCR
        {8, 0x40, Kind.UNSUPPORTED}, // AES-GCM with 64-bit keys
        {10, 12, Kind.UNSUPPORTED}, // AES-GCM with an integrity transform
        {11, 0, Kind.INVALID_SYNTAX}, {11, 3, Kind.INVALID_SYNTAX}, // mode
        {12, 0, Kind.INVALID_SYNTAX}, // role
        {13, 2, Kind.INVALID_SYNTAX}, // a reserved flag
        {60, 31, Kind.BAD_LENGTH}, {60, 33, Kind.BAD_LENGTH}, // secret not 32 octets
        {94, 15, Kind.BAD_LENGTH}, // IKE Ni of 15 octets
        {112, 15, Kind.BAD_LENGTH}, // IKE Nr of 15 octets
        {130, 15, Kind.BAD_LENGTH}, // Ni of 15 octets
        {148, 15, Kind.BAD_LENGTH}, // Nr of 15 octets
        {166, 31, Kind.BAD_LENGTH}, // g^ir of 31 octets: no group's
        {166, 1, Kind.BAD_LENGTH},
        {165, 0xff, Kind.BAD_LENGTH}, // g^ir of 65280 octets
    };
    for (Object[] c : cases) {
      byte[] v = valueOf(KeyDeliveryCodec.encode(pinned()));
      v[(int) c[0]] = (byte) (int) c[1];
      assertEquals(c[2], failure(v), "octet " + c[0] + " = " + c[1]);
    }
    byte[] v = valueOf(KeyDeliveryCodec.encode(pinned()));
    v[93] = 0x01; // IKE Ni length 0x0110 = 272
    assertEquals(Kind.BAD_LENGTH, failure(v));
    for (int spiAt : new int[] {30, 34}) {
      byte[] zero = valueOf(KeyDeliveryCodec.encode(pinned()));
      java.util.Arrays.fill(zero, spiAt, spiAt + 4, (byte) 0);
      assertEquals(Kind.INVALID_SYNTAX, failure(zero), "ESP SPI 0 at " + spiAt);
    }
    byte[] lifetime = valueOf(KeyDeliveryCodec.encode(pinned()));
    java.util.Arrays.fill(lifetime, 38, 42, (byte) 0);
    assertEquals(Kind.INVALID_SYNTAX, failure(lifetime));
    byte[] noSelector = valueOf(KeyDeliveryCodec.encode(pinned()));
    noSelector[167] = 0; // CD selectors: none; the range that follows is then trailing
    assertEquals(Kind.INVALID_SYNTAX, failure(noSelector));
    byte[] longer = java.util.Arrays.copyOf(valueOf(KeyDeliveryCodec.encode(pinned())), 256);
    assertEquals(Kind.BAD_LENGTH, failure(longer));
  }

  @Test
  void everyTruncationFailsWithoutThrowing() {
    byte[] v = valueOf(KeyDeliveryCodec.encode(pinned()));
    for (int n = 0; n < v.length; n++) {
      Kind k = failure(java.util.Arrays.copyOf(v, n));
      assertTrue(k == Kind.TRUNCATED || k == Kind.BAD_LENGTH, n + ": " + k);
    }
  }

  @Test
  void hundredThousandSeededMutationsDecodeToAValueAndAcceptedOnesReencodeToAFixedPoint() {
    java.util.Random rnd = new java.util.Random(0x0ff10adL);
    List<byte[]> bases = new ArrayList<>();
    bases.add(valueOf(KeyDeliveryCodec.encode(pinned())));
    bases.add(valueOf(KeyDeliveryCodec.encode(delivery(KeyDeliveryMode.SK_D,
        PrfAlgorithm.PRF_HMAC_SHA1, PacketProtection.AES_CBC_256_HMAC_SHA2_512,
        ChildSa.Mode.TRANSPORT, Role.INITIATOR, false))));
    bases.add(valueOf(KeyDeliveryCodec.encode(RekeyedDeliveryCodecTest.pinnedRekey())));
    bases.add(valueOf(KeyDeliveryCodec.removal(0x1234)));
    int accepted = 0;
    for (int i = 0; i < 100_000; i++) {
      byte[] m = Mutations.mutate(bases.get(i % bases.size()), rnd);
      Decoded<OffloadMessage> d = KeyDeliveryCodec.decodeMessage(withValue(m));
      if (d instanceof Decoded.Ok<OffloadMessage> ok) {
        accepted++;
        if (ok.value() instanceof OffloadMessage.Install install) {
          byte[] once = valueOf(KeyDeliveryCodec.encode(install.delivery()));
          byte[] twice = valueOf(KeyDeliveryCodec.encode(
              KeyDeliveryCodec.decode(withValue(once)).orThrow()));
          assertArrayEquals(once, twice);
        }
      }
    }
    assertTrue(accepted > 0 && accepted < 100_000, accepted + " accepted");
  }

  @Test
  void encoderRefusesWhatTheDecoderWouldRefuse() {
    KeyDelivery d = pinned();
    assertThrows(IllegalArgumentException.class, () -> KeyDeliveryCodec.encode(new KeyDelivery(
        d.mode(), new byte[31], d.prf(), d.ni(), d.nr(), d.spiI(), d.spiR(), d.esp(),
        d.childMode(), 1, 2, d.cdSelectors(), d.peerSelectors(), d.cdRole(), d.peer(), false,
        1000)));
    assertThrows(IllegalArgumentException.class, () -> KeyDeliveryCodec.encode(new KeyDelivery(
        d.mode(), d.secret(), d.prf(), new byte[15], d.nr(), d.spiI(), d.spiR(), d.esp(),
        d.childMode(), 1, 2, d.cdSelectors(), d.peerSelectors(), d.cdRole(), d.peer(), false,
        1000)));
    assertThrows(IllegalArgumentException.class, () -> KeyDeliveryCodec.encode(new KeyDelivery(
        d.mode(), d.secret(), d.prf(), d.ni(), d.nr(), d.spiI(), d.spiR(), d.esp(),
        d.childMode(), 0, 2, d.cdSelectors(), d.peerSelectors(), d.cdRole(), d.peer(), false,
        1000)));
    assertThrows(IllegalArgumentException.class, () -> KeyDeliveryCodec.encode(new KeyDelivery(
        d.mode(), d.secret(), d.prf(), d.ni(), d.nr(), d.spiI(), d.spiR(), d.esp(),
        d.childMode(), 1, 2, List.of(), d.peerSelectors(), d.cdRole(), d.peer(), false, 1000)));
    assertThrows(IllegalArgumentException.class, () -> KeyDeliveryCodec.encode(new KeyDelivery(
        d.mode(), d.secret(), d.prf(), d.ni(), d.nr(), d.spiI(), d.spiR(), d.esp(),
        d.childMode(), 1, 2, d.cdSelectors(), d.peerSelectors(), d.cdRole(),
        InetSocketAddress.createUnresolved("ud.example", 4500), false, 1000)));
    assertThrows(IllegalArgumentException.class, () -> KeyDeliveryCodec.encode(new KeyDelivery(
        d.mode(), d.secret(), d.prf(), d.ni(), d.nr(), d.spiI(), d.spiR(), d.esp(),
        d.childMode(), 1, 2, d.cdSelectors(), d.peerSelectors(), d.cdRole(), d.peer(), false,
        0)));
    assertThrows(IllegalArgumentException.class, () -> KeyDeliveryCodec.encode(new KeyDelivery(
        d.mode(), d.secret(), d.prf(), new byte[15], d.ikeNr(), d.spiI(), d.spiR(), d.ni(),
        d.nr(), new byte[0], d.esp(), d.childMode(), 1, 2, d.cdSelectors(), d.peerSelectors(),
        d.cdRole(), d.peer(), false, 1000)));
    assertThrows(IllegalArgumentException.class, () -> KeyDeliveryCodec.encode(new KeyDelivery(
        d.mode(), d.secret(), d.prf(), d.ikeNi(), d.ikeNr(), d.spiI(), d.spiR(), d.ni(),
        d.nr(), new byte[31], d.esp(), d.childMode(), 1, 2, d.cdSelectors(), d.peerSelectors(),
        d.cdRole(), d.peer(), false, 1000)));
  }

  @Test
  void encodingLeavesTheCallersSecretInPlaceAndNothingShowsIt() {
    KeyDelivery d = pinned();
    Avp.Unknown avp = KeyDeliveryCodec.encode(d);
    assertArrayEquals(fill(0, 32), d.secret(), "the delivery keeps its secret");
    assertFalse(avp.toString().contains(HEX.formatHex(fill(0, 32))));
    OffloadMessage decoded = KeyDeliveryCodec.decodeMessage(avp).orThrow();
    assertTrue(decoded.toString().contains("redacted"), decoded.toString());
  }
}
