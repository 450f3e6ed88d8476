package net.iotgw.gateway.demo;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.radio.emulator.MediumStats;
import net.iotgw.streams.ucn.UcnCounters;

/**
 * The demo's outcome: a table of the three phases and the facts behind the paper's claims (the
 * CDs did no public-key work, IKE never crossed the radio, only the key delivery did), and whether
 * everything succeeded.
 *
 * @param settings what was asked
 * @param joins network entry of the CDs with the right PSK
 * @param rejected CDs with a wrong PSK that the gateway refused
 * @param wrongPskAdmitted CDs with a wrong PSK that were admitted anyway (must be 0)
 * @param handshakes IKEv2 offload to the admitted CDs
 * @param requests CoAP GETs over ESP
 * @param skippedRequests GETs not sent because their CD's SA never came up
 * @param keyDeliveries CHILD_SAs the CDs installed from the gateway's key deliveries
 * @param cdPublicKeyOperations public-key operations the CDs did (the offload's point: 0)
 * @param ikeOctetsSent IKE octets the UDs sent over the UCN (none of them on the radio)
 * @param ikeOctetsReceived IKE octets the UDs received
 * @param ikeRetransmissions IKE requests the UDs sent again
 * @param coapRetransmissions GETs the UDs sent again
 * @param medium the radio medium's counters at the end
 * @param channelBusyNanos how long the channel carried a frame
 * @param ucn the gateway's in-memory UCN port's counters (received: from the UDs)
 * @param unrouted packets the gateway sent to no UD
 * @param wallNanos the whole run, from before the gateway started to the summary
 */
public record DemoSummary(
    DemoRun.Settings settings,
    PhaseResult joins,
    int rejected,
    int wrongPskAdmitted,
    PhaseResult handshakes,
    PhaseResult requests,
    int skippedRequests,
    long keyDeliveries,
    long cdPublicKeyOperations,
    long ikeOctetsSent,
    long ikeOctetsReceived,
    long ikeRetransmissions,
    long coapRetransmissions,
    MediumStats medium,
    long channelBusyNanos,
    UcnCounters ucn,
    long unrouted,
    long wallNanos) {

  /** Why the run failed; empty if every join, handshake and request succeeded. */
  public List<String> failures() {
    List<String> out = new ArrayList<>();
    if (settings.wrongPsk() > 0) {
      out.add(settings.wrongPsk() + " CD(s) given a wrong PSK (--wrong-psk): "
          + rejected + " rejected by the gateway, " + wrongPskAdmitted + " admitted");
    }
    if (wrongPskAdmitted > 0) {
      out.add(wrongPskAdmitted + " CD(s) with a wrong PSK were ADMITTED");
    }
    for (PhaseResult p : List.of(joins, handshakes, requests)) {
      if (!p.allOk()) {
        out.add(p.name() + ": " + p.ok() + " of " + p.total() + " succeeded");
      }
    }
    if (cdPublicKeyOperations > 0) {
      out.add("the CDs did " + cdPublicKeyOperations + " public-key operations");
    }
    return out;
  }

  public boolean passed() {
    return failures().isEmpty();
  }

  public String render() {
    StringBuilder b = new StringBuilder();
    DemoRun.Settings s = settings;
    b.append(String.format("iotgw demo: %d CDs (%d with a wrong PSK), %d UDs, %d GETs per CD;"
            + " %d cores, %.1f s%n", s.cds(), s.wrongPsk(), s.uds(), s.requests(),
        Runtime.getRuntime().availableProcessors(), wallNanos / 1e9));
    b.append(String.format("%-11s %6s %6s %6s %7s %8s %8s %8s %8s %9s %8s%n", "phase", "ok",
        "failed", "total", "wall s", "rate/s", "p50 ms", "p90 ms", "p99 ms", "air B/it",
        "frm/it"));
    for (PhaseResult p : List.of(joins, handshakes, requests)) {
      b.append(String.format("%-11s %6d %6d %6d %7.2f %8.1f %8.1f %8.1f %8.1f %9.0f %8.1f%n",
          p.name(), p.ok(), p.failed(), p.total(), p.wallNanos() / 1e9, p.ratePerSecond(),
          p.percentileMillis(50), p.percentileMillis(90), p.percentileMillis(99),
          p.airOctetsPerItem(), p.airFramesPerItem()));
    }
    b.append("  (air B/it: radio octets per CD joining, per key delivery, per GET and its answer;"
        + " counted by the medium, PHY overhead included)\n");
    if (s.wrongPsk() > 0) {
      b.append(String.format("rejections: %d of %d CDs with a wrong PSK refused, %d admitted%n",
          rejected, s.wrongPsk(), wrongPskAdmitted));
    }
    int hs = Math.max(1, handshakes.ok() + handshakes.failed());
    b.append(String.format("offload: %d CHILD_SAs keyed over PANA, %d public-key operations on"
            + " CDs; IKE on the UCN only: %.0f B out + %.0f B in per handshake, %d"
            + " retransmitted%n", keyDeliveries, cdPublicKeyOperations,
        (double) ikeOctetsSent / hs, (double) ikeOctetsReceived / hs, ikeRetransmissions));
    b.append(String.format("requests: %d retransmitted, %d not sent (no SA)%n",
        coapRetransmissions, skippedRequests));
    b.append(String.format("radio: %d frames, %.1f kB on the air, channel busy %.1f s (%.0f%%),"
            + " %d queue drops, %d lost%n", medium.framesCarried(), medium.bitsCarried() / 8e3,
        channelBusyNanos / 1e9, wallNanos == 0 ? 0 : 100.0 * channelBusyNanos / wallNanos,
        medium.queueDrops(), medium.lostDeliveries()));
    b.append(String.format("UCN: %d packets from the UDs (%d refused, queue full), %d to them"
            + " (%d dropped, %d to no UD)%n", ucn.received(), ucn.receiveDropped(), ucn.sent(),
        ucn.sendDropped(), unrouted));
    List<String> failures = failures();
    b.append(failures.isEmpty() ? "result: PASS, every join, handshake and request succeeded\n"
        : "result: FAIL: " + String.join("; ", failures) + "\n");
    return b.toString();
  }
}
