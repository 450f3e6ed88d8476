package net.iotgw.radio.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import net.iotgw.protocols.ieee802154.Fcs;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.GraphStageWithMaterializedValue;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import scala.Tuple2;

/**
 * The shared channel: frames submitted by the stations wait in per-station FIFOs, get the channel
 * in round-robin order between stations (a fair stand-in for CSMA-CA on an uncongested single-hop
 * network), and occupy it for their {@link AirTime} one after the other. Each frame is emitted
 * downstream (to delivery) once its air time has ended.
 *
 * <p>Pacing uses the channel's own clock, {@code freeAt}: a frame starts at {@code max(now,
 * freeAt)} and ends one air time later, so frames never overlap and the channel never carries more
 * than the bit rate. Stage timers fire on the scheduler's tick (10 ms by default), longer than a
 * frame (at most 4.256 ms), so the channel is booked up to {@code lookahead} ahead of now and every
 * due frame is released when the timer fires; without lookahead, the tick would leave the channel
 * idle between frames. Every booking is recorded in the {@link AirtimeLedger}.
 *
 * <p>Bounded: at most {@link #MAX_BOOKED} frames booked or awaiting delivery; beyond that the
 * stations' queues fill and their owners see drops.
 */
final class MediumStage
    extends GraphStageWithMaterializedValue<
        SourceShape<MediumStage.AirFrame>, MediumStage.Ingress> {

  static final int MAX_BOOKED = 128;

  /** A frame handed to the channel by a station; {@code onAir} (may be null) runs after it. */
  record Submission(Station station, byte[] psdu, Runnable onAir) {}

  /** A frame that has been on the air during {@code [startNanos, endNanos)}, FCS filled in. */
  record AirFrame(Station sender, byte[] psdu, long startNanos, long endNanos, Runnable onAir) {}

  /** How stations reach the stage from any thread. */
  interface Ingress {
    void submit(Submission submission);
  }

  private static final String TIMER = "air";

  private final MediumSettings settings;
  private final AirtimeLedger ledger;
  private final LongSupplier clock;
  private final Outlet<AirFrame> out = Outlet.create("Medium.out");
  private final SourceShape<AirFrame> shape = SourceShape.of(out);

  MediumStage(MediumSettings settings, AirtimeLedger ledger, LongSupplier clock) {
    this.settings = settings;
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public SourceShape<AirFrame> shape() {
    return shape;
  }

  @Override
  public Tuple2<GraphStageLogic, Ingress> createLogicAndMaterializedValue(Attributes attributes) {
    Logic logic = new Logic();
    return Tuple2.apply(logic, logic.submit::invoke);
  }

  private final class Logic extends TimerGraphStageLogic {
    private final Map<Station, ArrayDeque<Submission>> queues = new HashMap<>();
    private final ArrayDeque<Station> contenders = new ArrayDeque<>();
    private final ArrayDeque<AirFrame> booked = new ArrayDeque<>();
    private final ArrayDeque<AirFrame> due = new ArrayDeque<>();
    private final long lookaheadNanos = settings.lookahead().toNanos();
    private long freeAt;
    final AsyncCallback<Submission> submit = createAsyncCallback(this::onSubmit);

    Logic() {
      super(shape);
      setHandler(
          out,
          new AbstractOutHandler() {
            @Override
            public void onPull() {
              release();
              book();
            }
          });
    }

    private void onSubmit(Submission s) {
      ArrayDeque<Submission> queue = queues.computeIfAbsent(s.station(), k -> new ArrayDeque<>());
      if (queue.isEmpty()) {
        contenders.add(s.station());
      }
      queue.add(s);
      book();
    }

    private void book() {
      long now = clock.getAsLong();
      while (!contenders.isEmpty()
          && freeAt <= now + lookaheadNanos
          && booked.size() + due.size() < MAX_BOOKED) {
        Station station = contenders.poll();
        ArrayDeque<Submission> queue = queues.get(station);
        Submission s = queue.poll();
        if (queue.isEmpty()) {
          queues.remove(station);
        } else {
          contenders.add(station);
        }
        station.pending.decrementAndGet();
        byte[] psdu = s.psdu();
        Fcs.fill(psdu);
        long start = Math.max(now, freeAt);
        long end = start + AirTime.nanos(psdu.length, settings.bitRate());
        freeAt = end;
        ledger.record(start, end, AirTime.bits(psdu.length));
        booked.add(new AirFrame(station, psdu, start, end, s.onAir()));
      }
      if (!booked.isEmpty()) {
        scheduleOnce(TIMER, Duration.ofNanos(Math.max(0, booked.peek().endNanos() - now)));
      }
    }

    @Override
    public void onTimer(Object key) {
      long now = clock.getAsLong();
      while (!booked.isEmpty() && booked.peek().endNanos() <= now) {
        due.add(booked.poll());
      }
      release();
      book();
    }

    private void release() {
      if (isAvailable(out) && !due.isEmpty()) {
        push(out, due.poll());
      }
    }
  }
}
