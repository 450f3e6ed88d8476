package net.iotgw.sim.cd;

/**
 * What one IKEv2 handshake cost a CD that runs it itself, from just before its IKE_SA_INIT
 * request to the IKE_AUTH response that completed it: link frames and PSDU octets each way and
 * cryptographic operations by kind (link security included). Whatever else the CD did meanwhile
 * is in it too; the claim benchmark runs nothing else.
 */
public record HandshakeCost(
    long framesSent,
    long octetsSent,
    long framesReceived,
    long octetsReceived,
    CdCryptoCounters crypto) {

  static HandshakeCost between(CdStats before, CdStats after) {
    return new HandshakeCost(after.framesSent() - before.framesSent(),
        after.octetsSent() - before.octetsSent(),
        after.framesReceived() - before.framesReceived(),
        after.octetsReceived() - before.octetsReceived(),
        after.crypto().minus(before.crypto()));
  }
}
