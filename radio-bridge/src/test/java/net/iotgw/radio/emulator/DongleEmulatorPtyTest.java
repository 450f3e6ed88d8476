package net.iotgw.radio.emulator;

import static net.iotgw.radio.EndToEnd.WAIT;
import static net.iotgw.radio.EndToEnd.awaitEvent;
import static net.iotgw.radio.EndToEnd.awaitFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.List;
import net.iotgw.radio.SocatPtyPair;
import net.iotgw.radio.rcp.RadioFrame;
import net.iotgw.radio.rcp.RadioLink;
import net.iotgw.radio.rcp.RcpEvent;
import net.iotgw.radio.rcp.RcpSettings;
import net.iotgw.radio.rcp.ReceivedRadioFrame;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.radio.serial.LinkEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's radio driver on one end of a socat PTY pair through jSerialComm, the dongle
 * emulator on the other: the path a user has with a PTY in place of a USB dongle.
 */
class DongleEmulatorPtyTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void driverComesUpOverAPtyAndResumesWithoutRestartAfterSocatIsKilledAndStartedAgain()
      throws Exception {
    TestProbe<RcpEvent> events = KIT.createTestProbe();
    TestProbe<ReceivedRadioFrame> received = KIT.createTestProbe();
    TestProbe<byte[]> atNode = KIT.createTestProbe();
    try (SocatPtyPair pty = new SocatPtyPair(dir).start();
        RadioMedium medium = RadioMedium.start(MediumSettings.defaults(), KIT.system())) {
      medium.attach(
          new RecordingNode(
              0x0011_2233_4455_0002L,
              0x0002,
              atNode.ref(),
              f ->
                  List.of(
                      Frames.shortToShort(
                          f[2] + 1, DongleEmulatorTcpTest.GATEWAY_SHORT, 0x0002, 30))));
      UniqueKillSwitch dongle =
          DongleEmulator.serveSerial(
              medium,
              new LinkAddress.SerialDevice(pty.b().toString()),
              DongleEmulator.DEFAULT_FACTORY_EUI64,
              DongleEmulatorTcpTest.FAST,
              e -> {},
              KIT.system());
      RadioLink radio =
          RadioLink.create(
              new LinkAddress.SerialDevice(pty.a().toString()),
              DongleEmulatorTcpTest.CONFIG,
              RcpSettings.defaults(),
              DongleEmulatorTcpTest.FAST,
              events.ref()::tell,
              KIT.system());
      Pair<BoundedSourceQueue<RadioFrame>, UniqueKillSwitch> host =
          Source.<RadioFrame>queue(32)
              .via(radio.flow())
              .viaMat(KillSwitches.single(), Keep.both())
              .to(Sink.foreach(received.ref()::tell))
              .run(KIT.system());

      awaitEvent(events, RcpEvent.Ready.class);
      byte[] ping = Frames.shortToShort(20, 0x0002, DongleEmulatorTcpTest.GATEWAY_SHORT, 50);
      host.first().offer(new RadioFrame(ping));
      assertArrayEquals(Frames.withoutFcs(ping), Frames.withoutFcs(atNode.receiveMessage(WAIT)));
      assertEquals(21, awaitFrame(received, 21).psdu()[2]);

      pty.kill();
      RcpEvent.Link down = awaitEvent(events, RcpEvent.Link.class);
      assertInstanceOf(LinkEvent.Down.class, down.event());
      pty.start();
      RcpEvent.Link up = awaitEvent(events, RcpEvent.Link.class);
      assertEquals(2, ((LinkEvent.Up) up.event()).connection());
      awaitEvent(events, RcpEvent.Ready.class);

      host.first()
          .offer(
              new RadioFrame(
                  Frames.shortToShort(30, 0x0002, DongleEmulatorTcpTest.GATEWAY_SHORT, 50)));
      assertEquals(30, atNode.receiveMessage(WAIT)[2]);
      assertEquals(31, awaitFrame(received, 31).psdu()[2]);
      assertEquals(1, radio.linkStatus().losses());

      host.second().shutdown();
      dongle.shutdown();
    }
  }
}
