package net.iotgw.streams.lowpan;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;

/**
 * The 6LoWPAN adaptation of one 802.15.4 interface as a BidiFlow: IPv6 packets on top, PSDUs on the
 * bottom, one layer per concern (Californium style), each passing on what is not its business.
 *
 * <pre>
 *   IPv6 packet (byte[])             ▲
 *        │  IphcLayer          compress / decompress (RFC 6282), link address via LinkResolver
 *        │  FragmentationLayer fragment / reassemble (RFC 4944 §5.3)
 *        │  MacFramingLayer    data frame header, sequence number / 6LoWPAN data frames only
 *        │  LinkSecurity       (slot; none yet)
 *        │  FrameFilter        - / our PAN and address
 *        ▼  PsduLayer          encode with FCS / check FCS, decode
 *   PSDU with FCS (byte[])
 * </pre>
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

  private LowpanAdaptation() {}

  /**
   * @param config our addresses, the CD prefix (context 0) and the reassembly bounds
   * @param resolver the link address for each packet's destination
   * @param monotonicMillis the reassembly clock ({@link #MONOTONIC_MILLIS}, or a test's)
   * @param counters where drops and throughput are counted
   */
  public static BidiFlow<byte[], byte[], byte[], byte[], NotUsed> create(
      LowpanConfig config,
      LinkResolver resolver,
      LongSupplier monotonicMillis,
      LowpanCounters counters) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(monotonicMillis, "monotonicMillis");
    Objects.requireNonNull(counters, "counters");
    MacFramingLayer framing = new MacFramingLayer(config, counters);
    return new IphcLayer(config, resolver, counters)
        .bidi()
        .atop(
            new FragmentationLayer(
                    config,
                    d -> framing.room(d.source(), d.destination()),
                    monotonicMillis,
                    counters)
                .bidi())
        .atop(framing.bidi())
        .atop(LinkSecurity.none())
        .atop(new FrameFilter(config, counters).bidi())
        .atop(new PsduLayer(counters).bidi())
        .named("lowpan");
  }
}
