package net.iotgw.streams.dataplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.streams.dataplane.PacketClassifier.Route;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control port between the UCN port and the adaptation, with all four ends in hand. */
class ControlPortTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Ipv6Address CD_LL = Ipv6Address.of("fe80::212:4b00:a0b:c0d");
  static final Ipv6Address GW_LL = Ipv6Address.of("fe80::212:4b00:102:304");
  static final Ipv6Address CD = Ipv6Address.of("2001:db8:cd::212:4b00:a0b:c0d");
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::a");

  private final ControlPortCounters counters = new ControlPortCounters();
  private final BlockingQueue<byte[]> toUcn = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> toRadio = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> toControlPlane = new LinkedBlockingQueue<>();
  private BoundedSourceQueue<byte[]> fromUcn;
  private BoundedSourceQueue<byte[]> fromRadio;
  private BoundedSourceQueue<byte[]> fromControlPlane;

  @AfterEach
  void close() {
    if (fromUcn != null) {
      fromUcn.complete(); // the UCN port closing ends the junction; the test kit ends the rest
    }
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static byte[] pana(Ipv6Address src, Ipv6Address dst, int srcPort, int dstPort) {
    return Ipv6Codec.encode(Ipv6Packets.udp(src, dst, srcPort, dstPort, new byte[20], 255));
  }

  static byte[] data(Ipv6Address src, Ipv6Address dst, int seq) {
    return Ipv6Codec.encode(Ipv6Packets.icmpEchoRequest(src, dst, 1, seq, new byte[8], 64));
  }

  /** The junction with a control plane whose inbound side is {@code controlSink}. */
  private void start(Flow<byte[], byte[], NotUsed> controlInbound) {
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> ucn = queue(256);
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> radio = queue(1024);
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> control = queue(16);
    fromUcn = ucn.first();
    fromRadio = radio.first();
    fromControlPlane = control.first();
    Flow<byte[], byte[], NotUsed> panaPort =
        Flow.fromSinkAndSource(
            controlInbound.to(Sink.foreach(toControlPlane::add)), control.second());
    Flow<byte[], byte[], NotUsed> below =
        Flow.fromSinkAndSource(Sink.foreach(toRadio::add), radio.second());
    ucn.second()
        .via(ControlPort.junction(panaPort, counters).join(below))
        .runWith(Sink.foreach(toUcn::add), kit.system());
  }

  private static Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> queue(int n) {
    return Source.<byte[]>queue(n).preMaterialize(kit.system());
  }

  private static byte[] poll(BlockingQueue<byte[]> q) throws InterruptedException {
    byte[] p = q.poll(5, TimeUnit.SECONDS);
    assertNotNull(p, "nothing within 5 s");
    return p;
  }

  @Test
  void classifierSendsPanaToTheControlPlaneAndEverythingElseToTheUcn() {
    assertEquals(Route.CONTROL_PLANE, PacketClassifier.fromRadio(pana(CD_LL, GW_LL, 716, 716)));
    assertEquals(Route.CONTROL_PLANE, PacketClassifier.fromRadio(pana(CD_LL, GW_LL, 5000, 716)));
    assertEquals(Route.UCN, PacketClassifier.fromRadio(pana(CD, UD, 5683, 5683)));
    assertEquals(Route.UCN, PacketClassifier.fromRadio(data(CD, UD, 1)));
    assertEquals(Route.UCN, PacketClassifier.fromRadio(new byte[3]));
    assertEquals(Route.RADIO, PacketClassifier.fromUcn(data(UD, CD, 1)));
    assertEquals(Route.DROP, PacketClassifier.fromUcn(pana(UD, CD, 716, 5683)));
  }

  @Test
  void panaFromTheRadioReachesTheControlPlaneOnlyAndItsAnswerGoesToTheRadio() throws Exception {
    start(Flow.of(byte[].class));
    byte[] pci = pana(CD_LL, GW_LL, 716, 716);
    byte[] echo = data(CD, UD, 1);
    fromRadio.offer(pci);
    fromRadio.offer(echo);
    assertArrayEquals(pci, poll(toControlPlane));
    assertArrayEquals(echo, poll(toUcn));

    byte[] par = pana(GW_LL, CD_LL, 716, 716);
    fromControlPlane.offer(par);
    assertArrayEquals(par, poll(toRadio));
    byte[] fromUd = data(UD, CD, 2);
    fromUcn.offer(fromUd);
    assertArrayEquals(fromUd, poll(toRadio));
    assertTrue(toUcn.isEmpty() && toControlPlane.isEmpty());
    assertEquals(1, counters.toControlPlane());
    assertEquals(1, counters.fromControlPlane());
  }

  @Test
  void panaFromTheUcnIsDroppedOnlyTheControlPlaneSpeaksPanaToCds() throws Exception {
    start(Flow.of(byte[].class));
    fromUcn.offer(pana(UD, CD, 716, 716));
    fromUcn.offer(pana(UD, CD, 40000, 716));
    byte[] fromUd = data(UD, CD, 3);
    fromUcn.offer(fromUd);
    assertArrayEquals(fromUd, poll(toRadio));
    assertTrue(toRadio.isEmpty());
    assertEquals(2, counters.droppedPanaFromUcn());
  }

  @Test
  void aStuckControlPlaneCostsPanaPacketsNeverTheDataTraffic_rfc5191Section9() throws Exception {
    // The control plane takes one packet and never answers its ask.
    start(Flow.of(byte[].class).mapAsync(1, p -> new CompletableFuture<byte[]>()));
    int burst = 5 * ControlPort.QUEUE;
    for (int i = 0; i < burst; i++) {
      assertEquals(QueueOfferResult.enqueued(), fromRadio.offer(pana(CD_LL, GW_LL, 716, 716)));
    }
    byte[] echo = data(CD, UD, 4);
    assertEquals(QueueOfferResult.enqueued(), fromRadio.offer(echo));
    assertArrayEquals(echo, poll(toUcn), "data traffic is not held up behind PANA");
    // Every PANA packet before the echo has been decided: at most one batch of the queue waits,
    // one is being handed on and one ask is open; the rest were dropped and counted.
    long dropped = counters.droppedControlPlaneBusy();
    assertTrue(dropped >= burst - 2 * ControlPort.QUEUE - 1, counters.toString());
    assertTrue(dropped + counters.toControlPlane() <= burst, counters.toString());
  }
}
