package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.codec.KePayload;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.crypto.KeyExchange;
import net.iotgw.protocols.ike.crypto.KeyExchanges;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.wire.Decoded;

/**
 * A CHILD_SA made by CREATE_CHILD_SA, responder side (RFC 7296 §1.3.1 new, §1.3.3 rekey;
 * strongSwan's child_create and child_rekey responders): HDR, SK {[N(REKEY_SA)], SA, Ni, [KEi],
 * TSi, TSr} is answered with SK {SA, Nr, [KEr], TSi, TSr}, and KEYMAT = prf+(SK_d, [g^ir (new) |]
 * Ni | Nr) (§2.17). PFS is agreed when the chosen proposal carries one of the profile's groups; a
 * KEi of another group is answered INVALID_KE_PAYLOAD naming ours (§1.3). The new CHILD_SA goes
 * through the key-delivery hold like the first one.
 */
final class ChildSaExchange {
  private ChildSaExchange() {}

  /** The answer to a request for a new CHILD_SA, replacing {@code old} if it is a rekey. */
  static ResponderTask.Reply respond(
      Established s, List<Payload> request, Optional<ChildSa> old, SecureRandom random) {
    IkeSa sa = s.sa();
    Optional<SaPayload> offer = InitPayloads.first(request, SaPayload.class);
    Optional<NoncePayload> ni = InitPayloads.first(request, NoncePayload.class);
    if (offer.isEmpty() || ni.isEmpty()) {
      return refuse(sa, NotifyType.NO_PROPOSAL_CHOSEN);
    }
    Optional<Proposals.EspChoice> esp = Proposals.selectEspWithPfs(sa.config().profile(),
        offer.get());
    if (esp.isEmpty()) {
      return refuse(sa, NotifyType.NO_PROPOSAL_CHOSEN);
    }
    Optional<KeyExchange> ours = Optional.empty();
    byte[] gir = new byte[0];
    if (esp.get().pfs().isPresent()) {
      DhGroup group = esp.get().pfs().get();
      Optional<KePayload> kei = InitPayloads.first(request, KePayload.class);
      if (kei.isEmpty() || kei.get().dhGroup() != group.id()) {
        return new ResponderTask.Reply(
            List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, groupBytes(group))),
            new TaskOutcome.Done(sa, List.of()));
      }
      ours = Optional.of(KeyExchanges.generate(group, random));
      Decoded<byte[]> shared = ours.get().agree(kei.get().keyData());
      CryptoCounts.keyExchange(sa.config());
      if (!(shared instanceof Decoded.Ok<byte[]> ok)) {
        ours.get().destroy();
        return refuse(sa, NotifyType.NO_PROPOSAL_CHOSEN);
      }
      gir = ok.value();
    }
    byte[] nr = new byte[IkeInitResponder.NONCE_LENGTH];
    random.nextBytes(nr);
    byte[] nonceI = ni.get().nonce();
    try {
      ChildSaNegotiation.Result result =
          ChildSaNegotiation.respond(sa, request, esp.get(), nonceI, nr, gir, random);
      if (result instanceof ChildSaNegotiation.Refused refused) {
        return refuse(sa, refused.error());
      }
      ChildSaNegotiation.Agreed agreed = (ChildSaNegotiation.Agreed) result;
      List<Payload> out = new ArrayList<>();
      for (Payload p : agreed.payloads()) {
        out.add(p);
        if (p instanceof SaPayload) {
          out.add(new NoncePayload(nr));
          ours.ifPresent(k -> out.add(new KePayload(k.group().id(), k.publicValue())));
        }
      }
      KeyDelivery delivery = KeyDelivery.of(sa, agreed.child(), nonceI, nr, gir);
      Optional<TaskOutcome.Rekey> rekey = old.map(o -> new TaskOutcome.Rekey(o.inboundSpi(),
          false, RekeyCollision.lower(nonceI, nr)));
      return new ResponderTask.Reply(out,
          new TaskOutcome.Agreed(sa, agreed.child(), delivery, List.of(), rekey));
    } finally {
      ours.ifPresent(KeyExchange::destroy);
      Arrays.fill(gir, (byte) 0);
    }
  }

  /** N(REKEY_SA) naming the CHILD_SA by the sender's inbound SPI (RFC 7296 §3.10.1). */
  static NotifyPayload rekeySa(int ourInboundSpi) {
    return new NotifyPayload(ProtocolId.ESP.id(), Proposals.spiBytes(ourInboundSpi),
        NotifyType.REKEY_SA.id(), new byte[0]);
  }

  static byte[] groupBytes(DhGroup group) {
    return new byte[] {(byte) (group.id() >>> 8), (byte) group.id()};
  }

  /** An error notify that fails only the CHILD_SA (RFC 7296 §1.2), reported to the owner. */
  static ResponderTask.Reply refuse(IkeSa sa, NotifyType error) {
    return new ResponderTask.Reply(List.of(NotifyPayload.of(error)),
        new TaskOutcome.Done(sa, List.of(new IkeOutput.ChildSaRefused(error))));
  }
}
