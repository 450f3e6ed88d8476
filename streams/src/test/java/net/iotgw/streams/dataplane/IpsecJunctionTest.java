package net.iotgw.streams.dataplane;

import static net.iotgw.streams.esp.EspFixtures.CD_IN;
import static net.iotgw.streams.esp.EspFixtures.CD_OUT;
import static net.iotgw.streams.esp.EspFixtures.UD_PORT;
import static net.iotgw.streams.esp.EspFixtures.esp;
import static net.iotgw.streams.esp.EspFixtures.espInUdp;
import static net.iotgw.streams.esp.EspFixtures.rawEsp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.streams.esp.EspCounters;
import net.iotgw.streams.esp.EspDrop;
import net.iotgw.streams.esp.EspFixtures;
import net.iotgw.streams.esp.EspForwarder;
import net.iotgw.streams.esp.EspForwardingTable;
import net.iotgw.streams.esp.EspRoute;
import net.iotgw.streams.esp.IkeDatagram;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The IPsec junction between the UCN port and the control port, with all four ends in hand. */
class IpsecJunctionTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Ipv6Prefix PREFIX = Ipv6Prefix.of("2001:db8:cd::/64");
  static final Ipv6Address CD = Ipv6Address.of("2001:db8:cd::212:4b00:a0b:c0d");
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::a");
  static final int UCN_QUEUE = 1024;

  private final EspForwardingTable table = new EspForwardingTable();

  {
    table.ikeOffload().offload(CD); // the gateway answers this CD's IKE
  }
  private final EspCounters esp = new EspCounters();
  private final IkePortCounters ike = new IkePortCounters();
  private final BlockingQueue<byte[]> toUcn = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> toRadio = new LinkedBlockingQueue<>();
  private final BlockingQueue<IkeDatagram> toIkePort = new LinkedBlockingQueue<>();
  private BoundedSourceQueue<byte[]> fromUcn;
  private BoundedSourceQueue<byte[]> fromRadio;
  private BoundedSourceQueue<IkeDatagram> fromIkePort;

  @AfterEach
  void close() {
    if (fromUcn != null) {
      fromUcn.complete();
    }
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /**
   * The junction with an IKE control plane whose inbound side is {@code ikeInbound} and a radio
   * side that takes packets through {@code radioInbound}.
   */
  private void start(
      Flow<IkeDatagram, IkeDatagram, NotUsed> ikeInbound,
      Flow<byte[], byte[], NotUsed> radioInbound) {
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> radio =
        Source.<byte[]>queue(256).preMaterialize(kit.system());
    Pair<BoundedSourceQueue<IkeDatagram>, Source<IkeDatagram, NotUsed>> control =
        Source.<IkeDatagram>queue(16).preMaterialize(kit.system());
    fromRadio = radio.first();
    fromIkePort = control.first();
    Flow<IkeDatagram, IkeDatagram, NotUsed> ikePort =
        Flow.fromSinkAndSource(ikeInbound.to(Sink.foreach(toIkePort::add)), control.second());
    Flow<byte[], byte[], NotUsed> below =
        Flow.fromSinkAndSource(radioInbound.to(Sink.foreach(toRadio::add)), radio.second());
    // The UCN side's queue in the same fused graph, no asynchronous boundary (and its buffer)
    // between it and the junction: what it hands on is what the junction's stages hold.
    fromUcn =
        Source.<byte[]>queue(UCN_QUEUE)
            .via(
                IpsecJunction.junction(ikePort, new EspForwarder(table, PREFIX, esp), ike)
                    .join(below))
            .toMat(Sink.foreach(toUcn::add), Keep.left())
            .run(kit.system());
  }

  private void start() {
    start(Flow.of(IkeDatagram.class), Flow.of(byte[].class));
  }

  private static <T> T poll(BlockingQueue<T> q) throws InterruptedException {
    T p = q.poll(5, TimeUnit.SECONDS);
    assertNotNull(p, "nothing within 5 s");
    return p;
  }

  private void route() {
    table.install(EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, UD_PORT));
  }

  @Test
  void ikeOn500And4500ReachesTheIkePortAndItsAnswersLeaveEncodedFromTheCd() throws Exception {
    start();
    byte[] init = EspFixtures.ikeMessage(1);
    byte[] auth = EspFixtures.ikeMessage(2);
    fromUcn.offer(espInUdp(UD, 500, CD, 500, init, 64));
    fromUcn.offer(espInUdp(UD, UD_PORT, CD, 4500, EspFixtures.marked(auth), 64));
    assertEquals(new IkeDatagram(UD, 500, CD, 500, init), poll(toIkePort));
    assertEquals(new IkeDatagram(UD, UD_PORT, CD, 4500, auth), poll(toIkePort));

    byte[] initResponse = EspFixtures.ikeMessage(3);
    byte[] authResponse = EspFixtures.ikeMessage(4);
    fromIkePort.offer(new IkeDatagram(UD, 500, CD, 500, initResponse));
    fromIkePort.offer(new IkeDatagram(UD, UD_PORT, CD, 4500, authResponse));
    assertArrayEquals(EspFixtures.udp(CD, 500, UD, 500, 64, initResponse), poll(toUcn));
    assertArrayEquals(
        EspFixtures.udp(CD, 4500, UD, UD_PORT, 64, EspFixtures.marked(authResponse)),
        poll(toUcn),
        "the non-ESP marker on 4500 (RFC 3948 §2.2)");
    assertTrue(toRadio.isEmpty(), "IKE never goes to the CDs");
    assertEquals(2, ike.toControlPlane());
    assertEquals(2, ike.fromControlPlane());
  }

  @Test
  void espCrossesBothWaysKeepalivesAndUnknownSpisStopHere() throws Exception {
    start();
    route();
    byte[] unknown = esp(0x0bad_0001, 1, EspFixtures.transport(1));
    fromUcn.offer(espInUdp(UD, UD_PORT, CD, 4500, new byte[] {(byte) 0xff}, 64));
    fromUcn.offer(espInUdp(UD, UD_PORT, CD, 4500, unknown, 64));
    byte[] down = esp(CD_IN, 1, EspFixtures.tunnel(UD, CD, 1));
    fromUcn.offer(espInUdp(UD, UD_PORT, CD, 4500, down, 64));
    assertArrayEquals(rawEsp(UD, CD, 63, down), poll(toRadio));

    fromRadio.offer(rawEsp(CD, UD, 64, unknown));
    byte[] up = esp(CD_OUT, 1, EspFixtures.tunnel(CD, UD, 1));
    fromRadio.offer(rawEsp(CD, UD, 64, up));
    assertArrayEquals(EspFixtures.udp(CD, 4500, UD, UD_PORT, 63, up), poll(toUcn));
    // The stages keep order: what was sent before those two has been decided.
    assertTrue(toRadio.isEmpty() && toUcn.isEmpty() && toIkePort.isEmpty());
    assertEquals(1, esp.keepalives());
    assertEquals(2, esp.espNoRoute());
    assertEquals(1, esp.forwardedToCds());
    assertEquals(1, esp.forwardedToUds());
  }

  @Test
  void aStuckIkeControlPlaneCostsIkeMessagesNeverEsp_rfc7296Section2_1() throws Exception {
    // The control plane takes one message and never answers its ask.
    start(
        Flow.of(IkeDatagram.class).mapAsync(1, d -> new CompletableFuture<IkeDatagram>()),
        Flow.of(byte[].class));
    route();
    int burst = 5 * IpsecJunction.QUEUE;
    for (int i = 0; i < burst; i++) {
      byte[] init = espInUdp(UD, 500, CD, 500, EspFixtures.ikeMessage(i), 64);
      assertEquals(QueueOfferResult.enqueued(), fromUcn.offer(init));
    }
    byte[] down = esp(CD_IN, 1, EspFixtures.transport(1));
    byte[] espInUdp = espInUdp(UD, UD_PORT, CD, 4500, down, 64);
    assertEquals(QueueOfferResult.enqueued(), fromUcn.offer(espInUdp));
    assertArrayEquals(rawEsp(UD, CD, 63, down), poll(toRadio), "ESP is not held up behind IKE");
    // As for PANA: at most one batch of the queue waits, one is handed on, one ask is open.
    long dropped = ike.droppedControlPlaneBusy();
    assertTrue(dropped >= burst - 2 * IpsecJunction.QUEUE - 1, ike.toString());
    assertTrue(dropped + ike.toControlPlane() <= burst, ike.toString());
    assertEquals(0, esp.espNoRoute());
  }

  @Test
  void aBurstOf10000EspPacketsWaitsInNoQueueOfTheJunction() throws Exception {
    // The radio side takes one packet and then nothing until the gate opens.
    CompletableFuture<Void> gate = new CompletableFuture<>();
    start(
        Flow.of(IkeDatagram.class),
        Flow.of(byte[].class).mapAsync(1, p -> gate.thenApply(v -> p)));
    route();
    int accepted = 0;
    for (int seq = 1; seq <= 10_000; seq++) {
      byte[] sealed = esp(CD_IN, seq, EspFixtures.transport(seq));
      byte[] packet = espInUdp(UD, UD_PORT, CD, 4500, sealed, 64);
      if (fromUcn.offer(packet) == QueueOfferResult.enqueued()) {
        accepted++;
      }
    }
    // Everything beyond the UCN side's own bounded queue (the kernel's TUN queue in production)
    // was refused there: the junction pulled only what its stages hold, a handful.
    assertTrue(accepted >= UCN_QUEUE, accepted + " accepted");
    assertTrue(accepted <= UCN_QUEUE + 8, accepted + " accepted");
    gate.complete(null);
    for (int i = 0; i < accepted; i++) {
      byte[] out = poll(toRadio);
      assertEquals(50, out[6], "raw ESP to the CD");
    }
    assertEquals(accepted, esp.forwardedToCds());
    assertEquals(accepted, table.forDownlink(CD_IN).orElseThrow().counters().downlinkPackets());
    assertEquals(0, esp.espNoRoute() + esp.dropped(EspDrop.MALFORMED));
  }
}
