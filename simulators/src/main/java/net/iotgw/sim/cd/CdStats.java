package net.iotgw.sim.cd;

import java.util.Arrays;

/**
 * What a simulated CD (or, summed with {@link #plus}, a population) has done. Octets are PSDU
 * octets, the frame with its FCS; the PHY adds 6 more per frame (preamble, SFD, PHR) on the air.
 *
 * @param framesReceived frames the radio handed to the CD, whoever they were for
 * @param octetsReceived their PSDU octets
 * @param framesSent frames the CD transmitted
 * @param octetsSent their PSDU octets
 * @param securedFramesReceived frames received that verified under the CD's link key
 * @param securedFramesSent frames sent secured under the CD's link key (or, forging, a made-up one)
 * @param forgedFramesSent data frames a forging CD sent while not admitted ({@link Forgery})
 * @param pingsAnswered ICMPv6 echo requests answered
 * @param coapRequestsServed CoAP requests answered, errors (4.04, 4.05) included
 * @param coapDuplicatesAnswered retransmitted confirmable requests answered from the cache
 * @param keyDeliveries ESP SA pairs installed from the gateway's key deliveries (paper Sec. III-D)
 * @param saRemovals SA pairs removed at the gateway's word
 * @param espReceived ESP packets opened and accepted (RFC 4303 §3.4)
 * @param espSent ESP packets sealed and sent
 * @param drops by {@link DropReason} ordinal; read with {@link #drops(DropReason)}
 * @param crypto the CD's cryptographic operations by kind
 */
public record CdStats(
    long framesReceived,
    long octetsReceived,
    long framesSent,
    long octetsSent,
    long securedFramesReceived,
    long securedFramesSent,
    long forgedFramesSent,
    long pingsAnswered,
    long coapRequestsServed,
    long coapDuplicatesAnswered,
    long keyDeliveries,
    long saRemovals,
    long espReceived,
    long espSent,
    long[] drops,
    CdCryptoCounters crypto) {

  public static final CdStats ZERO = new CdStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      new long[DropReason.values().length], CdCryptoCounters.ZERO);

  public CdStats {
    if (crypto == null) {
      throw new IllegalArgumentException("crypto counters needed");
    }
    if (drops.length != DropReason.values().length) {
      throw new IllegalArgumentException("one drop count per reason");
    }
    drops = drops.clone();
  }

  public long drops(DropReason reason) {
    return drops[reason.ordinal()];
  }

  /** ESP packets dropped because the CD held no SA for their SPI: lost for lack of keys. */
  public long espNoSa() {
    return drops(DropReason.ESP_NO_SA);
  }

  /** All drops, whatever the reason. */
  public long totalDrops() {
    long n = 0;
    for (long d : drops) {
      n += d;
    }
    return n;
  }

  @Override
  public long[] drops() {
    return drops.clone();
  }

  /** The sum of this and {@code other}, for a population's totals. */
  public CdStats plus(CdStats other) {
    long[] d = drops.clone();
    for (int i = 0; i < d.length; i++) {
      d[i] += other.drops[i];
    }
    return new CdStats(
        framesReceived + other.framesReceived,
        octetsReceived + other.octetsReceived,
        framesSent + other.framesSent,
        octetsSent + other.octetsSent,
        securedFramesReceived + other.securedFramesReceived,
        securedFramesSent + other.securedFramesSent,
        forgedFramesSent + other.forgedFramesSent,
        pingsAnswered + other.pingsAnswered,
        coapRequestsServed + other.coapRequestsServed,
        coapDuplicatesAnswered + other.coapDuplicatesAnswered,
        keyDeliveries + other.keyDeliveries,
        saRemovals + other.saRemovals,
        espReceived + other.espReceived,
        espSent + other.espSent,
        d,
        crypto.plus(other.crypto));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CdStats s
        && framesReceived == s.framesReceived
        && octetsReceived == s.octetsReceived
        && framesSent == s.framesSent
        && octetsSent == s.octetsSent
        && securedFramesReceived == s.securedFramesReceived
        && securedFramesSent == s.securedFramesSent
        && forgedFramesSent == s.forgedFramesSent
        && pingsAnswered == s.pingsAnswered
        && coapRequestsServed == s.coapRequestsServed
        && coapDuplicatesAnswered == s.coapDuplicatesAnswered
        && keyDeliveries == s.keyDeliveries
        && saRemovals == s.saRemovals
        && espReceived == s.espReceived
        && espSent == s.espSent
        && Arrays.equals(drops, s.drops)
        && crypto.equals(s.crypto);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(framesReceived * 31 + framesSent) * 31 + Arrays.hashCode(drops);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("CdStats[in ")
        .append(framesReceived).append(" frames/").append(octetsReceived).append(" B, out ")
        .append(framesSent).append(" frames/").append(octetsSent).append(" B, secured in ")
        .append(securedFramesReceived).append(" out ").append(securedFramesSent);
    if (forgedFramesSent != 0) {
      b.append(", forged ").append(forgedFramesSent);
    }
    b.append(", pings ")
        .append(pingsAnswered).append(", coap ").append(coapRequestsServed)
        .append(" (+").append(coapDuplicatesAnswered).append(" dup)");
    if (keyDeliveries != 0 || espReceived != 0 || espSent != 0) {
      b.append(", SAs ").append(keyDeliveries).append(" (-").append(saRemovals)
          .append("), ESP in ").append(espReceived).append(" out ").append(espSent);
    }
    for (DropReason r : DropReason.values()) {
      if (drops[r.ordinal()] != 0) {
        b.append(", ").append(r).append(' ').append(drops[r.ordinal()]);
      }
    }
    return b.append(", ").append(crypto).append(']').toString();
  }
}
