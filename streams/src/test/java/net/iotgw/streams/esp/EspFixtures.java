package net.iotgw.streams.esp;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.esp.EspPacket;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.EspSa;
import net.iotgw.protocols.esp.IvSource;
import net.iotgw.protocols.esp.NextHeader;
import net.iotgw.protocols.ike.EsnMode;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packets;

/**
 * Real ESP packets for the forwarder's tests, sealed by protocols' {@link EspPacket} under
 * AES-GCM-16-128 with fixed keys, and the outer packets a UD or a CD would send them in. The
 * expected packets are written out octet by octet here, not with the codecs the forwarder uses.
 */
public final class EspFixtures {
  /** The SPI of the SA towards the CD (the gateway picked it). */
  public static final int CD_IN = 0xc0ffee01;
  /** The SPI of the SA towards the UD (the UD picked it). */
  public static final int CD_OUT = 0x5ad00d02;
  /** The UD's NAT-T source port: not 4500, so a test sees which port is used. */
  public static final int UD_PORT = 34567;

  private EspFixtures() {}

  private static final Map<Integer, EspSa> SAS = new ConcurrentHashMap<>();

  /** One direction of the pair, keyed from fixed octets; one instance per SPI (it is immutable). */
  public static EspSa sa(int spi) {
    return SAS.computeIfAbsent(spi, EspFixtures::keyed);
  }

  private static EspSa keyed(int spi) {
    byte[] keymat = new byte[PacketProtection.AES_GCM_16_128.keyingMaterialLength()];
    for (int i = 0; i < keymat.length; i++) {
      keymat[i] = (byte) (spi + i * 13);
    }
    return EspSa.create(spi, PacketProtection.AES_GCM_16_128, keymat, EsnMode.NO_ESN);
  }

  /** A tunnel-mode payload (what strongSwan with kernel-libipsec sends): an inner echo request. */
  public static EspPayload tunnel(Ipv6Address from, Ipv6Address to, int seq) {
    return EspPayload.tunnel(
        Ipv6Codec.encode(
            Ipv6Packets.icmpEchoRequest(from, to, 0x4242, seq, new byte[] {1, 2, 3, 4, 5}, 64)));
  }

  /** A transport-mode payload: a CoAP-sized UDP segment. */
  public static EspPayload transport(int seq) {
    byte[] segment = new byte[20];
    for (int i = 0; i < segment.length; i++) {
      segment[i] = (byte) (seq + i);
    }
    return EspPayload.transport(NextHeader.UDP, segment);
  }

  /** The ESP packet for {@code payload} on the SA {@code spi}, sequence number {@code seq}. */
  public static byte[] esp(int spi, long seq, EspPayload payload) {
    return EspPacket.seal(sa(spi), seq, payload, IvSource.sequenceNumber());
  }

  /** ESP in UDP (RFC 3948 §2.1) as the UD sends it. */
  public static byte[] espInUdp(
      Ipv6Address src, int srcPort, Ipv6Address dst, int dstPort, byte[] payload, int hopLimit) {
    return Ipv6Codec.encode(Ipv6Packets.udp(src, dst, srcPort, dstPort, payload, hopLimit));
  }

  /** The IPv6 packet with Next Header 50 and {@code esp}, octet by octet. */
  public static byte[] rawEsp(Ipv6Address src, Ipv6Address dst, int hopLimit, byte[] esp) {
    ByteBuffer b = ByteBuffer.allocate(40 + esp.length);
    b.putInt(0x6000_0000).putShort((short) esp.length).put((byte) 50).put((byte) hopLimit);
    b.put(src.bytes()).put(dst.bytes()).put(esp);
    return b.array();
  }

  /**
   * The IPv6/UDP packet carrying {@code payload}, octet by octet, with the checksum computed here
   * (RFC 768, RFC 8200 §8.1 pseudo-header), not by the codec under test.
   */
  public static byte[] udp(
      Ipv6Address src, int srcPort, Ipv6Address dst, int dstPort, int hopLimit, byte[] payload) {
    int length = 8 + payload.length;
    ByteBuffer b = ByteBuffer.allocate(40 + length);
    b.putInt(0x6000_0000).putShort((short) length).put((byte) 17).put((byte) hopLimit);
    b.put(src.bytes()).put(dst.bytes());
    b.putShort((short) srcPort).putShort((short) dstPort);
    b.putShort((short) length).putShort((short) 0);
    b.put(payload);
    byte[] p = b.array();
    long sum = 17 + length;
    for (int i = 8; i < p.length; i += 2) { // source, destination, then the UDP segment
      sum += ((p[i] & 0xff) << 8) | (i + 1 < p.length ? p[i + 1] & 0xff : 0);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    int checksum = (int) ~sum & 0xffff;
    if (checksum == 0) {
      checksum = 0xffff;
    }
    p[46] = (byte) (checksum >>> 8);
    p[47] = (byte) checksum;
    return p;
  }

  /** The non-ESP marker and then {@code message} (RFC 3948 §2.2). */
  public static byte[] marked(byte[] message) {
    byte[] out = new byte[4 + message.length];
    System.arraycopy(message, 0, out, 4, message.length);
    return out;
  }

  /** An IKE_SA_INIT-sized stand-in: an IKE header's worth of octets, SPIi first. */
  public static byte[] ikeMessage(int tag) {
    byte[] m = new byte[36];
    for (int i = 0; i < m.length; i++) {
      m[i] = (byte) (tag + i + 1);
    }
    return m;
  }
}
