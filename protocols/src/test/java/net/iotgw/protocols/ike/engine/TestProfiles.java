package net.iotgw.protocols.ike.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;

/** Engine configurations for the in-memory tests: the UD and CD of interop/strongswan.md. */
final class TestProfiles {
  static final byte[] PSK = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final Identity UD = Identity.rfc822("ud@example.org");
  static final Identity CD = Identity.rfc822("cd1@example.org");

  static final PacketProtection CBC_256_SHA256 =
      new PacketProtection(EncryptionAlgorithm.ENCR_AES_CBC, 256,
          IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128);

  /** The three suites the brief names, IKE and ESP alike. */
  enum TestSuite {
    AES_GCM_16_X25519(PacketProtection.AES_GCM_16_128, DhGroup.CURVE25519),
    AES_CBC_256_SHA256_ECP256(CBC_256_SHA256, DhGroup.ECP_256),
    CHACHA20_POLY1305_X25519(PacketProtection.CHACHA20_POLY1305, DhGroup.CURVE25519);

    final PacketProtection protection;
    final DhGroup group;

    TestSuite(PacketProtection protection, DhGroup group) {
      this.protection = protection;
      this.group = group;
    }
  }

  private TestProfiles() {}

  static Profile psk(Identity self, Identity peer, TestSuite suite) {
    return new Profile(
        self,
        new Credentials.PreSharedKey(PSK),
        List.of(new Profile.IkeProposal(suite.protection, PrfAlgorithm.PRF_HMAC_SHA2_256)),
        List.of(suite.group),
        List.of(suite.protection),
        false,
        List.of(peer),
        Optional.of(new Credentials.PreSharedKey(PSK)),
        List.of());
  }

  static Profile cert(Identity self, Identity peer, TestPki.Party own, TestPki.Party ca,
      TestSuite suite) {
    return new Profile(
        self,
        new Credentials.Certificate(own.privateKey(), List.of(own.der())),
        List.of(new Profile.IkeProposal(suite.protection, PrfAlgorithm.PRF_HMAC_SHA2_256)),
        List.of(suite.group),
        List.of(suite.protection),
        false,
        List.of(peer),
        Optional.empty(),
        List.of(ca.cert()));
  }

  static EngineConfig config(Profile profile, boolean initiatorSide) {
    return EngineConfig.of(profile,
        initiatorSide ? Conversation.UD_ADDRESS : Conversation.CD_ADDRESS);
  }

  /** UD initiating (as a CD would through its gateway) to the CD, both with PSKs. */
  static Conversation pskConversation(TestSuite suite, long seed) {
    return new Conversation(
        config(psk(UD, CD, suite), true), config(psk(CD, UD, suite), false), seed);
  }

  static Profile withTransport(Profile p, boolean allowed) {
    return new Profile(p.identity(), p.credentials(), p.ikeProposals(), p.dhGroups(),
        p.espProposals(), allowed, p.allowedPeers(), p.peerPsk(), p.trustAnchors());
  }

  static Profile withGroups(Profile p, List<DhGroup> groups) {
    return new Profile(p.identity(), p.credentials(), p.ikeProposals(), groups,
        p.espProposals(), p.transportModeAllowed(), p.allowedPeers(), p.peerPsk(),
        p.trustAnchors());
  }

  static Profile withPeerPsk(Profile p, byte[] psk) {
    return new Profile(p.identity(), new Credentials.PreSharedKey(psk), p.ikeProposals(),
        p.dhGroups(), p.espProposals(), p.transportModeAllowed(), p.allowedPeers(),
        Optional.of(new Credentials.PreSharedKey(psk)), p.trustAnchors());
  }
}
