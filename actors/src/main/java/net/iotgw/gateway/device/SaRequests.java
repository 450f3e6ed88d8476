package net.iotgw.gateway.device;

import java.net.Inet6Address;
import java.util.Optional;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.offload.SaRequest;
import net.iotgw.protocols.offload.SaRequestFailed;

/**
 * The gateway's policy for a CD's request to open an SA to a UD ({@link SaRequest}), decided
 * before any IKE leaves, so that a CD cannot make the gateway talk IKE to hosts its profile does
 * not name:
 *
 * <ul>
 *   <li>the CD needs an IKE profile (it is the identity and credentials the gateway initiates
 *       with);
 *   <li>the UD must be one of the profile's {@code peers}: the identity the request names, or,
 *       when it names none, the UD's address as an ID_IPV6_ADDR peer (then that identity is the
 *       one the UD must prove). A request naming no identity, to an address no peer entry names,
 *       is refused: the gateway would otherwise initiate to any host and only learn who answered
 *       afterwards;
 *   <li>transport mode only if the profile allows it ({@code transport = true}); a tunnel-mode
 *       request makes the gateway offer tunnel mode even when transport is allowed.
 * </ul>
 *
 * UDP encapsulation is forced ({@link EngineConfig.NatTraversal#FORCE}): the ESP forwarder takes
 * ESP from UDs in UDP/4500 only, and strongSwan's kernel-libipsec responders encapsulate anyway.
 */
final class SaRequests {
  private SaRequests() {}

  /** Why the request is refused before IKE, if it is. */
  static Optional<SaRequestFailed.Reason> refusal(Optional<EngineConfig> config, SaRequest r) {
    if (config.isEmpty()) {
      return Optional.of(SaRequestFailed.Reason.NO_IKE_PROFILE);
    }
    Profile p = config.get().profile();
    if (expectedPeer(p, r).isEmpty()) {
      return Optional.of(SaRequestFailed.Reason.PEER_NOT_ALLOWED);
    }
    if (r.mode() == ChildSa.Mode.TRANSPORT && !p.transportModeAllowed()) {
      return Optional.of(SaRequestFailed.Reason.MODE_NOT_ALLOWED);
    }
    return Optional.empty();
  }

  /** The identity the UD must prove: the request's if a peer, else its address's if a peer. */
  static Optional<Identity> expectedPeer(Profile p, SaRequest r) {
    if (r.expectedUd().isPresent()) {
      return r.expectedUd().filter(p.allowedPeers()::contains);
    }
    if (r.ud().getAddress() instanceof Inet6Address a) {
      Identity byAddress = Identity.ipv6(a.getAddress());
      return p.allowedPeers().contains(byAddress) ? Optional.of(byAddress) : Optional.empty();
    }
    return Optional.empty();
  }

  /** The CD's engine configuration for this request: its mode offered, NAT-T forced. */
  static EngineConfig configFor(EngineConfig config, SaRequest r) {
    Profile p = config.profile();
    boolean transport = r.mode() == ChildSa.Mode.TRANSPORT;
    Profile offered = p.transportModeAllowed() == transport ? p
        : new Profile(p.identity(), p.credentials(), p.ikeProposals(), p.dhGroups(),
            p.espProposals(), transport, p.allowedPeers(), p.peerPsk(), p.trustAnchors(),
            p.childSaPfs());
    return config.withProfile(offered).withNatTraversal(EngineConfig.NatTraversal.FORCE);
  }
}
