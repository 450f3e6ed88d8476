package net.iotgw.streams.dataplane;

import static net.iotgw.streams.esp.EspFixtures.CD_IN;
import static net.iotgw.streams.esp.EspFixtures.CD_OUT;
import static net.iotgw.streams.esp.EspFixtures.UD_PORT;
import static net.iotgw.streams.esp.EspFixtures.esp;
import static net.iotgw.streams.esp.EspFixtures.espInUdp;
import static net.iotgw.streams.esp.EspFixtures.rawEsp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.iotgw.protocols.esp.EspOpenResult;
import net.iotgw.protocols.esp.EspPacket;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.ReplayWindow;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.streams.esp.EspFixtures;
import net.iotgw.streams.esp.EspForwardingTable;
import net.iotgw.streams.esp.EspRoute;
import net.iotgw.streams.esp.IkeDatagram;
import net.iotgw.streams.lowpan.LinkKeyTable;
import net.iotgw.streams.lowpan.LowpanAdaptation;
import net.iotgw.streams.lowpan.LowpanCounters;
import net.iotgw.streams.lowpan.Nodes;
import net.iotgw.streams.lowpan.SecuringCd;
import net.iotgw.streams.ucn.InMemoryPort;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ESP between a UD on the in-memory UCN port and a CD behind the enforcement point, through the
 * whole data plane: IPsec junction, control port, 6LoWPAN adaptation with link security, radio.
 * The CD is built from the protocols codecs ({@link SecuringCd}), admitted with a link key; the
 * ESP packets are real ones, sealed by {@code EspPacket} (the gateway never opens them).
 */
class EspThroughDataPlaneTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Ipv6Address UD = Nodes.UD;

  private final SecuringCd cd = new SecuringCd(Nodes.CD_EUI64, SecuringCd.key(0x11));
  private final Ipv6Address cdAddress = cd.globalAddress();
  private final EspForwardingTable table = new EspForwardingTable();

  {
    table.ikeOffload().offload(cdAddress); // the gateway answers this CD's IKE
  }
  private final BlockingQueue<byte[]> onAir = new LinkedBlockingQueue<>();
  private final BlockingQueue<IkeDatagram> toIkePort = new LinkedBlockingQueue<>();
  private InMemoryPort port;
  private BoundedSourceQueue<byte[]> air;
  private BoundedSourceQueue<IkeDatagram> fromIkePort;
  private DataPlaneGraph.Running running;

  @AfterEach
  void close() {
    port.close();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static Stream<String> bothModes() {
    return Stream.of("tunnel", "transport");
  }

  private EspPayload payload(String mode, Ipv6Address from, Ipv6Address to, int seq) {
    return mode.equals("tunnel") ? EspFixtures.tunnel(from, to, seq) : EspFixtures.transport(seq);
  }

  private void start(Flow<IkeDatagram, IkeDatagram, NotUsed> ikeInbound) {
    port = InMemoryPort.create(kit.system(), "esp0", 1280, 512);
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> radio =
        Source.<byte[]>queue(256).preMaterialize(kit.system());
    Pair<BoundedSourceQueue<IkeDatagram>, Source<IkeDatagram, NotUsed>> control =
        Source.<IkeDatagram>queue(16).preMaterialize(kit.system());
    air = radio.first();
    fromIkePort = control.first();
    LinkKeyTable keys = new LinkKeyTable();
    keys.install(cd.eui64, SecuringCd.key(0x11)); // admitted: enforcement is on
    running =
        DataPlaneGraph.create(
                port,
                LowpanAdaptation.create(
                    Nodes.GATEWAY,
                    keys,
                    Nodes.GATEWAY_RESOLVER,
                    LowpanAdaptation.MONOTONIC_MILLIS,
                    new LowpanCounters()),
                Flow.fromSinkAndSource(Sink.foreach(onAir::add), radio.second()),
                Flow.fromSinkAndSource(Sink.ignore(), Source.never()),
                Flow.fromSinkAndSource(
                    ikeInbound.to(Sink.foreach(toIkePort::add)), control.second()),
                table,
                Nodes.PREFIX,
                Optional.empty(),
                Optional.empty())
            .run(kit.system());
  }

  private void start() {
    start(Flow.of(IkeDatagram.class));
  }

  private void route() {
    table.install(EspRoute.udpEncapsulated(cdAddress, CD_IN, CD_OUT, UD, UD_PORT));
  }

  /** The next packet the CD takes from the gateway's frames. */
  private SecuringCd.Received toCd() throws InterruptedException {
    while (true) {
      byte[] psdu = onAir.poll(5, TimeUnit.SECONDS);
      assertNotNull(psdu, "nothing on the air within 5 s");
      Optional<SecuringCd.Received> r = cd.receive(psdu);
      if (r.isPresent()) {
        return r.get();
      }
    }
  }

  /** The CD sends {@code packet}, secured. */
  private void fromCd(byte[] packet) {
    cd.send(packet, true).forEach(air::offer);
  }

  private byte[] toUcn() throws InterruptedException {
    byte[] p = port.nextSent(Duration.ofSeconds(5));
    assertNotNull(p, "nothing to the UCN within 5 s");
    return p;
  }

  @ParameterizedTest
  @MethodSource("bothModes")
  void espInUdpFromTheUdReachesTheCdAsRawEspByteForByte(String mode) throws Exception {
    start();
    route();
    byte[] esp = esp(CD_IN, 1, payload(mode, UD, cdAddress, 1));
    assertTrue(port.inject(espInUdp(UD, UD_PORT, cdAddress, 4500, esp, 64)));
    SecuringCd.Received r = toCd();
    assertTrue(r.secured(), "secured on the link like all data to an admitted CD");
    assertArrayEquals(rawEsp(UD, cdAddress, 63, esp), r.packet());
    // And the CD, holding the keys the gateway never used, opens it.
    byte[] received = Arrays.copyOfRange(r.packet(), 40, r.packet().length);
    EspOpenResult.Accepted opened =
        assertInstanceOf(
            EspOpenResult.Accepted.class,
            EspPacket.open(EspFixtures.sa(CD_IN), new ReplayWindow(), received));
    assertEquals(payload(mode, UD, cdAddress, 1), opened.payload());
    assertEquals(1, running.esp().forwardedToCds());
  }

  @ParameterizedTest
  @MethodSource("bothModes")
  void rawEspFromTheCdLeavesAsUdp4500ToTheUdWithAValidChecksum(String mode) throws Exception {
    start();
    route();
    byte[] esp = esp(CD_OUT, 1, payload(mode, cdAddress, UD, 1));
    fromCd(rawEsp(cdAddress, UD, 64, esp));
    byte[] out = toUcn();
    assertArrayEquals(EspFixtures.udp(cdAddress, 4500, UD, UD_PORT, 63, esp), out);
    assertArrayEquals(esp, UdpCodec.decode(Ipv6Codec.decode(out).orThrow()).orThrow().payload());
    assertEquals(1, table.forDownlink(CD_IN).orElseThrow().counters().uplinkPackets());
  }

  @Test
  void espForAnUnknownSpiIsDroppedAndCountedEitherWayNothingLeaks() throws Exception {
    start();
    route();
    byte[] unknown = esp(0x0bad_0001, 1, EspFixtures.transport(1));
    assertTrue(port.inject(espInUdp(UD, UD_PORT, cdAddress, 4500, unknown, 64)));
    fromCd(rawEsp(cdAddress, UD, 64, unknown));
    // Known ESP after each: the stages keep order, so the unknown ones were decided first.
    byte[] down = esp(CD_IN, 1, EspFixtures.transport(1));
    assertTrue(port.inject(espInUdp(UD, UD_PORT, cdAddress, 4500, down, 64)));
    assertArrayEquals(rawEsp(UD, cdAddress, 63, down), toCd().packet());
    byte[] up = esp(CD_OUT, 1, EspFixtures.transport(2));
    fromCd(rawEsp(cdAddress, UD, 64, up));
    assertArrayEquals(EspFixtures.udp(cdAddress, 4500, UD, UD_PORT, 63, up), toUcn());
    assertEquals(2, running.esp().espNoRoute());
    assertNull(port.nextSent(Duration.ofMillis(100)));
    assertTrue(onAir.isEmpty());
  }

  @Test
  void keepalivesStopAtTheGateway_rfc3948Section2_3() throws Exception {
    start();
    route();
    assertTrue(port.inject(espInUdp(UD, UD_PORT, cdAddress, 4500, new byte[] {(byte) 0xff}, 64)));
    byte[] down = esp(CD_IN, 1, EspFixtures.transport(1));
    assertTrue(port.inject(espInUdp(UD, UD_PORT, cdAddress, 4500, down, 64)));
    assertArrayEquals(rawEsp(UD, cdAddress, 63, down), toCd().packet(), "the first to the CD");
    assertEquals(1, running.esp().keepalives());
  }

  @Test
  void ikeOn500And4500ReachesTheIkePortAndItsAnswersLeaveToTheUd() throws Exception {
    start();
    byte[] init = EspFixtures.ikeMessage(1);
    byte[] auth = EspFixtures.ikeMessage(2);
    assertTrue(port.inject(espInUdp(UD, 500, cdAddress, 500, init, 64)));
    assertTrue(port.inject(espInUdp(UD, UD_PORT, cdAddress, 4500, EspFixtures.marked(auth), 64)));
    assertEquals(new IkeDatagram(UD, 500, cdAddress, 500, init), poll(toIkePort));
    assertEquals(new IkeDatagram(UD, UD_PORT, cdAddress, 4500, auth), poll(toIkePort));

    byte[] response = EspFixtures.ikeMessage(3);
    fromIkePort.offer(new IkeDatagram(UD, 500, cdAddress, 500, response));
    fromIkePort.offer(new IkeDatagram(UD, UD_PORT, cdAddress, 4500, response));
    assertArrayEquals(EspFixtures.udp(cdAddress, 500, UD, 500, 64, response), toUcn());
    assertArrayEquals(
        EspFixtures.udp(cdAddress, 4500, UD, UD_PORT, 64, EspFixtures.marked(response)),
        toUcn());
    assertTrue(onAir.isEmpty(), "IKE never goes on the air");
    assertEquals(2, running.ikePort().toControlPlane());
    assertEquals(2, running.ikePort().fromControlPlane());
  }

  @Test
  void ikeAndEspOfACdWithoutAnIkeProfileCrossTheDataPlaneAsItsOwnSecuredTraffic()
      throws Exception {
    table.ikeOffload().release(cdAddress); // admitted, but it runs IKEv2 itself
    start();
    byte[] init = espInUdp(UD, 500, cdAddress, 500, EspFixtures.ikeMessage(1), 64);
    assertTrue(port.inject(init));
    SecuringCd.Received r = toCd();
    assertTrue(r.secured(), "data to an admitted CD, secured on the link");
    assertArrayEquals(init, r.packet());

    byte[] esp = rawEsp(cdAddress, UD, 64, esp(CD_OUT, 1, EspFixtures.transport(1)));
    fromCd(esp);
    assertArrayEquals(esp, toUcn(), "the CD's own ESP leaves unchanged, without a route");
    assertTrue(toIkePort.isEmpty(), "the gateway does not answer this CD's IKE");
    assertEquals(1, running.esp().passedToCds());
    assertEquals(1, running.esp().passedToUds());
    assertEquals(0, running.esp().espNoRoute());
  }

  @Test
  void aRemovedRouteStopsForwardingBothWays() throws Exception {
    start();
    route();
    byte[] sealed = esp(CD_IN, 1, EspFixtures.transport(1));
    byte[] down = espInUdp(UD, UD_PORT, cdAddress, 4500, sealed, 64);
    byte[] up = rawEsp(cdAddress, UD, 64, esp(CD_OUT, 1, EspFixtures.transport(2)));
    assertTrue(port.inject(down));
    assertEquals(50, toCd().packet()[6]);
    fromCd(up);
    assertEquals(17, toUcn()[6]);

    table.remove(CD_IN);
    assertTrue(port.inject(down));
    fromCd(up);
    // An echo each way after them: once it is through, the ESP before it was decided.
    byte[] ping =
        Ipv6Codec.encode(Ipv6Packets.icmpEchoRequest(UD, cdAddress, 1, 1, new byte[8], 64));
    assertTrue(port.inject(ping));
    assertArrayEquals(ping, toCd().packet());
    byte[] pong =
        Ipv6Codec.encode(Ipv6Packets.icmpEchoReply(cdAddress, UD, 1, 1, new byte[8], 64));
    fromCd(pong);
    assertArrayEquals(pong, toUcn());
    assertEquals(2, running.esp().espNoRoute());
    assertEquals(1, running.esp().forwardedToCds());
    assertEquals(1, running.esp().forwardedToUds());
  }

  @Test
  void aStuckIkeControlPlaneDoesNotStopEsp() throws Exception {
    start(Flow.of(IkeDatagram.class).mapAsync(1, d -> new CompletableFuture<IkeDatagram>()));
    route();
    for (int i = 0; i < 3 * IpsecJunction.QUEUE; i++) {
      assertTrue(port.inject(espInUdp(UD, 500, cdAddress, 500, EspFixtures.ikeMessage(i), 64)));
    }
    byte[] down = esp(CD_IN, 1, EspFixtures.transport(1));
    assertTrue(port.inject(espInUdp(UD, UD_PORT, cdAddress, 4500, down, 64)));
    assertArrayEquals(rawEsp(UD, cdAddress, 63, down), toCd().packet());
    byte[] up = esp(CD_OUT, 1, EspFixtures.transport(2));
    fromCd(rawEsp(cdAddress, UD, 64, up));
    assertArrayEquals(EspFixtures.udp(cdAddress, 4500, UD, UD_PORT, 63, up), toUcn());
    assertTrue(running.ikePort().droppedControlPlaneBusy() > 0, running.ikePort().toString());
  }

  private static <T> T poll(BlockingQueue<T> q) throws InterruptedException {
    T t = q.poll(5, TimeUnit.SECONDS);
    assertNotNull(t, "nothing within 5 s");
    return t;
  }
}
