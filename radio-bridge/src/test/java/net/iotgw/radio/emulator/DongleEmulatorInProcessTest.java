package net.iotgw.radio.emulator;

import static net.iotgw.radio.EndToEnd.WAIT;
import static net.iotgw.radio.EndToEnd.awaitEvent;
import static net.iotgw.radio.EndToEnd.awaitFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.iotgw.radio.rcp.RadioFrame;
import net.iotgw.radio.rcp.RadioLink;
import net.iotgw.radio.rcp.RcpConfig;
import net.iotgw.radio.rcp.RcpEvent;
import net.iotgw.radio.rcp.RcpSettings;
import net.iotgw.radio.rcp.ReceivedRadioFrame;
import net.iotgw.radio.serial.InProcessPorts;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.radio.serial.ReconnectSettings;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's radio driver against the dongle emulator plugged in as {@code mem:NAME}, and the
 * medium's signal that a radio listens.
 */
class DongleEmulatorInProcessTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final long GATEWAY_EUI = DongleEmulatorTcpTest.GATEWAY_EUI;
  private static final int GATEWAY_SHORT = DongleEmulatorTcpTest.GATEWAY_SHORT;
  private static final ReconnectSettings FAST = DongleEmulatorTcpTest.FAST;

  private RadioMedium medium;
  private InProcessPorts.Plug plug;
  private final TestProbe<RcpEvent> events = KIT.createTestProbe();
  private final TestProbe<ReceivedRadioFrame> received = KIT.createTestProbe();
  private UniqueKillSwitch radioSwitch;

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @BeforeEach
  void start() {
    medium = RadioMedium.start(MediumSettings.defaults(), KIT.system());
    plug = DongleEmulator.plugIn(medium, "radio-" + System.nanoTime(),
        DongleEmulator.DEFAULT_FACTORY_EUI64);
  }

  @AfterEach
  void stop() {
    if (radioSwitch != null) {
      radioSwitch.shutdown();
    }
    plug.close();
    medium.close();
  }

  private BoundedSourceQueue<RadioFrame> openRadio(LinkAddress address) {
    RadioLink radio = RadioLink.create(address, DongleEmulatorTcpTest.CONFIG,
        RcpSettings.defaults(), FAST, events.ref()::tell, KIT.system());
    var running = Source.<RadioFrame>queue(32)
        .via(radio.flow())
        .viaMat(KillSwitches.single(), Keep.both())
        .to(Sink.foreach(received.ref()::tell))
        .run(KIT.system());
    radioSwitch = running.second();
    return running.first();
  }

  @Test
  void mediumSaysTheGatewayListensOnlyOnceItsHostHasBroughtTheDongleUpOverMem() throws Exception {
    CompletableFuture<Done> listening = medium.listening(GATEWAY_EUI).toCompletableFuture();
    // No host yet, then a dongle powered but never configured: nobody hears the channel as the
    // gateway.
    Thread.sleep(200);
    assertFalse(listening.isDone());
    UniqueKillSwitch idle = Source.<ByteString>never()
        .via(DongleEmulator.dongle(medium, GATEWAY_EUI))
        .viaMat(KillSwitches.single(), Keep.right())
        .to(Sink.ignore())
        .run(KIT.system());
    Thread.sleep(200);
    assertFalse(listening.isDone(), "a dongle whose radio is off does not listen");
    idle.shutdown();

    openRadio(plug.address());
    listening.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    awaitEvent(events, RcpEvent.Ready.class);
    // Asked again later: already listening.
    assertTrue(medium.listening(GATEWAY_EUI).toCompletableFuture().isDone());
  }

  @Test
  void aSimulatedNodeListensFromTheMomentItIsAttached() {
    medium.attach(RecordingNode.silent(0x0011_2233_4455_0009L, 0x0009,
        KIT.<byte[]>createTestProbe().ref()));
    assertTrue(medium.listening(0x0011_2233_4455_0009L).toCompletableFuture().isDone());
    assertFalse(medium.listening(0x0011_2233_4455_000AL).toCompletableFuture().isDone());
  }

  @Test
  void framesCrossTheInProcessLinkBothWays() {
    TestProbe<byte[]> atNode = KIT.createTestProbe();
    medium.attach(new RecordingNode(0x0011_2233_4455_0002L, 0x0002, atNode.ref(),
        f -> List.of(Frames.shortToShort(f[2] + 1, GATEWAY_SHORT, 0x0002, 40))));
    BoundedSourceQueue<RadioFrame> toRadio =
        openRadio(LinkAddress.parse(plug.address().toString()));
    awaitEvent(events, RcpEvent.Ready.class);

    byte[] psdu = Frames.shortToShort(20, 0x0002, GATEWAY_SHORT, 60);
    toRadio.offer(new RadioFrame(psdu));
    assertArrayEquals(Frames.withoutFcs(psdu), Frames.withoutFcs(atNode.receiveMessage(WAIT)));
    assertEquals(0, awaitEvent(events, RcpEvent.Transmitted.class).status());
    assertEquals(40, awaitFrame(received, 21).psdu().length);
  }

  @Test
  void aHostWaitsForADonglePluggedInLaterAndThenBringsItUp() {
    String name = "late-" + System.nanoTime();
    openRadio(new LinkAddress.InProcess(name));
    // Nothing there: the link retries with backoff, no RCP comes up.
    events.expectNoMessage(Duration.ofMillis(300));
    try (InProcessPorts.Plug late =
        DongleEmulator.plugIn(medium, name, DongleEmulator.DEFAULT_FACTORY_EUI64)) {
      awaitEvent(events, RcpEvent.Ready.class);
      assertEquals(name, late.address().name());
    }
  }

  @Test
  void aNameCanBePluggedInOnlyOnce() {
    String name = plug.address().name();
    IllegalStateException e = assertThrows(
        IllegalStateException.class, () -> InProcessPorts.plug(name, Flow::create));
    assertEquals("in-process port mem:" + name + " is taken", e.getMessage());
  }
}
