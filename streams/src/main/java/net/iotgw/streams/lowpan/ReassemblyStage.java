package net.iotgw.streams.lowpan;

import java.time.Duration;
import java.util.function.LongSupplier;
import net.iotgw.protocols.sixlowpan.Fragment;
import net.iotgw.protocols.sixlowpan.Reassembler;
import net.iotgw.protocols.wire.Decoded;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reassembles fragmented datagrams (RFC 4944 §5.3) with the immutable {@link Reassembler} of
 * protocols, which this stage owns as a value. Unfragmented payloads pass straight through. Time is
 * the clock given, so tests control it; a stage timer sweeps out datagrams past the timeout even
 * when no fragment arrives to trigger it, so a burst of abandoned fragments does not hold memory
 * until the next one. At most one datagram comes out per payload in: no buffer of its own.
 *
 * <p>Secured and unsecured fragments are reassembled apart, each within the configured bounds: a
 * datagram is secured only if all its fragments were, and a mixed one never completes (no CD
 * sends one: it decides per datagram). Unsecured fragments, which anyone in range can forge,
 * therefore cannot overlap, restart or crowd out the datagrams of admitted CDs.
 */
final class ReassemblyStage extends GraphStage<FlowShape<FramePayload, LowpanDatagram>> {
  private static final Logger log = LoggerFactory.getLogger(ReassemblyStage.class);
  private static final Duration MIN_SWEEP = Duration.ofMillis(10);
  private static final Duration MAX_SWEEP = Duration.ofSeconds(1);

  private final Inlet<FramePayload> in = Inlet.create("reassemble.in");
  private final Outlet<LowpanDatagram> out = Outlet.create("reassemble.out");
  private final FlowShape<FramePayload, LowpanDatagram> shape = FlowShape.of(in, out);
  private final LowpanConfig config;
  private final LongSupplier monotonicMillis;
  private final LowpanCounters counters;

  ReassemblyStage(LowpanConfig config, LongSupplier monotonicMillis, LowpanCounters counters) {
    this.config = config;
    this.monotonicMillis = monotonicMillis;
    this.counters = counters;
  }

  @Override
  public FlowShape<FramePayload, LowpanDatagram> shape() {
    return shape;
  }

  /** A quarter of the timeout, within 10 ms and 1 s: expiry is late by at most that much. */
  static Duration sweepInterval(Duration timeout) {
    Duration quarter = timeout.dividedBy(4);
    return quarter.compareTo(MIN_SWEEP) < 0
        ? MIN_SWEEP
        : quarter.compareTo(MAX_SWEEP) > 0 ? MAX_SWEEP : quarter;
  }

  private Reassembler newReassembler() {
    return new Reassembler(
        config.maxReassemblies(),
        config.maxReassemblyBytes(),
        config.reassemblyTimeout().toMillis());
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    return new TimerGraphStageLogic(shape) {
      private Reassembler secured = newReassembler();
      private Reassembler unsecured = newReassembler();

      {
        setHandler(
            in,
            new AbstractInHandler() {
              @Override
              public void onPush() {
                LowpanDatagram d = take(grab(in));
                if (d != null) {
                  push(out, d);
                } else {
                  pull(in);
                }
              }
            });
        setHandler(
            out,
            new AbstractOutHandler() {
              @Override
              public void onPull() {
                pull(in);
              }
            });
      }

      @Override
      public void preStart() {
        Duration sweep = sweepInterval(config.reassemblyTimeout());
        scheduleWithFixedDelay("expire", sweep, sweep);
      }

      @Override
      public void onTimer(Object key) {
        expire(monotonicMillis.getAsLong());
      }

      private void expire(long now) {
        secured = expire(secured, now);
        unsecured = expire(unsecured, now);
      }

      private Reassembler expire(Reassembler r, long now) {
        Reassembler next = r.expire(now);
        int expired = r.inProgress() - next.inProgress();
        if (expired > 0) {
          counters.drop(LowpanDrop.REASSEMBLY_TIMEOUT, expired);
          log.debug("{} reassemblies timed out", expired);
        }
        return next;
      }

      /** The datagram this payload completes or is; null if none (yet). */
      private LowpanDatagram take(FramePayload p) {
        if (!Fragment.isFragment(p.payload())) {
          return new LowpanDatagram(p.source(), p.destination(), p.payload(), p.secured());
        }
        long now = monotonicMillis.getAsLong();
        expire(now);
        Reassembler r = p.secured() ? secured : unsecured;
        Decoded<Reassembler.Step> step = r.accept(p.source(), p.destination(), p.payload(), now);
        if (step instanceof Decoded.Failed<Reassembler.Step> f) {
          return drop(LowpanDrop.MALFORMED_FRAGMENT, f.error());
        }
        Reassembler.Step s = step.orThrow();
        if (p.secured()) {
          secured = s.reassembler();
        } else {
          unsecured = s.reassembler();
        }
        Reassembler.Outcome o = s.outcome();
        if (o instanceof Reassembler.Complete c) {
          return new LowpanDatagram(
              c.key().source(), c.key().destination(), c.datagram(), p.secured());
        }
        if (o instanceof Reassembler.Restarted) {
          return drop(LowpanDrop.FRAGMENT_OVERLAP, o.key());
        }
        if (o instanceof Reassembler.Dropped dr) {
          boolean duplicate = dr.reason() == Reassembler.Reason.DUPLICATE;
          return drop(duplicate ? LowpanDrop.DUPLICATE_FRAGMENT : LowpanDrop.REASSEMBLY_LIMIT, dr);
        }
        return null; // Pending: held until the rest comes or the timeout
      }

      private LowpanDatagram drop(LowpanDrop reason, Object why) {
        counters.drop(reason);
        log.debug("dropped {}: {}", reason, why);
        return null;
      }
    };
  }
}
