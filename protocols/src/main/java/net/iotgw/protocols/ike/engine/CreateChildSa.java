package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.codec.KePayload;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.crypto.KeyExchange;
import net.iotgw.protocols.ike.crypto.KeyExchanges;
import net.iotgw.protocols.ike.engine.IkeState.Established;

/**
 * A CHILD_SA we create with CREATE_CHILD_SA (RFC 7296 §1.3.1), or the successor of one we rekey
 * (§1.3.3: N(REKEY_SA) with the old SA's inbound SPI, its traffic selectors and mode); strongSwan's
 * child_create and child_rekey initiators. With the profile's {@code childSaPfs} the request
 * carries a KE of the profile's first group (PFS, §2.17); an INVALID_KE_PAYLOAD naming another of
 * the profile's groups is retried once with it. The new CHILD_SA goes through the key-delivery
 * hold; after it, the old one is deleted (§2.8). {@link CreateChildSaInFlight} takes the response.
 *
 * @param rekeyed the CD's inbound SPI of the CHILD_SA to rekey; empty for an additional CHILD_SA
 * @param group the group for the KE, if one is asked for (PFS)
 */
public record CreateChildSa(Optional<Integer> rekeyed, Optional<DhGroup> group)
    implements InitiatorTask {

  /** An additional CHILD_SA between the CD and the peer. */
  public static CreateChildSa additional() {
    return new CreateChildSa(Optional.empty(), Optional.empty());
  }

  /** The rekey of the CHILD_SA whose CD-side inbound SPI is {@code inboundSpi}. */
  public static CreateChildSa rekey(int inboundSpi) {
    return new CreateChildSa(Optional.of(inboundSpi), Optional.empty());
  }

  @Override
  public Optional<Started> start(Established s, long now, SecureRandom random) {
    Optional<ChildSa> old = rekeyed.flatMap(s::child);
    if (rekeyed.isPresent() && (old.isEmpty() || s.lifetimes().isReplaced(rekeyed.get())
        || DeleteChildSa.underway(s, rekeyed.get()))) {
      return Optional.empty();
    }
    Profile profile = s.sa().config().profile();
    List<DhGroup> groups = new ArrayList<>();
    if (group.isPresent() || profile.childSaPfs()) {
      groups.add(group.orElse(profile.dhGroups().get(0)));
      profile.dhGroups().stream().filter(g -> !groups.contains(g)).forEach(groups::add);
    }
    ChildSaNegotiation.Offer offer = old.isPresent()
        ? ChildSaNegotiation.Offer.replacing(old.get(), groups, random)
        : ChildSaNegotiation.Offer.create(s.sa(), groups, random);
    byte[] ni = new byte[IkeInitResponder.NONCE_LENGTH];
    random.nextBytes(ni);
    Optional<KeyExchange> ke =
        groups.isEmpty() ? Optional.empty() : Optional.of(KeyExchanges.generate(groups.get(0),
            random));
    ke.ifPresent(k -> CryptoCounts.keyPair(s.sa().config()));
    List<Payload> request = new ArrayList<>();
    old.ifPresent(o -> request.add(ChildSaExchange.rekeySa(o.inboundSpi())));
    request.addAll(offer.mode());
    request.add(offer.sa(profile));
    request.add(new NoncePayload(ni));
    ke.ifPresent(k -> request.add(new KePayload(k.group().id(), k.publicValue())));
    request.addAll(offer.selectors());
    return Optional.of(new Started(
        new CreateChildSaInFlight(this, offer, ni, ke, Optional.empty()), request));
  }

  /** Whether a rekey of the CHILD_SA is queued or under way. */
  static boolean planned(Established s, int inboundSpi) {
    boolean queued = s.tasks().queued().stream().anyMatch(
        t -> t instanceof CreateChildSa c && c.rekeyed().equals(Optional.of(inboundSpi)));
    return queued || CreateChildSaInFlight.rekeying(s, inboundSpi).isPresent();
  }
}
