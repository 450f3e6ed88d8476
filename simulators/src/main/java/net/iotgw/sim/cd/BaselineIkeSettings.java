package net.iotgw.sim.cd;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.ipv6.Ipv6Address;

/**
 * What a CD running IKEv2 itself (the paper's baseline, without the gateway's offload) needs to
 * open an IKE SA to a UD: the responder, both identities and the shared key. The CD proposes one
 * suite only, the one the gateway's profiles pick first (AES-GCM-16-128, PRF-HMAC-SHA2-256,
 * Curve25519; ESP AES-GCM-16-128): the smallest SA payloads a real CD would send, so the
 * comparison does not inflate the baseline's cost.
 *
 * @param responder the UD's address (IKE on port 500)
 * @param identity the CD's IKE identity (IDi)
 * @param responderIdentity the UD's identity, sent as IDr and required of its AUTH
 * @param psk the key both authenticate with (RFC 7296 §2.15); the caller's to keep secret
 */
public record BaselineIkeSettings(
    Ipv6Address responder, Identity identity, Identity responderIdentity, byte[] psk) {

  public static final PacketProtection PROTECTION = PacketProtection.AES_GCM_16_128;
  public static final PrfAlgorithm PRF = PrfAlgorithm.PRF_HMAC_SHA2_256;
  public static final DhGroup GROUP = DhGroup.CURVE25519;

  public BaselineIkeSettings {
    Objects.requireNonNull(responder, "responder");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(responderIdentity, "responderIdentity");
    psk = psk.clone();
  }

  @Override
  public byte[] psk() {
    return psk.clone();
  }

  /** The CD's engine profile: one suite, tunnel mode, the UD as its only peer. */
  Profile profile() {
    return new Profile(identity, new Credentials.PreSharedKey(psk),
        List.of(new Profile.IkeProposal(PROTECTION, PRF)), List.of(GROUP), List.of(PROTECTION),
        false, List.of(responderIdentity), Optional.of(new Credentials.PreSharedKey(psk)),
        List.of());
  }

  @Override
  public String toString() {
    return "BaselineIkeSettings[" + identity + " -> " + responderIdentity + " at " + responder
        + "]";
  }
}
