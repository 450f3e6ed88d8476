package net.iotgw.protocols.ike.engine;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * One IKE message between two UDP endpoints, as the engine takes and gives it: {@code message}
 * starts at the IKE header. On the NAT-T port the UDP payload carries it behind the four zero
 * octets of the non-ESP marker (RFC 3948 §2.2, RFC 7296 §2.23); {@link #udpPayload} and {@link
 * #fromUdp} add and remove it, so the engine never sees the marker.
 *
 * @param local our address and port (the CD's address, as the gateway speaks for it)
 * @param remote the peer's address and port
 * @param message the IKE message
 */
public record Datagram(InetSocketAddress local, InetSocketAddress remote, byte[] message) {

  private static final int MARKER = 4;

  public Datagram {
    if (local == null || remote == null) {
      throw new IllegalArgumentException("both endpoints are needed");
    }
    message = message.clone();
  }

  @Override
  public byte[] message() {
    return message.clone();
  }

  /** What goes into the UDP datagram: the message, behind the marker on the NAT-T port. */
  public byte[] udpPayload(int natTPort) {
    if (local.getPort() != natTPort) {
      return message.clone();
    }
    byte[] out = new byte[MARKER + message.length];
    System.arraycopy(message, 0, out, MARKER, message.length);
    return out;
  }

  /**
   * The IKE message of a received UDP payload; empty for what is not IKE on the NAT-T port (ESP,
   * which starts with a non-zero SPI, or a one-octet NAT-keepalive, RFC 3948 §2.3).
   */
  public static Optional<Datagram> fromUdp(
      InetSocketAddress local, InetSocketAddress remote, byte[] udpPayload, int natTPort) {
    if (local.getPort() != natTPort) {
      return Optional.of(new Datagram(local, remote, udpPayload));
    }
    if (udpPayload.length < MARKER
        || udpPayload[0] != 0
        || udpPayload[1] != 0
        || udpPayload[2] != 0
        || udpPayload[3] != 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Datagram(local, remote, Arrays.copyOfRange(udpPayload, MARKER, udpPayload.length)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Datagram d
        && local.equals(d.local)
        && remote.equals(d.remote)
        && Arrays.equals(message, d.message);
  }

  @Override
  public int hashCode() {
    return (local.hashCode() * 31 + remote.hashCode()) * 31 + Arrays.hashCode(message);
  }

  @Override
  public String toString() {
    return "Datagram[" + local + " <-> " + remote + ", " + message.length + " bytes]";
  }
}
