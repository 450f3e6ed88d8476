package net.iotgw.load.interop;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.EsnMode;
import net.iotgw.protocols.ike.TransformType;
import net.iotgw.protocols.ike.auth.AuthOctets;
import net.iotgw.protocols.ike.auth.SharedKeyAuth;
import net.iotgw.protocols.ike.codec.AuthPayload;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.HashAlgorithm;
import net.iotgw.protocols.ike.codec.IdPayload;
import net.iotgw.protocols.ike.codec.IdType;
import net.iotgw.protocols.ike.codec.IkeEncoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.codec.IkeMessage;
import net.iotgw.protocols.ike.codec.KePayload;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Proposal;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.codec.Transform;
import net.iotgw.protocols.ike.codec.TsPayload;
import net.iotgw.protocols.ike.crypto.IkeCipher;
import net.iotgw.protocols.ike.crypto.KeyExchange;
import net.iotgw.protocols.ike.crypto.KeyExchanges;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ike.keys.Suite;
import net.iotgw.protocols.ike.protect.ProtectedMessages;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.crypto.digests.SHA1Digest;

/**
 * IKEv2 traffic between two endpoints built with our code only: codec, key exchanges, key
 * schedule, PSK AUTH and SK sealing. Two IKE SAs, each negotiated from two proposals with Key
 * Length attributes:
 *
 * <ol>
 *   <li>AES-GCM-16/128, PRF-HMAC-SHA2-256, Curve25519: IKE_SA_INIT, IKE_AUTH, then an
 *       INFORMATIONAL deleting the CHILD_SA;
 *   <li>AES-CBC-256 with HMAC-SHA2-256-128, ECP-256: IKE_SA_INIT, then an IKE_AUTH request in SKF
 *       fragments (RFC 7383) and its unfragmented response.
 * </ol>
 *
 * The addresses are those of interop/strongswan.md; the IDs and PSK too.
 */
final class OurIkeConversation {
  static final String INITIATOR_ADDRESS = "2001:db8:1::a";
  static final String RESPONDER_ADDRESS = "2001:db8:1::b";
  static final String INITIATOR_ID = "ud@example.org";
  static final String RESPONDER_ID = "cd1@example.org";
  static final int IKE_PORT = 500;
  /** RFC 3948: UDP-encapsulated IKE after IKE_SA_INIT, behind a 4-byte non-ESP marker. */
  static final int NAT_T_PORT = 4500;
  /** Small enough that the second SA's IKE_AUTH request needs several fragments. */
  static final int FRAGMENT_DATAGRAM = 160;

  private static final byte[] PSK =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /**
   * One IKE message as sent, without IP, UDP or non-ESP marker.
   *
   * @param label what it is, for failure messages
   * @param fragment 1-based number of this SKF fragment, 0 when the message is whole
   * @param fragments how many fragments the message took, 0 when whole
   */
  record Datagram(
      String label,
      boolean fromInitiator,
      int port,
      ExchangeType exchange,
      int fragment,
      int fragments,
      byte[] ike) {

    Datagram withIke(byte[] other) {
      return new Datagram(label, fromInitiator, port, exchange, fragment, fragments, other);
    }
  }

  private final List<Datagram> datagrams = new ArrayList<>();
  private final List<String> decryptionTable = new ArrayList<>();
  private final Map<Long, IkeSaKeys> keysBySpiI = new HashMap<>();
  private final SecureRandom random;

  private OurIkeConversation(SecureRandom random) {
    this.random = random;
  }

  static OurIkeConversation build(SecureRandom random) {
    OurIkeConversation c = new OurIkeConversation(random);
    IkeSa first = c.establish(IkeSaOffer.GCM_X25519, IkeSaOffer.CBC_ECP256, 0);
    c.deleteChildSa(first);
    c.establish(IkeSaOffer.CBC_ECP256, IkeSaOffer.GCM_X25519, FRAGMENT_DATAGRAM);
    return c;
  }

  /** Every message in the order sent. */
  List<Datagram> datagrams() {
    return List.copyOf(datagrams);
  }

  /**
   * Wireshark's {@code ikev2_decryption_table} records, one per IKE SA: SPIi, SPIr, SK_ei, SK_er,
   * encryption algorithm, SK_ai, SK_ar, integrity algorithm.
   */
  List<String> decryptionTable() {
    return List.copyOf(decryptionTable);
  }

  /**
   * The SK cipher that protected {@code d}, for tests that tamper with what is inside: SK_ei/SK_ai
   * of its IKE SA if the initiator sent it, SK_er/SK_ar if the responder did.
   */
  IkeCipher senderCipher(Datagram d) {
    long spiI = ByteBuffer.wrap(d.ike()).getLong(0);
    IkeSaKeys keys = keysBySpiI.get(spiI);
    if (keys == null || d.exchange() == ExchangeType.IKE_SA_INIT) {
      throw new IllegalArgumentException(d.label() + " is not protected");
    }
    return d.fromInitiator() ? keys.initiatorCipher() : keys.responderCipher();
  }

  /** What one IKE SA needs after IKE_SA_INIT. */
  private record IkeSa(long spiI, long spiR, IkeSaKeys keys, byte[] espSpiI, byte[] espSpiR) {}

  /**
   * IKE_SA_INIT and IKE_AUTH; the initiator offers {@code chosen} first and {@code other} second
   * and sends its KE for the first; the responder takes the first. The IKE_AUTH request goes in
   * fragments of at most {@code fragmentDatagram} bytes unless that is 0.
   */
  private IkeSa establish(IkeSaOffer chosen, IkeSaOffer other, int fragmentDatagram) {
    Suite suite = chosen.suite();
    long spiI = random.nextLong() | 1;
    long spiR = random.nextLong() | 1;
    KeyExchange keI = KeyExchanges.generate(suite.dhGroup(), random);
    KeyExchange keR = KeyExchanges.generate(suite.dhGroup(), random);
    byte[] ni = bytes(32);
    byte[] nr = bytes(32);

    IkeHeader initReq = IkeHeader.of(spiI, 0, ExchangeType.IKE_SA_INIT, true, false, 0);
    byte[] message1 =
        IkeEncoder.encode(
            new IkeMessage(
                initReq,
                initPayloads(
                    new SaPayload(List.of(chosen.proposal(1), other.proposal(2))),
                    keI,
                    ni,
                    // strongSwan with kernel-libipsec fakes NAT detection to force UDP
                    // encapsulation (interop/strongswan.md): a source hash matching nothing.
                    bytes(20),
                    natHash(spiI, 0, RESPONDER_ADDRESS, IKE_PORT))));
    send("IKE_SA_INIT request", true, IKE_PORT, ExchangeType.IKE_SA_INIT, message1);

    IkeHeader initResp = IkeHeader.of(spiI, spiR, ExchangeType.IKE_SA_INIT, false, true, 0);
    byte[] message2 =
        IkeEncoder.encode(
            new IkeMessage(
                initResp,
                initPayloads(
                    new SaPayload(List.of(chosen.proposal(1))),
                    keR,
                    nr,
                    natHash(spiI, spiR, RESPONDER_ADDRESS, IKE_PORT),
                    natHash(spiI, spiR, INITIATOR_ADDRESS, IKE_PORT))));
    send("IKE_SA_INIT response", false, IKE_PORT, ExchangeType.IKE_SA_INIT, message2);

    if (!(keI.agree(keR.publicValue()) instanceof Decoded.Ok<byte[]> gir)) {
      throw new IllegalStateException("our own key exchanges disagree");
    }
    IkeSaKeys keys = KeySchedule.derive(suite, gir.value(), ni, nr, spiI, spiR);
    keI.destroy();
    keR.destroy();
    decryptionTable.add(chosen.decryptionRecord(spiI, spiR, keys));
    keysBySpiI.put(spiI, keys);
    IkeSa sa = new IkeSa(spiI, spiR, keys, bytes(4), bytes(4));

    IdPayload idi = new IdPayload(Role.INITIATOR, IdType.ID_RFC822_ADDR.id(), ascii(INITIATOR_ID));
    IdPayload idr = new IdPayload(Role.RESPONDER, IdType.ID_RFC822_ADDR.id(), ascii(RESPONDER_ID));
    List<Payload> authRequest =
        List.of(
            idi,
            idr,
            auth(message1, nr, keys.skPi(), idi, suite),
            NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE),
            new SaPayload(List.of(espProposal(sa.espSpiI()))),
            hostSelector(Role.INITIATOR, INITIATOR_ADDRESS),
            hostSelector(Role.RESPONDER, RESPONDER_ADDRESS));
    IkeHeader authReq = IkeHeader.of(spiI, spiR, ExchangeType.IKE_AUTH, true, false, 1);
    IkeCipher initiatorCipher = keys.initiatorCipher();
    if (fragmentDatagram == 0) {
      send(
          "IKE_AUTH request",
          true,
          NAT_T_PORT,
          ExchangeType.IKE_AUTH,
          ProtectedMessages.seal(authReq, List.of(), authRequest, initiatorCipher, random));
    } else {
      List<byte[]> fragments =
          ProtectedMessages.sealFragmented(
              authReq, authRequest, initiatorCipher, fragmentDatagram, random);
      for (int i = 0; i < fragments.size(); i++) {
        datagrams.add(
            new Datagram(
                "IKE_AUTH request fragment " + (i + 1) + "/" + fragments.size(),
                true,
                NAT_T_PORT,
                ExchangeType.IKE_AUTH,
                i + 1,
                fragments.size(),
                fragments.get(i)));
      }
    }
    initiatorCipher.destroy();

    List<Payload> authResponse =
        List.of(
            idr,
            auth(message2, ni, keys.skPr(), idr, suite),
            NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE),
            new SaPayload(List.of(espProposal(sa.espSpiR()))),
            hostSelector(Role.INITIATOR, INITIATOR_ADDRESS),
            hostSelector(Role.RESPONDER, RESPONDER_ADDRESS));
    IkeHeader authResp = IkeHeader.of(spiI, spiR, ExchangeType.IKE_AUTH, false, true, 1);
    sealAndSend("IKE_AUTH response", false, authResp, authResponse, keys);
    return sa;
  }

  /** RFC 7296 §1.4.1: each side deletes its inbound ESP SA; the response lists the peer's. */
  private void deleteChildSa(IkeSa sa) {
    IkeHeader request =
        IkeHeader.of(sa.spiI(), sa.spiR(), ExchangeType.INFORMATIONAL, true, false, 2);
    sealAndSend(
        "INFORMATIONAL request", true, request, List.of(espDelete(sa.espSpiI())), sa.keys());
    IkeHeader response =
        IkeHeader.of(sa.spiI(), sa.spiR(), ExchangeType.INFORMATIONAL, false, true, 2);
    sealAndSend(
        "INFORMATIONAL response", false, response, List.of(espDelete(sa.espSpiR())), sa.keys());
  }

  private void sealAndSend(
      String label, boolean fromInitiator, IkeHeader header, List<Payload> inner, IkeSaKeys keys) {
    IkeCipher cipher = fromInitiator ? keys.initiatorCipher() : keys.responderCipher();
    byte[] datagram = ProtectedMessages.seal(header, List.of(), inner, cipher, random);
    cipher.destroy();
    ExchangeType exchange = ExchangeType.of(header.exchangeType()).orElseThrow();
    send(label, fromInitiator, NAT_T_PORT, exchange, datagram);
  }

  private void send(
      String label, boolean fromInitiator, int port, ExchangeType exchange, byte[] ike) {
    datagrams.add(new Datagram(label, fromInitiator, port, exchange, 0, 0, ike));
  }

  /** SA, KE, Nonce and the notifies strongSwan sends in IKE_SA_INIT (interop/strongswan.md). */
  private static List<Payload> initPayloads(
      SaPayload sa, KeyExchange ke, byte[] nonce, byte[] natSource, byte[] natDestination) {
    // RFC 7427 §4: two octets per hash algorithm.
    List<HashAlgorithm> offered =
        List.of(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_384, HashAlgorithm.SHA2_512);
    byte[] hashes = new byte[2 * offered.size()];
    for (int i = 0; i < offered.size(); i++) {
      hashes[2 * i + 1] = (byte) offered.get(i).id();
    }
    return List.of(
        sa,
        new KePayload(ke.group().id(), ke.publicValue()),
        new NoncePayload(nonce),
        NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, natSource),
        NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, natDestination),
        NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED),
        NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, hashes));
  }

  /** AUTH with the shared key over the signer's octets of RFC 7296 §2.15. */
  private static AuthPayload auth(
      byte[] realMessage, byte[] peerNonce, byte[] skP, IdPayload id, Suite suite) {
    byte[] octets = AuthOctets.of(realMessage, peerNonce, suite.prf(), skP, id.encodeBody());
    return new AuthPayload(
        SharedKeyAuth.AUTH_METHOD, SharedKeyAuth.compute(suite.prf(), PSK, octets));
  }

  /** ESP with AES-GCM-16/128 and no ESN: what the swanctl recipe's esp_proposals asks. */
  private static Proposal espProposal(byte[] spi) {
    return new Proposal(
        1,
        ProtocolId.ESP.id(),
        spi,
        List.of(
            Transform.withKeyLength(
                TransformType.ENCR, EncryptionAlgorithm.ENCR_AES_GCM_16.id(), 128),
            new Transform(TransformType.ESN, EsnMode.NO_ESN.id())));
  }

  private static DeletePayload espDelete(byte[] spi) {
    return new DeletePayload(ProtocolId.ESP.id(), 4, List.of(spi));
  }

  /** One IPv6 address, any protocol and port: host-to-host, as transport mode needs. */
  private static TsPayload hostSelector(Role role, String address) {
    byte[] a = ipv6(address);
    return new TsPayload(role, List.of(TrafficSelector.AddressRange.of(a, a)));
  }

  /** RFC 7296 §2.23: SHA-1(SPIi | SPIr | IP address | port). */
  private static byte[] natHash(long spiI, long spiR, String address, int port) {
    SHA1Digest sha1 = new SHA1Digest();
    byte[] spis = new byte[16];
    for (int i = 0; i < 8; i++) {
      spis[i] = (byte) (spiI >>> (56 - 8 * i));
      spis[8 + i] = (byte) (spiR >>> (56 - 8 * i));
    }
    sha1.update(spis, 0, spis.length);
    byte[] ip = ipv6(address);
    sha1.update(ip, 0, ip.length);
    sha1.update((byte) (port >>> 8));
    sha1.update((byte) port);
    byte[] out = new byte[sha1.getDigestSize()];
    sha1.doFinal(out, 0);
    return out;
  }

  private static byte[] ipv6(String literal) {
    try {
      // A literal: no name lookup happens.
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
