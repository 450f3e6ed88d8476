package net.iotgw.radio.rcp;

import static net.iotgw.radio.EndToEnd.awaitEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.radio.serial.LinkEvent;
import net.iotgw.radio.serial.ReconnectSettings;
import net.iotgw.radio.spinel.PropertyValue;
import net.iotgw.radio.spinel.SpinelCommand;
import net.iotgw.radio.spinel.SpinelFrame;
import net.iotgw.radio.spinel.SpinelHeader;
import net.iotgw.radio.spinel.SpinelMessage;
import net.iotgw.radio.spinel.SpinelStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What a {@link RadioLink} does with a dongle that answers badly or not at all. */
class RadioLinkTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final RcpConfig CONFIG = new RcpConfig(15, 0xABCD, 0x0200_0000_0000_00AAL, 0);
  private static final RcpSettings QUICK =
      RcpSettings.defaults().withTimeouts(Duration.ofMillis(100), Duration.ofMillis(100));
  private static final ReconnectSettings FAST =
      new ReconnectSettings(Duration.ofMillis(50), Duration.ofMillis(100), 0.0);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** A TCP "dongle" whose Spinel answers are {@code rcp}'s; counts its connections. */
  private static Tcp.ServerBinding serve(
      Flow<SpinelFrame, SpinelFrame, ?> rcp, AtomicInteger connections) throws Exception {
    Flow<ByteString, ByteString, ?> dongle = SpinelFraming.bidi().reversed().join(rcp);
    return Tcp.get(KIT.system())
        .bind("127.0.0.1", 0)
        .toMat(
            Sink.foreach(
                c -> {
                  connections.incrementAndGet();
                  c.handleWith(dongle, KIT.system());
                }),
            Keep.left())
        .run(KIT.system())
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  private static Pair<UniqueKillSwitch, CompletionStage<Done>> run(RadioLink link) {
    return Source.<RadioFrame>never()
        .via(link.flow())
        .viaMat(KillSwitches.single(), Keep.right())
        .toMat(Sink.ignore(), Keep.both())
        .run(KIT.system());
  }

  @Test
  void aDongleThatNeverAnswersHasItsLinkReopened() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    Tcp.ServerBinding silent = serve(Flow.<SpinelFrame>create().filter(f -> false), connections);
    TestProbe<RcpEvent> events = KIT.createTestProbe();
    RadioLink link =
        RadioLink.create(
            LinkAddress.parse("tcp:127.0.0.1:" + silent.localAddress().getPort()),
            CONFIG,
            QUICK,
            FAST,
            events.ref()::tell,
            KIT.system());
    Pair<UniqueKillSwitch, CompletionStage<Done>> running = run(link);
    assertInstanceOf(LinkEvent.Up.class, awaitEvent(events, RcpEvent.Link.class).event());
    // Three unanswered resets, then the session fails and the link is closed and reopened.
    assertInstanceOf(LinkEvent.Down.class, awaitEvent(events, RcpEvent.Link.class).event());
    LinkEvent.Up again = (LinkEvent.Up) awaitEvent(events, RcpEvent.Link.class).event();
    assertEquals(2, again.connection());
    assertEquals(false, running.second().toCompletableFuture().isDone());
    running.first().shutdown();
    silent.unbind();
  }

  @Test
  void anRcpOfAnotherProtocolFailsTheFlowInsteadOfReconnectingForever() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    Flow<SpinelFrame, SpinelFrame, ?> spinel5 =
        Flow.<SpinelFrame>create()
            .mapConcat(
                f -> {
                  if (f.message() instanceof SpinelMessage.Reset) {
                    return List.of(
                        valueIs(
                            SpinelHeader.unsolicited(),
                            new PropertyValue.LastStatus(SpinelStatus.RESET_POWER_ON)));
                  }
                  return List.of(valueIs(f.header(), new PropertyValue.ProtocolVersion(5, 0)));
                });
    Tcp.ServerBinding server = serve(spinel5, connections);
    RadioLink link =
        RadioLink.create(
            LinkAddress.parse("tcp:127.0.0.1:" + server.localAddress().getPort()),
            CONFIG,
            QUICK,
            FAST,
            e -> {},
            KIT.system());
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> run(link).second().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertInstanceOf(RcpConfigurationException.class, e.getCause());
    assertEquals(1, connections.get());
    server.unbind();
  }

  private static SpinelFrame valueIs(SpinelHeader h, PropertyValue v) {
    return new SpinelFrame(h, new SpinelMessage.PropValue(SpinelCommand.PROP_VALUE_IS, v));
  }
}
