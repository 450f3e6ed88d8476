package net.iotgw.sim.ud;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.UdpEncapsulation;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.Decoded;

/**
 * One CD as a simulated UD sees it, through its lifecycle: waiting, handshaking (an {@link
 * InitiatorSession}), up (ESP in UDP on port 4500 with {@link LocalEsp}, RFC 3948, and a {@link
 * CoapGetClient} inside tunnel-mode ESP), or failed. The packets it builds and opens are whole
 * IPv6 packets as the UCN carries them. Not thread-safe.
 */
final class UdPeer {
  /** The UD's CoAP client port inside the tunnel; any port serves, this one is easy to spot. */
  static final int CLIENT_PORT = 49_683;

  enum Phase { WAITING, HANDSHAKING, UP, FAILED }

  final UdTarget target;
  Phase phase = Phase.WAITING;
  InitiatorSession session;
  long handshakeStartedNanos;
  LocalEsp esp;
  CoapGetClient coap;
  int requestsLeft;

  UdPeer(UdTarget target) {
    this.target = target;
  }

  Ipv6Address cd() {
    return target.address();
  }

  /** IKE datagrams as IPv6 packets from {@code self}, behind the non-ESP marker on 4500. */
  static byte[] ikePacket(Ipv6Address self, Ipv6Address cd, Datagram d) {
    return Ipv6Codec.encode(Ipv6Packets.udp(self, cd, d.local().getPort(), d.remote().getPort(),
        d.udpPayload(UdpEncapsulation.PORT), Ipv6Packets.DEFAULT_HOP_LIMIT));
  }

  /** A CoAP message to the CD inside tunnel-mode ESP, in UDP on port 4500 (RFC 3948 §2.1). */
  byte[] coapPacket(Ipv6Address self, byte[] coapMessage) {
    Ipv6Packet inner = Ipv6Packets.udp(self, cd(), CLIENT_PORT, CoapGetClient.PORT, coapMessage,
        Ipv6Packets.DEFAULT_HOP_LIMIT);
    byte[] sealed = esp.seal(EspPayload.tunnel(Ipv6Codec.encode(inner)));
    return Ipv6Codec.encode(Ipv6Packets.udp(self, cd(), UdpEncapsulation.PORT,
        UdpEncapsulation.PORT, UdpEncapsulation.encodeEsp(sealed),
        Ipv6Packets.DEFAULT_HOP_LIMIT));
  }

  /**
   * The CoAP message inside an ESP packet from the CD: authentic, not a replay, a tunnelled
   * IPv6/UDP packet from the CD's CoAP port to the UD's client port.
   */
  Optional<byte[]> openCoap(Ipv6Address self, byte[] espPacket) {
    if (esp == null) {
      return Optional.empty();
    }
    Optional<EspPayload> opened = esp.open(espPacket);
    if (opened.isEmpty()
        || !(Ipv6Codec.decode(opened.get().data()) instanceof Decoded.Ok<Ipv6Packet> inner)
        || !inner.value().source().equals(cd())
        || !inner.value().destination().equals(self)
        || !(UdpCodec.decode(inner.value()) instanceof Decoded.Ok<UdpDatagram> udp)
        || udp.value().sourcePort() != CoapGetClient.PORT
        || udp.value().destinationPort() != CLIENT_PORT) {
      return Optional.empty();
    }
    return Optional.of(udp.value().payload());
  }

  /** Zeroes what it holds: the IKE SA's keys and the ESP keys. */
  void destroy() {
    if (session != null && !session.isClosed()) {
      session.destroy();
    }
    if (esp != null) {
      esp.destroy();
    }
  }

  static InetSocketAddress at(Ipv6Address address, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(address.bytes()), port);
    } catch (UnknownHostException e) {
      throw new AssertionError("16 octets are always an address", e);
    }
  }
}
