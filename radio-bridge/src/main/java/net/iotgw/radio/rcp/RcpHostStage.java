package net.iotgw.radio.rcp;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import net.iotgw.radio.spinel.HostRequests;
import net.iotgw.radio.spinel.PropertyValue;
import net.iotgw.radio.spinel.ReceivedFrame;
import net.iotgw.radio.spinel.ResetType;
import net.iotgw.radio.spinel.SpinelFrame;
import net.iotgw.radio.spinel.SpinelStatus;
import net.iotgw.radio.spinel.TidPool;
import net.iotgw.radio.spinel.TransmitRequest;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
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
 * The OpenThread RCP host, as a stage between 802.15.4 frames (top) and Spinel frames (bottom).
 *
 * <pre>
 *              RadioFrame ─► framesIn          toRcp ─► SpinelFrame
 *      ReceivedRadioFrame ◄─ framesOut       fromRcp ◄─ SpinelFrame
 * </pre>
 *
 * <p>Phases: {@link Resetting} (CMD_RESET sent, waiting for the unsolicited LAST_STATUS with a
 * reset reason), {@link BringingUp} (the {@link BringUp} requests, one at a time), {@link Ready}
 * (frames flow). An unsolicited reset status in any phase means the RCP lost its configuration:
 * transmits in flight are reported lost and bring-up runs again. A reset or request that times out
 * sends CMD_RESET again; after {@link RcpSettings#bringUpAttempts()} failures in a row the stage
 * fails with a {@link TimeoutException} so that the link below is reopened; an RCP that answers but
 * refuses fails it with {@link RcpConfigurationException}.
 *
 * <p>Transmit: one STREAM_RAW set per frame, each with its own TID from the {@link TidPool},
 * completed by the LAST_STATUS that carries the TID. {@code framesIn} is pulled only in {@link
 * Ready} and only while a TID is free, so at most 15 frames are in flight and upstream is
 * backpressured by the dongle's transmit completions. A completion that does not come within {@link
 * RcpSettings#transmitTimeout()} frees its TID (a late one is then ignored, or, if the TID was
 * reused meanwhile, taken for the newer frame's: harmless, since completions only gate demand).
 *
 * <p>Receive: unsolicited STREAM_RAW updates become {@link ReceivedRadioFrame}s. The stage always
 * reads from the RCP, since completions share the line with received frames; frames that downstream
 * does not take in time wait in a buffer of {@link RcpSettings#receiveBuffer()} and beyond it are
 * dropped and counted, as a radio drops what its host cannot take.
 *
 * <p>Completing {@code framesIn} does not stop the stage (receiving goes on); it stops when the
 * link below ends or {@code framesOut} is cancelled.
 */
final class RcpHostStage
    extends GraphStage<BidiShape<RadioFrame, SpinelFrame, SpinelFrame, ReceivedRadioFrame>> {
  private static final Logger LOG = LoggerFactory.getLogger(RcpHostStage.class);

  private final RcpConfig config;
  private final RcpSettings settings;
  private final Consumer<? super RcpEvent> events;

  private final Inlet<RadioFrame> framesIn = Inlet.create("RcpHost.framesIn");
  private final Outlet<SpinelFrame> toRcp = Outlet.create("RcpHost.toRcp");
  private final Inlet<SpinelFrame> fromRcp = Inlet.create("RcpHost.fromRcp");
  private final Outlet<ReceivedRadioFrame> framesOut = Outlet.create("RcpHost.framesOut");
  private final BidiShape<RadioFrame, SpinelFrame, SpinelFrame, ReceivedRadioFrame> shape =
      BidiShape.of(framesIn, toRcp, fromRcp, framesOut);

  RcpHostStage(RcpConfig config, RcpSettings settings, Consumer<? super RcpEvent> events) {
    this.config = Objects.requireNonNull(config);
    this.settings = Objects.requireNonNull(settings);
    this.events = Objects.requireNonNull(events);
  }

  @Override
  public BidiShape<RadioFrame, SpinelFrame, SpinelFrame, ReceivedRadioFrame> shape() {
    return shape;
  }

  sealed interface Phase {}

  record Resetting() implements Phase {}

  record BringingUp(BringUp progress, int tid) implements Phase {}

  record Ready(RcpInfo info) implements Phase {}

  private enum BringUpTimer {
    RESET,
    REQUEST
  }

  private record TransmitTimer(int tid) {}

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new Logic();
  }

  private final class Logic extends TimerGraphStageLogic {
    private Phase phase = new Resetting();
    private TidPool tids = TidPool.empty();

    /** TID to PSDU length of each transmit awaiting its LAST_STATUS. */
    private final Map<Integer, Integer> inFlight = new LinkedHashMap<>();

    private final ArrayDeque<ReceivedRadioFrame> received = new ArrayDeque<>();

    /** A frame pulled in Ready that arrived after the RCP reset; sent once Ready again. */
    private RadioFrame held;

    private long receiveDropped;
    private int failures;

    Logic() {
      super(shape);
      setHandler(
          framesIn,
          new AbstractInHandler() {
            @Override
            public void onPush() {
              onFrameToSend(grab(framesIn));
            }

            @Override
            public void onUpstreamFinish() {
              // Receiving goes on; see the class comment.
            }
          });
      setHandler(
          toRcp,
          new AbstractOutHandler() {
            @Override
            public void onPull() {
              // Requests go out through emit(), which waits for this demand.
            }
          });
      setHandler(
          fromRcp,
          new AbstractInHandler() {
            @Override
            public void onPush() {
              SpinelFrame frame = grab(fromRcp);
              pull(fromRcp);
              onFromRcp(frame);
            }
          });
      setHandler(
          framesOut,
          new AbstractOutHandler() {
            @Override
            public void onPull() {
              if (!received.isEmpty()) {
                push(framesOut, received.poll());
              }
            }
          });
    }

    @Override
    public void preStart() {
      pull(fromRcp);
      reset();
    }

    private void reset() {
      abortTransmits("the RCP is being reset");
      phase = new Resetting();
      emit(toRcp, HostRequests.reset(ResetType.STACK));
      scheduleOnce(BringUpTimer.RESET, settings.resetTimeout());
    }

    private void onFromRcp(SpinelFrame frame) {
      Optional<PropertyValue> value = frame.valueIs();
      if (frame.tid() == 0
          && value.orElse(null) instanceof PropertyValue.LastStatus status
          && SpinelStatus.isResetReason(status.code())) {
        onResetStatus(status.code());
      } else if (phase instanceof BringingUp b && frame.tid() == b.tid()) {
        onBringUpReply(b, frame);
      } else if (phase instanceof Ready
          && frame.tid() == 0
          && value.orElse(null) instanceof PropertyValue.RawReceive raw) {
        onReceived(raw.frame());
      } else if (frame.tid() != 0
          && inFlight.containsKey(frame.tid())
          && value.orElse(null) instanceof PropertyValue.LastStatus status) {
        onTransmitDone(frame.tid(), status.code());
      } else {
        LOG.debug("ignored {} from the RCP in phase {}", frame, phase.getClass().getSimpleName());
      }
    }

    private void onResetStatus(int reason) {
      if (phase instanceof Ready) {
        LOG.warn("RCP reset unexpectedly ({}); configuring it again", statusName(reason));
        publish(new RcpEvent.UnexpectedReset(reason));
        abortTransmits("the RCP reset");
      } else if (phase instanceof BringingUp) {
        // Typically the power-on status of a dongle that booted as we sent CMD_RESET, followed
        // by the reset we asked for: start over from the newer one.
        LOG.debug("RCP reset again ({}) during bring-up", statusName(reason));
      }
      cancelTimer(BringUpTimer.RESET);
      startBringUp(reason);
    }

    private void startBringUp(int reason) {
      cancelTimer(BringUpTimer.REQUEST);
      tids = new TidPool(tids.next(), 0);
      sendStep(BringUp.start(config, reason));
    }

    private void sendStep(BringUp progress) {
      TidPool.Allocation a = tids.allocate().orElseThrow();
      tids = a.pool();
      phase = new BringingUp(progress, a.tid());
      emit(toRcp, progress.current().request(a.tid()));
      scheduleOnce(BringUpTimer.REQUEST, settings.requestTimeout());
    }

    private void onBringUpReply(BringingUp b, SpinelFrame reply) {
      BringUp.Outcome outcome = b.progress().accept(reply);
      if (outcome instanceof BringUp.Unrelated) {
        LOG.debug("ignored {} while waiting for {}", reply, b.progress().current());
        return;
      }
      cancelTimer(BringUpTimer.REQUEST);
      tids = tids.release(b.tid());
      if (outcome instanceof BringUp.Next next) {
        sendStep(next.bringUp());
      } else if (outcome instanceof BringUp.Done done) {
        failures = 0;
        phase = new Ready(done.info());
        LOG.info(
            "RCP ready: {} (Spinel {}.{}, after {}), channel {}, PAN 0x{}",
            done.info().ncpVersion(),
            done.info().protocolMajor(),
            done.info().protocolMinor(),
            statusName(done.info().resetReason()),
            config.channel(),
            Integer.toHexString(config.panId()));
        publish(new RcpEvent.Ready(done.info()));
        if (held != null) {
          RadioFrame f = held;
          held = null;
          transmit(f);
        }
        pullWhenTidFree();
      } else {
        failStage(new RcpConfigurationException("the RCP " + ((BringUp.Refused) outcome).reason()));
      }
    }

    @Override
    public void onTimer(Object key) {
      if (key instanceof TransmitTimer t) {
        Integer length = inFlight.remove(t.tid());
        if (length != null) {
          tids = tids.release(t.tid());
          publish(
              new RcpEvent.TransmitLost(
                  t.tid(),
                  length,
                  "no completion within " + settings.transmitTimeout().toMillis() + " ms"));
          pullWhenTidFree();
        }
        return;
      }
      failures++;
      String what = key == BringUpTimer.RESET ? "reset reason" : "reply to " + describe(phase);
      if (failures >= settings.bringUpAttempts()) {
        failStage(
            new TimeoutException(
                "the RCP did not answer (" + what + ") in " + failures + " attempts"));
        return;
      }
      if (failures == 1) {
        LOG.warn("the RCP did not send the {}; resetting it again", what);
      }
      reset();
    }

    private void onFrameToSend(RadioFrame frame) {
      if (phase instanceof Ready) {
        transmit(frame);
      } else {
        held = frame;
      }
    }

    private void transmit(RadioFrame frame) {
      TidPool.Allocation a = tids.allocate().orElseThrow();
      tids = a.pool();
      inFlight.put(a.tid(), frame.length());
      emit(
          toRcp,
          HostRequests.transmit(a.tid(), TransmitRequest.of(frame.psdu(), config.channel())));
      scheduleOnce(new TransmitTimer(a.tid()), settings.transmitTimeout());
      pullWhenTidFree();
    }

    private void onTransmitDone(int tid, int status) {
      int length = inFlight.remove(tid);
      cancelTimer(new TransmitTimer(tid));
      tids = tids.release(tid);
      publish(new RcpEvent.Transmitted(tid, length, status));
      pullWhenTidFree();
    }

    /** The backpressure rule: demand upstream only when a frame can go out at once. */
    private void pullWhenTidFree() {
      if (phase instanceof Ready
          && held == null
          && !isClosed(framesIn)
          && !hasBeenPulled(framesIn)
          && tids.allocate().isPresent()) {
        pull(framesIn);
      }
    }

    private void onReceived(ReceivedFrame f) {
      if (f.receiveError() != 0) {
        return;
      }
      ReceivedRadioFrame frame = new ReceivedRadioFrame(f.psdu(), f.rssi(), f.lqi(), f.channel());
      if (isAvailable(framesOut) && received.isEmpty()) {
        push(framesOut, frame);
      } else if (received.size() < settings.receiveBuffer()) {
        received.add(frame);
      } else {
        receiveDropped++;
        publish(new RcpEvent.ReceiveDropped(receiveDropped));
      }
    }

    private void abortTransmits(String why) {
      for (Map.Entry<Integer, Integer> e : inFlight.entrySet()) {
        cancelTimer(new TransmitTimer(e.getKey()));
        publish(new RcpEvent.TransmitLost(e.getKey(), e.getValue(), why));
      }
      inFlight.clear();
      cancelTimer(BringUpTimer.REQUEST);
      tids = new TidPool(tids.next(), 0);
    }

    private void publish(RcpEvent event) {
      try {
        events.accept(event);
      } catch (RuntimeException e) {
        LOG.error("RCP event consumer failed on {}", event, e);
      }
    }
  }

  private static String describe(Phase phase) {
    return phase instanceof BringingUp b ? b.progress().current().toString() : "request";
  }

  private static String statusName(int code) {
    return SpinelStatus.of(code).map(Enum::name).orElse("status " + code);
  }
}
