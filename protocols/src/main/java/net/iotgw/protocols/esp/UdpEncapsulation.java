package net.iotgw.protocols.esp;

import java.util.Arrays;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/**
 * UDP encapsulation of ESP for NAT traversal (RFC 3948): on UDP port 4500, IKE, ESP and
 * NAT-keepalives share one port and are told apart by their first bytes. ESP is carried as is
 * (its SPI is never 0); IKE is prefixed with the 4-byte non-ESP marker (all zeros, which no SPI
 * can be); a keepalive is the single byte 0xFF. These functions work on the UDP payload; the UDP
 * header (and its checksum) belongs to the IP/UDP codec.
 */
public final class UdpEncapsulation {
  /** The NAT-T port (RFC 3948 §2, RFC 7296 §2.23). */
  public static final int PORT = 4500;
  /** RFC 3948 §2.2: four zero bytes where an ESP packet would have its SPI. */
  public static final int NON_ESP_MARKER_LENGTH = 4;
  private static final byte KEEPALIVE_BYTE = (byte) 0xff;

  private UdpEncapsulation() {}

  /** What a datagram on port 4500 carries. */
  public sealed interface Datagram {}

  /**
   * An ESP packet (RFC 3948 §2.1). {@code packet} is the UDP payload itself, not a copy: the data
   * plane forwards it untouched.
   */
  public record Esp(byte[] packet) implements Datagram {
    public int spi() {
      return (int) EspHeader.u32(packet, 0);
    }

    @Override
    public String toString() {
      return "Esp[spi=" + String.format("%08x", spi()) + ", " + packet.length + " bytes]";
    }
  }

  /** An IKE message (RFC 3948 §2.2), without the non-ESP marker. */
  public record Ike(byte[] message) implements Datagram {
    @Override
    public String toString() {
      return "Ike[" + message.length + " bytes]";
    }
  }

  /** A NAT-keepalive (RFC 3948 §2.3): the receiver ignores it. */
  public record Keepalive() implements Datagram {}

  /**
   * Classifies a UDP payload received on port 4500. Never throws; a payload that is none of the
   * three (empty, 2 or 3 bytes, a lone byte other than 0xFF, a marker with nothing after it, an
   * ESP packet shorter than its 8-byte header) is a {@link Decoded.Failed}.
   */
  public static Decoded<Datagram> decode(byte[] udpPayload) {
    int n = udpPayload.length;
    if (n == 1) {
      return udpPayload[0] == KEEPALIVE_BYTE
          ? Decoded.ok(new Keepalive())
          : failed(DecodeError.Kind.INVALID_SYNTAX, 0, "single byte other than a keepalive");
    }
    if (n < NON_ESP_MARKER_LENGTH) {
      return failed(DecodeError.Kind.TRUNCATED, n, "datagram of " + n + " bytes");
    }
    if (EspHeader.u32(udpPayload, 0) == 0) {
      if (n == NON_ESP_MARKER_LENGTH) {
        return failed(DecodeError.Kind.TRUNCATED, n, "non-ESP marker without an IKE message");
      }
      return Decoded.ok(new Ike(Arrays.copyOfRange(udpPayload, NON_ESP_MARKER_LENGTH, n)));
    }
    if (n < EspHeader.LENGTH) {
      return failed(DecodeError.Kind.TRUNCATED, n, "ESP packet shorter than its header");
    }
    return Decoded.ok(new Esp(udpPayload));
  }

  /** The UDP payload for an IKE message sent on port 4500: the non-ESP marker, then the message. */
  public static byte[] encodeIke(byte[] ikeMessage) {
    byte[] out = new byte[NON_ESP_MARKER_LENGTH + ikeMessage.length];
    System.arraycopy(ikeMessage, 0, out, NON_ESP_MARKER_LENGTH, ikeMessage.length);
    return out;
  }

  /**
   * The UDP payload for an ESP packet: the packet itself, unchanged and not copied (RFC 3948
   * §2.1 adds nothing between the UDP header and the SPI).
   *
   * @throws IllegalArgumentException if it is shorter than an ESP header or its SPI is 0
   */
  public static byte[] encodeEsp(byte[] espPacket) {
    if (espPacket.length < EspHeader.LENGTH || EspHeader.u32(espPacket, 0) == 0) {
      throw new IllegalArgumentException("not an ESP packet: SPI 0 or shorter than 8 bytes");
    }
    return espPacket;
  }

  /** The UDP payload of a NAT-keepalive (RFC 3948 §2.3). */
  public static byte[] keepalive() {
    return new byte[] {KEEPALIVE_BYTE};
  }

  private static Decoded<Datagram> failed(DecodeError.Kind kind, int offset, String detail) {
    return Decoded.failed(new DecodeError(kind, offset, detail));
  }
}
