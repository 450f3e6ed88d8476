package net.iotgw.gateway.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import net.iotgw.gateway.ike.IkeProfiles;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.offload.SaRequest;
import net.iotgw.protocols.offload.SaRequestFailed;
import org.junit.jupiter.api.Test;

/** The gateway's policy for a CD's SA request, decided before any IKE leaves. */
class SaRequestsTest {
  static final byte[] CD = InetAddressBytes.of("2001:db8:cd::1");
  static final byte[] UD = InetAddressBytes.of("2001:db8:1::a");
  static final Identity UD_ID = Identity.rfc822("ud@example.org");

  static final class InetAddressBytes {
    static byte[] of(String a) {
      try {
        return InetAddress.getByName(a).getAddress();
      } catch (java.net.UnknownHostException e) {
        throw new AssertionError(e);
      }
    }
  }

  static EngineConfig config(boolean transport, List<Identity> peers) throws Exception {
    Credentials.PreSharedKey psk = new Credentials.PreSharedKey(new byte[32]);
    Profile p = new Profile(Identity.fqdn("cd1.iot.example"), psk, IkeProfiles.IKE_PROPOSALS,
        IkeProfiles.GROUPS, IkeProfiles.ESP_PROPOSALS, transport, peers, Optional.of(psk),
        List.of());
    return EngineConfig.of(p, InetAddress.getByAddress(CD));
  }

  static SaRequest request(ChildSa.Mode mode, Optional<Identity> id) throws Exception {
    return new SaRequest(1, mode, new InetSocketAddress(InetAddress.getByAddress(UD), 500), id);
  }

  @Test
  void aCdWithoutAnIkeProfileHasNobodyToInitiateAs() throws Exception {
    assertEquals(Optional.of(SaRequestFailed.Reason.NO_IKE_PROFILE), SaRequests.refusal(
        Optional.empty(), request(ChildSa.Mode.TUNNEL, Optional.of(UD_ID))));
  }

  @Test
  void theNamedIdentityMustBeAListedPeer() throws Exception {
    EngineConfig c = config(false, List.of(UD_ID));
    assertTrue(SaRequests.refusal(Optional.of(c),
        request(ChildSa.Mode.TUNNEL, Optional.of(UD_ID))).isEmpty());
    assertEquals(Optional.of(SaRequestFailed.Reason.PEER_NOT_ALLOWED), SaRequests.refusal(
        Optional.of(c), request(ChildSa.Mode.TUNNEL,
            Optional.of(Identity.rfc822("intruder@example.org")))));
    assertEquals(Optional.of(UD_ID), SaRequests.expectedPeer(c.profile(),
        request(ChildSa.Mode.TUNNEL, Optional.of(UD_ID))));
  }

  @Test
  void withoutAnIdentityTheUdsAddressMustBeAListedPeer_andBecomesTheExpectedIdr()
      throws Exception {
    assertEquals(Optional.of(SaRequestFailed.Reason.PEER_NOT_ALLOWED), SaRequests.refusal(
        Optional.of(config(false, List.of(UD_ID))), request(ChildSa.Mode.TUNNEL,
            Optional.empty())));
    EngineConfig byAddress = config(false, List.of(Identity.ipv6(UD)));
    assertTrue(SaRequests.refusal(Optional.of(byAddress),
        request(ChildSa.Mode.TUNNEL, Optional.empty())).isEmpty());
    assertEquals(Optional.of(Identity.ipv6(UD)), SaRequests.expectedPeer(byAddress.profile(),
        request(ChildSa.Mode.TUNNEL, Optional.empty())));
  }

  @Test
  void transportModeOnlyWhereTheProfileAllowsItRfc7296Section1_3_1() throws Exception {
    assertEquals(Optional.of(SaRequestFailed.Reason.MODE_NOT_ALLOWED), SaRequests.refusal(
        Optional.of(config(false, List.of(UD_ID))),
        request(ChildSa.Mode.TRANSPORT, Optional.of(UD_ID))));
    assertTrue(SaRequests.refusal(Optional.of(config(true, List.of(UD_ID))),
        request(ChildSa.Mode.TRANSPORT, Optional.of(UD_ID))).isEmpty());
  }

  @Test
  void theEngineOffersTheModeAskedForAndForcesUdpEncapsulation() throws Exception {
    EngineConfig transportAllowed = config(true, List.of(UD_ID));
    EngineConfig tunnel = SaRequests.configFor(transportAllowed,
        request(ChildSa.Mode.TUNNEL, Optional.of(UD_ID)));
    assertFalse(tunnel.profile().transportModeAllowed());
    assertEquals(EngineConfig.NatTraversal.FORCE, tunnel.natTraversal());
    assertEquals(transportAllowed.profile().identity(), tunnel.profile().identity());
    EngineConfig transport = SaRequests.configFor(transportAllowed,
        request(ChildSa.Mode.TRANSPORT, Optional.of(UD_ID)));
    assertSame(transportAllowed.profile(), transport.profile());
    assertEquals(EngineConfig.NatTraversal.FORCE, transport.natTraversal());
  }
}
