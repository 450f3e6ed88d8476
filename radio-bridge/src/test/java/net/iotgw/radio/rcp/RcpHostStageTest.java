package net.iotgw.radio.rcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.iotgw.radio.spinel.PropertyValue;
import net.iotgw.radio.spinel.ReceivedFrame;
import net.iotgw.radio.spinel.SpinelFrame;
import net.iotgw.radio.spinel.SpinelMessage;
import net.iotgw.radio.spinel.SpinelProperty;
import net.iotgw.radio.spinel.SpinelStatus;
import net.iotgw.radio.spinel.TransmitRequest;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RcpHostStageTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final RcpConfig CONFIG = new RcpConfig(15, 0xABCD, 0x0011_2233_4455_6677L, 0x0000);
  private static final RcpSettings SETTINGS =
      RcpSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

  private static final List<UniqueKillSwitch> RUNNING = new ArrayList<>();

  @AfterEach
  void stopHarnesses() {
    RUNNING.forEach(UniqueKillSwitch::shutdown);
    RUNNING.clear();
  }

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** The driver between a frame source, a probe of received frames, and a scripted RCP. */
  private static final class Harness {
    final TestProbe<RcpEvent> events = KIT.createTestProbe();
    final TestProbe<ReceivedRadioFrame> received = KIT.createTestProbe();
    final ScriptedRcp rcp;
    final CompletionStage<Done> done;

    Harness(Source<RadioFrame, NotUsed> frames, RcpSettings settings) {
      TestProbe<SpinelFrame> requests = KIT.createTestProbe();
      Flow<SpinelFrame, SpinelFrame, BoundedSourceQueue<SpinelFrame>> fake =
          Flow.fromSinkAndSourceMat(
              Sink.foreach(requests.ref()::tell), Source.<SpinelFrame>queue(64), Keep.right());
      Pair<Pair<BoundedSourceQueue<SpinelFrame>, UniqueKillSwitch>, CompletionStage<Done>> mat =
          frames
              .viaMat(
                  RcpDriver.spinel(CONFIG, settings, events.ref()::tell).join(fake, Keep.right()),
                  Keep.right())
              .viaMat(KillSwitches.single(), Keep.both())
              .toMat(Sink.foreach(received.ref()::tell), Keep.both())
              .run(KIT.system());
      rcp = new ScriptedRcp(requests, mat.first().first());
      RUNNING.add(mat.first().second());
      done = mat.second();
    }

    Harness(Source<RadioFrame, NotUsed> frames) {
      this(frames, SETTINGS);
    }

    RcpInfo bringUp() {
      rcp.expectReset();
      rcp.resetStatus(SpinelStatus.RESET_POWER_ON);
      rcp.answerBringUp(CONFIG);
      return assertInstanceOf(RcpEvent.Ready.class, events.receiveMessage(ScriptedRcp.WAIT)).info();
    }
  }

  @Test
  void startupIsResetThenVersionsAndCapsThenChannelPanAddressesThenRadioAndRawStreamOn() {
    Harness h = new Harness(Source.never());
    RcpInfo info = h.bringUp();
    assertEquals(SpinelStatus.RESET_POWER_ON.code(), info.resetReason());
    assertEquals(4, info.protocolMajor());
    assertEquals(3, info.protocolMinor());
    assertEquals("OPENTHREAD/test; RCP", info.ncpVersion());
    assertEquals(ScriptedRcp.RCP_CAPS, info.capabilities());
    h.rcp.requests.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void bringUpRequestsUseDistinctNonZeroTids() {
    Harness h = new Harness(Source.never());
    h.rcp.expectReset();
    h.rcp.resetStatus(SpinelStatus.RESET_SOFTWARE);
    int first = h.rcp.expectGet(SpinelProperty.PROTOCOL_VERSION);
    h.rcp.reply(first, new PropertyValue.ProtocolVersion(4, 3));
    int second = h.rcp.expectGet(SpinelProperty.NCP_VERSION);
    assertTrue(first >= 1 && first <= 15 && second >= 1 && second <= 15 && first != second);
  }

  @Test
  void aLateTransmitCompletionReusingTheTidOfABringUpRequestIsNotTakenForItsAnswer() {
    Harness h = new Harness(Source.never());
    h.rcp.expectReset();
    h.rcp.resetStatus(SpinelStatus.RESET_WATCHDOG);
    int tid = h.rcp.expectGet(SpinelProperty.PROTOCOL_VERSION);
    h.rcp.complete(tid, SpinelStatus.OK);
    h.rcp.reply(tid, new PropertyValue.ProtocolVersion(4, 3));
    h.rcp.expectGet(SpinelProperty.NCP_VERSION);
  }

  @Test
  void anRcpWithoutRawRadioCapabilityIsRefusedForGood() {
    Harness h = new Harness(Source.never());
    h.rcp.expectReset();
    h.rcp.resetStatus(SpinelStatus.RESET_POWER_ON);
    h.rcp.reply(
        h.rcp.expectGet(SpinelProperty.PROTOCOL_VERSION), new PropertyValue.ProtocolVersion(4, 3));
    h.rcp.reply(h.rcp.expectGet(SpinelProperty.NCP_VERSION), new PropertyValue.NcpVersion("NCP"));
    h.rcp.reply(h.rcp.expectGet(SpinelProperty.CAPS), new PropertyValue.Caps(List.of(32)));
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> h.done.toCompletableFuture().get(3, TimeUnit.SECONDS));
    assertInstanceOf(RcpConfigurationException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("CAP_CONFIG_RADIO"), e.getCause().getMessage());
  }

  @Test
  void anRcpOfAnotherSpinelMajorVersionIsRefused() {
    Harness h = new Harness(Source.never());
    h.rcp.expectReset();
    h.rcp.resetStatus(SpinelStatus.RESET_POWER_ON);
    h.rcp.reply(
        h.rcp.expectGet(SpinelProperty.PROTOCOL_VERSION), new PropertyValue.ProtocolVersion(5, 0));
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> h.done.toCompletableFuture().get(3, TimeUnit.SECONDS));
    assertInstanceOf(RcpConfigurationException.class, e.getCause());
  }

  @Test
  void aSettingTheRcpRejectsFailsTheSession() {
    Harness h = new Harness(Source.never());
    h.rcp.expectReset();
    h.rcp.resetStatus(SpinelStatus.RESET_POWER_ON);
    h.rcp.reply(
        h.rcp.expectGet(SpinelProperty.PROTOCOL_VERSION), new PropertyValue.ProtocolVersion(4, 3));
    h.rcp.reply(h.rcp.expectGet(SpinelProperty.NCP_VERSION), new PropertyValue.NcpVersion("RCP"));
    h.rcp.reply(h.rcp.expectGet(SpinelProperty.CAPS), new PropertyValue.Caps(ScriptedRcp.RCP_CAPS));
    SpinelFrame setChannel = h.rcp.expectRequest();
    h.rcp.reply(setChannel.tid(), new PropertyValue.LastStatus(SpinelStatus.INVALID_ARGUMENT));
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> h.done.toCompletableFuture().get(3, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("INVALID_ARGUMENT"), e.getCause().getMessage());
  }

  @Test
  void aSilentRcpIsResetAgainThenGivenUpSoThatTheLinkIsReopened() {
    Harness h =
        new Harness(
            Source.never(),
            SETTINGS.withTimeouts(Duration.ofMillis(200), Duration.ofMillis(200)));
    h.rcp.expectReset();
    h.rcp.expectReset(); // after resetTimeout
    h.rcp.expectReset();
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> h.done.toCompletableFuture().get(3, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, e.getCause());
  }

  @Test
  void transmitUsesStreamRawWithConfiguredChannelAndCompletesOnLastStatusWithItsTid() {
    byte[] psdu = {
      0x41, (byte) 0xD8, 0x01, (byte) 0xCD, (byte) 0xAB, (byte) 0xFF, (byte) 0xFF, 0, 0
    };
    Harness h = new Harness(Source.single(new RadioFrame(psdu)).concat(Source.never()));
    h.bringUp();
    SpinelFrame tx = h.rcp.expectTransmit();
    PropertyValue.RawTransmit raw =
        (PropertyValue.RawTransmit) ((SpinelMessage.PropValue) tx.message()).value();
    assertEquals(TransmitRequest.of(psdu, CONFIG.channel()), raw.request());
    h.rcp.complete(tx.tid(), SpinelStatus.OK);
    assertEquals(
        new RcpEvent.Transmitted(tx.tid(), psdu.length, 0),
        h.events.receiveMessage(ScriptedRcp.WAIT));
  }

  @Test
  void atMostFifteenTransmitsAreInFlightAndEachCompletionLetsExactlyOneMoreFrameBePulled() {
    AtomicInteger pulled = new AtomicInteger();
    Source<RadioFrame, NotUsed> frames =
        Source.fromIterator(
            () ->
                new Iterator<RadioFrame>() {
                  @Override
                  public boolean hasNext() {
                    return true;
                  }

                  @Override
                  public RadioFrame next() {
                    return RadioFrame.ofMacFrame(
                        new byte[] {0x41, (byte) 0xC8, (byte) pulled.incrementAndGet()});
                  }
                });
    Harness h = new Harness(frames);
    h.bringUp();
    List<SpinelFrame> inFlight = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      inFlight.add(h.rcp.expectTransmit());
    }
    h.rcp.requests.expectNoMessage(Duration.ofMillis(200));
    assertEquals(15, pulled.get(), "upstream demand while all TIDs are in flight");
    Set<Integer> tids = new HashSet<>();
    inFlight.forEach(f -> tids.add(f.tid()));
    assertEquals(15, tids.size());
    assertTrue(!tids.contains(0));

    h.rcp.complete(inFlight.get(3).tid(), SpinelStatus.OK);
    SpinelFrame next = h.rcp.expectTransmit();
    assertEquals(inFlight.get(3).tid(), next.tid(), "the only free TID");
    h.rcp.requests.expectNoMessage(Duration.ofMillis(200));
    assertEquals(16, pulled.get());

    h.rcp.complete(inFlight.get(0).tid(), SpinelStatus.NO_ACK);
    h.rcp.complete(inFlight.get(1).tid(), SpinelStatus.CCA_FAILURE);
    h.rcp.expectTransmit();
    h.rcp.expectTransmit();
    h.rcp.requests.expectNoMessage(Duration.ofMillis(100));
    assertEquals(18, pulled.get());
  }

  @Test
  void aLostCompletionTimesOutAndFreesItsTid() {
    Harness h =
        new Harness(
            Source.repeat(RadioFrame.ofMacFrame(new byte[] {0x41, (byte) 0xC8, 7})).take(16),
            SETTINGS.withTransmitTimeout(Duration.ofSeconds(1)));
    h.bringUp();
    for (int i = 0; i < 15; i++) {
      h.rcp.expectTransmit();
    }
    h.rcp.requests.expectNoMessage(Duration.ofMillis(100));
    RcpEvent.TransmitLost lost =
        assertInstanceOf(RcpEvent.TransmitLost.class, h.events.receiveMessage(ScriptedRcp.WAIT));
    assertEquals(5, lost.psduLength());
    h.rcp.expectTransmit(); // the sixteenth, on the freed TID
  }

  @Test
  void anUnsolicitedResetWhileServingLosesTheTransmitsInFlightAndRerunsBringUp() {
    Harness h =
        new Harness(
            Source.repeat(RadioFrame.ofMacFrame(new byte[] {0x41, (byte) 0xC8, 1})).take(2));
    h.bringUp();
    h.rcp.expectTransmit();
    h.rcp.expectTransmit();
    h.rcp.resetStatus(SpinelStatus.RESET_WATCHDOG);
    assertEquals(
        new RcpEvent.UnexpectedReset(SpinelStatus.RESET_WATCHDOG.code()),
        h.events.receiveMessage(ScriptedRcp.WAIT));
    assertInstanceOf(RcpEvent.TransmitLost.class, h.events.receiveMessage(ScriptedRcp.WAIT));
    assertInstanceOf(RcpEvent.TransmitLost.class, h.events.receiveMessage(ScriptedRcp.WAIT));
    // No CMD_RESET: the RCP already reset; straight to bring-up.
    h.rcp.answerBringUp(CONFIG);
    RcpInfo again =
        assertInstanceOf(RcpEvent.Ready.class, h.events.receiveMessage(ScriptedRcp.WAIT)).info();
    assertEquals(SpinelStatus.RESET_WATCHDOG.code(), again.resetReason());
  }

  @Test
  void receivedStreamRawBecomesAFrameWithRssiLqiAndChannel() {
    Harness h = new Harness(Source.never());
    h.bringUp();
    byte[] psdu = {
      0x41, (byte) 0x88, 0x05, (byte) 0xCD, (byte) 0xAB, 0x00, 0x00, 0x34, 0x12, 0x11, 0x22
    };
    h.rcp.unsolicited(new PropertyValue.RawReceive(ReceivedFrame.of(psdu, 15, -42, 211)));
    ReceivedRadioFrame got = h.received.receiveMessage(ScriptedRcp.WAIT);
    assertArrayEquals(psdu, got.psdu());
    assertEquals(-42, got.rssi());
    assertEquals(211, got.lqi());
    assertEquals(15, got.channel());
  }

  @Test
  void framesReceivedBeforeBringUpEndsAreNotDelivered() {
    Harness h = new Harness(Source.never());
    h.rcp.expectReset();
    h.rcp.unsolicited(
        new PropertyValue.RawReceive(ReceivedFrame.of(new byte[] {1, 2, 3, 4}, 15, -42, 211)));
    h.rcp.resetStatus(SpinelStatus.RESET_POWER_ON);
    h.rcp.answerBringUp(CONFIG);
    h.received.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void receivedFramesBeyondTheBufferAreDroppedAndCounted() throws Exception {
    TestProbe<SpinelFrame> requests = KIT.createTestProbe();
    TestProbe<RcpEvent> events = KIT.createTestProbe();
    Flow<SpinelFrame, SpinelFrame, BoundedSourceQueue<SpinelFrame>> fake =
        Flow.fromSinkAndSourceMat(
            Sink.foreach(requests.ref()::tell), Source.<SpinelFrame>queue(64), Keep.right());
    var mat =
        Source.<RadioFrame>never()
            .viaMat(
                RcpDriver.spinel(CONFIG, SETTINGS.withReceiveBuffer(2), events.ref()::tell)
                    .join(fake, Keep.right()),
                Keep.right())
            .toMat(
                Sink.<ReceivedRadioFrame>queue(1).withAttributes(Attributes.inputBuffer(1, 1)),
                Keep.both())
            .run(KIT.system());
    ScriptedRcp rcp = new ScriptedRcp(requests, mat.first());
    rcp.expectReset();
    rcp.resetStatus(SpinelStatus.RESET_POWER_ON);
    rcp.answerBringUp(CONFIG);
    events.receiveMessage(ScriptedRcp.WAIT);
    for (int i = 0; i < 10; i++) {
      rcp.unsolicited(
          new PropertyValue.RawReceive(
              ReceivedFrame.of(new byte[] {1, 2, 3, (byte) i}, 15, -42, 211)));
    }
    int delivered = 0;
    try {
      while (mat.second()
          .pull()
          .toCompletableFuture()
          .get(500, TimeUnit.MILLISECONDS)
          .isPresent()) {
        delivered++;
      }
    } catch (TimeoutException nothingMore) {
      // all that was kept has been taken
    }
    // One frame in the sink, two in the driver's buffer; every other one dropped and counted.
    assertEquals(3, delivered);
    for (long total = 1; total <= 10 - delivered; total++) {
      assertEquals(new RcpEvent.ReceiveDropped(total), events.receiveMessage(ScriptedRcp.WAIT));
    }
    events.expectNoMessage(Duration.ofMillis(100));
    mat.second().cancel();
  }
}
