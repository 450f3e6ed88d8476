package net.iotgw.load.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.IkeState;
import net.iotgw.testing.HostTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real strongSwan 5.9.8 charon as initiator against our responder engine for a CD that allows
 * one CHILD_SA per IKE SA ({@code Profile.maxChildSas() = 1}): charon's second CHILD_SA on the
 * established IKE SA ({@code swanctl --initiate --child c2}, a second child of the connection for
 * CoAP, udp/5683: charon creates no duplicate of a CHILD_SA with the same selectors) is answered NO_ADDITIONAL_SAS
 * (RFC 7296 §1.3); charon logs the notify, fails only that CHILD_SA, and keeps the IKE SA and the
 * first CHILD_SA. Needs root and strongSwan: missing ones fail under CI.
 */
class StrongSwanChildSaBoundInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeAll
  static void requireTools() {
    HostTools.requireRoot();
    List.of("charon", "swanctl", "ip", "unshare", "env", "sh").forEach(HostTools::require);
  }

  @Test
  void charonsSecondChildSaBeyondTheBoundIsRefusedNoAdditionalSasAndTheIkeSaStaysRfc7296Sec1_3()
      throws Exception {
    try (CharonPeer charon = CharonPeer.start(CharonPeer.Auth.PSK,
            "aes128gcm16-prfsha256-x25519", "aes128gcm16", 1280,
            "children {\n c2 {\n mode = tunnel\n esp_proposals = aes128gcm16\n"
                + " remote_ts = dynamic[udp/5683]\n }\n }");
        EngineUdpLoop cd = new EngineUdpLoop(oneChildSa(charon), charon.cdAddress)) {
      charon.swanctl("--initiate", "--ike", "cd1", "--child", "c", "--timeout", "20");
      IkeOutput.Established up = cd.await(IkeOutput.Established.class, WAIT);
      int first = up.child().orElseThrow().inboundSpi();

      HostTools.Result second =
          charon.swanctlResult("--initiate", "--child", "c2", "--timeout", "20");
      System.out.println("swanctl --initiate --child c2: exit " + second.exitCode() + "\n"
          + second.output());
      IkeOutput.ChildSaRefused refused = cd.await(IkeOutput.ChildSaRefused.class, WAIT);
      assertEquals(NotifyType.NO_ADDITIONAL_SAS, refused.error());
      assertNotEquals(0, second.exitCode(), second.output());
      assertEquals(1, cd.all(IkeOutput.ChildSaAgreed.class).size(), "no second key delivery");
      IkeState.Established s = assertInstanceOf(IkeState.Established.class, cd.state());
      assertEquals(List.of(first), s.children().stream().map(c -> c.inboundSpi()).toList());
      assertTrue(cd.all(IkeOutput.Closed.class).isEmpty(), "the IKE SA stays up");

      String log = charon.log();
      assertTrue(log.contains("NO_ADDITIONAL_SAS"), log);
      String sas = charon.swanctl("--list-sas");
      assertTrue(sas.contains("ESTABLISHED"), sas);
      assertTrue(sas.contains("INSTALLED"), sas);
      assertEquals(1, sas.split("INSTALLED", -1).length - 1, "one CHILD_SA: " + sas);
      log.lines().filter(l -> l.contains("NO_ADDITIONAL_SAS") || l.contains("CHILD_SA")
          || l.contains("failed")).forEach(l -> System.out.println("charon: " + l));
    }
  }

  private static EngineConfig oneChildSa(CharonPeer charon) {
    EngineConfig c = StrongSwanEngineInteropTest.config(CharonPeer.Auth.PSK, charon.cdAddress);
    return c.withProfile(c.profile().withMaxChildSas(1));
  }
}
