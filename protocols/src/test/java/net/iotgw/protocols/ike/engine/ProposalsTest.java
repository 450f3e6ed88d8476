package net.iotgw.protocols.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.EsnMode;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.TransformType;
import net.iotgw.protocols.ike.codec.Proposal;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.codec.Transform;
import net.iotgw.protocols.ike.codec.TransformAttribute;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import net.iotgw.protocols.ike.keys.Suite;
import org.junit.jupiter.api.Test;

/** Proposal selection against the profile (RFC 7296 §2.7, §3.3, §3.3.6; RFC 5282 §8). */
class ProposalsTest {
  private static final Profile PROFILE = TestProfiles.withGroups(
      TestProfiles.psk(TestProfiles.CD, TestProfiles.UD, TestSuite.AES_GCM_16_X25519),
      List.of(DhGroup.CURVE25519, DhGroup.ECP_256));

  private static Transform encr(EncryptionAlgorithm e, int bits) {
    return Transform.withKeyLength(TransformType.ENCR, e.id(), bits);
  }

  private static Transform t(TransformType type, int id) {
    return new Transform(type, id);
  }

  private static SaPayload ike(Proposal... p) {
    return new SaPayload(List.of(p));
  }

  private static Proposal ikeProposal(int number, Transform... t) {
    return new Proposal(number, ProtocolId.IKE.id(), new byte[0], List.of(t));
  }

  @Test
  void theProfilesPreferenceWinsOverThePeersOrderAndTheProposalNumberIsEchoed() {
    SaPayload offer = ike(
        ikeProposal(1, encr(EncryptionAlgorithm.ENCR_AES_CBC, 256),
            t(TransformType.INTEG, 12), t(TransformType.PRF, 5), t(TransformType.DH, 19)),
        ikeProposal(2, encr(EncryptionAlgorithm.ENCR_AES_GCM_16, 128), t(TransformType.PRF, 5),
            t(TransformType.DH, 19), t(TransformType.DH, 31)));
    Proposals.IkeChoice choice = Proposals.selectIke(PROFILE, offer).orElseThrow();
    assertEquals(2, choice.number());
    assertEquals(List.of(DhGroup.CURVE25519, DhGroup.ECP_256), choice.groups());
    assertEquals(List.of(encr(EncryptionAlgorithm.ENCR_AES_GCM_16, 128), t(TransformType.PRF, 5),
            t(TransformType.DH, 31)),
        Proposals.ikeAnswer(choice, DhGroup.CURVE25519).transforms());
  }

  @Test
  void rfc7296Section3_3_6ProposalsWithUnknownTypesOrAttributesAreSkipped() {
    Transform unknownAttribute = new Transform(TransformType.ENCR.id(),
        EncryptionAlgorithm.ENCR_AES_GCM_16.id(),
        List.of(TransformAttribute.keyLength(128), new TransformAttribute.Tv(99, 1)));
    SaPayload offer = ike(
        ikeProposal(1, encr(EncryptionAlgorithm.ENCR_AES_GCM_16, 128), t(TransformType.PRF, 5),
            t(TransformType.DH, 31), new Transform(9, 1, List.of())),
        ikeProposal(2, unknownAttribute, t(TransformType.PRF, 5), t(TransformType.DH, 31)),
        ikeProposal(3, encr(EncryptionAlgorithm.ENCR_AES_GCM_16, 256), t(TransformType.PRF, 5),
            t(TransformType.DH, 31)));
    assertEquals(Optional.empty(), Proposals.selectIke(PROFILE, offer));
  }

  @Test
  void rfc5282Section8AeadProposalsMayCarryIntegNoneButNotARealIntegrityTransform() {
    Transform gcm = encr(EncryptionAlgorithm.ENCR_AES_GCM_16, 128);
    assertTrue(Proposals.selectIke(PROFILE, ike(ikeProposal(1, gcm, t(TransformType.INTEG, 0),
        t(TransformType.PRF, 5), t(TransformType.DH, 31)))).isPresent());
    assertEquals(Optional.empty(), Proposals.selectIke(PROFILE, ike(ikeProposal(1, gcm,
        t(TransformType.INTEG, 12), t(TransformType.PRF, 5), t(TransformType.DH, 31)))));
  }

  @Test
  void initiatorAcceptsOnlyASingleProposalItOfferedWithItsKeGroup() {
    Proposal good = ikeProposal(1, encr(EncryptionAlgorithm.ENCR_AES_GCM_16, 128),
        t(TransformType.PRF, 5), t(TransformType.DH, 31));
    assertEquals(Optional.of(new Suite(PacketProtection.AES_GCM_16_128,
            PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.CURVE25519)),
        Proposals.acceptIke(PROFILE, ike(good), DhGroup.CURVE25519));
    assertEquals(Optional.empty(), Proposals.acceptIke(PROFILE, ike(good), DhGroup.ECP_256));
    assertEquals(Optional.empty(), Proposals.acceptIke(PROFILE, ike(good, good), DhGroup.CURVE25519));
    Proposal twoGroups = ikeProposal(1, encr(EncryptionAlgorithm.ENCR_AES_GCM_16, 128),
        t(TransformType.PRF, 5), t(TransformType.DH, 31), t(TransformType.DH, 19));
    assertEquals(Optional.empty(), Proposals.acceptIke(PROFILE, ike(twoGroups), DhGroup.CURVE25519));
  }

  @Test
  void espSelectionIgnoresDhInIkeAuthAndRequiresNoEsnAndAFourByteSpi() {
    byte[] spi = {1, 2, 3, 4};
    Transform gcm = encr(EncryptionAlgorithm.ENCR_AES_GCM_16, 128);
    SaPayload withDh = new SaPayload(List.of(new Proposal(1, ProtocolId.ESP.id(), spi,
        List.of(gcm, t(TransformType.ESN, EsnMode.NO_ESN.id()), t(TransformType.DH, 31)))));
    assertEquals(0x01020304, Proposals.selectEsp(PROFILE, withDh).orElseThrow().peerSpi());
    SaPayload esnOnly = new SaPayload(List.of(new Proposal(1, ProtocolId.ESP.id(), spi,
        List.of(gcm, t(TransformType.ESN, EsnMode.ESN.id())))));
    assertEquals(Optional.empty(), Proposals.selectEsp(PROFILE, esnOnly));
    SaPayload shortSpi = new SaPayload(List.of(new Proposal(1, ProtocolId.ESP.id(),
        new byte[] {1, 2}, List.of(gcm, t(TransformType.ESN, 0)))));
    assertEquals(Optional.empty(), Proposals.selectEsp(PROFILE, shortSpi));
    SaPayload offer = Proposals.espOffer(PROFILE, 0x0a0b0c0d);
    Proposals.EspChoice choice = Proposals.selectEsp(PROFILE, offer).orElseThrow();
    assertEquals(Optional.of(choice.esp()),
        Proposals.acceptEsp(PROFILE, new SaPayload(List.of(Proposals.espAnswer(choice, 77))))
            .map(Proposals.EspChoice::esp));
  }

  @Test
  void chaCha20Poly1305CarriesNoKeyLengthAttributeRfc7634Section2() {
    Profile chacha = TestProfiles.psk(TestProfiles.CD, TestProfiles.UD,
        TestSuite.CHACHA20_POLY1305_X25519);
    Transform encr = Proposals.ikeOffer(chacha).proposals().get(0).transforms().get(0);
    assertEquals(List.of(), encr.attributes());
    assertEquals(IntegrityAlgorithm.NONE, chacha.ikeProposals().get(0).protection().integrity());
  }
}
