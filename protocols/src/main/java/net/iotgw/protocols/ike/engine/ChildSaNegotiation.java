package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.codec.TsPayload;
import net.iotgw.protocols.ike.keys.ChildSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;

/**
 * The CHILD_SA part of an exchange (RFC 7296 §1.2, §2.9, §2.17; strongSwan's child_create):
 * ESP proposal, traffic selectors narrowed to the CD and the peer, transport or tunnel mode
 * (§1.3.1: transport only when asked and the profile allows it, the notify echoed), the CD's
 * inbound SPI and KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr). IKE_AUTH calls it with the IKE SA's
 * nonces; CREATE_CHILD_SA ({@link ChildSaExchange}) with its own, and g^ir with PFS (§1.3.1).
 */
final class ChildSaNegotiation {
  /** The error notifies that fail only the CHILD_SA, not the IKE SA (RFC 7296 §1.2). */
  static final Set<Integer> CHILD_ERRORS =
      Set.of(
          NotifyType.NO_PROPOSAL_CHOSEN.id(),
          NotifyType.SINGLE_PAIR_REQUIRED.id(),
          NotifyType.NO_ADDITIONAL_SAS.id(),
          NotifyType.INTERNAL_ADDRESS_FAILURE.id(),
          NotifyType.FAILED_CP_REQUIRED.id(),
          NotifyType.TS_UNACCEPTABLE.id(),
          NotifyType.INVALID_SELECTORS.id());

  /** SPIs 1-255 are reserved by IANA (RFC 4303 §2.1); 0 means none. */
  private static final int FIRST_SPI = 256;

  private ChildSaNegotiation() {}

  /**
   * What the initiator asked for, kept to check the answer against; {@code pfsGroups} are the DH
   * transforms offered (CREATE_CHILD_SA with PFS: the KE's group first), none in IKE_AUTH.
   */
  record Offer(
      int spi, boolean transport, TrafficSelector cd, TrafficSelector peer,
      List<DhGroup> pfsGroups) {

    Offer {
      pfsGroups = List.copyOf(pfsGroups);
    }

    /** A CHILD_SA between the CD and the peer's address. */
    static Offer create(IkeSa sa, List<DhGroup> pfsGroups, SecureRandom random) {
      return new Offer(
          newSpi(random),
          sa.config().profile().transportModeAllowed(),
          TrafficSelectors.host(sa.config().cdAddress()),
          TrafficSelectors.host(sa.remote().getAddress().getAddress()),
          pfsGroups);
    }

    static Offer create(IkeSa sa, SecureRandom random) {
      return create(sa, List.of(), random);
    }

    /** The successor of {@code old} (RFC 7296 §1.3.3): its mode and traffic selectors. */
    static Offer replacing(ChildSa old, List<DhGroup> pfsGroups, SecureRandom random) {
      return new Offer(newSpi(random), old.mode() == ChildSa.Mode.TRANSPORT,
          old.cdSelectors().get(0), old.peerSelectors().get(0), pfsGroups);
    }

    /** [N(USE_TRANSPORT_MODE)] SA TSi TSr, the CD being the exchange's initiator. */
    List<Payload> payloads(IkeSa sa) {
      List<Payload> out = new ArrayList<>(mode());
      out.add(sa(sa.config().profile()));
      out.addAll(selectors());
      return out;
    }

    List<Payload> mode() {
      return transport ? List.of(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE)) : List.of();
    }

    SaPayload sa(Profile profile) {
      return Proposals.espOffer(profile, spi, pfsGroups);
    }

    List<Payload> selectors() {
      return List.of(new TsPayload(Role.INITIATOR, List.of(cd)),
          new TsPayload(Role.RESPONDER, List.of(peer)));
    }
  }

  sealed interface Result {}

  /** Agreed; {@code payloads} are the responder's answer (empty on the initiator side). */
  record Agreed(ChildSa child, List<Payload> payloads) implements Result {}

  record Refused(NotifyType error, String detail) implements Result {}

  /** Responder in IKE_AUTH: the CD answers the peer's SA, TSi and TSr. */
  static Result respond(
      IkeSa sa, List<Payload> request, byte[] ni, byte[] nr, SecureRandom random) {
    Optional<SaPayload> offer = InitPayloads.first(request, SaPayload.class);
    if (offer.isEmpty()) {
      return new Refused(NotifyType.NO_PROPOSAL_CHOSEN, "no SA");
    }
    Optional<Proposals.EspChoice> esp = Proposals.selectEsp(sa.config().profile(), offer.get());
    if (esp.isEmpty()) {
      return new Refused(NotifyType.NO_PROPOSAL_CHOSEN, "no ESP proposal");
    }
    return respond(sa, request, esp.get(), ni, nr, new byte[0], random);
  }

  /**
   * Responder, the ESP proposal {@code esp} chosen: traffic selectors, mode, our SPI and the keys,
   * with {@code gir} the PFS secret (empty without).
   */
  static Result respond(
      IkeSa sa, List<Payload> request, Proposals.EspChoice esp, byte[] ni, byte[] nr, byte[] gir,
      SecureRandom random) {
    Optional<TsPayload> tsi = ts(request, Role.INITIATOR);
    Optional<TsPayload> tsr = ts(request, Role.RESPONDER);
    if (tsi.isEmpty() || tsr.isEmpty()) {
      return new Refused(NotifyType.NO_PROPOSAL_CHOSEN, "no TSi or TSr");
    }
    Profile profile = sa.config().profile();
    Optional<TrafficSelector> peerTs =
        TrafficSelectors.narrowTo(tsi.get().selectors(), sa.remote().getAddress().getAddress());
    Optional<TrafficSelector> cdTs =
        TrafficSelectors.narrowTo(tsr.get().selectors(), sa.config().cdAddress());
    if (peerTs.isEmpty() || cdTs.isEmpty()) {
      return new Refused(NotifyType.TS_UNACCEPTABLE, "selectors exclude the CD or the peer");
    }
    boolean transport =
        profile.transportModeAllowed()
            && InitPayloads.notify(request, NotifyType.USE_TRANSPORT_MODE).isPresent();
    int spi = newSpi(random);
    ChildSa child =
        child(sa, esp, transport, spi, cdTs.get(), peerTs.get(), Role.RESPONDER, ni, nr, gir);
    List<Payload> out = new ArrayList<>();
    if (transport) {
      out.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE));
    }
    out.add(new SaPayload(List.of(Proposals.espAnswer(esp, spi))));
    out.add(new TsPayload(Role.INITIATOR, List.of(peerTs.get())));
    out.add(new TsPayload(Role.RESPONDER, List.of(cdTs.get())));
    return new Agreed(child, out);
  }

  /** Initiator in IKE_AUTH: the peer's answer to our {@code offer}. */
  static Result accept(IkeSa sa, Offer offer, List<Payload> response, byte[] ni, byte[] nr) {
    return accept(sa, offer, response, Optional.empty(), ni, nr, new byte[0]);
  }

  /**
   * Initiator: the peer's answer to our {@code offer}, for which we sent a KE of {@code sent} (PFS,
   * {@code gir} the secret) or none.
   */
  static Result accept(
      IkeSa sa, Offer offer, List<Payload> response, Optional<DhGroup> sent, byte[] ni, byte[] nr,
      byte[] gir) {
    Optional<NotifyPayload> error =
        response.stream()
            .filter(p -> p instanceof NotifyPayload n && CHILD_ERRORS.contains(n.notifyType()))
            .map(NotifyPayload.class::cast)
            .findFirst();
    if (error.isPresent()) {
      NotifyType type = error.get().knownType().orElse(NotifyType.NO_PROPOSAL_CHOSEN);
      return new Refused(type, "peer refused the CHILD_SA: " + error.get());
    }
    Optional<SaPayload> answer = InitPayloads.first(response, SaPayload.class);
    Optional<TsPayload> tsi = ts(response, Role.INITIATOR);
    Optional<TsPayload> tsr = ts(response, Role.RESPONDER);
    if (answer.isEmpty() || tsi.isEmpty() || tsr.isEmpty()) {
      return new Refused(NotifyType.NO_PROPOSAL_CHOSEN, "no SA, TSi or TSr in the answer");
    }
    Optional<Proposals.EspChoice> esp =
        Proposals.acceptEsp(sa.config().profile(), answer.get(), sent);
    if (esp.isEmpty()) {
      return new Refused(NotifyType.NO_PROPOSAL_CHOSEN, "ESP answer is not one we offered");
    }
    List<TrafficSelector> cd = tsi.get().selectors();
    List<TrafficSelector> peer = tsr.get().selectors();
    if (!TrafficSelectors.within(cd, List.of(offer.cd()))
        || !TrafficSelectors.within(peer, List.of(offer.peer()))) {
      return new Refused(NotifyType.TS_UNACCEPTABLE, "answered selectors wider than offered");
    }
    boolean transport =
        offer.transport()
            && InitPayloads.notify(response, NotifyType.USE_TRANSPORT_MODE).isPresent();
    ChildSa child =
        child(sa, esp.get(), transport, offer.spi(), cd.get(0), peer.get(0), Role.INITIATOR, ni,
            nr, gir);
    return new Agreed(child, List.of());
  }

  private static ChildSa child(
      IkeSa sa, Proposals.EspChoice esp, boolean transport, int ourSpi, TrafficSelector cd,
      TrafficSelector peer, Role cdRole, byte[] ni, byte[] nr, byte[] gir) {
    ChildSaKeys keys = gir.length == 0
        ? KeySchedule.childSa(sa.suite().prf(), sa.keys().skD(), esp.esp(), ni, nr)
        : KeySchedule.childSa(sa.suite().prf(), sa.keys().skD(), esp.esp(), gir, ni, nr);
    CryptoCounts.childSaKeys(sa.config(), sa.suite().prf(), esp.esp());
    return new ChildSa(
        esp.esp(),
        transport ? ChildSa.Mode.TRANSPORT : ChildSa.Mode.TUNNEL,
        ourSpi,
        esp.peerSpi(),
        List.of(cd),
        List.of(peer),
        sa.remote(),
        sa.natDetected(),
        cdRole,
        sa.config().limits().childSaLifetimeMillis(),
        keys);
  }

  static Optional<TsPayload> ts(List<Payload> payloads, Role role) {
    return payloads.stream()
        .filter(p -> p instanceof TsPayload t && t.role() == role)
        .map(TsPayload.class::cast)
        .findFirst();
  }

  static int newSpi(SecureRandom random) {
    int spi;
    do {
      spi = random.nextInt();
    } while (Integer.compareUnsigned(spi, FIRST_SPI) < 0);
    return spi;
  }
}
