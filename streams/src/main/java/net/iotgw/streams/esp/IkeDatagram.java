package net.iotgw.streams.esp;

import java.util.Arrays;
import java.util.Objects;
import net.iotgw.protocols.esp.UdpEncapsulation;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpDatagram;

/**
 * An IKE message between a UD and the gateway answering as a CD (ARCHITECTURE, "IKEv2 on behalf
 * of the CD"), as the data plane's IKE port carries it both ways: the addresses and ports of the
 * UDP datagram, and the IKE message itself. On port 4500 the datagram carries the message behind
 * the non-ESP marker (RFC 3948 §2.2, RFC 7296 §2.23); {@code message} never includes it: the
 * forwarder strips it on the way in and {@link #toPacket()} adds it on the way out.
 *
 * @param remote the UD's address
 * @param remotePort the UD's port (500, 4500, or what a NAT made of them)
 * @param local the CD's address, which the gateway answers for
 * @param localPort {@value #IKE_PORT} or {@value UdpEncapsulation#PORT}: the ports the data plane
 *     hands to the IKE port, so the only ones a reply can come back to
 * @param message the IKE message (RFC 7296 §3.1 header onwards); not copied, callers must not
 *     change it
 */
public record IkeDatagram(
    Ipv6Address remote, int remotePort, Ipv6Address local, int localPort, byte[] message) {

  /** IKE's own port (RFC 7296 §2). */
  public static final int IKE_PORT = 500;

  public IkeDatagram {
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(message, "message");
    if (localPort != IKE_PORT && localPort != UdpEncapsulation.PORT) {
      throw new IllegalArgumentException("local port " + localPort + ": IKE is on 500 or 4500");
    }
    if (remotePort < 1 || remotePort > 0xffff) {
      throw new IllegalArgumentException("remote port " + remotePort);
    }
    int room = 0xffff - UdpDatagram.HEADER_LENGTH - markerLength(localPort);
    if (message.length == 0 || message.length > room) {
      throw new IllegalArgumentException("IKE message of " + message.length + " octets");
    }
  }

  /** Whether the datagram carries the non-ESP marker: on port 4500 (RFC 3948 §2.2). */
  public boolean nonEspMarker() {
    return markerLength(localPort) != 0;
  }

  /**
   * The IPv6 packet that carries this datagram from the CD's address to the UD: UDP from {@code
   * local}:{@code localPort} to {@code remote}:{@code remotePort}, the checksum computed (RFC 8200
   * §8.1), the non-ESP marker first on port 4500, hop limit {@value Ipv6Packets#DEFAULT_HOP_LIMIT}
   * as from a host. Total: the constructor admits only what encodes.
   */
  public byte[] toPacket() {
    byte[] payload = nonEspMarker() ? UdpEncapsulation.encodeIke(message) : message;
    return Ipv6Codec.encode(
        Ipv6Packets.udp(
            local, remote, localPort, remotePort, payload, Ipv6Packets.DEFAULT_HOP_LIMIT));
  }

  private static int markerLength(int localPort) {
    return localPort == UdpEncapsulation.PORT ? UdpEncapsulation.NON_ESP_MARKER_LENGTH : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IkeDatagram d
        && d.remotePort == remotePort
        && d.localPort == localPort
        && d.remote.equals(remote)
        && d.local.equals(local)
        && Arrays.equals(d.message, message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(remote, remotePort, local, localPort) * 31 + Arrays.hashCode(message);
  }

  @Override
  public String toString() {
    return "IkeDatagram[[" + remote + "]:" + remotePort + " <-> [" + local + "]:" + localPort
        + ", " + message.length + " octets]";
  }
}
