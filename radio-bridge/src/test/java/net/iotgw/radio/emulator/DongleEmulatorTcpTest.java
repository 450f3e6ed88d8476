package net.iotgw.radio.emulator;

import static net.iotgw.radio.EndToEnd.WAIT;
import static net.iotgw.radio.EndToEnd.awaitEvent;
import static net.iotgw.radio.EndToEnd.awaitFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.iotgw.protocols.ieee802154.Fcs;
import net.iotgw.radio.rcp.RadioFrame;
import net.iotgw.radio.rcp.RadioLink;
import net.iotgw.radio.rcp.RcpConfig;
import net.iotgw.radio.rcp.RcpEvent;
import net.iotgw.radio.rcp.RcpInfo;
import net.iotgw.radio.rcp.RcpSettings;
import net.iotgw.radio.rcp.ReceivedRadioFrame;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.radio.serial.ReconnectSettings;
import net.iotgw.radio.spinel.SpinelCapability;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's radio driver against the dongle emulator over a real TCP socket. */
class DongleEmulatorTcpTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  static final int GATEWAY_SHORT = 0x0000;
  static final long GATEWAY_EUI = 0x0200_0000_0000_00AAL;
  static final RcpConfig CONFIG = new RcpConfig(15, Frames.PAN, GATEWAY_EUI, GATEWAY_SHORT);
  static final ReconnectSettings FAST =
      new ReconnectSettings(Duration.ofMillis(50), Duration.ofMillis(200), 0.0);

  private RadioMedium medium;
  private Tcp.ServerBinding binding;
  private final TestProbe<RcpEvent> events = KIT.createTestProbe();
  private final TestProbe<ReceivedRadioFrame> received = KIT.createTestProbe();
  private BoundedSourceQueue<RadioFrame> toRadio;
  private UniqueKillSwitch radioSwitch;

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @BeforeEach
  void start() throws Exception {
    medium = RadioMedium.start(MediumSettings.defaults(), KIT.system());
    binding =
        DongleEmulator.serveTcp(
                medium,
                new LinkAddress.TcpEndpoint("127.0.0.1", 0),
                DongleEmulator.DEFAULT_FACTORY_EUI64,
                KIT.system())
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    RadioLink radio =
        RadioLink.create(
            LinkAddress.parse("tcp:127.0.0.1:" + binding.localAddress().getPort()),
            CONFIG,
            RcpSettings.defaults(),
            FAST,
            events.ref()::tell,
            KIT.system());
    var running =
        Source.<RadioFrame>queue(32)
            .via(radio.flow())
            .viaMat(KillSwitches.single(), Keep.both())
            .to(Sink.foreach(received.ref()::tell))
            .run(KIT.system());
    toRadio = running.first();
    radioSwitch = running.second();
  }

  @AfterEach
  void stop() throws Exception {
    radioSwitch.shutdown();
    binding.unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
    medium.close();
  }

  @Test
  void driverBringsTheEmulatedRcpUpOverTcp() {
    RcpInfo info = awaitEvent(events, RcpEvent.Ready.class).info();
    assertEquals(EmulatedRcp.NCP_VERSION, info.ncpVersion());
    assertEquals(4, info.protocolMajor());
    assertTrue(info.has(SpinelCapability.CONFIG_RADIO));
  }

  @Test
  void aFrameFromTheHostReachesTheNodeWhichAnswersWithRssiAndLqi() {
    TestProbe<byte[]> atNode = KIT.createTestProbe();
    medium.attach(
        new RecordingNode(
            0x0011_2233_4455_0002L,
            0x0002,
            atNode.ref(),
            f -> List.of(Frames.shortToShort(f[2] + 1, GATEWAY_SHORT, 0x0002, 40))));
    awaitEvent(events, RcpEvent.Ready.class);

    byte[] psdu = Frames.shortToShort(10, 0x0002, GATEWAY_SHORT, 60);
    toRadio.offer(new RadioFrame(psdu));
    byte[] heard = atNode.receiveMessage(WAIT);
    assertArrayEquals(Frames.withoutFcs(psdu), Frames.withoutFcs(heard));
    assertTrue(Fcs.isValid(heard));
    RcpEvent.Transmitted done = awaitEvent(events, RcpEvent.Transmitted.class);
    assertEquals(0, done.status());
    assertEquals(60, done.psduLength());

    ReceivedRadioFrame reply = awaitFrame(received, 11);
    assertEquals(MediumSettings.defaults().rssi(), reply.rssi());
    assertEquals(MediumSettings.defaults().lqi(), reply.lqi());
    assertEquals(CONFIG.channel(), reply.channel());
    assertEquals(40, reply.psdu().length);
    assertTrue(Fcs.isValid(reply.psdu()));
  }

  @Test
  void aNodeTransmittingOnItsOwnReachesTheHostByItsExtendedAddress() {
    NodeHandle node =
        medium.attach(
            RecordingNode.silent(
                0x0011_2233_4455_0003L, 0x0003, KIT.<byte[]>createTestProbe().ref()));
    awaitEvent(events, RcpEvent.Ready.class);
    node.transmit(Frames.shortToExtended(77, GATEWAY_EUI, 0x0003));
    ReceivedRadioFrame got = awaitFrame(received, 77);
    assertEquals('p', got.psdu()[15]);
    // Not for the gateway: its filter (set by the driver) keeps it out.
    node.transmit(Frames.shortToShort(78, 0x0009, 0x0003, 20));
    node.transmit(Frames.shortToShort(79, GATEWAY_SHORT, 0x0003, 20));
    assertEquals(79, awaitFrame(received, 79).psdu()[2]);
  }

  @Test
  void manyFramesFlowWithAtMostFifteenInFlightAndAllComplete() {
    TestProbe<byte[]> atNode = KIT.createTestProbe();
    medium.attach(RecordingNode.silent(0x0011_2233_4455_0004L, 0x0004, atNode.ref()));
    awaitEvent(events, RcpEvent.Ready.class);
    for (int i = 0; i < 30; i++) {
      assertTrue(
          toRadio.offer(new RadioFrame(Frames.shortToShort(i, 0x0004, GATEWAY_SHORT, 127)))
              instanceof org.apache.pekko.stream.QueueOfferResult.Enqueued$);
    }
    for (int i = 0; i < 30; i++) {
      assertEquals(i, atNode.receiveMessage(WAIT)[2]);
    }
    int completed = 0;
    while (completed < 30) {
      RcpEvent.Transmitted t = awaitEvent(events, RcpEvent.Transmitted.class);
      assertEquals(0, t.status());
      completed++;
    }
  }
}
