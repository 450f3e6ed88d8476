package net.iotgw.protocols.ike.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.crypto.IkeCipher;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.Suite;

/**
 * The narrow state of one IKE SA once IKE_SA_INIT is done (strongSwan's ike_sa_t, reduced): who
 * we are in it, its SPIs and keys, where the peer is, what the peer supports. Message IDs and the
 * exchanges in flight are the task manager's ({@link Exchanges}); what an exchange needs beyond
 * this lives in its task.
 *
 * @param config the CD's configuration
 * @param role our role: the original initiator or responder of the IKE SA
 * @param keys SKEYSEED and SK_*; zeroed by {@link #destroy()}
 * @param sendCipher SK protection of what we send (SK_ei/SK_ai as initiator, SK_er/SK_ar as
 *     responder)
 * @param receiveCipher SK protection of what the peer sends
 * @param local our endpoint: the CD's address, the IKE or NAT-T port
 * @param remote the peer's endpoint; a responder follows the source of the last authentic request
 * @param peer what the peer announced in IKE_SA_INIT
 * @param natDetected NAT between us (or {@link EngineConfig.NatTraversal#FORCE}): ESP in UDP
 * @param peerIdentity the peer's identity once IKE_AUTH authenticated it
 * @param nonces Ni and Nr of the exchange that made these keys (IKE_SA_INIT, or the CREATE_CHILD_SA
 *     of a rekey): with SKEYSEED they give SK_d again, on the CD's side (RFC 7296 §2.14)
 */
public record IkeSa(
    EngineConfig config,
    Role role,
    long spiI,
    long spiR,
    IkeSaKeys keys,
    IkeCipher sendCipher,
    IkeCipher receiveCipher,
    InetSocketAddress local,
    InetSocketAddress remote,
    PeerSupport peer,
    boolean natDetected,
    Optional<Identity> peerIdentity,
    Nonces nonces) {

  /**
   * What the peer's IKE_SA_INIT announced.
   *
   * @param fragmentation IKEV2_FRAGMENTATION_SUPPORTED (RFC 7383 §2.3)
   * @param signatureHashes the SIGNATURE_HASH_ALGORITHMS numbers (RFC 7427 §4), empty if none
   */
  public record PeerSupport(boolean fragmentation, List<Integer> signatureHashes) {
    public PeerSupport {
      signatureHashes = List.copyOf(signatureHashes);
    }
  }

  /** Ni and Nr, copied in and out: public values, not secrets. */
  public record Nonces(byte[] ni, byte[] nr) {
    public Nonces {
      ni = ni.clone();
      nr = nr.clone();
    }

    @Override
    public byte[] ni() {
      return ni.clone();
    }

    @Override
    public byte[] nr() {
      return nr.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Nonces n && java.util.Arrays.equals(ni, n.ni)
          && java.util.Arrays.equals(nr, n.nr);
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Arrays.hashCode(ni) + java.util.Arrays.hashCode(nr);
    }

    @Override
    public String toString() {
      return "Nonces[" + ni.length + " + " + nr.length + " bytes]";
    }
  }

  static IkeSa create(
      EngineConfig config,
      Role role,
      long spiI,
      long spiR,
      IkeSaKeys keys,
      InetSocketAddress local,
      InetSocketAddress remote,
      PeerSupport peer,
      boolean natDetected,
      Nonces nonces) {
    boolean initiator = role == Role.INITIATOR;
    return new IkeSa(
        config,
        role,
        spiI,
        spiR,
        keys,
        initiator ? keys.initiatorCipher() : keys.responderCipher(),
        initiator ? keys.responderCipher() : keys.initiatorCipher(),
        local,
        remote,
        peer,
        natDetected,
        Optional.empty(),
        nonces);
  }

  public Suite suite() {
    return keys.suite();
  }

  /** RFC 7296 §2.23: the responder answers where the last authentic request came from. */
  IkeSa withEndpoints(InetSocketAddress newLocal, InetSocketAddress newRemote) {
    return new IkeSa(
        config, role, spiI, spiR, keys, sendCipher, receiveCipher, newLocal, newRemote, peer,
        natDetected, peerIdentity, nonces);
  }

  IkeSa withPeerIdentity(Identity identity) {
    return new IkeSa(
        config, role, spiI, spiR, keys, sendCipher, receiveCipher, local, remote, peer,
        natDetected, Optional.of(identity), nonces);
  }

  /**
   * The IKE SA a rekey made of this one (RFC 7296 §2.18): new role (the rekey's initiator is the
   * new original initiator), SPIs, keys and nonces; same peer, endpoints and capabilities.
   */
  IkeSa rekeyed(Role newRole, long newSpiI, long newSpiR, IkeSaKeys newKeys, Nonces newNonces) {
    IkeSa next = create(config, newRole, newSpiI, newSpiR, newKeys, local, remote, peer,
        natDetected, newNonces);
    return peerIdentity.map(next::withPeerIdentity).orElse(next);
  }

  /** Zeroes SKEYSEED, every SK_* key and the ciphers' copies. */
  void destroy() {
    keys.destroy();
    sendCipher.destroy();
    receiveCipher.destroy();
  }

  @Override
  public String toString() {
    return "IkeSa["
        + role
        + " "
        + Long.toHexString(spiI)
        + "/"
        + Long.toHexString(spiR)
        + ", "
        + keys.suite()
        + ", "
        + local
        + " <-> "
        + remote
        + (natDetected ? " (NAT-T)" : "")
        + peerIdentity.map(i -> ", peer " + i).orElse("")
        + ", keys redacted]";
  }
}
