package net.iotgw.protocols.ike.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import net.iotgw.protocols.ike.keys.Suite;

/**
 * The one proposal a responder's SA payload accepts (RFC 7296 §3.3: "the responder MUST choose a
 * single suite ... and return it"), read transform by transform into our enums, with the name
 * strongSwan logs for it ("selected proposal: IKE:AES_GCM_16_128/PRF_HMAC_SHA2_256/CURVE_25519"),
 * so that a fixture's log line cross-checks the mapping.
 *
 * @param integrity {@link IntegrityAlgorithm#NONE} when the proposal has no INTEG transform (AEAD)
 * @param prf empty for an ESP proposal
 * @param dhGroup empty for an ESP proposal without PFS
 * @param esn empty for an IKE proposal
 */
record SelectedProposal(
    Proposal proposal,
    EncryptionAlgorithm encryption,
    int keyBits,
    IntegrityAlgorithm integrity,
    Optional<PrfAlgorithm> prf,
    Optional<DhGroup> dhGroup,
    Optional<EsnMode> esn) {

  /** The single proposal of a response's SA payload, which must be one we implement. */
  static SelectedProposal of(SaPayload response, ProtocolId protocol) {
    assertEquals(1, response.proposals().size(), "a response's SA carries exactly one proposal");
    Proposal p = response.proposals().get(0);
    assertEquals(protocol.id(), p.protocolId(), "protocol of the selected proposal");
    EncryptionAlgorithm encr = null;
    int keyBits = 0;
    IntegrityAlgorithm integ = IntegrityAlgorithm.NONE;
    PrfAlgorithm prf = null;
    DhGroup dh = null;
    EsnMode esn = null;
    for (Transform t : p.transforms()) {
      TransformType type =
          TransformType.of(t.transformType()).orElseThrow(() -> new AssertionError("type " + t));
      int id = t.transformId();
      switch (type) {
        case ENCR -> {
          encr = known(EncryptionAlgorithm.of(id), t);
          keyBits = t.keyLength().orElse(0);
        }
        case INTEG -> integ = known(IntegrityAlgorithm.of(id), t);
        case PRF -> prf = known(PrfAlgorithm.of(id), t);
        case DH -> dh = known(DhGroup.of(id), t);
        case ESN -> esn = known(EsnMode.of(id), t);
      }
    }
    assertTrue(encr != null, "selected proposal has an ENCR transform");
    if (protocol == ProtocolId.IKE) {
      assertTrue(prf != null && dh != null, "an IKE proposal has PRF and DH transforms");
    } else {
      assertTrue(esn != null, "an ESP proposal has an ESN transform (RFC 7296 §3.3.3)");
    }
    return new SelectedProposal(
        p, encr, keyBits, integ, Optional.ofNullable(prf), Optional.ofNullable(dh),
        Optional.ofNullable(esn));
  }

  private static <T> T known(Optional<T> value, Transform t) {
    return value.orElseGet(() -> fail("strongSwan selected a transform we do not implement: " + t));
  }

  /** The IKE SA's suite; fails if {@link net.iotgw.protocols.ike.keys.Suite} refuses it. */
  Suite suite() {
    return Suite.of(encryption, keyBits, integrity, prf.orElseThrow(), dhGroup.orElseThrow());
  }

  /** The proposal in strongSwan's notation, as its "selected proposal" log line prints it. */
  String strongSwanName() {
    List<String> parts = new ArrayList<>();
    parts.add(encryptionName());
    if (integrity != IntegrityAlgorithm.NONE) {
      parts.add(integrity.name().substring("AUTH_".length()));
    }
    prf.ifPresent(f -> parts.add(f.name()));
    dhGroup.ifPresent(g -> parts.add(g == DhGroup.CURVE25519 ? "CURVE_25519" : g.name()));
    esn.ifPresent(e -> parts.add(e == EsnMode.ESN ? "EXT_SEQ" : "NO_EXT_SEQ"));
    String protocol = ProtocolId.of(proposal.protocolId()).orElseThrow().name();
    return protocol + ":" + String.join("/", parts);
  }

  private String encryptionName() {
    String base = encryption.name().substring("ENCR_".length());
    // ChaCha20-Poly1305 has a fixed key and no Key Length attribute (RFC 7634 §2).
    return encryption == EncryptionAlgorithm.ENCR_CHACHA20_POLY1305 ? base : base + "_" + keyBits;
  }
}
