package net.iotgw.protocols.ike.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.EsnMode;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.TransformType;
import net.iotgw.protocols.ike.codec.Proposal;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.codec.Transform;
import net.iotgw.protocols.ike.codec.TransformAttribute;
import net.iotgw.protocols.ike.keys.Suite;

/**
 * SA payloads from and against the CD's profile (RFC 7296 §3.3): our offers, the responder's
 * choice (by the profile's preference, RFC 7296 §2.7), and the initiator's check that an answer is
 * one it offered. A proposal with a transform type we do not know is skipped (§3.3.6), and so is a
 * transform with an attribute other than Key Length.
 */
final class Proposals {
  private static final Set<Integer> IKE_TYPES =
      Set.of(TransformType.ENCR.id(), TransformType.PRF.id(), TransformType.INTEG.id(),
          TransformType.DH.id());
  private static final Set<Integer> ESP_TYPES =
      Set.of(TransformType.ENCR.id(), TransformType.INTEG.id(), TransformType.ESN.id(),
          TransformType.DH.id());
  private static final int ESP_SPI_LENGTH = 4;
  /** An IKE SA's SPI in a rekey's proposal (RFC 7296 §3.3.1); none in IKE_SA_INIT. */
  static final int IKE_SPI_LENGTH = 8;

  private Proposals() {}

  /**
   * The responder's pick: a peer proposal's number, the groups it shares with the profile, and in
   * a rekey the new SPIi it carries (0 in IKE_SA_INIT).
   */
  record IkeChoice(int number, Profile.IkeProposal proposal, List<DhGroup> groups, long peerSpi) {
    Suite suite(DhGroup group) {
      return new Suite(proposal.protection(), proposal.prf(), group);
    }
  }

  /**
   * An ESP proposal agreed: its number, transforms, the SPI its sender chose, and the group of a
   * fresh Diffie-Hellman exchange (PFS, CREATE_CHILD_SA only).
   */
  record EspChoice(int number, PacketProtection esp, int peerSpi, Optional<DhGroup> pfs) {
    EspChoice(int number, PacketProtection esp, int peerSpi) {
      this(number, esp, peerSpi, Optional.empty());
    }
  }

  /** The answer to a rekey of the IKE SA: the new suite and the responder's new SPI. */
  record IkeRekeyAnswer(Suite suite, long spiR) {}

  /** One proposal per profile entry, each with every profile group (KE goes for the first). */
  static SaPayload ikeOffer(Profile profile) {
    return ikeOffer(profile, profile.dhGroups(), new byte[0]);
  }

  /**
   * A rekey's offer (RFC 7296 §1.3.2): each proposal carries our new SPI, {@code groups} in order
   * (the KE's first).
   */
  static SaPayload ikeOffer(Profile profile, List<DhGroup> groups, byte[] spi) {
    List<Proposal> out = new ArrayList<>();
    for (Profile.IkeProposal p : profile.ikeProposals()) {
      List<Transform> t = new ArrayList<>(protection(p.protection()));
      t.add(new Transform(TransformType.PRF, p.prf().id()));
      groups.forEach(g -> t.add(new Transform(TransformType.DH, g.id())));
      out.add(new Proposal(out.size() + 1, ProtocolId.IKE.id(), spi, t));
    }
    return new SaPayload(out);
  }

  static Proposal ikeAnswer(IkeChoice c, DhGroup group) {
    return ikeAnswer(c, group, new byte[0]);
  }

  /** The chosen proposal with the one group, and in a rekey our new SPIr. */
  static Proposal ikeAnswer(IkeChoice c, DhGroup group, byte[] spi) {
    List<Transform> t = new ArrayList<>(protection(c.proposal().protection()));
    t.add(new Transform(TransformType.PRF, c.proposal().prf().id()));
    t.add(new Transform(TransformType.DH, group.id()));
    return new Proposal(c.number(), ProtocolId.IKE.id(), spi, t);
  }

  /** The profile's most preferred IKE proposal that one of the peer's proposals contains. */
  static Optional<IkeChoice> selectIke(Profile profile, SaPayload offer) {
    return selectIke(profile, offer, 0);
  }

  /** The same for a rekey, whose proposals carry the initiator's new 8-byte SPI. */
  static Optional<IkeChoice> selectIkeRekey(Profile profile, SaPayload offer) {
    return selectIke(profile, offer, IKE_SPI_LENGTH);
  }

  private static Optional<IkeChoice> selectIke(Profile profile, SaPayload offer, int spiLength) {
    for (Profile.IkeProposal ours : profile.ikeProposals()) {
      for (Proposal theirs : offer.proposals()) {
        if (!usable(theirs, ProtocolId.IKE, spiLength, IKE_TYPES)
            || !offers(theirs, ours.protection())
            || !has(theirs, TransformType.PRF, ours.prf().id())) {
          continue;
        }
        List<DhGroup> groups =
            profile.dhGroups().stream().filter(g -> has(theirs, TransformType.DH, g.id())).toList();
        if (!groups.isEmpty()) {
          long spi = spiLength == 0 ? 0 : ikeSpi(theirs.spi());
          if (spiLength == 0 || spi != 0) {
            return Optional.of(new IkeChoice(theirs.number(), ours, groups, spi));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The suite of a responder's answer, if it is one of our proposals with the group we sent. */
  static Optional<Suite> acceptIke(Profile profile, SaPayload answer, DhGroup sent) {
    return acceptIke(profile, answer, sent, 0);
  }

  /** A rekey's answer: one of our proposals with the group we sent and a non-zero new SPIr. */
  static Optional<IkeRekeyAnswer> acceptIkeRekey(Profile profile, SaPayload answer, DhGroup sent) {
    return acceptIke(profile, answer, sent, IKE_SPI_LENGTH)
        .map(suite -> new IkeRekeyAnswer(suite, ikeSpi(answer.proposals().get(0).spi())))
        .filter(a -> a.spiR() != 0);
  }

  private static Optional<Suite> acceptIke(
      Profile profile, SaPayload answer, DhGroup sent, int spiLength) {
    if (answer.proposals().size() != 1) {
      return Optional.empty();
    }
    Proposal p = answer.proposals().get(0);
    if (!usable(p, ProtocolId.IKE, spiLength, IKE_TYPES)
        || count(p, TransformType.ENCR) != 1
        || count(p, TransformType.PRF) != 1
        || count(p, TransformType.INTEG) > 1
        || count(p, TransformType.DH) != 1
        || !has(p, TransformType.DH, sent.id())) {
      return Optional.empty();
    }
    for (Profile.IkeProposal ours : profile.ikeProposals()) {
      if (offers(p, ours.protection()) && has(p, TransformType.PRF, ours.prf().id())) {
        return Optional.of(new Suite(ours.protection(), ours.prf(), sent));
      }
    }
    return Optional.empty();
  }

  /** One ESP proposal per profile entry, all with our inbound SPI and no ESN (RFC 7296 §3.3.2). */
  static SaPayload espOffer(Profile profile, int spi) {
    return espOffer(profile, spi, List.of());
  }

  /** The same with {@code pfsGroups} as DH transforms in each (CREATE_CHILD_SA with PFS). */
  static SaPayload espOffer(Profile profile, int spi, List<DhGroup> pfsGroups) {
    List<Proposal> out = new ArrayList<>();
    for (PacketProtection esp : profile.espProposals()) {
      List<Transform> t = espTransforms(esp);
      pfsGroups.forEach(g -> t.add(new Transform(TransformType.DH, g.id())));
      out.add(new Proposal(out.size() + 1, ProtocolId.ESP.id(), spiBytes(spi), t));
    }
    return new SaPayload(out);
  }

  static Proposal espAnswer(EspChoice c, int ourSpi) {
    List<Transform> t = espTransforms(c.esp());
    c.pfs().ifPresent(g -> t.add(new Transform(TransformType.DH, g.id())));
    return new Proposal(c.number(), ProtocolId.ESP.id(), spiBytes(ourSpi), t);
  }

  /**
   * CREATE_CHILD_SA's choice (RFC 7296 §1.3.1, §3.3.3): the profile's most preferred ESP transforms
   * in a peer proposal whose DH transforms, if any, include one of the profile's groups (the most
   * preferred is taken: PFS) or NONE; a proposal without DH is refused when the profile wants PFS.
   */
  static Optional<EspChoice> selectEspWithPfs(Profile profile, SaPayload offer) {
    for (PacketProtection ours : profile.espProposals()) {
      for (Proposal theirs : offer.proposals()) {
        if (!usable(theirs, ProtocolId.ESP, ESP_SPI_LENGTH, ESP_TYPES)
            || !offers(theirs, ours)
            || !withoutEsn(theirs, false)) {
          continue;
        }
        Optional<DhGroup> group = profile.dhGroups().stream()
            .filter(g -> has(theirs, TransformType.DH, g.id())).findFirst();
        boolean noDh = count(theirs, TransformType.DH) == 0
            || has(theirs, TransformType.DH, DhGroup.NONE.id());
        if (group.isPresent() || (noDh && !profile.childSaPfs())) {
          return Optional.of(new EspChoice(theirs.number(), ours, spi(theirs.spi()), group));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The profile's most preferred ESP transforms in one of the peer's proposals. DH transforms are
   * ignored: IKE_AUTH's CHILD_SA takes its keys from the IKE SA (RFC 7296 §1.2).
   */
  static Optional<EspChoice> selectEsp(Profile profile, SaPayload offer) {
    for (PacketProtection ours : profile.espProposals()) {
      for (Proposal theirs : offer.proposals()) {
        if (usable(theirs, ProtocolId.ESP, ESP_SPI_LENGTH, ESP_TYPES)
            && offers(theirs, ours)
            && withoutEsn(theirs, false)) {
          return Optional.of(new EspChoice(theirs.number(), ours, spi(theirs.spi())));
        }
      }
    }
    return Optional.empty();
  }

  /** The responder's ESP answer, if it is one proposal we offered. */
  static Optional<EspChoice> acceptEsp(Profile profile, SaPayload answer) {
    return acceptEsp(profile, answer, Optional.empty());
  }

  /** The same, with the one DH transform of the KE we sent, if we sent one (PFS). */
  static Optional<EspChoice> acceptEsp(
      Profile profile, SaPayload answer, Optional<DhGroup> sent) {
    if (answer.proposals().size() != 1) {
      return Optional.empty();
    }
    Proposal p = answer.proposals().get(0);
    boolean dh = sent.isEmpty()
        ? count(p, TransformType.DH) == 0
        : count(p, TransformType.DH) == 1 && has(p, TransformType.DH, sent.get().id());
    if (!usable(p, ProtocolId.ESP, ESP_SPI_LENGTH, ESP_TYPES)
        || count(p, TransformType.ENCR) != 1
        || count(p, TransformType.INTEG) > 1
        || !dh
        || !withoutEsn(p, true)) {
      return Optional.empty();
    }
    return profile.espProposals().stream()
        .filter(ours -> offers(p, ours))
        .findFirst()
        .map(ours -> new EspChoice(p.number(), ours, spi(p.spi()), sent));
  }

  static byte[] spiBytes(int spi) {
    return new byte[] {(byte) (spi >>> 24), (byte) (spi >>> 16), (byte) (spi >>> 8), (byte) spi};
  }

  static int spi(byte[] b) {
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  static byte[] ikeSpiBytes(long spi) {
    byte[] b = new byte[IKE_SPI_LENGTH];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) spi;
      spi >>>= 8;
    }
    return b;
  }

  static long ikeSpi(byte[] b) {
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xff);
    }
    return v;
  }

  private static List<Transform> espTransforms(PacketProtection esp) {
    List<Transform> t = new ArrayList<>(protection(esp));
    t.add(new Transform(TransformType.ESN, EsnMode.NO_ESN.id()));
    return t;
  }

  /** ENCR (with Key Length, except ChaCha20-Poly1305, RFC 7634 §2) and INTEG unless AEAD. */
  private static List<Transform> protection(PacketProtection p) {
    List<Transform> t = new ArrayList<>();
    int encr = p.encryption().id();
    t.add(
        p.encryption() == EncryptionAlgorithm.ENCR_CHACHA20_POLY1305
            ? new Transform(TransformType.ENCR, encr)
            : Transform.withKeyLength(TransformType.ENCR, encr, p.keyBits()));
    if (!p.isAead()) {
      t.add(new Transform(TransformType.INTEG, p.integrity().id()));
    }
    return t;
  }

  private static boolean usable(Proposal p, ProtocolId protocol, int spiLength, Set<Integer> types) {
    return p.protocolId() == protocol.id()
        && p.spi().length == spiLength
        && p.transforms().stream().allMatch(t -> types.contains(t.transformType()));
  }

  /** Whether the proposal contains the encryption (with its key length) and integrity of {@code pp}. */
  private static boolean offers(Proposal p, PacketProtection pp) {
    boolean encr =
        p.transforms().stream()
            .anyMatch(
                t -> t.transformType() == TransformType.ENCR.id()
                    && t.transformId() == pp.encryption().id()
                    && keyBits(t, pp.encryption()) == pp.keyBits());
    if (!encr) {
      return false;
    }
    // RFC 5282 §8: an AEAD proposal omits INTEG or carries NONE.
    return pp.isAead()
        ? count(p, TransformType.INTEG) == 0 || has(p, TransformType.INTEG, IntegrityAlgorithm.NONE.id())
        : has(p, TransformType.INTEG, pp.integrity().id());
  }

  /** The Key Length attribute; -1 when an attribute we do not know makes the transform unusable. */
  private static int keyBits(Transform t, EncryptionAlgorithm e) {
    int bits = 0;
    for (TransformAttribute a : t.attributes()) {
      if (!(a instanceof TransformAttribute.Tv tv)
          || tv.attributeType() != TransformAttribute.KEY_LENGTH) {
        return -1;
      }
      bits = tv.value();
    }
    return e == EncryptionAlgorithm.ENCR_CHACHA20_POLY1305 && bits == 0 ? 256 : bits;
  }

  /** No ESN offered, or NO_ESN among them (an answer: exactly that one, or none). */
  private static boolean withoutEsn(Proposal p, boolean answer) {
    long esn = count(p, TransformType.ESN);
    boolean noEsn = has(p, TransformType.ESN, EsnMode.NO_ESN.id());
    return esn == 0 || (noEsn && (!answer || esn == 1));
  }

  private static boolean has(Proposal p, TransformType type, int id) {
    return p.transforms().stream()
        .anyMatch(t -> t.transformType() == type.id() && t.transformId() == id);
  }

  private static long count(Proposal p, TransformType type) {
    return p.transforms().stream().filter(t -> t.transformType() == type.id()).count();
  }
}
