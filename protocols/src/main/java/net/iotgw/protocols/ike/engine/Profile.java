package net.iotgw.protocols.ike.engine;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.PrfAlgorithm;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A constrained device's static IKE profile (paper Sec. III-C): what the gateway may agree to on
 * its behalf, who it is, and whom it accepts. Lists are in preference order; the responder picks
 * by the profile's order, not the peer's (strongSwan's default, {@code prefer_configured_proposals}).
 *
 * @param identity the CD's IDi/IDr
 * @param credentials how the CD authenticates itself
 * @param ikeProposals IKE SA encryption/integrity with PRF, most preferred first
 * @param dhGroups key exchange groups for the IKE SA, most preferred first; the initiator sends its
 *     KE for the first
 * @param espProposals CHILD_SA ESP transforms, most preferred first; always without ESN
 * @param transportModeAllowed whether a USE_TRANSPORT_MODE request is honoured (RFC 7296 §1.3.1)
 * @param allowedPeers the authorization policy: peer identities allowed to hold an SA with the CD
 * @param peerPsk the key a peer's Shared Key MIC (AUTH method 2) is checked with, if PSKs are
 *     accepted
 * @param trustAnchors the CAs a peer's certificate chain must end at, if certificates are accepted
 * @param childSaPfs whether CHILD_SAs created or rekeyed by CREATE_CHILD_SA take a fresh
 *     Diffie-Hellman exchange with one of {@link #dhGroups} (RFC 7296 §1.3.1, §2.17): our requests
 *     then carry KE and a responder requires it; without it, a peer's KE for one of the groups is
 *     still accepted
 * @param maxChildSas the most CHILD_SAs one IKE SA may hold at once for the CD, the IKE_AUTH one
 *     included (at least 1): each costs a key delivery over the radio and SA state in the CD's few
 *     KB of RAM, so it is the CD's to say; a peer's CREATE_CHILD_SA for one more is answered
 *     NO_ADDITIONAL_SAS (RFC 7296 §1.3, §3.10.1), a rekey (which replaces one) is not counted
 */
public record Profile(
    Identity identity,
    Credentials credentials,
    List<IkeProposal> ikeProposals,
    List<DhGroup> dhGroups,
    List<PacketProtection> espProposals,
    boolean transportModeAllowed,
    List<Identity> allowedPeers,
    Optional<Credentials.PreSharedKey> peerPsk,
    List<X509CertificateHolder> trustAnchors,
    boolean childSaPfs,
    int maxChildSas) {

  /**
   * The bound when none is given: the gateway's own default ({@code
   * iotgw.ike.max-child-sas-per-ike-sa}) too. Four leaves room for a few services of a CD and a
   * rekey's overlap without letting one peer fill a small CD's SA table.
   */
  public static final int DEFAULT_MAX_CHILD_SAS = 4;

  /** One IKE SA proposal without its group: the groups come from {@link #dhGroups}. */
  public record IkeProposal(PacketProtection protection, PrfAlgorithm prf) {}

  public Profile {
    ikeProposals = List.copyOf(ikeProposals);
    dhGroups = List.copyOf(dhGroups);
    espProposals = List.copyOf(espProposals);
    allowedPeers = List.copyOf(allowedPeers);
    trustAnchors = List.copyOf(trustAnchors);
    if (ikeProposals.isEmpty() || dhGroups.isEmpty() || espProposals.isEmpty()) {
      throw new IllegalArgumentException("a profile needs IKE and ESP proposals and a DH group");
    }
    if (dhGroups.contains(DhGroup.NONE)) {
      throw new IllegalArgumentException("an IKE SA needs a real DH group");
    }
    if (maxChildSas < 1) {
      throw new IllegalArgumentException(
          "an IKE SA must be allowed at least its first CHILD_SA, not " + maxChildSas);
    }
  }

  /** A profile with the default bound on CHILD_SAs. */
  public Profile(
      Identity identity,
      Credentials credentials,
      List<IkeProposal> ikeProposals,
      List<DhGroup> dhGroups,
      List<PacketProtection> espProposals,
      boolean transportModeAllowed,
      List<Identity> allowedPeers,
      Optional<Credentials.PreSharedKey> peerPsk,
      List<X509CertificateHolder> trustAnchors,
      boolean childSaPfs) {
    this(identity, credentials, ikeProposals, dhGroups, espProposals, transportModeAllowed,
        allowedPeers, peerPsk, trustAnchors, childSaPfs, DEFAULT_MAX_CHILD_SAS);
  }

  /** A profile without PFS for CHILD_SAs. */
  public Profile(
      Identity identity,
      Credentials credentials,
      List<IkeProposal> ikeProposals,
      List<DhGroup> dhGroups,
      List<PacketProtection> espProposals,
      boolean transportModeAllowed,
      List<Identity> allowedPeers,
      Optional<Credentials.PreSharedKey> peerPsk,
      List<X509CertificateHolder> trustAnchors) {
    this(identity, credentials, ikeProposals, dhGroups, espProposals, transportModeAllowed,
        allowedPeers, peerPsk, trustAnchors, false, DEFAULT_MAX_CHILD_SAS);
  }

  /** This profile with a different set of allowed peers. */
  public Profile withAllowedPeers(List<Identity> peers) {
    return new Profile(
        identity, credentials, ikeProposals, dhGroups, espProposals, transportModeAllowed, peers,
        peerPsk, trustAnchors, childSaPfs, maxChildSas);
  }

  /** This profile with PFS for CHILD_SAs on or off. */
  public Profile withChildSaPfs(boolean pfs) {
    return new Profile(
        identity, credentials, ikeProposals, dhGroups, espProposals, transportModeAllowed,
        allowedPeers, peerPsk, trustAnchors, pfs, maxChildSas);
  }

  /** This profile with another bound on the CHILD_SAs of one IKE SA. */
  public Profile withMaxChildSas(int max) {
    return new Profile(
        identity, credentials, ikeProposals, dhGroups, espProposals, transportModeAllowed,
        allowedPeers, peerPsk, trustAnchors, childSaPfs, max);
  }
}
