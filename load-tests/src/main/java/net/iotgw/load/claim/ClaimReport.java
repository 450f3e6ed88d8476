package net.iotgw.load.claim;

import java.util.Locale;
import java.util.function.ToDoubleFunction;
import net.iotgw.sim.cd.CryptoOperation;

/**
 * The claim's figures side by side: per handshake at the CD and on the air, and what one channel
 * sustains with all CDs of a phase at once.
 *
 * @param cds CDs per phase
 * @param bitRate the channel's bits per second
 */
record ClaimReport(int cds, int bitRate, PhaseFigures offload, PhaseFigures baseline) {

  /** Whether both phases completed every handshake and echo, and the offloaded CDs did no
   *  public-key work. */
  boolean complete() {
    return offload.handshakes() == cds && baseline.handshakes() == cds
        && offload.echoes() == cds && baseline.echoes() == cds
        && offload.crypto().count(CryptoOperation.PUBLIC_KEY) == 0;
  }

  String render() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "claim: %d CDs per mode, all at once on one %d kbit/s channel (IKEv2 PSK;"
            + " baseline CD proposes AES-GCM-16-128, PRF-HMAC-SHA2-256, Curve25519)%n",
        cds, bitRate / 1000));
    b.append(String.format(Locale.ROOT, "%-44s %12s %12s%n", "", "offload", "baseline"));
    count(b, "handshakes completed", offload.handshakes(), baseline.handshakes());
    count(b, "echoes answered through ESP", offload.echoes(), baseline.echoes());
    b.append("per handshake, on the air (counted by the medium):\n");
    row(b, "  frames, both directions", PhaseFigures::framesPerHandshake, "%.1f");
    row(b, "  octets, both directions, PHY included", PhaseFigures::airOctetsPerHandshake, "%.0f");
    b.append("per handshake, at the CD:\n");
    row(b, "  frames sent", PhaseFigures::cdFramesSentPerHandshake, "%.1f");
    row(b, "  frames received", PhaseFigures::cdFramesReceivedPerHandshake, "%.1f");
    row(b, "  PSDU octets sent", PhaseFigures::cdOctetsSentPerHandshake, "%.0f");
    row(b, "  PSDU octets received", PhaseFigures::cdOctetsReceivedPerHandshake, "%.0f");
    for (CryptoOperation op : CryptoOperation.values()) {
      row(b, "  crypto " + op, f -> f.cryptoPerHandshake(op), "%.1f");
    }
    row(b, "  crypto, all kinds", f -> f.handshakes() == 0 ? 0
        : (double) f.crypto().total() / f.handshakes(), "%.1f");
    row(b, "  CPU time (us, JVM on this host)", PhaseFigures::cpuMicrosPerHandshake, "%.0f");
    row(b, "  IKE requests retransmitted by the CD", f -> f.handshakes() == 0 ? 0
        : (double) f.cdRetransmissions() / f.handshakes(), "%.2f");
    b.append("the channel, all CDs at once:\n");
    row(b, "  seconds to the last handshake", PhaseFigures::seconds, "%.2f");
    row(b, "  handshakes per second", PhaseFigures::handshakesPerSecond, "%.1f");
    row(b, "  channel busy (%)", f -> 100 * f.channelBusy(), "%.0f");
    row(b, "  air-time bound (handshakes/s at 100% busy)", PhaseFigures::airtimeBoundPerSecond,
        "%.1f");
    row(b, "  latency median (ms)", f -> f.medianLatencyMillis(), "%.0f");
    row(b, "  latency max (ms)", f -> f.maxLatencyMillis(), "%.0f");
    return b.toString();
  }

  private void count(StringBuilder b, String label, int offloadValue, int baselineValue) {
    b.append(String.format(Locale.ROOT, "%-44s %12s %12s%n", label,
        offloadValue + "/" + cds, baselineValue + "/" + cds));
  }

  private void row(StringBuilder b, String label, ToDoubleFunction<PhaseFigures> value,
      String format) {
    b.append(String.format(Locale.ROOT, "%-44s %12s %12s%n", label,
        String.format(Locale.ROOT, format, value.applyAsDouble(offload)),
        String.format(Locale.ROOT, format, value.applyAsDouble(baseline))));
  }
}
