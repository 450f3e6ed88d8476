package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.EngineConfig.KeyDeliveryMode;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.offload.KeyDeliveryCodec;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the CD computes, by kind (the paper's claim, Sec. III-C/IV: the gateway takes the
 * expensive work): network entry, a key delivery and ESP traffic cost symmetric operations in
 * the numbers their RFCs give, and no public-key operation at all.
 */
class CdCryptoCountersTest {
  final JoinHarness h = new JoinHarness();

  /** {@code expected} for the kinds named, 0 for every other. */
  static void assertCounts(Map<CryptoOperation, Long> expected, CdCryptoCounters actual) {
    for (CryptoOperation op : CryptoOperation.values()) {
      assertEquals(expected.getOrDefault(op, 0L), actual.count(op), op + " in " + actual);
    }
  }

  static Map<CryptoOperation, Long> counts(Object... kindAndCount) {
    Map<CryptoOperation, Long> m = new EnumMap<>(CryptoOperation.class);
    for (int i = 0; i < kindAndCount.length; i += 2) {
      m.put((CryptoOperation) kindAndCount[i], ((Number) kindAndCount[i + 1]).longValue());
    }
    return m;
  }

  static long withAuth(List<PanaMessage> messages) {
    return messages.stream().filter(m -> !m.all(Avp.Auth.class).isEmpty()).count();
  }

  List<Ipv6Packet> exchange(Ipv6Packet outer) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] f : h.gateway.securedFramesTo(h.cd, outer)) {
      out.addAll(h.cd.onFrame(f, h.now));
    }
    return h.gateway.packetsFrom(h.cd, out, h.now);
  }

  Ipv6Packet echoRequest(int sequence) {
    return Ipv6Packets.icmpEchoRequest(GatewaySide.UD, h.cd.address(), 1, sequence,
        new byte[16], 64);
  }

  @Test
  void networkEntryCostsThirteenAesBlocksTwoCmacsAnEaxEachWayAndFivePrfCalls_rfc4764_rfc5191() {
    h.start();
    CdCryptoCounters c = h.cd.stats().crypto();

    // Each AUTH the CD signed or checked: the PAR with C it checks, the PAN with C it signs.
    long auth = withAuth(h.panaFromCd) + withAuth(h.panaFromGateway);
    assertEquals(2, auth);
    assertCounts(counts(
        CryptoOperation.AES_BLOCK, 3 + 10, // RFC 4764 §3.1 AK, KDK; §3.2 TEK, MSK, EMSK
        CryptoOperation.AES_CMAC, 2, // MAC_P made, MAC_S checked
        CryptoOperation.AEAD_OPEN, 1, // PCHANNEL of message 3
        CryptoOperation.AEAD_SEAL, 1, // PCHANNEL of message 4
        CryptoOperation.HMAC, auth,
        // PANA_AUTH_KEY, PANA_PAC_ENCR_KEY, PANA_PAA_ENCR_KEY: one block each; the PEMK two.
        CryptoOperation.PRF, 3 + 2), c);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "AES_GCM_16_128, SKEYSEED, 3", // SK_d: 1 block; KEYMAT 2 x 20 octets: 2 blocks
      "AES_GCM_16_128, SK_D, 2",
      "AES_GCM_16_256, SKEYSEED, 4", // KEYMAT 2 x 36: 3 blocks
      "AES_CCM_8_128, SKEYSEED, 3", // KEYMAT 2 x 19: 2 blocks
      "CHACHA20_POLY1305, SK_D, 3", // KEYMAT 2 x 36
      "AES_CBC_128_HMAC_SHA2_256, SKEYSEED, 4", // KEYMAT 2 x (16 + 32): 3 blocks
  })
  void aKeyDeliveryCostsSkDAndKeymatInPrfBlocksAndTheChannelsWork_rfc7296_2_14_2_17(
      String suite, KeyDeliveryMode secret, int prfBlocks) throws Exception {
    PacketProtection esp = (PacketProtection) PacketProtection.class.getField(suite).get(null);
    h.start();
    UdEspPeer ud = UdEspPeer.with(h.cd.address(), esp, ChildSa.Mode.TUNNEL, Role.RESPONDER,
        secret, List.of(UdEspPeer.host(GatewaySide.UD)), 30);
    CdCryptoCounters before = h.cd.stats().crypto();

    h.deliver(List.of(KeyDeliveryCodec.encode(ud.delivery())));

    assertEquals(1, h.cd.stats().keyDeliveries());
    assertCounts(counts(
        CryptoOperation.PRF, prfBlocks,
        CryptoOperation.HMAC, 2, // the PNR's AUTH checked, the PNA's made
        CryptoOperation.CIPHER, 1), // Encryption-Encap, AES-CTR
        h.cd.stats().crypto().minus(before));
  }

  @Test
  void anEspExchangeUnderAnAeadCostsOneOpenAndOneSealBesidesTheLinkFrames() {
    h.start();
    UdEspPeer ud = UdEspPeer.with(h.cd.address(), PacketProtection.AES_CCM_8_128,
        ChildSa.Mode.TRANSPORT, 31);
    h.deliver(List.of(KeyDeliveryCodec.encode(ud.delivery())));
    CdStats before = h.cd.stats();

    for (int i = 1; i <= 5; i++) {
      ud.open(exchange(ud.seal(echoRequest(i))).get(0));
    }

    CdStats after = h.cd.stats();
    long framesIn = after.securedFramesReceived() - before.securedFramesReceived();
    long framesOut = after.securedFramesSent() - before.securedFramesSent();
    assertEquals(5, after.espReceived());
    assertCounts(counts(
        CryptoOperation.AEAD_OPEN, 5 + framesIn,
        CryptoOperation.AEAD_SEAL, 5 + framesOut), after.crypto().minus(before.crypto()));
  }

  @Test
  void espWithAesCbcCostsAnHmacAndACbcPassEachWayAndAForgeryOnlyItsHmac_rfc4303_3_4_4() {
    h.start();
    UdEspPeer ud = UdEspPeer.with(h.cd.address(), PacketProtection.AES_CBC_128_HMAC_SHA2_256,
        ChildSa.Mode.TUNNEL, 32);
    h.deliver(List.of(KeyDeliveryCodec.encode(ud.delivery())));
    Ipv6Packet genuine = ud.seal(echoRequest(1));
    byte[] forged = genuine.payload().clone();
    forged[forged.length - 1] ^= 1;
    CdStats before = h.cd.stats();

    exchange(Ipv6Packet.of(genuine.source(), genuine.destination(), CdEsp.PROTOCOL, 64, forged));
    ud.open(exchange(genuine).get(0));
    exchange(genuine); // a replay: refused before any cryptography (RFC 4303 §3.4.3)

    CdStats after = h.cd.stats();
    assertEquals(1, after.drops(DropReason.ESP_AUTHENTICATION_FAILED));
    assertEquals(1, after.drops(DropReason.ESP_REPLAYED));
    assertCounts(counts(
        CryptoOperation.HMAC, 1 + 1 + 1, // the forgery's ICV, the genuine one's, the reply's
        CryptoOperation.CIPHER, 1 + 1, // the genuine one decrypted, the reply encrypted
        CryptoOperation.AEAD_OPEN, after.securedFramesReceived() - before.securedFramesReceived(),
        CryptoOperation.AEAD_SEAL, after.securedFramesSent() - before.securedFramesSent()),
        after.crypto().minus(before.crypto()));
  }

  @Test
  void countsAddUpOverAPopulationAndSubtractBetweenSnapshots() {
    long[] a = new long[CryptoOperation.values().length];
    a[CryptoOperation.PRF.ordinal()] = 3;
    a[CryptoOperation.HMAC.ordinal()] = 2;
    CdCryptoCounters x = new CdCryptoCounters(a);

    CdCryptoCounters twice = x.plus(x);

    assertEquals(6, twice.count(CryptoOperation.PRF));
    assertEquals(10, twice.total());
    assertEquals(x, twice.minus(x));
    assertEquals(twice, CdStats.ZERO.plus(new CdStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        new long[DropReason.values().length], twice)).crypto());
  }
}
