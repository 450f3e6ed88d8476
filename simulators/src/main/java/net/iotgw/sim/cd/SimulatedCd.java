package net.iotgw.sim.cd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import net.iotgw.protocols.wire.Decoded;

/**
 * A simulated constrained device: an 802.15.4 node with an EUI-64, 6LoWPAN, IPv6, an ICMPv6 echo
 * responder and a CoAP server on port 5683 ({@code /sensors/temperature}, {@code
 * /sensors/humidity}, {@code /.well-known/core}).
 *
 * <p>Pure and single-threaded: {@link #onFrame} takes a PSDU the radio heard and the time, and
 * returns the PSDUs the CD transmits in reply; no threads, sockets or clocks. A host (the dongle
 * emulator's radio medium) calls it from one thread at a time. A CD holds a few hundred bytes of
 * its own; what a PAN shares is in one {@link CdNetwork}.
 *
 * <p>Its addresses: the CD prefix or fe80::/64 with the interface identifier of its EUI-64 (RFC
 * 4944 §6), and with a short address also those of RFC 6282 §3.2.2. Everything it sends goes to
 * the gateway's extended address: in a single-hop star the gateway is every CD's only neighbour.
 * It sends no immediate acknowledgments: a medium that models them can build one from the frame's
 * AR bit and sequence number ({@code MacHeader.ack}).
 *
 * <p>A CD made with {@link CdCredentials} ({@link #joining}) enters the network as a real one
 * does (paper Fig. 3/4, the network-entry contract): {@link #start} sends the PANA PCI from
 * fe80::IID port 716 to the gateway's fe80::IID port 716, {@link #onFrame} answers the PAA with
 * EAP-PSK, and {@link #onTimer} at {@link #nextDeadline} retransmits (RFC 5191 §9). Once the
 * session opens it secures every frame but PANA's with the key the gateway derives too, at
 * security level 6 (or 5); it accepts unsecured frames only for PANA and secured ones only from
 * the gateway, fresh and verified; before admission it sends no data at all. A CD without
 * credentials has no PANA and no link security, as before network entry existed.
 *
 * <p>A joined CD also ends the ESP SAs a UD negotiated with the gateway acting for it (paper Sec.
 * III-D): the gateway delivers their keys over the PANA session, the CD derives its ESP keys
 * from them ({@link CdEsp}), opens raw ESP (IPv6 Next Header 50) from the UD, serves what it
 * carries, in tunnel or transport mode, and answers under the same SA pair. Its cryptographic
 * operations are counted by kind ({@link CdStats#crypto()}).
 *
 * <p>In baseline mode ({@link #startIke}) a CD without an IKE profile at the gateway runs IKEv2
 * itself instead: it opens an IKE SA to a UD with our initiator engine over its own link, and
 * then ends ESP under the CHILD_SA it agreed, counting the public-key work the offload saves.
 */
public final class SimulatedCd {
  /** macShortAddress 0xfffe: the device uses its extended address (802.15.4-2006 §7.4.2). */
  public static final int NO_SHORT_ADDRESS = 0xfffe;

  /** PANA's UDP port (RFC 5191 §6), both ends. */
  public static final int PANA_PORT = 716;

  private final CdNetwork network;
  private final long eui64;
  private final int shortAddress;
  private final LowpanLink link;
  private final CdServices services;
  private final CdCounters counters = new CdCounters();
  /** Null for a CD without credentials. */
  private final NetworkEntry entry;
  private final CdUplink uplink;
  private final CdEspTraffic espTraffic;
  /** The CD's own IKE SA in baseline mode ({@link #startIke}), or null. */
  private BaselineIke ownIke;
  private int forgedSequence;

  /** A CD reached by its extended address only. */
  public SimulatedCd(CdNetwork network, long eui64) {
    this(network, eui64, NO_SHORT_ADDRESS);
  }

  /**
   * @param shortAddress 0..0xfffd, or {@link #NO_SHORT_ADDRESS}
   */
  public SimulatedCd(CdNetwork network, long eui64, int shortAddress) {
    this(network, eui64, shortAddress, null, null, null);
  }

  private SimulatedCd(CdNetwork network, long eui64, int shortAddress, CdCredentials credentials,
      JoinSettings settings, RandomGenerator random) {
    if (shortAddress < 0 || shortAddress > NO_SHORT_ADDRESS) {
      throw new IllegalArgumentException("short address 0..0xfffd or 0xfffe, got " + shortAddress);
    }
    this.network = network;
    this.eui64 = eui64;
    this.shortAddress = shortAddress;
    this.link = new LowpanLink(network, eui64, shortAddress);
    this.services = new CdServices(new CdCoapServer(eui64), counters);
    this.entry = credentials == null ? null
        : new NetworkEntry(credentials, settings, random, eui64, network.gatewayEui64(), counters);
    this.uplink = new CdUplink(network, eui64, link, counters, entry);
    this.espTraffic = new CdEspTraffic(this, services, counters, entry);
  }

  /**
   * A CD that enters the network with {@code credentials}, reached by its extended address.
   *
   * @param random this CD's own source of PANA nonces, sequence numbers, RAND_P and §9 jitter;
   *     used only on the CD's thread
   */
  public static SimulatedCd joining(CdNetwork network, long eui64, CdCredentials credentials,
      JoinSettings settings, RandomGenerator random) {
    return new SimulatedCd(network, eui64, NO_SHORT_ADDRESS, credentials, settings, random);
  }

  /**
   * Starts network entry: the PSDUs of the PANA-Client-Initiation (RFC 5191 §4.1). Empty while a
   * join is under way, once admitted, or after a rejection (a CD whose key is refused stops).
   *
   * @throws IllegalStateException for a CD without credentials
   */
  public List<byte[]> start(long nowMillis) {
    return uplink.pana(requireEntry().start(nowMillis));
  }

  /**
   * Fires whatever is due at {@code nowMillis}: PANA retransmissions (§9), the session lifetime
   * (§4.4), the abandonment of a stalled join, a forging CD's own datagram. Returns the PSDUs to
   * send; calling it early does nothing.
   */
  public List<byte[]> onTimer(long nowMillis) {
    List<byte[]> out = new ArrayList<>();
    if (ownIke != null) {
      out.addAll(uplink.sendAll(ownIke.onTimer(nowMillis)));
    }
    if (entry == null) {
      return out;
    }
    out.addAll(uplink.pana(entry.timers(nowMillis)));
    if (entry.forgeDue(nowMillis)) {
      out.addAll(send(Ipv6Packets.icmpEchoRequest(linkLocalAddress(),
          network.gatewayLinkLocalAddress(), (int) (eui64 & 0xffff), forgedSequence++ & 0xffff,
          new byte[8], Ipv6Packets.DEFAULT_HOP_LIMIT)));
    }
    return out;
  }

  /** When {@link #onTimer} next has something to do; empty if nothing is armed. */
  public OptionalLong nextDeadline() {
    OptionalLong join = entry == null ? OptionalLong.empty() : entry.nextDeadline();
    OptionalLong ike = ownIke == null ? OptionalLong.empty() : ownIke.nextDeadline();
    if (join.isEmpty() || ike.isEmpty()) {
      return join.isPresent() ? join : ike;
    }
    return OptionalLong.of(Math.min(join.getAsLong(), ike.getAsLong()));
  }

  /**
   * Baseline mode: the CD opens an IKE SA with one CHILD_SA to {@code settings.responder()} itself
   * (IKE_SA_INIT now, IKE_AUTH when answered, retransmissions from {@link #onTimer}), as a CD
   * without the gateway's offload must. Its ESP then ends at the CD under that CHILD_SA.
   *
   * @param random the CD's IKE randomness (nonces, SPIs, its ephemeral key)
   * @return the PSDUs of IKE_SA_INIT
   * @throws IllegalStateException if the CD is not admitted or already has its own IKE SA
   */
  public List<byte[]> startIke(BaselineIkeSettings settings, java.security.SecureRandom random,
      long nowMillis) {
    if (entry != null && entry.security() == null) {
      throw new IllegalStateException(this + " is not admitted: no IKE over its link yet");
    }
    if (ownIke != null && ownIke.status().state() != BaselineIkeStatus.State.CLOSED) {
      throw new IllegalStateException(this + " already runs its own IKE SA");
    }
    if (ownIke != null) {
      ownIke.destroy();
    }
    BaselineIke.Started s = BaselineIke.start(settings, address(), counters, random, nowMillis);
    ownIke = s.ike();
    return uplink.sendAll(s.packets());
  }

  /** Where the CD's own IKE SA stands; empty unless {@link #startIke} was called. */
  public Optional<BaselineIkeStatus> ikeStatus() {
    return ownIke == null ? Optional.empty() : Optional.of(ownIke.status());
  }

  /**
   * Sends a datagram of the CD's own (a host or test driving it), and every answer the CD makes
   * but PANA's, by the rules of its link ({@link CdUplink}): secured once admitted, before that
   * withheld (counted {@link DropReason#NOT_ADMITTED}) unless the CD forges ({@link Forgery}).
   *
   * @return the PSDUs, at most 127 octets each
   */
  public List<byte[]> send(Ipv6Packet packet) {
    return uplink.send(packet);
  }

  private NetworkEntry requireEntry() {
    if (entry == null) {
      throw new IllegalStateException(this + " has no credentials to join with");
    }
    return entry;
  }

  /**
   * Takes in one frame the radio heard and returns the frames the CD sends in response, in order.
   *
   * @param psduWithFcs the PSDU, its 2-octet FCS included
   * @param nowMillis the time, for the reassembly timeout, CoAP deduplication and readings
   * @return PSDUs with FCS, each at most 127 octets; empty for a frame that is not for this CD,
   *     completes nothing or needs no answer
   */
  public List<byte[]> onFrame(byte[] psduWithFcs, long nowMillis) {
    counters.received(psduWithFcs.length);
    Optional<LowpanLink.Inbound> in = link.receive(psduWithFcs, nowMillis, counters,
        entry == null ? null : entry.security());
    if (in.isEmpty()) {
      return List.of();
    }
    return answer(in.get().packet(), in.get().secured(), nowMillis);
  }

  private List<byte[]> answer(byte[] bytes, boolean secured, long nowMillis) {
    Decoded<Ipv6Packet> decoded = Ipv6Codec.decode(bytes);
    if (!(decoded instanceof Decoded.Ok<Ipv6Packet> ok)) {
      return drop(DropReason.MALFORMED_IPV6);
    }
    Ipv6Packet p = ok.value();
    if (!isOwnAddress(p.destination())) {
      return drop(DropReason.OTHER_IPV6_DESTINATION);
    }
    if (p.fragmentHeader().isPresent()) {
      // 6LoWPAN carries up to 1280 octets unfragmented at the IP layer (RFC 4944 §4).
      return drop(DropReason.UNSUPPORTED);
    }
    UdpDatagram udp = null;
    if (p.protocol() == UdpDatagram.PROTOCOL) {
      if (!(UdpCodec.decode(p) instanceof Decoded.Ok<UdpDatagram> okUdp)) {
        return drop(DropReason.BAD_UPPER_LAYER);
      }
      udp = okUdp.value();
      // Unsecured frames carry PANA to the PaC (port 716) and nothing else (the contract).
      if (udp.destinationPort() == PANA_PORT && entry != null) {
        return uplink.pana(entry.receive(udp.payload(), nowMillis));
      }
    }
    if (!admits(secured)) {
      return drop(DropReason.UNSECURED_DATA);
    }
    if (ownIke != null && udp != null && ownIke.isIke(p, udp)) {
      return uplink.sendAll(ownIke.onUdp(p, udp, nowMillis));
    }
    if (p.protocol() == CdEsp.PROTOCOL) {
      return espTraffic.receive(p, ownIke, nowMillis);
    }
    return services.serve(p, udp, bytes, nowMillis, this::send);
  }

  /** Whether data (not PANA) in such frames is taken: secured, or a CD without link security. */
  private boolean admits(boolean secured) {
    return secured || entry == null || entry.isForging();
  }

  /** What {@link #requestSa} did: the request's number and the PSDUs to send now. */
  public record SaRequestSent(int requestId, List<byte[]> psdus) {}

  /**
   * Asks the gateway, over the open PANA session, to open an SA to the UD at {@code ud} (IKE port
   * {@code port}): the gateway initiates IKEv2 as this CD and answers with the SA's key delivery
   * or a failure ({@link #saRequests}). A request made while another PaC request is outstanding,
   * or before admission, waits and goes out with a later {@link #onFrame} or {@link #onTimer}.
   *
   * @param expectedUd the identity the UD must prove, or empty to leave it to the CD's profile
   * @throws IllegalStateException for a CD without credentials
   */
  public SaRequestSent requestSa(Ipv6Address ud, int port, ChildSa.Mode mode,
      Optional<Identity> expectedUd, long nowMillis) {
    Map.Entry<Integer, List<byte[]>> sent =
        requireEntry().requestSa(ud, port, mode, expectedUd, nowMillis);
    return new SaRequestSent(sent.getKey(), uplink.pana(sent.getValue()));
  }

  /** The CD's SA requests so far, oldest first, with the echo traffic each carried. */
  public List<SaRequestStatus> saRequests() {
    return entry == null ? List.of() : entry.saRequests().statuses();
  }

  /**
   * An ICMPv6 echo request (RFC 4443 §4.1) from the CD's address to the UD of request {@code
   * requestId}, through the newest SA the CD initiated to it; its reply is counted in {@link
   * #saRequests}. Empty, nothing counted, while there is no such SA.
   */
  public List<byte[]> pingThroughEsp(int requestId, int sequence, long nowMillis) {
    return espTraffic.pingThroughEsp(requestId, sequence, nowMillis);
  }

  /** Tests of the negative acknowledgement: refuse (or take again) every key delivery. */
  public void refuseKeyDeliveries(boolean refuse) {
    requireEntry().refuseDeliveries(refuse);
  }

  /** Whether {@code a} is one of this CD's unicast addresses. */
  public boolean isOwnAddress(Ipv6Address a) {
    if (a.equals(address()) || a.equals(linkLocalAddress())) {
      return true;
    }
    if (shortAddress == NO_SHORT_ADDRESS) {
      return false;
    }
    long iid = CdNetwork.shortAddressInterfaceIdentifier(shortAddress);
    return a.equals(Ipv6Address.of(network.prefix().address(), iid))
        || a.equals(Ipv6Address.of(CdNetwork.LINK_LOCAL, iid));
  }

  private List<byte[]> drop(DropReason reason) {
    counters.drop(reason);
    return List.of();
  }

  /** The EUI-64, as a big-endian number: {@code 02:00:00:00:00:00:00:01} is {@code 0x02...01L}. */
  public long extendedAddress() {
    return eui64;
  }

  /** The 16-bit short address, or {@link #NO_SHORT_ADDRESS}. */
  public int shortAddress() {
    return shortAddress;
  }

  public CdNetwork network() {
    return network;
  }

  /** The CD prefix and the EUI-64's interface identifier: where the gateway routes to this CD. */
  public Ipv6Address address() {
    return network.globalAddress(eui64);
  }

  public Ipv6Address linkLocalAddress() {
    return CdNetwork.linkLocalAddress(eui64);
  }

  /** A snapshot of this CD's counters; call it on the thread that calls {@link #onFrame}. */
  public CdStats stats() {
    return counters.snapshot();
  }

  /** Whether this CD has credentials and so enters the network. */
  public boolean joins() {
    return entry != null;
  }

  /** Where network entry stands; {@link JoinStatus#NEVER_JOINED} without credentials. */
  public JoinStatus joinStatus() {
    return entry == null ? JoinStatus.NEVER_JOINED : entry.status();
  }

  /**
   * A copy of the CD's current 802.15.4 key while it is admitted, for the key log that lets
   * Wireshark decrypt a capture in test runs ({@code cd-sim --key-log}); the caller zeroes it.
   */
  public java.util.Optional<byte[]> linkKeyForDebug() {
    return entry == null || entry.security() == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(entry.security().key().bytes());
  }

  /** The network entry, for tests in this package that compare keys with the gateway's. */
  NetworkEntry networkEntry() {
    return entry;
  }

  /** Zeroes every key this CD holds, its credentials' PSK excepted (the caller's to destroy). */
  public void destroy() {
    if (ownIke != null) {
      ownIke.destroy();
    }
    if (entry != null) {
      entry.destroy();
    }
  }

  @Override
  public String toString() {
    return "SimulatedCd[" + new LinkAddress.Extended(eui64) + ", "
        + address() + "]";
  }
}
