package net.iotgw.streams.pcap;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FanOutShape2;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;

/**
 * Passes every element through unchanged, at the pace of the main line only, and queues a
 * timestamped copy for the capture outlet. The queue holds at most {@code capacity} captures;
 * while it is full, captures are dropped and counted (the materialized {@link LongAdder}), so a
 * slow or dead disk never slows the data path. When the capture outlet asks, it gets everything
 * queued as one batch: one batch per write and flush, so the file stays current when traffic is
 * light and the writer keeps up with fewer flushes when it is heavy.
 *
 * <p>Unlike {@code alsoTo}, the capture side ending (a failed disk) never cancels the main line;
 * and the main line ending still lets the queued captures out before the capture side completes.
 */
final class TapStage
    extends AbstractGraphStageWithMaterializedValue<FanOutShape2<byte[], byte[], List<Capture>>, LongAdder> {
  private final Inlet<byte[]> in = Inlet.create("PcapTap.in");
  private final Outlet<byte[]> out = Outlet.create("PcapTap.out");
  private final Outlet<List<Capture>> captures = Outlet.create("PcapTap.captures");
  private final FanOutShape2<byte[], byte[], List<Capture>> shape =
      new FanOutShape2<>(in, out, captures);
  private final Clock clock;
  private final int capacity;

  TapStage(Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.clock = clock;
    this.capacity = capacity;
  }

  @Override
  public FanOutShape2<byte[], byte[], List<Capture>> shape() {
    return shape;
  }

  @Override
  public Pair<GraphStageLogic, LongAdder> createLogicAndMaterializedValuePair(Attributes attributes) {
    LongAdder dropped = new LongAdder();
    return Pair.create(new Logic(dropped), dropped);
  }

  private final class Logic extends GraphStageLogic {
    private final LongAdder dropped;
    private final ArrayDeque<Capture> queue = new ArrayDeque<>();

    Logic(LongAdder dropped) {
      super(shape);
      this.dropped = dropped;
      setHandler(in, new AbstractInHandler() {
        @Override
        public void onPush() {
          byte[] packet = grab(in);
          capture(packet);
          push(out, packet);
        }

        @Override
        public void onUpstreamFinish() {
          complete(out);
          completeCapturesWhenDrained();
        }

        @Override
        public void onUpstreamFailure(Throwable failure) {
          fail(out, failure);
          completeCapturesWhenDrained(); // what was captured is still a good file
        }
      });
      setHandler(out, new AbstractOutHandler() {
        @Override
        public void onPull() {
          pull(in);
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          cancel(in, cause);
          completeCapturesWhenDrained();
        }
      });
      setHandler(captures, new AbstractOutHandler() {
        @Override
        public void onPull() {
          if (!queue.isEmpty()) {
            push(captures, new ArrayList<>(queue));
            queue.clear();
          }
          completeCapturesWhenDrained();
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          dropped.add(queue.size()); // the writer is gone: count the rest, keep the data path
          queue.clear();
        }
      });
    }

    private void capture(byte[] packet) {
      if (isClosed(captures) || queue.size() >= capacity) {
        dropped.increment();
        return;
      }
      // A copy: a later stage may reuse or rewrite the array before the writer gets to it.
      queue.add(new Capture(clock.instant(), packet.clone()));
      if (isAvailable(captures)) {
        push(captures, new ArrayList<>(queue));
        queue.clear();
      }
    }

    private void completeCapturesWhenDrained() {
      if (isClosed(in) && queue.isEmpty() && !isClosed(captures)) {
        complete(captures);
      }
    }
  }
}
