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
 * Our rekey of the IKE SA (RFC 7296 §1.3.2; strongSwan's ike_rekey initiator): CREATE_CHILD_SA with
 * SA (the profile's proposals, each with our new SPIi), Ni and KEi of the current group. The
 * response makes the new IKE SA, SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr) (§2.18); the
 * CHILD_SAs move to it and we delete the old one. {@link RekeyIkeSaInFlight} takes the response.
 *
 * @param group the group for the KE, when an INVALID_KE_PAYLOAD asked for another
 */
public record RekeyIkeSa(Optional<DhGroup> group) implements InitiatorTask {

  public RekeyIkeSa() {
    this(Optional.empty());
  }

  @Override
  public Optional<Started> start(Established s, long now, SecureRandom random) {
    IkeSa sa = s.sa();
    Profile profile = sa.config().profile();
    List<DhGroup> groups = new ArrayList<>();
    groups.add(group.orElse(sa.suite().dhGroup()));
    profile.dhGroups().stream().filter(g -> !groups.contains(g)).forEach(groups::add);
    long spiI = IkeInitResponder.nonZero(random);
    byte[] ni = new byte[IkeInitResponder.NONCE_LENGTH];
    random.nextBytes(ni);
    KeyExchange ke = KeyExchanges.generate(groups.get(0), random);
    CryptoCounts.keyPair(sa.config());
    List<Payload> request = List.of(
        Proposals.ikeOffer(profile, groups, Proposals.ikeSpiBytes(spiI)),
        new NoncePayload(ni),
        new KePayload(ke.group().id(), ke.publicValue()));
    return Optional.of(new Started(
        new RekeyIkeSaInFlight(this, spiI, ni, ke, Optional.empty()), request));
  }
}
