package net.iotgw.load.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.CreateChildSa;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.DeleteIkeSa;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeState;
import net.iotgw.protocols.ike.engine.LivenessCheck;
import net.iotgw.protocols.ike.engine.RekeyIkeSa;
import net.iotgw.testing.HostTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an established IKE SA does with a real strongSwan 5.9.8 charon (interop/strongswan.md's
 * recipe): charon as initiator rekeys the CHILD_SA (with PFS) and the IKE SA, checks liveness
 * (dpd_delay = 2s) and terminates both, all answered by our responder engine; and our initiator
 * engine checks liveness, rekeys the CHILD_SA and the IKE SA and deletes it against charon as
 * responder. New CHILD_SA keys must be the ones charon logs, and {@code swanctl --list-sas} must
 * show the new SAs. Needs root and strongSwan: missing ones fail under CI.
 */
class StrongSwanRekeyInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String IKE = "aes128gcm16-prfsha256-x25519";

  @BeforeAll
  static void requireTools() {
    HostTools.requireRoot();
    List.of("charon", "swanctl", "ip", "unshare", "env", "sh").forEach(HostTools::require);
  }

  @Test
  void charonRekeysChildSaWithPfsAndIkeSaChecksLivenessAndTerminatesAndOurResponderAnswers()
      throws Exception {
    try (CharonPeer charon = CharonPeer.start(CharonPeer.Auth.PSK, IKE, "aes128gcm16-x25519",
            1280, "dpd_delay = 2s");
        EngineUdpLoop cd = new EngineUdpLoop(pfs(charon), charon.cdAddress)) {
      charon.swanctl("--initiate", "--ike", "cd1", "--child", "c", "--timeout", "20");
      IkeOutput.Established up = cd.await(IkeOutput.Established.class, WAIT);
      ChildSa first = up.child().orElseThrow();

      // charon's liveness check after 2 s without traffic, answered with its message ID.
      long dpd = awaitExchange(cd, h -> h.exchangeType() == 37 && !h.response());
      assertTrue(cd.sent().stream().map(StrongSwanRekeyInteropTest::header)
          .anyMatch(h -> h.response() && h.messageId() == dpd && h.exchangeType() == 37));

      charon.swanctl("--rekey", "--child", "c");
      ChildSa second = awaitRekeyed(cd, 1, first);
      assertTrue(cd.await(IkeOutput.ChildSaAgreed.class, 2, WAIT).delivery().pfs());
      assertKeysAreCharons(charon, second);
      assertChildInstalled(charon, second);

      charon.swanctl("--rekey", "--ike", "cd1");
      IkeOutput.IkeSaRekeyed rekeyed = cd.await(IkeOutput.IkeSaRekeyed.class, WAIT);
      assertEquals(up.spiI(), rekeyed.oldSpiI());
      IkeOutput.IkeSaRetired retired = cd.await(IkeOutput.IkeSaRetired.class, WAIT);
      assertEquals(up.spiI(), retired.spiI(), "charon deleted the old IKE SA, we answered");
      assertIkeSaEstablished(charon, rekeyed.spiI(), rekeyed.spiR());
      assertChildInstalled(charon, second);

      // A CHILD_SA rekeyed under the new IKE SA takes its SK_d.
      charon.swanctl("--rekey", "--child", "c");
      ChildSa third = awaitRekeyed(cd, 2, second);
      assertKeysAreCharons(charon, third);
      assertEquals(rekeyed.spiI(), cd.await(IkeOutput.ChildSaAgreed.class, 3, WAIT).delivery()
          .spiI());

      charon.swanctl("--terminate", "--child", "c", "--timeout", "20");
      assertEquals(third, cd.await(IkeOutput.ChildSaDeleted.class, 3, WAIT).child());
      assertTrue(((IkeState.Established) cd.state()).children().isEmpty());
      charon.swanctl("--terminate", "--ike", "cd1", "--timeout", "20");
      assertEquals(CloseReason.DELETED_BY_PEER, cd.await(IkeOutput.Closed.class, WAIT).reason());
      assertFalse(charon.swanctl("--list-sas").contains("ESTABLISHED"));
    }
  }

  @Test
  void ourInitiatorChecksLivenessRekeysTheChildSaAndTheIkeSaAndDeletesItAtCharon()
      throws Exception {
    try (CharonPeer charon = CharonPeer.start(CharonPeer.Auth.PSK, IKE, "aes128gcm16", 1280);
        EngineUdpLoop cd = new EngineUdpLoop(
            StrongSwanEngineInteropTest.config(CharonPeer.Auth.PSK, charon.cdAddress),
            charon.cdAddress)) {
      cd.initiate(new InetSocketAddress(charon.udAddress, 500));
      IkeOutput.Established up = cd.await(IkeOutput.Established.class, WAIT);
      ChildSa first = up.child().orElseThrow();
      cd.queue(new LivenessCheck());
      cd.await(IkeOutput.LivenessConfirmed.class, WAIT);

      cd.queue(CreateChildSa.rekey(first.inboundSpi()));
      ChildSa second = awaitRekeyed(cd, 1, first);
      assertFalse(cd.await(IkeOutput.ChildSaAgreed.class, 2, WAIT).delivery().pfs());
      assertKeysAreCharons(charon, second);
      assertChildInstalled(charon, second);

      cd.queue(new RekeyIkeSa());
      IkeOutput.IkeSaRekeyed rekeyed = cd.await(IkeOutput.IkeSaRekeyed.class, WAIT);
      assertEquals(up.spiI(), cd.await(IkeOutput.IkeSaRetired.class, WAIT).spiI(),
          "charon answered our Delete of the old IKE SA");
      assertIkeSaEstablished(charon, rekeyed.spiI(), rekeyed.spiR());
      assertChildInstalled(charon, second);

      cd.queue(new DeleteIkeSa());
      assertEquals(CloseReason.DELETED, cd.await(IkeOutput.Closed.class, WAIT).reason());
      assertInstanceOf(IkeState.Closed.class, cd.state());
      awaitListing(charon, sas -> !sas.contains("ESTABLISHED"));
    }
  }

  /** The n-th rekey the engine reported, from {@code old}, and the old one deleted after it. */
  private static ChildSa awaitRekeyed(EngineUdpLoop cd, int n, ChildSa old)
      throws InterruptedException {
    IkeOutput.ChildSaRekeyed r = cd.await(IkeOutput.ChildSaRekeyed.class, n, WAIT);
    assertEquals(old, r.old());
    assertEquals(old, cd.await(IkeOutput.ChildSaDeleted.class, n, WAIT).child());
    assertEquals(List.of(r.replacement()), ((IkeState.Established) cd.state()).children());
    return r.replacement();
  }

  /** charon's log of the CHILD_SA with these SPIs: its keys are the engine's. */
  private static void assertKeysAreCharons(CharonPeer charon, ChildSa child)
      throws InterruptedException {
    String in = String.format("%08x", child.outboundSpi());
    Map<String, byte[]> logged = Map.of();
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until && !in.equals(hex(
        (logged = CharonLog.childSaValues(charon.log())).get("spi_in")))) {
      Thread.sleep(50);
    }
    assertEquals(in, hex(logged.get("spi_in")), charon::log);
    assertEquals(String.format("%08x", child.inboundSpi()), hex(logged.get("spi_out")));
    assertArrayEquals(logged.get("encryption initiator key"), child.keys().initiatorEncryption());
    assertArrayEquals(logged.get("encryption responder key"), child.keys().responderEncryption());
    System.out.printf("charon and the engine agree on the new CHILD_SA %s/%s: keys %s / %s%n",
        in, hex(logged.get("spi_out")), hex(logged.get("encryption initiator key")),
        hex(logged.get("encryption responder key")));
  }

  private static void assertChildInstalled(CharonPeer charon, ChildSa child)
      throws InterruptedException {
    String in = String.format("in  %08x", child.outboundSpi());
    String out = String.format("out %08x", child.inboundSpi());
    awaitListing(charon, sas -> sas.contains(in) && sas.contains(out)
        && sas.split("INSTALLED", -1).length == 2);
  }

  private static void assertIkeSaEstablished(CharonPeer charon, long spiI, long spiR)
      throws InterruptedException {
    String spis = String.format("%016x_i", spiI);
    String responder = String.format("%016x_r", spiR);
    awaitListing(charon, sas -> sas.contains(spis) && sas.contains(responder)
        && sas.split("ESTABLISHED", -1).length == 2);
  }

  private static void awaitListing(CharonPeer charon, Predicate<String> ok)
      throws InterruptedException {
    String sas = "";
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until && !ok.test(sas = charon.swanctl("--list-sas"))) {
      Thread.sleep(100);
    }
    assertTrue(ok.test(sas), sas);
    System.out.println(sas);
  }

  /** Waits for a received IKE message whose header matches; returns its message ID. */
  private static long awaitExchange(EngineUdpLoop cd, Predicate<IkeHeader> match)
      throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until) {
      for (Datagram d : cd.received()) {
        IkeHeader h = header(d);
        if (match.test(h)) {
          Thread.sleep(200);
          return h.messageId();
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no such message within " + WAIT);
  }

  private static IkeHeader header(Datagram d) {
    return IkeDecoder.decodeHeader(d.message()).orThrow();
  }

  private static EngineConfig pfs(CharonPeer charon) {
    EngineConfig c = StrongSwanEngineInteropTest.config(CharonPeer.Auth.PSK, charon.cdAddress);
    return c.withProfile(c.profile().withChildSaPfs(true));
  }

  private static String hex(byte[] b) {
    return b == null ? "missing" : HexFormat.of().formatHex(b);
  }
}
