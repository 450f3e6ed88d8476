package net.iotgw.protocols.ike.engine;

import java.net.InetSocketAddress;
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
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ike.keys.Suite;
import net.iotgw.protocols.wire.Decoded;

/**
 * IKE_SA_INIT, initiator side (RFC 7296 §1.2; strongSwan's ike_init build_i + process_i): offers
 * the profile's proposals with a KE for its first group, retries with the group an
 * INVALID_KE_PAYLOAD asks for (§1.3) or with the cookie a COOKIE notify carries (§2.6, the cookie
 * first, everything else unchanged), then derives the IKE SA keys and, when a NAT is detected or
 * forced, floats to the NAT-T port (§2.23).
 *
 * @param request the last request as sent: RealMessage1 of the initiator's AUTH (§2.15)
 * @param rounds INVALID_KE_PAYLOAD and COOKIE rounds so far
 */
record IkeInitInitiator(
    EngineConfig config,
    InetSocketAddress local,
    InetSocketAddress remote,
    long spiI,
    KeyExchange ke,
    byte[] ni,
    Optional<byte[]> cookie,
    int rounds,
    byte[] request) {

  sealed interface Result {}

  /** Send {@code next.request()} as a fresh IKE_SA_INIT (message ID 0 again). */
  record Retry(IkeInitInitiator next) implements Result {}

  record Done(IkeSa sa, InitExchange init) implements Result {}

  record Failed(CloseReason reason, String detail) implements Result {}

  /** Not a response to take (malformed, or not ours): keep waiting and retransmitting. */
  record Ignored(DropReason reason, String detail) implements Result {}

  static IkeInitInitiator start(
      EngineConfig config, InetSocketAddress local, InetSocketAddress remote,
      SecureRandom random) {
    byte[] ni = new byte[IkeInitResponder.NONCE_LENGTH];
    random.nextBytes(ni);
    DhGroup group = config.profile().dhGroups().get(0);
    CryptoCounts.keyPair(config);
    return build(config, local, remote, IkeInitResponder.nonZero(random),
        KeyExchanges.generate(group, random), ni, Optional.empty(), 0, random);
  }

  private static IkeInitInitiator build(
      EngineConfig config, InetSocketAddress local, InetSocketAddress remote, long spiI,
      KeyExchange ke, byte[] ni, Optional<byte[]> cookie, int rounds, SecureRandom random) {
    List<Payload> out = new ArrayList<>();
    cookie.ifPresent(c -> out.add(NotifyPayload.of(NotifyType.COOKIE, c)));
    out.add(Proposals.ikeOffer(config.profile()));
    out.add(new KePayload(ke.group().id(), ke.publicValue()));
    out.add(new NoncePayload(ni));
    boolean force = config.natTraversal() == EngineConfig.NatTraversal.FORCE;
    out.addAll(NatDetection.notifies(spiI, 0, local, remote, force, random));
    out.addAll(InitPayloads.capabilities());
    byte[] request =
        IkeEncoder.encode(
            new IkeMessage(IkeHeader.of(spiI, 0, ExchangeType.IKE_SA_INIT, true, false, 0), out));
    return new IkeInitInitiator(config, local, remote, spiI, ke, ni, cookie, rounds, request);
  }

  Datagram datagram() {
    return new Datagram(local, remote, request);
  }

  Result onResponse(Datagram d, SecureRandom random) {
    byte[] wire = d.message();
    if (!(IkeDecoder.decodeHeader(wire) instanceof Decoded.Ok<IkeHeader> okHeader)) {
      return new Ignored(DropReason.MALFORMED, "no IKE header");
    }
    IkeHeader h = okHeader.value();
    if (!h.response() || h.initiator() || h.messageId() != 0 || h.spiI() != spiI
        || h.exchangeType() != ExchangeType.IKE_SA_INIT.id()) {
      return new Ignored(DropReason.NOT_THIS_SA, "not our IKE_SA_INIT response");
    }
    if (!(IkeDecoder.decode(wire) instanceof Decoded.Ok<IkeMessage> ok)) {
      return new Ignored(DropReason.MALFORMED, "IKE_SA_INIT response does not decode");
    }
    List<Payload> in = ok.value().payloads();
    Optional<NotifyPayload> cookieNotify = InitPayloads.notify(in, NotifyType.COOKIE);
    if (cookieNotify.isPresent()) {
      byte[] c = cookieNotify.get().data();
      if (c.length < 1 || c.length > 64) {
        return new Ignored(DropReason.MALFORMED, "cookie of " + c.length + " bytes (RFC 7296 §2.6)");
      }
      if (cookie.isPresent() && java.util.Arrays.equals(cookie.get(), c)) {
        // A late answer to an older copy of our request: the one in flight already carries this
        // cookie. Building another request (new NAT detection data under forced encapsulation)
        // would leave us signing a request other than the one the responder's SA answers.
        return new Ignored(DropReason.UNEXPECTED,
            "a COOKIE our request already carries (RFC 7296 §2.6): a stale challenge");
      }
      return retry(ke, Optional.of(c), random);
    }
    Optional<NotifyPayload> invalidKe = InitPayloads.notify(in, NotifyType.INVALID_KE_PAYLOAD);
    if (invalidKe.isPresent()) {
      return onInvalidKe(invalidKe.get().data(), random);
    }
    Optional<NotifyPayload> error = InitPayloads.firstError(in);
    if (error.isPresent()) {
      return new Failed(CloseReason.PEER_ERROR, error.get().toString());
    }
    return complete(h, wire, in);
  }

  private Result onInvalidKe(byte[] data, SecureRandom random) {
    Optional<DhGroup> asked =
        data.length == 2 ? DhGroup.of(((data[0] & 0xff) << 8) | (data[1] & 0xff)) : Optional.empty();
    if (asked.isEmpty() || asked.get() == ke.group()
        || !config.profile().dhGroups().contains(asked.get())) {
      return new Failed(CloseReason.INIT_RETRIES_EXHAUSTED, "INVALID_KE_PAYLOAD asks " + asked);
    }
    CryptoCounts.keyPair(config);
    return retry(KeyExchanges.generate(asked.get(), random), cookie, random);
  }

  private Result retry(KeyExchange nextKe, Optional<byte[]> nextCookie, SecureRandom random) {
    if (rounds >= config.limits().maxInitRetries()) {
      if (nextKe != ke) {
        nextKe.destroy();
      }
      return new Failed(CloseReason.INIT_RETRIES_EXHAUSTED, rounds + " rounds");
    }
    if (nextKe != ke) {
      ke.destroy();
    }
    return new Retry(
        build(config, local, remote, spiI, nextKe, ni, nextCookie, rounds + 1, random));
  }

  private Result complete(IkeHeader h, byte[] wire, List<Payload> in) {
    Optional<SaPayload> sa = InitPayloads.first(in, SaPayload.class);
    Optional<KePayload> kr = InitPayloads.first(in, KePayload.class);
    Optional<NoncePayload> nr = InitPayloads.first(in, NoncePayload.class);
    if (h.spiR() == 0 || sa.isEmpty() || kr.isEmpty() || nr.isEmpty()) {
      return new Ignored(DropReason.MALFORMED, "SPIr, SA, KE or Nr missing");
    }
    Optional<Suite> suite = Proposals.acceptIke(config.profile(), sa.get(), ke.group());
    if (suite.isEmpty() || kr.get().dhGroup() != ke.group().id()) {
      return new Failed(CloseReason.NO_PROPOSAL_CHOSEN, "the answer is not a proposal we made");
    }
    Decoded<byte[]> gir = ke.agree(kr.get().keyData());
    CryptoCounts.keyAgreement(config);
    if (!(gir instanceof Decoded.Ok<byte[]> shared)) {
      return new Failed(CloseReason.NO_PROPOSAL_CHOSEN, "responder's KE: " + gir);
    }
    ke.destroy();
    byte[] nonceR = nr.get().nonce();
    IkeSaKeys keys = KeySchedule.derive(suite.get(), shared.value(), ni, nonceR, spiI, h.spiR());
    CryptoCounts.ikeSaKeys(config, suite.get());
    Arrays.fill(shared.value(), (byte) 0);
    NatDetection.Result nat = NatDetection.check(in, spiI, h.spiR(), local, remote);
    boolean natT = nat.any() || config.natTraversal() == EngineConfig.NatTraversal.FORCE;
    // RFC 7296 §2.23: with a NAT, IKE_AUTH onwards goes from and to the NAT-T port.
    InetSocketAddress from = natT ? new InetSocketAddress(local.getAddress(), config.natTPort()) : local;
    InetSocketAddress to = natT ? new InetSocketAddress(remote.getAddress(), config.natTPort()) : remote;
    IkeSa ikeSa =
        IkeSa.create(config, Role.INITIATOR, spiI, h.spiR(), keys, from, to,
            InitPayloads.peerSupport(in), natT, new IkeSa.Nonces(ni, nonceR));
    return new Done(ikeSa, new InitExchange(request, wire, ni, nonceR));
  }

  void destroy() {
    ke.destroy();
  }

  @Override
  public String toString() {
    return "IkeInitInitiator[" + Long.toHexString(spiI) + ", " + ke.group() + ", round " + rounds
        + "]";
  }
}
