package net.iotgw.gateway.device;

import java.util.OptionalLong;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/**
 * A PANA message as the data plane hands it over: the IPv6/UDP envelope it came in, which says
 * who sent it and where the answer goes (RFC 5191 §2.3: the PAA answers to the source address and
 * port of the PaC's message), and the PANA message itself, still undecoded.
 *
 * @param message the UDP payload: the PANA header and AVPs, not copied
 */
public record PanaPacket(
    Ipv6Address cdAddress, int cdPort, Ipv6Address gatewayAddress, byte[] message) {

  /** IANA: PANA's UDP port (RFC 5191 §10). */
  public static final int PORT = 716;

  /** The Session Identifier of a PCI is 0 (RFC 5191 §6.1). */
  public static final long NO_SESSION = 0;

  /**
   * Decodes the envelope of a PANA packet that the enforcement point let through: IPv6, UDP with
   * a verified checksum, destination port 716, and at least a PANA header's worth of payload.
   */
  public static Decoded<PanaPacket> decode(byte[] ipv6) {
    Decoded<Ipv6Packet> packet = Ipv6Codec.decode(ipv6);
    if (packet instanceof Decoded.Failed<Ipv6Packet> f) {
      return Decoded.failed(f.error());
    }
    Ipv6Packet p = packet.orThrow();
    Decoded<UdpDatagram> udp = UdpCodec.decode(p);
    if (udp instanceof Decoded.Failed<UdpDatagram> f) {
      return Decoded.failed(f.error());
    }
    UdpDatagram d = udp.orThrow();
    if (d.destinationPort() != PORT) {
      return Decoded.failed(
          new DecodeError(DecodeError.Kind.INVALID_SYNTAX, 2, "UDP port " + d.destinationPort()
              + ", not PANA's", d.destinationPort()));
    }
    if (d.payload().length < PanaHeader.LENGTH) {
      return Decoded.failed(new DecodeError(DecodeError.Kind.TRUNCATED, d.payload().length,
          "shorter than a PANA header", -1));
    }
    return Decoded.ok(new PanaPacket(p.source(), d.sourcePort(), p.destination(), d.payload()));
  }

  /**
   * The CD's EUI-64 from the interface identifier of its address (RFC 4944 §6: the EUI-64 with
   * the Universal/Local bit inverted), or empty for an identifier made from a 16-bit short
   * address (RFC 4944 §6, 0000:00ff:fe00:XXXX), which names no device for network entry.
   */
  public OptionalLong cdEui64() {
    long iid = cdAddress.interfaceIdentifier();
    if ((iid & 0xffff_ffff_ffff_0000L) == 0x0000_00ff_fe00_0000L) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(iid ^ 0x0200_0000_0000_0000L);
  }

  /** The message type field of the PANA header (RFC 5191 §6.1), read without decoding AVPs. */
  public int messageType() {
    return ((message[6] & 0xff) << 8) | (message[7] & 0xff);
  }

  /** The Session Identifier field of the PANA header. */
  public long sessionId() {
    return ((message[8] & 0xffL) << 24) | ((message[9] & 0xffL) << 16)
        | ((message[10] & 0xffL) << 8) | (message[11] & 0xffL);
  }

  /** The IPv6 packet that carries {@code answer} back to this packet's sender. */
  public byte[] reply(byte[] answer) {
    return Ipv6Codec.encode(
        Ipv6Packets.udp(gatewayAddress, cdAddress, PORT, cdPort, answer, 255));
  }
}
