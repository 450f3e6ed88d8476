package net.iotgw.streams.lowpan;

import java.util.Objects;
import java.util.function.LongSupplier;
import net.iotgw.protocols.ieee802154.Address;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 6LoWPAN adaptation of one 802.15.4 interface as a BidiFlow: IPv6 packets on top, PSDUs on the
 * bottom, one layer per concern (Californium style), each passing on what is not its business.
 *
 * <pre>
 *   IPv6 packet (byte[])             ▲
 *        │  IphcLayer          compress / decompress (RFC 6282), link address via LinkResolver;
 *        │                     admission: secure? / secured or PANA, source IID (AdmissionRule)
 *        │  FragmentationLayer fragment / reassemble (RFC 4944 §5.3), secured apart
 *        │  MacFramingLayer    data frame header, sequence number / 6LoWPAN data frames only
 *        │  LinkSecurity       seal with the CD's key / verify, decrypt (802.15.4 CCM*)
 *        │  FrameFilter        - / our PAN and address
 *        ▼  PsduLayer          encode with FCS / check FCS, decode
 *   PSDU with FCS (byte[])
 * </pre>
 *
 * <p>The adaptation is the network-entry enforcement point (contract-netentry): PANA passes in
 * clear, everything else only in frames secured with the key of an admitted CD, which the control
 * plane installs in the {@link LinkKeyTable}. {@link EnforcementMode#OPEN} in the config turns
 * that off entirely, for simulators whose CDs do not secure; it is logged as a warning.
 *
 * <p>Shape {@code BidiFlow<ipv6 out, psdu out, psdu in, ipv6 in>}: join it to the radio ({@code
 * adaptation.join(radio)} with {@code radio: Flow<byte[] psdu to send, byte[] psdu received>}) and
 * the result is a {@code Flow<IPv6 to send, IPv6 received>}. Hostile input never fails it: every
 * drop is counted in the {@link LowpanCounters} given. State (sequence numbers, datagram tags,
 * reassembly) is per materialization; queues are Pekko's bounded stage buffers only.
 */
public final class LowpanAdaptation {
  /** Monotonic milliseconds from {@link System#nanoTime()}: reassembly must not see NTP steps. */
  public static final LongSupplier MONOTONIC_MILLIS = () -> System.nanoTime() / 1_000_000;

  private static final Logger log = LoggerFactory.getLogger(LowpanAdaptation.class);

  private LowpanAdaptation() {}

  /**
   * @param config our addresses, the CD prefix (context 0), the reassembly bounds, the
   *     enforcement mode and security level
   * @param keys the admitted CDs' keys, which the control plane keeps current; shared by every
   *     materialization (its counters must survive a restarted stream)
   * @param resolver the link address for each packet's destination
   * @param monotonicMillis the reassembly clock ({@link #MONOTONIC_MILLIS}, or a test's)
   * @param counters where drops and throughput are counted
   */
  public static BidiFlow<byte[], byte[], byte[], byte[], NotUsed> create(
      LowpanConfig config,
      LinkKeyTable keys,
      LinkResolver resolver,
      LongSupplier monotonicMillis,
      LowpanCounters counters) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(monotonicMillis, "monotonicMillis");
    Objects.requireNonNull(counters, "counters");
    if (config.enforcement() == EnforcementMode.OPEN) {
      log.warn(
          "6LoWPAN link security is OFF (enforcement mode OPEN) on {}: every CD's traffic passes"
              + " in clear, admitted or not. Only for CDs that cannot secure (simulators, tests).",
          new Address.Extended(config.ourExtendedAddress()));
    }
    MacFramingLayer framing = new MacFramingLayer(config, counters);
    return new IphcLayer(config, keys, resolver, counters)
        .bidi()
        .atop(
            new FragmentationLayer(
                    config,
                    d -> framing.room(d.source(), d.destination(), d.secured()),
                    monotonicMillis,
                    counters)
                .bidi())
        .atop(framing.bidi())
        .atop(new LinkSecurity(config, keys, counters).bidi())
        .atop(new FrameFilter(config, counters).bidi())
        .atop(new PsduLayer(counters).bidi())
        .named("lowpan");
  }
}
