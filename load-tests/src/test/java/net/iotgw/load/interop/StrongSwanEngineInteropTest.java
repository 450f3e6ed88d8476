package net.iotgw.load.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.auth.AuthKeys;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.IkeState;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture;
import net.iotgw.testing.HostTools;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our IKEv2 engine against a real strongSwan 5.9.8 charon (interop/strongswan.md's recipe, in a
 * network namespace, userspace ESP): charon initiates to the CD's address, which our responder
 * engine serves through a UDP loop in this test, with a PSK and with ECDSA P-256 certificates;
 * and our initiator engine opens an SA to charon as responder. In each case the engine's CHILD_SA
 * keys must be exactly the ones charon logs, and {@code swanctl --list-sas} must show the IKE SA
 * ESTABLISHED and the CHILD_SA INSTALLED. Needs root and strongSwan: missing ones fail under CI.
 */
class StrongSwanEngineInteropTest {
  private static final Duration HANDSHAKE = Duration.ofSeconds(20);
  private static final String IKE = "aes128gcm16-prfsha256-x25519";
  private static final String ESP = "aes128gcm16";

  @BeforeAll
  static void requireTools() {
    HostTools.requireRoot();
    List.of("charon", "swanctl", "ip", "unshare", "env", "sh").forEach(HostTools::require);
  }

  @Test
  void charonInitiatesWithPskAndOurResponderAgreesTheKeysCharonLogs() throws Exception {
    charonInitiates(CharonPeer.Auth.PSK);
  }

  @Test
  void charonInitiatesWithEcdsaCertificatesAndOurResponderAgreesTheKeysCharonLogs()
      throws Exception {
    charonInitiates(CharonPeer.Auth.CERT);
  }

  /**
   * RFC 7383 both ways: charon fragments its IKE_AUTH request at 512-byte IP packets, our
   * responder fragments its response at 400-byte IKE messages, each reassembles the other's.
   */
  @Test
  void charonAndOurResponderExchangeCertificatesInIkeFragments() throws Exception {
    EngineUdpLoop cd = charonInitiates(CharonPeer.Auth.CERT, 512, 400);
    assertTrue(cd.received().size() >= 3, "IKE_SA_INIT and at least two request fragments");
    assertTrue(cd.sent().size() >= 3, "IKE_SA_INIT and at least two response fragments");
    assertTrue(cd.sent().stream().allMatch(d -> d.message().length <= 400));
  }

  private void charonInitiates(CharonPeer.Auth auth) throws Exception {
    EngineUdpLoop cd = charonInitiates(auth, 1280, Limits.IPV6_MIN_MTU_MESSAGE);
    assertEquals(2, cd.received().size(), "no fragments at the default size");
  }

  /** The loop, closed (its keys zeroed), for the caller to count datagrams. */
  private EngineUdpLoop charonInitiates(CharonPeer.Auth auth, int charonFragment, int ourFragment)
      throws Exception {
    try (CharonPeer charon = CharonPeer.start(auth, IKE, ESP, charonFragment);
        EngineUdpLoop cd = new EngineUdpLoop(
            config(auth, charon.cdAddress).withLimits(
                Limits.DEFAULT.withMaxMessageBytes(ourFragment)),
            charon.cdAddress)) {
      charon.swanctl("--initiate", "--ike", "cd1", "--child", "c", "--timeout",
          Long.toString(HANDSHAKE.toSeconds()));
      IkeOutput.Established up = cd.await(IkeOutput.Established.class, HANDSHAKE);
      assertEquals(Identity.rfc822(CharonPeer.UD_ID), up.peer());
      ChildSa child = up.child().orElseThrow();
      assertEquals(Role.RESPONDER, child.cdRole());
      assertTrue(child.udpEncapsulation(), "charon's fake NAT detection was seen");
      assertEquals(4500, child.peer().getPort());
      assertKeysAreCharons(charon, child, true);
      assertInstanceOf(IkeState.Established.class, cd.state());
      IkeOutput.ChildSaAgreed agreed = cd.await(IkeOutput.ChildSaAgreed.class, HANDSHAKE);
      assertEquals(up.spiI(), agreed.delivery().spiI());
      String record = cd.await(IkeOutput.KeysForDebug.class, HANDSHAKE).keys().wiresharkRecord()
          .orElseThrow();
      assertTrue(record.startsWith(String.format("%016x,%016x,", up.spiI(), up.spiR())), record);
      assertSwanctlShowsTheSa(charon);
      return cd;
    }
  }

  @ParameterizedTest
  @EnumSource(CharonPeer.Auth.class)
  void ourInitiatorOpensAnSaToCharonAsResponder(CharonPeer.Auth auth) throws Exception {
    try (CharonPeer charon = CharonPeer.start(auth, IKE, ESP, 1280);
        EngineUdpLoop cd = new EngineUdpLoop(config(auth, charon.cdAddress), charon.cdAddress)) {
      cd.initiate(new InetSocketAddress(charon.udAddress, 500));
      IkeOutput.Established up = cd.await(IkeOutput.Established.class, HANDSHAKE);
      assertEquals(Identity.rfc822(CharonPeer.UD_ID), up.peer());
      ChildSa child = up.child().orElseThrow();
      assertEquals(Role.INITIATOR, child.cdRole());
      assertEquals(ChildSa.Mode.TUNNEL, child.mode());
      assertKeysAreCharons(charon, child, false);
      assertSwanctlShowsTheSa(charon);
    }
  }

  /** charon's "encryption initiator/responder key" dumps and its SPIs, against the engine's. */
  private static void assertKeysAreCharons(CharonPeer charon, ChildSa child, boolean charonInitiated)
      throws InterruptedException {
    Map<String, byte[]> logged = Map.of();
    long until = System.nanoTime() + HANDSHAKE.toNanos();
    while (System.nanoTime() < until
        && !(logged = CharonLog.childSaValues(charon.log())).containsKey("spi_out")) {
      Thread.sleep(50);
    }
    assertTrue(logged.containsKey("encryption initiator key"), charon::log);
    assertArrayEquals(logged.get("encryption initiator key"), child.keys().initiatorEncryption());
    assertArrayEquals(logged.get("encryption responder key"), child.keys().responderEncryption());
    assertEquals(String.format("%08x", child.outboundSpi()), hex(logged.get("spi_in")));
    assertEquals(String.format("%08x", child.inboundSpi()), hex(logged.get("spi_out")));
    assertEquals(charonInitiated ? Role.RESPONDER : Role.INITIATOR, child.cdRole());
    System.out.printf("charon and the engine agree: ESP SPIs %s/%s, keys %s / %s%n",
        hex(logged.get("spi_in")), hex(logged.get("spi_out")),
        hex(logged.get("encryption initiator key")), hex(logged.get("encryption responder key")));
  }

  private static void assertSwanctlShowsTheSa(CharonPeer charon) throws InterruptedException {
    String sas = "";
    long until = System.nanoTime() + HANDSHAKE.toNanos();
    while (System.nanoTime() < until) {
      sas = charon.swanctl("--list-sas");
      if (sas.contains("INSTALLED")) {
        break;
      }
      Thread.sleep(100);
    }
    assertTrue(sas.contains("ESTABLISHED"), sas);
    assertTrue(sas.contains("INSTALLED"), sas);
    assertTrue(sas.contains(CharonPeer.CD_ID), sas);
    System.out.println(sas);
  }

  /** The CD cd1@example.org as the profile of interop/strongswan.md's recipe. */
  static EngineConfig config(CharonPeer.Auth auth, InetAddress cd) {
    boolean cert = auth == CharonPeer.Auth.CERT;
    Credentials.PreSharedKey psk =
        new Credentials.PreSharedKey(CharonPeer.PSK.getBytes(StandardCharsets.US_ASCII));
    Credentials credentials = cert
        ? new Credentials.Certificate(
            AuthKeys.privateKeyFromPem(new String(resource("cd1.key"), StandardCharsets.US_ASCII))
                .orThrow(),
            List.of(resource("cd1.der")))
        : psk;
    Profile profile = new Profile(
        Identity.rfc822(CharonPeer.CD_ID), credentials,
        List.of(new Profile.IkeProposal(PacketProtection.AES_GCM_16_128,
            PrfAlgorithm.PRF_HMAC_SHA2_256)),
        List.of(DhGroup.CURVE25519), List.of(PacketProtection.AES_GCM_16_128), false,
        List.of(Identity.rfc822(CharonPeer.UD_ID)),
        cert ? Optional.empty() : Optional.of(psk),
        cert ? List.of(anchor()) : List.of());
    return EngineConfig.of(profile, cd).withDebugKeys(true);
  }

  private static X509CertificateHolder anchor() {
    try {
      return new X509CertificateHolder(resource("ca.der"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = StrongSwanEngineInteropTest.class.getResourceAsStream(
        StrongSwanFixture.RESOURCE_ROOT + "certs/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hex(byte[] b) {
    return b == null ? "missing" : java.util.HexFormat.of().formatHex(b);
  }
}
