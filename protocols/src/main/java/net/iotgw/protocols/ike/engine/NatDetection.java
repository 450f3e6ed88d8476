package net.iotgw.protocols.ike.engine;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import org.bouncycastle.crypto.digests.SHA1Digest;

/**
 * NAT detection (RFC 7296 §2.23): each side sends SHA-1(SPIi | SPIr | IP | port) of its own source
 * (NAT_DETECTION_SOURCE_IP) and of the destination it sent to (NAT_DETECTION_DESTINATION_IP), with
 * the SPIs of the message's own header (SPIr zero in the request). A hash that does not match what
 * the receiver sees means a NAT rewrote that address.
 */
final class NatDetection {
  private static final int SHA1_LENGTH = 20;

  private NatDetection() {}

  /** What the NAT_DETECTION notifies of a message say. */
  record Result(boolean peerBehindNat, boolean weBehindNat) {
    boolean any() {
      return peerBehindNat || weBehindNat;
    }
  }

  static byte[] hash(long spiI, long spiR, InetSocketAddress endpoint) {
    SHA1Digest sha1 = new SHA1Digest();
    byte[] spis = new byte[16];
    for (int i = 0; i < 8; i++) {
      spis[i] = (byte) (spiI >>> (56 - 8 * i));
      spis[8 + i] = (byte) (spiR >>> (56 - 8 * i));
    }
    sha1.update(spis, 0, spis.length);
    byte[] ip = endpoint.getAddress().getAddress();
    sha1.update(ip, 0, ip.length);
    sha1.update((byte) (endpoint.getPort() >>> 8));
    sha1.update((byte) endpoint.getPort());
    byte[] out = new byte[SHA1_LENGTH];
    sha1.doFinal(out, 0);
    return out;
  }

  /**
   * Our two notifies for a message from {@code local} to {@code remote}. With {@code fake}, a
   * random source hash that cannot match, as strongSwan sends under kernel-libipsec to force UDP
   * encapsulation.
   */
  static List<Payload> notifies(
      long spiI, long spiR, InetSocketAddress local, InetSocketAddress remote, boolean fake,
      SecureRandom random) {
    byte[] source;
    if (fake) {
      source = new byte[SHA1_LENGTH];
      random.nextBytes(source);
    } else {
      source = hash(spiI, spiR, local);
    }
    return List.of(
        NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, source),
        NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, hash(spiI, spiR, remote)));
  }

  /**
   * Checks a received message's notifies, hashed with that message's SPIs. A peer that sent none
   * does not support detection: no NAT is assumed.
   */
  static Result check(
      List<Payload> payloads, long spiI, long spiR, InetSocketAddress local,
      InetSocketAddress remote) {
    List<byte[]> sources = data(payloads, NotifyType.NAT_DETECTION_SOURCE_IP);
    List<byte[]> destinations = data(payloads, NotifyType.NAT_DETECTION_DESTINATION_IP);
    if (sources.isEmpty() && destinations.isEmpty()) {
      return new Result(false, false);
    }
    byte[] peer = hash(spiI, spiR, remote);
    byte[] us = hash(spiI, spiR, local);
    // RFC 7296 §2.23: the source may come in several notifies (a multihomed sender), one must match.
    boolean peerMatches = sources.stream().anyMatch(s -> Arrays.equals(s, peer));
    boolean usMatches = destinations.stream().anyMatch(d -> Arrays.equals(d, us));
    return new Result(!peerMatches, !destinations.isEmpty() && !usMatches);
  }

  private static List<byte[]> data(List<Payload> payloads, NotifyType type) {
    return payloads.stream()
        .filter(p -> p instanceof NotifyPayload n && n.notifyType() == type.id())
        .map(p -> ((NotifyPayload) p).data())
        .toList();
  }
}
