package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeEncoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.codec.IkeMessage;
import net.iotgw.protocols.ike.codec.KePayload;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.crypto.KeyExchange;
import net.iotgw.protocols.ike.crypto.KeyExchanges;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ike.keys.Suite;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/**
 * IKE_SA_INIT, responder side (RFC 7296 §1.2; strongSwan's ike_init process_r + build_r): collects
 * SA, KE and Ni, picks the proposal and group from the profile, and either answers with SA, KE, Nr
 * and the NAT detection and capability notifies, creating the half-open IKE SA, or refuses
 * statelessly (COOKIE §2.6, INVALID_KE_PAYLOAD §1.3, NO_PROPOSAL_CHOSEN, INVALID_SYNTAX,
 * INVALID_MAJOR_VERSION and UNSUPPORTED_CRITICAL_PAYLOAD §2.5): then nothing is kept and the
 * response's SPIr is zero.
 */
final class IkeInitResponder {
  static final int NONCE_LENGTH = 32;

  private IkeInitResponder() {}

  sealed interface Result {}

  /** The half-open IKE SA and the response that created it. */
  record Accepted(IkeSa sa, InitExchange init, Datagram response) implements Result {}

  /** Answered with an error or cookie notify; no state. */
  record Refused(Datagram response, NotifyType sent, String detail) implements Result {}

  /** Not answered. */
  record Ignored(DropReason reason, String detail) implements Result {}

  static Result process(
      EngineConfig config, Datagram request, CookieGate gate, SecureRandom random) {
    byte[] wire = request.message();
    if (!(IkeDecoder.decodeHeader(wire) instanceof Decoded.Ok<IkeHeader> okHeader)) {
      return new Ignored(DropReason.MALFORMED, "no IKE header");
    }
    IkeHeader h = okHeader.value();
    if (h.response()
        || !h.initiator()
        || h.exchangeType() != ExchangeType.IKE_SA_INIT.id()
        || h.messageId() != 0
        || h.spiR() != 0
        || h.spiI() == 0) {
      return new Ignored(DropReason.NOT_THIS_SA, "not an IKE_SA_INIT request starting an SA");
    }
    Decoded<IkeMessage> decoded = IkeDecoder.decode(wire);
    if (decoded instanceof Decoded.Failed<IkeMessage> f) {
      return refuseUndecodable(request, h, f.error());
    }
    List<Payload> in = decoded.orThrow().payloads();
    Optional<SaPayload> sa = InitPayloads.first(in, SaPayload.class);
    Optional<KePayload> ke = InitPayloads.first(in, KePayload.class);
    Optional<NoncePayload> ni = InitPayloads.first(in, NoncePayload.class);
    if (sa.isEmpty() || ke.isEmpty() || ni.isEmpty()) {
      return refuse(request, h, NotifyType.INVALID_SYNTAX, new byte[0], "SA, KE or Ni missing");
    }
    byte[] nonceI = ni.get().nonce();
    if (gate.required()) {
      byte[] ip = request.remote().getAddress().getAddress();
      boolean valid =
          InitPayloads.notify(in, NotifyType.COOKIE)
              .map(c -> gate.secrets().isValid(c.data(), nonceI, ip, h.spiI()))
              .orElse(false);
      if (!valid) {
        return refuse(
            request, h, NotifyType.COOKIE, gate.secrets().cookieFor(nonceI, ip, h.spiI()),
            "half-open SAs above threshold");
      }
    }
    Optional<Proposals.IkeChoice> choice = Proposals.selectIke(config.profile(), sa.get());
    if (choice.isEmpty()) {
      return refuse(request, h, NotifyType.NO_PROPOSAL_CHOSEN, new byte[0], "no IKE proposal");
    }
    Optional<DhGroup> group =
        DhGroup.of(ke.get().dhGroup()).filter(g -> choice.get().groups().contains(g));
    if (group.isEmpty()) {
      DhGroup wanted = choice.get().groups().get(0);
      byte[] data = {(byte) (wanted.id() >>> 8), (byte) wanted.id()};
      return refuse(
          request, h, NotifyType.INVALID_KE_PAYLOAD, data,
          "KE for group " + ke.get().dhGroup() + ", " + wanted + " wanted");
    }
    return accept(config, request, h, in, choice.get().suite(group.get()), choice.get(),
        ke.get(), nonceI, random);
  }

  private static Result accept(
      EngineConfig config,
      Datagram request,
      IkeHeader h,
      List<Payload> in,
      Suite suite,
      Proposals.IkeChoice choice,
      KePayload peerKe,
      byte[] ni,
      SecureRandom random) {
    KeyExchange ours = KeyExchanges.generate(suite.dhGroup(), random);
    Decoded<byte[]> gir = ours.agree(peerKe.keyData());
    CryptoCounts.keyExchange(config);
    byte[] publicValue = ours.publicValue();
    ours.destroy();
    if (!(gir instanceof Decoded.Ok<byte[]> shared)) {
      return refuse(request, h, NotifyType.INVALID_SYNTAX, new byte[0], "peer KE: " + gir);
    }
    long spiR = nonZero(random);
    byte[] nr = new byte[NONCE_LENGTH];
    random.nextBytes(nr);
    IkeSaKeys keys = KeySchedule.derive(suite, shared.value(), ni, nr, h.spiI(), spiR);
    CryptoCounts.ikeSaKeys(config, suite);
    Arrays.fill(shared.value(), (byte) 0);

    boolean force = config.natTraversal() == EngineConfig.NatTraversal.FORCE;
    // The request's hashes were made with SPIr zero, as its header says (RFC 7296 §2.23).
    NatDetection.Result nat =
        NatDetection.check(in, h.spiI(), 0, request.local(), request.remote());
    List<Payload> out = new ArrayList<>();
    out.add(new SaPayload(List.of(Proposals.ikeAnswer(choice, suite.dhGroup()))));
    out.add(new KePayload(suite.dhGroup().id(), publicValue));
    out.add(new NoncePayload(nr));
    out.addAll(
        NatDetection.notifies(h.spiI(), spiR, request.local(), request.remote(), force, random));
    InitPayloads.certificateRequest(config.profile()).ifPresent(out::add);
    out.addAll(InitPayloads.capabilities());
    byte[] response =
        IkeEncoder.encode(
            new IkeMessage(IkeHeader.of(h.spiI(), spiR, ExchangeType.IKE_SA_INIT, false, true, 0),
                out));
    IkeSa sa =
        IkeSa.create(
            config, Role.RESPONDER, h.spiI(), spiR, keys, request.local(), request.remote(),
            InitPayloads.peerSupport(in), nat.any() || force, new IkeSa.Nonces(ni, nr));
    return new Accepted(
        sa,
        new InitExchange(request.message(), response, ni, nr),
        new Datagram(request.local(), request.remote(), response));
  }

  /** RFC 7296 §2.5: a higher major version and an unknown critical payload are answered. */
  private static Result refuseUndecodable(Datagram request, IkeHeader h, DecodeError e) {
    return switch (e.kind()) {
      case UNSUPPORTED -> e.code() > IkeHeader.IKEV2_MAJOR_VERSION
          ? refuse(request, h, NotifyType.INVALID_MAJOR_VERSION, new byte[0], e.toString())
          : new Ignored(DropReason.MALFORMED, e.toString());
      case UNSUPPORTED_CRITICAL_PAYLOAD ->
          refuse(request, h, NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD,
              new byte[] {(byte) e.code()}, e.toString());
      default -> refuse(request, h, NotifyType.INVALID_SYNTAX, new byte[0], e.toString());
    };
  }

  private static Result refuse(
      Datagram request, IkeHeader h, NotifyType type, byte[] data, String detail) {
    byte[] response =
        IkeEncoder.encode(
            new IkeMessage(
                IkeHeader.of(h.spiI(), 0, ExchangeType.IKE_SA_INIT, false, true, 0),
                List.of(NotifyPayload.of(type, data))));
    return new Refused(new Datagram(request.local(), request.remote(), response), type, detail);
  }

  static long nonZero(SecureRandom random) {
    long v;
    do {
      v = random.nextLong();
    } while (v == 0);
    return v;
  }
}
