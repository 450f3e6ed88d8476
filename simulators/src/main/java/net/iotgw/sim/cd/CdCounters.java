package net.iotgw.sim.cd;

/**
 * The running counts of one simulated CD. Mutable and, like the CD, confined to one thread: read
 * them through {@link #snapshot()} on that thread.
 */
final class CdCounters {
  private long framesReceived;
  private long octetsReceived;
  private long framesSent;
  private long octetsSent;
  private long securedFramesReceived;
  private long securedFramesSent;
  private long forgedFramesSent;
  private long pingsAnswered;
  private long coapRequestsServed;
  private long coapDuplicatesAnswered;
  private long keyDeliveries;
  private long saRemovals;
  private long espReceived;
  private long espSent;
  private final long[] drops = new long[DropReason.values().length];
  private final long[] crypto = new long[CryptoOperation.values().length];

  void received(int psduOctets) {
    framesReceived++;
    octetsReceived += psduOctets;
  }

  void sent(int psduOctets, boolean secured) {
    framesSent++;
    octetsSent += psduOctets;
    if (secured) {
      securedFramesSent++;
    }
  }

  void securedReceived() {
    securedFramesReceived++;
  }

  void forged(int frames) {
    forgedFramesSent += frames;
  }

  void pingAnswered() {
    pingsAnswered++;
  }

  void coapRequestServed() {
    coapRequestsServed++;
  }

  void coapDuplicateAnswered() {
    coapDuplicatesAnswered++;
  }

  void keyDelivered() {
    keyDeliveries++;
  }

  void saRemoved() {
    saRemovals++;
  }

  void espReceived() {
    espReceived++;
  }

  void espSent() {
    espSent++;
  }

  /** {@code n} operations of kind {@code op}, done by the CD. */
  void crypto(CryptoOperation op, int n) {
    crypto[op.ordinal()] += n;
  }

  void crypto(CryptoOperation op) {
    crypto[op.ordinal()]++;
  }

  void drop(DropReason reason) {
    drops[reason.ordinal()]++;
  }

  void drops(DropReason reason, int n) {
    drops[reason.ordinal()] += n;
  }

  CdStats snapshot() {
    return new CdStats(framesReceived, octetsReceived, framesSent, octetsSent,
        securedFramesReceived, securedFramesSent, forgedFramesSent, pingsAnswered,
        coapRequestsServed, coapDuplicatesAnswered, keyDeliveries, saRemovals, espReceived,
        espSent, drops, new CdCryptoCounters(crypto));
  }
}
