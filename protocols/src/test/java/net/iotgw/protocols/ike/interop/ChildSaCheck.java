package net.iotgw.protocols.ike.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import static net.iotgw.protocols.ike.interop.StrongSwanExchangeCheck.ok;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.esp.EspOpenResult;
import net.iotgw.protocols.esp.EspPacket;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.EspSa;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.esp.NextHeader;
import net.iotgw.protocols.esp.ReplayWindow;
import net.iotgw.protocols.esp.UdpEncapsulation;
import net.iotgw.protocols.ike.EsnMode;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Proposal;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.codec.TsPayload;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture.Direction;
import net.iotgw.protocols.ike.keys.ChildSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;

/**
 * The CHILD_SA created by IKE_AUTH (RFC 7296 §1.3, §2.17): its transforms and SPIs read from the
 * decrypted SA payloads, its KEYMAT from our key schedule compared with the keys charon logged,
 * and the captured ESP-in-UDP packets (RFC 3948) opened with those keys.
 */
final class ChildSaCheck {
  private ChildSaCheck() {}

  /** What was verified, for the report. */
  record Result(String espProposal, int espPacketsOpened) {}

  /**
   * @param request the IKE_AUTH request's decrypted payloads
   * @param response the IKE_AUTH response's decrypted payloads
   * @param skD SK_d from our key schedule
   */
  static Result verify(
      StrongSwanFixture f,
      PrfAlgorithm prf,
      byte[] skD,
      byte[] ni,
      byte[] nr,
      List<Payload> request,
      List<Payload> response) {
    SelectedProposal esp = SelectedProposal.of(only(response, SaPayload.class), ProtocolId.ESP);
    assertEquals(f.text("esp_proposal"), esp.strongSwanName(), "ESP proposal name vs charon's log");
    assertEquals(EsnMode.NO_ESN, esp.esn().orElseThrow(), "the captures negotiate no ESN");
    PacketProtection protection =
        new PacketProtection(esp.encryption(), esp.keyBits(), esp.integrity());

    // RFC 7296 §3.3.1: each side's SA payload carries the SPI it receives with; the response
    // proposal's number names the request proposal that was accepted.
    Proposal offered =
        only(request, SaPayload.class).proposals().stream()
            .filter(p -> p.number() == esp.proposal().number())
            .findFirst()
            .orElseThrow(() -> new AssertionError("accepted proposal number not offered"));
    byte[] spiI = offered.spi();
    byte[] spiR = esp.proposal().spi();
    assertArrayEquals(f.espSpiI(), spiI, "initiator's ESP SPI (its SA payload) vs log");
    assertArrayEquals(f.espSpiR(), spiR, "responder's ESP SPI (its SA payload) vs log");

    assertArrayEquals(f.secret("esp_keymat_seed"), concat(ni, nr), "KEYMAT seed Ni | Nr");
    ChildSaKeys keys = KeySchedule.childSa(prf, skD, protection, ni, nr);
    assertArrayEquals(f.espEncrI(), keys.initiatorEncryption(), "ESP encryption key i->r");
    assertArrayEquals(f.espIntegI(), keys.initiatorIntegrity(), "ESP integrity key i->r");
    assertArrayEquals(f.espEncrR(), keys.responderEncryption(), "ESP encryption key r->i");
    assertArrayEquals(f.espIntegR(), keys.responderIntegrity(), "ESP integrity key r->i");

    // Packets to the responder carry the SPI it chose, and the reverse (RFC 4303 §2.1).
    EspSa toResponder = new EspSa(spi(spiR), protection, keys.initiatorToResponder(), false);
    EspSa toInitiator = new EspSa(spi(spiI), protection, keys.responderToInitiator(), false);
    int opened =
        openPings(
            f.espPackets(),
            toResponder,
            toInitiator,
            selectors(response, Role.INITIATOR),
            selectors(response, Role.RESPONDER));
    keys.destroy();
    return new Result(esp.strongSwanName(), opened);
  }

  /**
   * Opens every captured ESP packet in order with a replay window per direction, checks that each
   * is the tunnel-mode ping the capture script sent between the traffic selectors' addresses, and
   * that a replayed packet is dropped (RFC 4303 §3.4.3).
   */
  private static int openPings(
      List<StrongSwanFixture.EspPacket> packets,
      EspSa toResponder,
      EspSa toInitiator,
      TsPayload tsi,
      TsPayload tsr) {
    byte[] initiatorAddress = singleAddress(tsi);
    byte[] responderAddress = singleAddress(tsr);
    ReplayWindow atResponder = new ReplayWindow();
    ReplayWindow atInitiator = new ReplayWindow();
    List<TunnelPing> requests = new ArrayList<>();
    List<TunnelPing> replies = new ArrayList<>();
    for (StrongSwanFixture.EspPacket p : packets) {
      byte[] bytes = p.bytes();
      assertInstanceOf(
          UdpEncapsulation.Esp.class,
          ok(UdpEncapsulation.decode(bytes), p + " on port 4500"),
          p + " classified as ESP on port 4500 (RFC 3948 §2.2)");
      boolean toR = p.direction() == Direction.I2R;
      EspSa sa = toR ? toResponder : toInitiator;
      EspOpenResult result =
          EspPacket.open(toR ? toResponder : toInitiator, toR ? atResponder : atInitiator, bytes);
      EspOpenResult.Accepted accepted =
          assertInstanceOf(EspOpenResult.Accepted.class, result, p + " opens with our keys");
      List<TunnelPing> seen = toR ? requests : replies;
      assertEquals(seen.size() + 1, accepted.sequenceNumber(), p + " sequence number");
      EspPayload payload = accepted.payload();
      assertEquals(NextHeader.IPV6.id(), payload.nextHeader(), p + " Next Header: tunnel, IPv6");
      assertEquals(EspPayload.Mode.TUNNEL, payload.mode());
      TunnelPing ping = TunnelPing.parse(payload.data());
      byte[] from = toR ? initiatorAddress : responderAddress;
      byte[] to = toR ? responderAddress : initiatorAddress;
      assertArrayEquals(from, ping.source(), p + " inner source within TS");
      assertArrayEquals(to, ping.destination(), p + " inner destination within TS");
      assertEquals(toR ? TunnelPing.ECHO_REQUEST : TunnelPing.ECHO_REPLY, ping.type(), p + "");
      seen.add(ping);
      byte[] capturedIv = Arrays.copyOfRange(bytes, 8, 8 + sa.cipher().ivLength());
      assertArrayEquals(
          bytes,
          EspPacket.seal(sa, accepted.sequenceNumber(), payload, (seq, iv) -> copy(capturedIv, iv)),
          p + " sealed again with its IV (RFC 4303 §2.4 minimal monotonic padding)");
      EspOpenResult again =
          EspPacket.open(toR ? toResponder : toInitiator, toR ? atResponder : atInitiator, bytes);
      assertEquals(
          EspOpenResult.Reason.REPLAYED,
          assertInstanceOf(EspOpenResult.Dropped.class, again).reason(),
          p + " replayed");
    }
    assertEquals(requests.size(), replies.size(), "every echo request answered");
    for (int i = 0; i < requests.size(); i++) {
      TunnelPing q = requests.get(i);
      TunnelPing a = replies.get(i);
      assertEquals(q.identifier(), a.identifier(), "echo reply Identifier");
      assertEquals(q.sequence(), a.sequence(), "echo reply Sequence Number");
      assertArrayEquals(q.data(), a.data(), "echo reply Data (RFC 4443 §4.2)");
    }
    return packets.size();
  }

  /** The capture's selectors are host-to-host: one IPv6 address, any protocol and port. */
  private static byte[] singleAddress(TsPayload ts) {
    assertEquals(1, ts.selectors().size(), ts + " has one selector");
    TrafficSelector.AddressRange range =
        assertInstanceOf(TrafficSelector.AddressRange.class, ts.selectors().get(0));
    assertArrayEquals(range.startAddress(), range.endAddress(), ts + " is a single address");
    assertEquals(16, range.startAddress().length, ts + " is IPv6");
    return range.startAddress();
  }

  private static void copy(byte[] from, byte[] to) {
    assertEquals(from.length, to.length, "IV length");
    System.arraycopy(from, 0, to, 0, to.length);
  }

  private static int spi(byte[] spi) {
    assertEquals(4, spi.length, "ESP SPI size");
    return ByteBuffer.wrap(spi).getInt();
  }

  private static <T extends Payload> T only(List<Payload> payloads, Class<T> kind) {
    List<T> found = new ArrayList<>();
    for (Payload p : payloads) {
      if (kind.isInstance(p)) {
        found.add(kind.cast(p));
      }
    }
    assertEquals(1, found.size(), "exactly one " + kind.getSimpleName() + " in " + payloads);
    return found.get(0);
  }

  /** TSi or TSr: the selectors the CHILD_SA was installed with, as the response narrowed them. */
  private static TsPayload selectors(List<Payload> payloads, Role role) {
    List<TsPayload> found = new ArrayList<>();
    for (Payload p : payloads) {
      if (p instanceof TsPayload ts && ts.role() == role) {
        found.add(ts);
      }
    }
    assertEquals(1, found.size(), "exactly one TS payload of the " + role);
    return found.get(0);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
