package net.iotgw.streams.ucn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.iotgw.streams.pcap.LinkType;
import net.iotgw.streams.pcap.PcapTap;
import net.iotgw.streams.pcap.PcapWriter;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class InMemoryPortTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final byte[] HOST = TestPackets.address("2001:db8::1");
  private static final byte[] CD = TestPackets.address("2001:db8:cd::2");

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static InMemoryPort port(int capacity) {
    return InMemoryPort.create(testKit.system(), "mem0", 1280, capacity);
  }

  private static byte[] request(int sequence) {
    return TestPackets.echo(TestPackets.ECHO_REQUEST, HOST, CD, 7, sequence, new byte[8]);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void closesTheTopOfABidiStackAndCarriesBothWays() throws Exception {
    InMemoryPort port = port(16);
    // A stand-in data plane: the UCN pcap tap over a "CD" that answers every echo request.
    PcapWriter pcap =
        PcapWriter.to(new java.io.ByteArrayOutputStream(), LinkType.IPV6, 65535,
            java.time.Clock.systemUTC());
    Flow<byte[], byte[], NotUsed> cd = Flow.<byte[]>create().map(TestPackets::replyTo);
    Pair<CompletionStage<Done>, CompletionStage<PcapTap.Summary>> stopped =
        port.flow().joinMat(PcapTap.bidi(pcap), Keep.both()).join(cd).run(testKit.system());

    for (int i = 0; i < 3; i++) {
      assertTrue(port.inject(request(i)));
    }
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(TestPackets.replyTo(request(i)), port.nextSent(WAIT));
    }
    port.close();
    await(stopped.first());
    assertEquals(new PcapTap.Summary(6, 0), await(stopped.second()));
    assertEquals(new UcnCounters(3, 0, 3, 0), port.counters());
  }

  @Test
  void injectingIntoAFullQueueDropsAndCountsInsteadOfGrowing() {
    InMemoryPort port = port(4);

    for (int i = 0; i < 4; i++) {
      assertTrue(port.inject(request(i)));
    }
    assertFalse(port.inject(request(4)));

    assertEquals(new UcnCounters(4, 1, 0, 0), port.counters());
  }

  @Test
  void sendingToAHostThatDoesNotTakeDropsAndCountsAndNeverWaits() throws Exception {
    InMemoryPort port = port(4);

    CompletionStage<Done> stopped =
        Source.from(List.of(request(0), request(1), request(2), request(3), request(4), request(5)))
            .viaMat(port.flow(), Keep.right())
            .to(Sink.ignore())
            .run(testKit.system());
    port.close();
    await(stopped);

    assertEquals(new UcnCounters(0, 0, 4, 2), port.counters());
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(request(i), port.nextSent(Duration.ZERO));
    }
    assertNull(port.nextSent(Duration.ZERO));
  }

  @Test
  void theLinkCarriesOnlyIpv6UpToItsMtuInEitherDirection_rfc8200() throws Exception {
    InMemoryPort port = port(16);
    byte[] ipv4 = new byte[40];
    ipv4[0] = 0x45;
    byte[] shorterThanAHeader = {0x60, 0, 0, 0};
    byte[] overMtu = TestPackets.echo(TestPackets.ECHO_REQUEST, HOST, CD, 1, 1, new byte[1280]);
    byte[] atMtu = TestPackets.echo(TestPackets.ECHO_REQUEST, HOST, CD, 1, 1, new byte[1280 - 48]);

    assertFalse(port.inject(ipv4));
    assertFalse(port.inject(shorterThanAHeader));
    assertFalse(port.inject(overMtu));
    assertTrue(port.inject(atMtu));
    CompletionStage<Done> stopped =
        Source.from(List.of(ipv4, shorterThanAHeader, overMtu, atMtu))
            .viaMat(port.flow(), Keep.right())
            .to(Sink.ignore())
            .run(testKit.system());
    port.close();
    await(stopped);

    assertEquals(new UcnCounters(1, 3, 1, 3), port.counters());
    assertArrayEquals(atMtu, port.nextSent(Duration.ZERO));
  }

  @Test
  void aSecondMaterializationFailsWithoutDisturbingTheFirst() throws Exception {
    InMemoryPort port = port(16);
    // Materialization is asynchronous: which run claims the port is up to the scheduler, so the
    // test asserts that exactly one fails and the other carries traffic, whichever it is.
    Pair<CompletionStage<Done>, CompletionStage<List<byte[]>>> a =
        Source.<byte[]>never().viaMat(port.flow(), Keep.right())
            .toMat(Sink.seq(), Keep.both()).run(testKit.system());
    Pair<CompletionStage<Done>, CompletionStage<List<byte[]>>> b =
        Source.<byte[]>never().viaMat(port.flow(), Keep.right())
            .toMat(Sink.seq(), Keep.both()).run(testKit.system());

    CompletableFuture<Object> firstToEnd =
        CompletableFuture.anyOf(a.first().toCompletableFuture(), b.first().toCompletableFuture());
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(firstToEnd));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    Pair<CompletionStage<Done>, CompletionStage<List<byte[]>>> owner =
        a.first().toCompletableFuture().isCompletedExceptionally() ? b : a;
    assertTrue(port.inject(request(1)));
    port.close();
    assertEquals(1, await(owner.second()).size());
    await(owner.first());
  }


  @Test
  void packetsInjectedLongBeforeTheFlowRunsAreStillDelivered() throws Exception {
    ActorTestKit impatient =
        ActorTestKit.create(
            ConfigFactory.parseString(
                    "pekko.stream.materializer.subscription-timeout.timeout = 100ms")
                .withFallback(ConfigFactory.load()));
    try {
      InMemoryPort port = InMemoryPort.create(impatient.system(), "mem1", 1280, 4);
      assertTrue(port.inject(request(0)));
      Thread.sleep(500); // well past the stream subscription timeout

      CompletionStage<List<byte[]>> received =
          Source.<byte[]>never().via(port.flow()).take(2).runWith(Sink.seq(), impatient.system());
      assertTrue(port.inject(request(1)));

      List<byte[]> packets = await(received);
      assertArrayEquals(request(0), packets.get(0));
      assertArrayEquals(request(1), packets.get(1));
    } finally {
      impatient.shutdownTestKit();
    }
  }
}
